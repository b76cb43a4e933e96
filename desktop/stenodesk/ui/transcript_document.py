"""The transcript being edited, with undo: core edits wrapped in QUndoCommands.

Each job's :class:`~stenodesk.ui.job_document.TranscriptDocument` keeps its
lines in one of these; the speakers' names live here too.

Every change goes through :meth:`EditableTranscript.push`: the core editing
functions (split, merge, replace...) compute an :class:`Edit`, the document
wraps it in a command whose redo applies it and whose undo reverts it. Typing
in one line is merged into a single step until another line or operation
comes in between, as in any text editor.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from stenodesk.core.editing import checks, replace, speakers, structure
from stenodesk.core.editing.edit import Change, Edit, SpeakerNames
from stenodesk.core.editing.replace import FindOptions
from stenodesk.core.transcript import Segment

_TYPING_ID = 1601
"""QUndoCommand.id() of typing steps: only those merge with each other."""


# The core's edit labels, listed so the translation tools collect them.
LABELS = (
    QT_TRANSLATE_NOOP("EditableTranscript", "Edit line {line}"),
    QT_TRANSLATE_NOOP("EditableTranscript", "Split line {line}"),
    QT_TRANSLATE_NOOP("EditableTranscript", "Merge lines {line} and the next"),
    QT_TRANSLATE_NOOP("EditableTranscript", "Delete line {line}"),
    QT_TRANSLATE_NOOP("EditableTranscript", "Insert line {line}"),
    QT_TRANSLATE_NOOP("EditableTranscript", "Change the times of line {line}"),
    QT_TRANSLATE_NOOP("EditableTranscript", "Replace {count} matches"),
    QT_TRANSLATE_NOOP("EditableTranscript", "Replace in line {line}"),
    QT_TRANSLATE_NOOP("EditableTranscript", "Reshape {count} lines"),
    QT_TRANSLATE_NOOP("EditableTranscript", "Rename speaker {line}"),
    QT_TRANSLATE_NOOP("EditableTranscript", "Change the speaker of line {line}"),
    QT_TRANSLATE_NOOP("EditableTranscript", "Merge speaker {count} into speaker {line}"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("EditableTranscript", text)


class _EditCommand(QUndoCommand):
    """One core :class:`Edit` on the undo stack."""

    def __init__(self, document: EditableTranscript, edit: Edit, *, typing: bool) -> None:
        super().__init__(_tr(edit.label).format(line=edit.line, count=edit.count))
        self._document = document
        self.edit = edit
        self._typing = typing

    def redo(self) -> None:
        self._document._make(self.edit)

    def undo(self) -> None:
        self._document._make(self.edit.inverse())

    def id(self) -> int:
        return _TYPING_ID if self._typing else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Only typing in the same line merges; the merged step goes from the
        # text before the first keystroke to the text after the last one.
        if not isinstance(other, _EditCommand) or not other._typing:
            return False
        mine, theirs = self.edit.changes[0], other.edit.changes[0]
        if mine.row != theirs.row or mine.new != theirs.old:
            return False
        change = Change(mine.row, mine.old, theirs.new)
        self.edit = Edit(self.edit.label, (change,), line=self.edit.line)
        return True


class EditableTranscript(QObject):
    """The current segments and their undo history.

    Signals:
        segments_changed: the segments were replaced (an edit, undo or redo).
        edit_applied(Edit): the edit just made to the segments: the edit
            itself on redo, its inverse on undo. Replaying these in order
            (``edit.to_record()`` in a journal) rebuilds the transcript.
        replaced: replace-all finished, with the number of replacements (0: none).
        find_requested / replace_requested: the user asked for the find bar
            (Ctrl+F) or the find-and-replace bar (Ctrl+H).
    """

    segments_changed = Signal()
    edit_applied = Signal(object)
    replaced = Signal(int)
    find_requested = Signal()
    replace_requested = Signal()

    def __init__(self, segments: Sequence[Segment] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._segments: tuple[Segment, ...] = tuple(segments)
        self.names = SpeakerNames()
        self.undo_stack = QUndoStack(self)
        self.last_edit: Edit | None = None

    @property
    def segments(self) -> tuple[Segment, ...]:
        return self._segments

    def reset(self, segments: Sequence[Segment], names: SpeakerNames | None = None) -> None:
        """Load other segments (a new transcript): the history is cleared."""
        self.undo_stack.clear()
        self._segments = tuple(segments)
        self.names = names or SpeakerNames()
        self.last_edit = None
        self.segments_changed.emit()

    def arrive(self, row: int, segment: Segment) -> None:
        """The engine's new (``row`` = len) or revised line: not an edit, no undo step.

        Edits made before stay undoable: each checks only its own lines.
        """
        segments = list(self._segments)
        if row == len(segments):
            segments.append(segment)
        else:
            segments[row] = segment
        self._segments = tuple(segments)

    def _make(self, edit: Edit) -> None:
        self._segments = edit.apply(self._segments)
        self.names = edit.apply_names(self.names)
        self.last_edit = edit
        self.segments_changed.emit()
        self.edit_applied.emit(edit)

    def push(self, edit: Edit | None, *, typing: bool = False) -> bool:
        """Make ``edit`` as one undo step; False (nothing pushed) for None."""
        if edit is None:
            return False
        self.undo_stack.push(_EditCommand(self, edit, typing=typing))
        return True

    # Operations: each computes a core edit on the current segments and pushes it.

    def set_text(self, row: int, text: str) -> bool:
        """Line ``row`` now reads ``text`` (typing merges into one step)."""
        old = self._segments[row]
        if old.text == text:
            return False
        change = Change(row, (old,), (old.with_text(text),))
        return self.push(Edit("Edit line {line}", (change,), line=row + 1), typing=True)

    def split_line(self, row: int, offset: int) -> bool:
        return self.push(structure.split_line(self._segments, row, offset))

    def merge_with_next(self, row: int) -> bool:
        return self.push(structure.merge_with_next(self._segments, row))

    def delete_line(self, row: int) -> bool:
        return self.push(structure.delete_line(self._segments, row))

    def insert_line(self, at: float, text: str = "") -> bool:
        return self.push(structure.insert_line(self._segments, at, text))

    def set_times(self, row: int, *, start: float | None = None, end: float | None = None) -> bool:
        return self.push(structure.set_times(self._segments, row, start=start, end=end))

    def nudge(self, row: int, edge: structure.Edge, delta: float = structure.NUDGE_SECONDS) -> bool:
        return self.push(structure.nudge(self._segments, row, edge, delta))

    def rename_speaker(self, speaker: int, name: str) -> bool:
        """Call ``speaker`` ``name`` everywhere ("" gives back "Speaker N")."""
        return self.push(speakers.rename_speaker(self.names, speaker, name))

    def set_speaker(self, row: int, speaker: int | None) -> bool:
        return self.push(speakers.set_speaker(self._segments, row, speaker))

    def merge_speakers(self, keep: int, gone: int) -> bool:
        return self.push(speakers.merge_speakers(self._segments, self.names, keep, gone))

    def reshape(self, rules: checks.SubtitleRules, rows: Sequence[int] | None = None) -> int:
        """Reshape the flagged lines (or ``rows``) as one step; how many lines changed."""
        edit = checks.reshape(self._segments, rows, rules)
        self.push(edit)
        return 0 if edit is None else edit.count

    def replace_all(self, query: str, replacement: str, options: FindOptions | None = None) -> int:
        """Replace every match as one undo step; the number of replacements.

        Raises:
            StenodeskError: FIND_PATTERN for an invalid pattern (nothing changes).
        """
        edit = replace.replace_all(self._segments, query, replacement, options or FindOptions())
        self.push(edit)
        count = 0 if edit is None else edit.count
        self.replaced.emit(count)
        return count

    def replace_one(
        self,
        match: replace.Match,
        query: str,
        replacement: str,
        options: FindOptions | None = None,
    ) -> bool:
        edit = replace.replace_one(
            self._segments, match, query, replacement, options or FindOptions()
        )
        return self.push(edit)

    def actions(self, parent: QObject) -> list[QAction]:
        """Undo, redo, find and replace actions with their standard keys.

        Add them to the widget hosting the transcript (``widget.addActions``) so
        the keys work anywhere in it. Redo answers both Ctrl+Shift+Z and Ctrl+Y.
        """
        undo = self.undo_stack.createUndoAction(
            parent, QCoreApplication.translate("EditableTranscript", "Undo")
        )
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(
            parent, QCoreApplication.translate("EditableTranscript", "Redo")
        )
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        find = QAction(QCoreApplication.translate("EditableTranscript", "Find…"), parent)
        find.setShortcut(QKeySequence("Ctrl+F"))
        find.triggered.connect(self.find_requested)
        swap = QAction(QCoreApplication.translate("EditableTranscript", "Replace…"), parent)
        swap.setShortcut(QKeySequence("Ctrl+H"))
        swap.triggered.connect(self.replace_requested)
        return [undo, redo, find, swap]
