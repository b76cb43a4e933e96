"""The selected job's transcript as a table: start, end, speaker, text.

:class:`TranscriptModel` shows whichever :class:`TranscriptDocument` is
selected. Start, end, speaker and text are editable; each change goes to the
document as an undoable edit. Lines that break the subtitle rules carry a
warning icon with the reasons, the line being played is highlighted and the
word being spoken is given to the delegate (:data:`WORD_SPAN_ROLE`).
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from stenodesk.core.editing import checks
from stenodesk.core.editing.edit import Edit
from stenodesk.core.errors import StenodeskError
from stenodesk.core.transcript import Segment
from stenodesk.ui.format import stamp
from stenodesk.ui.job_document import EditSink, TranscriptDocument

__all__ = ["SEGMENT_START_ROLE", "EditSink", "TranscriptDocument", "TranscriptModel", "time_font"]

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

SEGMENT_START_ROLE = Qt.ItemDataRole.UserRole + 1
WORD_SPAN_ROLE = Qt.ItemDataRole.UserRole + 2
"""(begin, end) of the spoken word in the shown text, or None."""
SPEAKER_ROLE = Qt.ItemDataRole.UserRole + 3
"""The line's speaker number (or None)."""

BULK_CHANGES = 20
"""An edit with more changes (replace all, reshape) is announced as one range of rows."""
PLAYING = QColor(255, 236, 179)
FOUND = QColor(255, 249, 196)
SPEAKER_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b")

# The subtitle checks' reasons (core templates), listed for the translation tools.
REASONS = (
    QT_TRANSLATE_NOOP("TranscriptModel", "{value:.1f} characters per second (limit {limit:g})"),
    QT_TRANSLATE_NOOP("TranscriptModel", "a line of {value:g} characters (limit {limit:g})"),
    QT_TRANSLATE_NOOP("TranscriptModel", "needs {value:g} lines (limit {limit:g})"),
    QT_TRANSLATE_NOOP("TranscriptModel", "lasts {value:.2f} s (at least {limit:g} s)"),
    QT_TRANSLATE_NOOP("TranscriptModel", "lasts {value:.1f} s (at most {limit:g} s)"),
    QT_TRANSLATE_NOOP("TranscriptModel", "starts {value:.2f} s before the previous line ends"),
)


def time_font() -> QFont:
    """Digits of equal width, so the times line up."""
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def speaker_colour(speaker: int) -> QColor:
    return QColor(SPEAKER_COLOURS[speaker % len(SPEAKER_COLOURS)])


def speaker_icon(speaker: int) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(speaker_colour(speaker))
    return QIcon(pixmap)


def reason_text(flagged: checks.Flagged) -> str:
    """The reasons a line is flagged, translated."""
    parts = []
    for p in flagged.problems:
        template = QCoreApplication.translate("TranscriptModel", p.check.value)
        parts.append(template.format(value=p.value, limit=p.limit))
    return "; ".join(parts)


class TranscriptModel(QAbstractTableModel):
    """The selected document as rows of (start, end, speaker, text).

    Signals:
        edit_refused(object): a cell's new value was refused (a
            :class:`StenodeskError` with the reason, such as times overlapping a neighbour).
        texts_changed(int, int): many lines' text changed at once (first and last row),
            so their heights are measured again.
    """

    edit_refused = Signal(object)
    texts_changed = Signal(int, int)
    START, END, SPEAKER, TEXT = range(4)
    TIME = START

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._doc: TranscriptDocument | None = None
        self._lines: list[Segment] = []
        """The lines the views were told about, changed in step with the row signals."""
        self._playing = -1
        self._word: tuple[int, int] | None = None
        self._needle = ""
        self._rules: checks.SubtitleRules | None = checks.SubtitleRules()
        self._flags: dict[int, checks.Flagged] | None = None
        self._warning: QIcon | None = None

    @property
    def document(self) -> TranscriptDocument | None:
        return self._doc

    def set_document(self, doc: TranscriptDocument | None) -> None:
        self.beginResetModel()
        if self._doc is not None:
            self._doc.segment_appended.disconnect(self._on_doc_segment_appended)
            self._doc.segment_changed.disconnect(self._on_doc_segment_changed)
            self._doc.reset.disconnect(self._on_doc_reset)
            self._doc.edited.disconnect(self._on_doc_edited)
        self._doc = doc
        self._lines = list(doc.segments) if doc is not None else []
        self._playing, self._word, self._flags = -1, None, None
        if doc is not None:
            doc.segment_appended.connect(self._on_doc_segment_appended)
            doc.segment_changed.connect(self._on_doc_segment_changed)
            doc.reset.connect(self._on_doc_reset)
            doc.edited.connect(self._on_doc_edited)
        self.endResetModel()

    def set_rules(self, rules: checks.SubtitleRules | None) -> None:
        """Check lines against ``rules``; None shows no marks."""
        self._rules, self._flags = rules, None
        self._all_changed()

    def flagged(self) -> dict[int, checks.Flagged]:
        """Rows that break the subtitle rules (none when checks are off)."""
        if self._flags is None:
            found = () if self._doc is None or self._rules is None else self._check()
            self._flags = {f.row: f for f in found}
        return self._flags

    def _check(self) -> tuple[checks.Flagged, ...]:
        assert self._doc is not None and self._rules is not None
        return checks.check_all(self._lines, self._rules)

    def has_speakers(self) -> bool:
        return any(s.speaker is not None for s in self._lines)

    def speaker_name(self, speaker: int) -> str:
        custom = self._doc.names.custom(speaker) if self._doc is not None else ""
        return custom or self.tr("Speaker {n}").format(n=speaker + 1)

    def set_playing(self, row: int, word: tuple[int, int] | None = None) -> None:
        """Highlight ``row`` (-1: none) and mark characters ``word`` of its shown text."""
        if (row, word) == (self._playing, self._word):
            return
        old, self._playing, self._word = self._playing, row, word
        for r in {old, row}:
            if 0 <= r < self.rowCount():
                self.dataChanged.emit(self.index(r, 0), self.index(r, self.TEXT))

    def set_playing_row(self, row: int) -> None:
        self.set_playing(row)

    @property
    def playing_row(self) -> int:
        return self._playing

    def set_highlight(self, needle: str) -> None:
        """Mark rows containing ``needle`` (case-insensitive); empty clears."""
        self._needle = needle.casefold()
        self._all_changed()

    def _all_changed(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.TEXT))

    def matches(self, needle: str) -> list[int]:
        needle = needle.casefold()
        if self._doc is None or not needle:
            return []
        return [n for n, s in enumerate(self._lines) if needle in s.text.casefold()]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            titles = (self.tr("Start"), self.tr("End"), self.tr("Speaker"), self.tr("Text"))
            return titles[section] if 0 <= section < len(titles) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        seg = self._lines[index.row()] if index.row() < len(self._lines) else None
        if index.column() != self.SPEAKER or (seg is not None and seg.speaker is not None):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._doc is None or not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        row, column = index.row(), index.column()
        seg = self._lines[row]
        if role == SEGMENT_START_ROLE:
            return seg.start
        if role == SPEAKER_ROLE:
            return seg.speaker
        if role == WORD_SPAN_ROLE:
            return self._word if row == self._playing and column == self.TEXT else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if row == self._playing:
                return PLAYING
            if self._needle and self._needle in seg.text.casefold():
                return FOUND
            return None
        if column in (self.START, self.END):
            return self._time_data(seg, column, role)
        if column == self.SPEAKER:
            return self._speaker_data(seg, role)
        return self._text_data(row, seg, role)

    def _time_data(self, seg: Segment, column: int, role: int) -> Any:
        seconds = seg.start if column == self.START else seg.end
        if role == Qt.ItemDataRole.DisplayRole:
            return stamp(seconds)
        if role == Qt.ItemDataRole.EditRole:
            return seconds
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("{start} to {end} (click to play, double-click to change)").format(
                start=stamp(seg.start), end=stamp(seg.end)
            )
        if role == Qt.ItemDataRole.FontRole:
            return time_font()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            # Top, so a wrapped line's time sits beside its first line.
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return None

    def _speaker_data(self, seg: Segment, role: int) -> Any:
        if seg.speaker is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.speaker_name(seg.speaker)
        if role == Qt.ItemDataRole.EditRole:
            return self.speaker_name(seg.speaker)
        if role == Qt.ItemDataRole.DecorationRole:
            return speaker_icon(seg.speaker)
        if role == Qt.ItemDataRole.ForegroundRole:
            return speaker_colour(seg.speaker)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Double-click to rename this speaker everywhere")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def _text_data(self, row: int, seg: Segment, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return seg.text.strip()
        flagged = self.flagged().get(row)
        if role == Qt.ItemDataRole.DecorationRole and flagged is not None:
            if self._warning is None:  # asked for every flagged line at each paint
                style = QApplication.style()
                self._warning = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            return self._warning
        if role == Qt.ItemDataRole.ToolTipRole and flagged is not None:
            return self.tr("Subtitle check: {reasons}").format(reasons=reason_text(flagged))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self._doc is None or role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        try:
            return self._set(index.row(), index.column(), value)
        except StenodeskError as exc:
            self.edit_refused.emit(exc)
            return False
        except ValueError:
            return False

    def _set(self, row: int, column: int, value: Any) -> bool:
        assert self._doc is not None
        seg = self._doc.segment(row)
        editor = self._doc.editor
        if column == self.TEXT and isinstance(value, str):
            # Whisper's leading space is kept, so exports join words as before.
            text = (" " if seg.text.startswith(" ") else "") + value.strip()
            self._doc.edit(row, text)
            return True
        if column in (self.START, self.END) and isinstance(value, int | float):
            if column == self.START:
                return editor.set_times(row, start=float(value))
            return editor.set_times(row, end=float(value))
        if column == self.SPEAKER and isinstance(value, str) and seg.speaker is not None:
            default = self.tr("Speaker {n}").format(n=seg.speaker + 1)
            name = "" if value.strip() == default else value
            return editor.rename_speaker(seg.speaker, name)
        return False

    def row_at_time(self, seconds: float) -> int:
        """The row being spoken at ``seconds`` (the last one started before it)."""
        if self._doc is None:
            return -1
        found = -1
        for n, seg in enumerate(self._lines):
            if seg.start <= seconds + 0.05:
                found = n
            else:
                break
        if found >= 0 and seconds > self._lines[found].end + 0.5:
            return -1  # in a pause between segments
        return found

    @Slot(int)
    def _on_doc_segment_appended(self, row: int) -> None:
        first = len(self._lines)
        if self._doc is None or row < first:
            return
        self.beginInsertRows(QModelIndex(), first, row)
        self._lines.extend(self._doc.segments[first : row + 1])
        if self._flags is not None and self._rules is not None:
            # Only the new lines: checking every line at each arrival would grow with the file.
            for r in range(first, row + 1):
                problems = checks.check_line(self._lines, r, self._rules)
                if problems:
                    self._flags[r] = checks.Flagged(r, problems)
        self.endInsertRows()

    @Slot(int)
    def _on_doc_segment_changed(self, row: int) -> None:
        if self._doc is not None and row < len(self._lines):
            self._lines[row] = self._doc.segment(row)
            self._flags = None
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.TEXT))

    @Slot()
    def _on_doc_reset(self) -> None:
        self.beginResetModel()
        self._lines = list(self._doc.segments) if self._doc is not None else []
        self._playing, self._word, self._flags = -1, None, None
        self.endResetModel()

    @Slot(object)
    def _on_doc_edited(self, edit: Edit) -> None:
        self._flags = None
        if edit.names is not None:
            self._all_changed()
        reshaped = any(len(c.old) != len(c.new) for c in edit.changes)
        if len(edit.changes) > BULK_CHANGES and reshaped:
            # Thousands of row inserts cost more than showing every line afresh (reshape all).
            self._on_doc_reset()
            return
        # The views may be behind the document (lines still arriving): then the check below.
        with contextlib.suppress(IndexError):
            self._follow_changes(edit)
        if self._doc is None or tuple(self._lines) != self._doc.segments:
            self._on_doc_reset()

    def _follow_changes(self, edit: Edit) -> None:
        """Rows inserted, removed and changed where the edit made them, one change at a time.

        The views keep their place and measure again only the lines around the edit
        (a reset would measure them all).
        """
        lines, shift = self._lines, 0
        bulk = len(edit.changes) > BULK_CHANGES
        first, last = len(lines), -1
        for change in edit.changes:
            row, before, after = change.row + shift, len(change.old), len(change.new)
            if row + before > len(lines):
                raise IndexError(row + before)
            common = min(before, after)
            lines[row : row + common] = change.new[:common]
            if after > before:
                self.beginInsertRows(_ROOT, row + before, row + after - 1)
                lines[row + before : row + before] = change.new[before:]
                self.endInsertRows()
            elif before > after:
                self.beginRemoveRows(_ROOT, row + after, row + before - 1)
                del lines[row + after : row + before]
                self.endRemoveRows()
            # The neighbours too: an overlap or a gap check depends on the line before.
            top, bottom = max(0, row - 1), min(len(lines) - 1, row + common)
            if top <= bottom and not bulk:
                self.dataChanged.emit(self.index(top, 0), self.index(bottom, self.TEXT))
            first, last = min(first, top), max(last, bottom)
            shift += after - before
        if bulk and first <= last:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.TEXT))
            self.texts_changed.emit(first, last)
