"""How the transcript table draws and edits its cells.

Times are edited in a spin box of seconds; the text of the line being played
is drawn with the spoken word marked (the model's ``WORD_SPAN_ROLE``).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QDoubleSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from stenodesk.ui.transcript_model import WORD_SPAN_ROLE, TranscriptModel

Index = QModelIndex | QPersistentModelIndex
WORD_MARK = "#ffb300"


def marked_html(text: str, span: tuple[int, int]) -> str:
    """``text`` as HTML with characters ``span`` marked (clamped to the text)."""
    begin, end = max(0, span[0]), min(len(text), span[1])
    if begin >= end:
        return escape(text)
    word = escape(text[begin:end])
    mark = f'<span style="background-color:{WORD_MARK}; font-weight:600">{word}</span>'
    return escape(text[:begin]) + mark + escape(text[end:])


class TranscriptDelegate(QStyledItemDelegate):
    """Spin boxes for times; the spoken word marked in the playing line."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if index.column() in (TranscriptModel.START, TranscriptModel.END):
            box = QDoubleSpinBox(parent)
            box.setDecimals(2)
            box.setRange(0.0, 24 * 3600.0)
            box.setSingleStep(0.1)
            box.setSuffix(" s")
            box.setAccelerated(True)
            return box
        return super().createEditor(parent, option, index)

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        # Beside the first line of a wrapped text, like the times.
        option.decorationAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        span = index.data(WORD_SPAN_ROLE)
        if span is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(0)
        doc.setTextWidth(rect.width())
        doc.setHtml(marked_html(text, tuple(span)))
        painter.save()
        painter.translate(rect.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(
            QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.Text)
        )
        context.clip = QRectF(0, 0, rect.width(), rect.height())
        doc.documentLayout().draw(painter, context)
        painter.restore()
