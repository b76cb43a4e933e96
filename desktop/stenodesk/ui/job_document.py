"""One job's transcript as the window holds it: segments as they arrive, then edited.

:class:`TranscriptDocument` keeps a job's lines in an
:class:`~stenodesk.ui.transcript_document.EditableTranscript`: the engine's
segments arrive without undo steps; every edit the user makes is an undo
step and is handed at once to ``on_edit`` (the engine's ``save_edit``), and
so is its inverse on undo, so the job's file replays to what is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from stenodesk.core.editing.edit import Edit, SpeakerNames
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.transcript import Segment, Transcript, TranscriptInfo
from stenodesk.ui.transcript_document import EditableTranscript

EditSink = Callable[[str, Edit], None]
"""Receives (job id, edit) for every edit made, undone (its inverse) or redone."""


class TranscriptDocument(QObject):
    """One job's segments, in order, with the undo history of its edits.

    Signals:
        segment_appended(int): a row was added at the end (the engine).
        segment_changed(int): a row was revised (the engine).
        reset(): the segments were replaced (restored, or a retry started over).
        edited(object): an :class:`Edit` was made (or undone: its inverse).
    """

    segment_appended = Signal(int)
    segment_changed = Signal(int)
    reset = Signal()
    edited = Signal(object)

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
        self.editor = EditableTranscript(parent=self)
        self.undo_stack = self.editor.undo_stack
        self._on_edit = on_edit
        self.editor.edit_applied.connect(self._on_editor_edit_applied)

    @property
    def segments(self) -> tuple[Segment, ...]:
        return self.editor.segments

    @property
    def names(self) -> SpeakerNames:
        return self.editor.names

    def __len__(self) -> int:
        return len(self.editor.segments)

    def segment(self, row: int) -> Segment:
        return self.editor.segments[row]

    def append(self, segment: Segment) -> None:
        self.editor.arrive(len(self), segment)
        self.segment_appended.emit(len(self) - 1)

    def put(self, segment: Segment) -> None:
        """Append a new segment, or revise the one with its index.

        The engine revises a segment it reported before when the loop guard
        counts repeats into it; its text stays as shown (perhaps corrected).
        """
        segments = self.editor.segments
        for row in range(len(segments) - 1, -1, -1):
            old = segments[row]
            if old.index == segment.index:
                self.editor.arrive(row, segment.with_text(old.text))
                self.segment_changed.emit(row)
                return
            if old.index < segment.index:
                break
        self.append(segment)

    def replace_all(self, segments: tuple[Segment, ...], names: SpeakerNames | None = None) -> None:
        """Other segments (and speakers' names); the edit history is cleared."""
        self.editor.reset(segments, names)
        self.reset.emit()

    def truncate(self, keep: int) -> None:
        """Drop segments from index ``keep`` on (a resumed job produces them again)."""
        kept = tuple(s for s in self.segments if s.index < keep)
        if len(kept) != len(self):
            self.replace_all(kept, self.names)

    def edit(self, row: int, text: str) -> bool:
        """Change a segment's text as one undoable step; False if nothing changes."""
        if not 0 <= row < len(self):
            return False
        return self.editor.set_text(row, text)

    @Slot(object)
    def _on_editor_edit_applied(self, edit: Edit) -> None:
        if self._on_edit is not None:
            self._on_edit(self.job_id, edit)
        self.edited.emit(edit)

    def transcript(self, options: TranscribeOptions) -> Transcript:
        """The transcript with every edit, for export (partial ones too)."""
        segments = self.segments
        info = self.info or TranscriptInfo(
            language=options.language or "en",
            language_probability=0.0,
            duration=segments[-1].end if segments else 0.0,
            model=options.model,
            device="",
            compute_type="",
            task=options.task,
        )
        return Transcript(info, segments, self.names.named)
