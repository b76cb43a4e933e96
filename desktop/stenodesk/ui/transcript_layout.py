"""The transcript table: Space plays, column widths, row heights.

Rows wrap their text, so their heights follow the text column's width and
each edit; while lines arrive at the bottom the table follows them.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from stenodesk.ui.transcript_model import TranscriptModel, time_font


class TranscriptTable(QTableView):
    """The line table; Space plays or pauses instead of selecting."""

    play_pause_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self.state() != QAbstractItemView.State.EditingState:
            self.play_pause_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class _RowHeights(QObject):
    def __init__(self, table: QTableView, model: TranscriptModel) -> None:
        super().__init__(table)
        self._table = table
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(table.resizeRowsToContents)
        model.rowsInserted.connect(self._on_model_rows_inserted)
        model.modelReset.connect(table.resizeRowsToContents)
        model.dataChanged.connect(self._on_model_data_changed)
        # Many lines' text at once (replace all): measured all together, once.
        model.texts_changed.connect(self._timer.start)
        table.horizontalHeader().sectionResized.connect(self._on_header_section_resized)

    @Slot(QModelIndex, int, int)
    def _on_model_rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        bar = self._table.verticalScrollBar()
        bottom = bar.value() >= bar.maximum() - 4
        for row in range(first, last + 1):
            self._table.resizeRowToContents(row)
        if bottom:
            self._table.scrollToBottom()  # follow the text while it arrives

    @Slot(QModelIndex, QModelIndex)
    def _on_model_data_changed(self, top: QModelIndex, bottom: QModelIndex) -> None:
        if bottom.row() - top.row() < 3:
            for row in range(top.row(), bottom.row() + 1):
                self._table.resizeRowToContents(row)

    @Slot(int, int, int)
    def _on_header_section_resized(self, section: int, _old: int, _new: int) -> None:
        if section == TranscriptModel.TEXT:
            self._timer.start()


def setup_columns(table: QTableView, model: TranscriptModel) -> None:
    """Fixed time columns, a speaker column sized to its names, the text stretched."""
    table.setWordWrap(True)
    table.setShowGrid(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    # Fixed, wide enough for "0:00:00.0": measuring every row would cost more with each line.
    width = QFontMetrics(time_font()).horizontalAdvance("0:00:00.0") + 24
    for column in (TranscriptModel.START, TranscriptModel.END):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, width)
    header.setSectionResizeMode(TranscriptModel.SPEAKER, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(TranscriptModel.SPEAKER, 120)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(TranscriptModel.TEXT, QHeaderView.ResizeMode.Stretch)
    _RowHeights(table, model)
