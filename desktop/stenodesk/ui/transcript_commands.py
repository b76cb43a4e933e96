"""The transcript editor's commands, as the widget runs them: each one undo step.

A mixin of :class:`~stenodesk.ui.transcript_widget.TranscriptWidget`: each
command reads where the user is (the current line, the text cursor, the
playhead) and asks the document's :class:`EditableTranscript` for the edit;
a refusal is shown in the widget's message line, never raised.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit

from stenodesk.core.editing import checks
from stenodesk.core.editing.structure import Edge
from stenodesk.core.errors import StenodeskError
from stenodesk.ui.transcript_document import EditableTranscript
from stenodesk.ui.transcript_layout import TranscriptTable
from stenodesk.ui.transcript_model import WORD_SPAN_ROLE, TranscriptModel


class TranscriptCommands:
    """Split, merge, delete, insert, times, speakers and reshape on the shown document."""

    model: TranscriptModel
    table: TranscriptTable
    editable: bool
    _rules: checks.SubtitleRules

    # The widget's own (annotations only, so its methods are found, not these).
    show_message: Callable[[str], None]
    _report: Callable[[StenodeskError], None]
    playhead: Callable[[], float]
    _say_reshaped: Callable[[int], None]
    _say_where_to_split: Callable[[], None]

    def _row(self) -> int:
        return self.table.currentIndex().row()

    def _run(self, command: Callable[[EditableTranscript], object]) -> bool:
        """Run one editing command on the document; a refusal is shown, not raised."""
        doc = self.model.document
        if doc is None or not self.editable:
            return False
        try:
            return bool(command(doc.editor))
        except StenodeskError as exc:
            self._report(exc)
        except (IndexError, ValueError):
            pass  # no line selected, or a value no line can take: nothing to do
        return False

    def split_line(self) -> bool:
        """Split the line being edited at its text cursor.

        With no line being edited: the line at the playhead splits before the
        word at the playhead (not its first); else the line opens for editing,
        to place the cursor.
        """
        editor = self._text_editor()
        row = self._row()
        doc = self.model.document
        if editor is None and doc is not None and row == self.model.playing_row:
            span = self.model.index(row, TranscriptModel.TEXT).data(WORD_SPAN_ROLE)
            if span is not None and span[0] > 0:  # before its first word there is no split
                text = doc.segment(row).text
                offset = len(text) - len(text.lstrip()) + span[0]
                return self._run(lambda e: e.split_line(row, offset))
        if editor is None:
            if row >= 0 and self.editable:
                self.table.edit(self.model.index(row, TranscriptModel.TEXT))
                self._say_where_to_split()
            return False
        shown, cursor = editor.text(), editor.cursorPosition()
        cursor -= len(shown) - len(shown.lstrip())
        self.table.commitData(editor)
        self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        assert doc is not None
        text = doc.segment(row).text
        offset = len(text) - len(text.lstrip()) + max(cursor, 0)
        return self._run(lambda e: e.split_line(row, offset))

    def _text_editor(self) -> QLineEdit | None:
        focus = QGuiApplication.focusObject()
        if (
            isinstance(focus, QLineEdit)
            and self.table.isAncestorOf(focus)
            and self.table.currentIndex().column() == TranscriptModel.TEXT
        ):
            return focus
        return None

    def merge_with_next(self) -> bool:
        row = self._row()
        return self._run(lambda e: e.merge_with_next(row))

    def delete_line(self) -> bool:
        row = self._row()
        return self._run(lambda e: e.delete_line(row))

    def insert_line(self) -> bool:
        """A new line at the playhead, opened for typing its text."""
        at = self.playhead()
        if not self._run(lambda e: e.insert_line(at)):
            return False
        self.table.edit(self.model.index(self._row(), TranscriptModel.TEXT))
        return True

    def nudge(self, edge: Edge, delta: float) -> bool:
        row = self._row()
        return self._run(lambda e: e.nudge(row, edge, delta))

    def set_edge_to_playhead(self, edge: Edge) -> bool:
        row, at = self._row(), self.playhead()
        if edge == "start":
            return self._run(lambda e: e.set_times(row, start=at))
        return self._run(lambda e: e.set_times(row, end=at))

    def set_speaker(self, row: int, speaker: int) -> bool:
        return self._run(lambda e: e.set_speaker(row, speaker))

    def merge_speakers(self, keep: int, gone: int) -> bool:
        return self._run(lambda e: e.merge_speakers(keep, gone))

    def rename_speaker(self, speaker: int, name: str) -> bool:
        return self._run(lambda e: e.rename_speaker(speaker, name))

    def reshape(self) -> int:
        doc = self.model.document
        if doc is None or not self.editable:
            return 0
        count = doc.editor.reshape(self._rules)
        self._say_reshaped(count)
        return count
