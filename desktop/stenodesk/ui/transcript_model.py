"""A job's transcript: segments that arrive one by one and can be corrected.

:class:`TranscriptDocument` holds one job's segments and its undo stack;
:class:`TranscriptModel` shows whichever document is selected as a table
(time, text) whose text column is editable. Each edit is an undoable command
and is reported, so it is saved with the job.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QFontDatabase, QUndoCommand, QUndoStack

from stenodesk.core.editing.edit import Edit, single
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Segment, Transcript, TranscriptInfo
from stenodesk.ui.format import stamp

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

SEGMENT_START_ROLE = Qt.ItemDataRole.UserRole + 1

EditSink = Callable[[str, Edit], None]
"""Receives (job id, edit) for every applied edit: undo sends the inverse edit."""


class TranscriptDocument(QObject):
    """One job's segments, in order, with an undo stack for corrections.

    Signals:
        segment_appended(int): a row was added at the end.
        segment_changed(int): the text of a row changed.
        reset(): the segments were replaced (a retry started over).
    """

    segment_appended = Signal(int)
    segment_changed = Signal(int)
    reset = Signal()

    def __init__(
        self,
        job_id: str,
        source: Path,
        on_edit: EditSink | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.job_id = job_id
        self.source = source
        self.info: TranscriptInfo | None = None
        self.undo_stack = QUndoStack(self)
        self._segments: list[Segment] = []
        self._on_edit = on_edit

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(self._segments)

    def __len__(self) -> int:
        return len(self._segments)

    def segment(self, row: int) -> Segment:
        return self._segments[row]

    def append(self, segment: Segment) -> None:
        self._segments.append(segment)
        self.segment_appended.emit(len(self._segments) - 1)

    def put(self, segment: Segment) -> None:
        """Append a new segment, or revise the one with its index.

        The engine revises a segment it reported before when the loop guard
        counts repeats into it; its text stays as shown (perhaps corrected).
        """
        for row in range(len(self._segments) - 1, -1, -1):
            old = self._segments[row]
            if old.index == segment.index:
                self._segments[row] = segment.with_text(old.text)
                self.segment_changed.emit(row)
                return
            if old.index < segment.index:
                break
        self.append(segment)

    def replace_all(self, segments: tuple[Segment, ...]) -> None:
        self._segments = list(segments)
        self.undo_stack.clear()
        self.reset.emit()

    def truncate(self, keep: int) -> None:
        """Drop segments from index ``keep`` on (a resumed job produces them again)."""
        kept = tuple(s for s in self._segments if s.index < keep)
        if len(kept) != len(self._segments):
            self.replace_all(kept)

    def edit(self, row: int, text: str) -> bool:
        """Change a segment's text as one undoable step; False if nothing changes."""
        if not 0 <= row < len(self._segments) or text == self._segments[row].text:
            return False
        self.undo_stack.push(_EditCommand(self, row, self._segments[row].text, text))
        return True

    def _set_text(self, row: int, text: str) -> None:
        old = self._segments[row]
        segment = old.with_text(text)
        self._segments[row] = segment
        self.segment_changed.emit(row)
        if self._on_edit is not None:
            self._on_edit(self.job_id, single("Edit line {line}", row, (old,), (segment,)))

    def transcript(self, options: TranscribeOptions) -> Transcript:
        """The transcript with every correction, for export (partial ones too)."""
        info = self.info or TranscriptInfo(
            language=options.language or "en",
            language_probability=0.0,
            duration=self._segments[-1].end if self._segments else 0.0,
            model=options.model,
            device="",
            compute_type="",
            task=options.task,
        )
        return Transcript(info, tuple(self._segments))


class _EditCommand(QUndoCommand):
    def __init__(self, doc: TranscriptDocument, row: int, old: str, new: str) -> None:
        text = QCoreApplication.translate("TranscriptDocument", "Edit line {line}")
        super().__init__(text.format(line=row + 1))
        self._doc, self._row, self._old, self._new = doc, row, old, new

    def redo(self) -> None:
        self._doc._set_text(self._row, self._new)

    def undo(self) -> None:
        self._doc._set_text(self._row, self._old)


def time_font() -> QFont:
    """Digits of equal width, so the times line up."""
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


class TranscriptModel(QAbstractTableModel):
    """The selected document as rows of (time, text)."""

    TIME, TEXT = range(2)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._doc: TranscriptDocument | None = None
        self._shown = 0  # rows announced to views; the document may be one ahead
        self._playing = -1
        self._needle = ""

    @property
    def document(self) -> TranscriptDocument | None:
        return self._doc

    def set_document(self, doc: TranscriptDocument | None) -> None:
        self.beginResetModel()
        if self._doc is not None:
            self._doc.segment_appended.disconnect(self._on_doc_segment_appended)
            self._doc.segment_changed.disconnect(self._on_doc_segment_changed)
            self._doc.reset.disconnect(self._on_doc_reset)
        self._doc = doc
        self._shown = len(doc) if doc is not None else 0
        self._playing = -1
        if doc is not None:
            doc.segment_appended.connect(self._on_doc_segment_appended)
            doc.segment_changed.connect(self._on_doc_segment_changed)
            doc.reset.connect(self._on_doc_reset)
        self.endResetModel()

    def set_playing_row(self, row: int) -> None:
        if row == self._playing:
            return
        old, self._playing = self._playing, row
        for r in (old, row):
            if 0 <= r < self.rowCount():
                self.dataChanged.emit(self.index(r, 0), self.index(r, 1))

    def set_highlight(self, needle: str) -> None:
        """Mark rows containing ``needle`` (case-insensitive); empty clears."""
        self._needle = needle.casefold()
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 1))

    def matches(self, needle: str) -> list[int]:
        needle = needle.casefold()
        if self._doc is None or not needle:
            return []
        return [n for n, s in enumerate(self._doc.segments) if needle in s.text.casefold()]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == self.TIME:
                return self.tr("Time")
            if section == self.TEXT:
                return self.tr("Text")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.TEXT:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._doc is None or not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        seg = self._doc.segment(index.row())
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return stamp(seg.start) if column == self.TIME else seg.text.strip()
        if role == SEGMENT_START_ROLE:
            return seg.start
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TIME:
            return self.tr("{start} to {end} (click to play)").format(
                start=stamp(seg.start), end=stamp(seg.end)
            )
        if role == Qt.ItemDataRole.BackgroundRole:
            if index.row() == self._playing:
                return QColor(255, 236, 179)
            if self._needle and self._needle in seg.text.casefold():
                return QColor(255, 249, 196)
        if role == Qt.ItemDataRole.FontRole and column == self.TIME:
            return time_font()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            # Top, so a wrapped line's time sits beside its first line.
            side = (
                Qt.AlignmentFlag.AlignRight if column == self.TIME else Qt.AlignmentFlag.AlignLeft
            )
            return int(side | Qt.AlignmentFlag.AlignTop)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            self._doc is None
            or role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or index.column() != self.TEXT
            or not isinstance(value, str)
        ):
            return False
        old = self._doc.segment(index.row()).text
        # Whisper's leading space is kept, so exports join words as before.
        text = (" " if old.startswith(" ") else "") + value.strip()
        self._doc.edit(index.row(), text)
        return True

    def row_at_time(self, seconds: float) -> int:
        """The row being spoken at ``seconds`` (the last one started before it)."""
        if self._doc is None:
            return -1
        found = -1
        for n, seg in enumerate(self._doc.segments):
            if seg.start <= seconds + 0.05:
                found = n
            else:
                break
        if found >= 0 and seconds > self._doc.segment(found).end + 0.5:
            return -1  # in a pause between segments
        return found

    @Slot(int)
    def _on_doc_segment_appended(self, row: int) -> None:
        if self._doc is None or row < self._shown:
            return
        self.beginInsertRows(QModelIndex(), self._shown, row)
        self._shown = row + 1
        self.endInsertRows()

    @Slot(int)
    def _on_doc_segment_changed(self, row: int) -> None:
        if row < self._shown:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 1))

    @Slot()
    def _on_doc_reset(self) -> None:
        self.beginResetModel()
        self._shown = len(self._doc) if self._doc is not None else 0
        self._playing = -1
        self.endResetModel()
