"""The item models pass Qt's model tester while rows arrive, move, change and go."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from stenodesk.bridge.jobs import JobError, JobState
from stenodesk.core.editing.edit import Edit
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Progress, Segment
from stenodesk.core.errors import ErrorKind
from stenodesk.ui.queue_model import JobQueueModel, JobRow
from stenodesk.ui.transcript_model import TranscriptDocument, TranscriptModel

pytestmark = pytest.mark.gui


def test_job_queue_model(qtmodeltester: Any) -> None:
    model = JobQueueModel()
    qtmodeltester.check(model, force_py=True)
    for n in range(4):
        model.append(JobRow(f"j{n}", Path(f"/media/talk {n}.mp3"), TranscribeOptions()))
    row = model.job("j1")
    assert row is not None
    row.state, row.progress = JobState.RUNNING, Progress(30.0, 120.0, 10.0)
    model.changed("j1")
    model.append(
        JobRow(
            "x",
            Path("/a/notes.txt"),
            TranscribeOptions(),
            JobState.REJECTED,
            error=JobError(ErrorKind.NOT_MEDIA, "notes.txt"),
        )
    )
    assert model.move("j0", 1) and model.move("j3", -2)
    assert not model.move("j1", -5)
    assert model.job_ids() == ["j1", "j3", "j0", "j2", "x"]
    model.remove("j3")
    qtmodeltester.check(model, force_py=True)
    index = model.index(model.row_of("j1"), JobQueueModel.ETA)
    assert index.data() == "0:30"  # a quarter done in 10 s: 30 s to go
    rejected = model.index(model.row_of("x"), JobQueueModel.FILE)
    assert "notes.txt: not an audio or video file." in rejected.data(Qt.ItemDataRole.ToolTipRole)


def test_transcript_model_while_segments_arrive(qtmodeltester: Any, qtbot: Any) -> None:
    edits: list[tuple[str, Edit]] = []
    doc = TranscriptDocument("j", Path("/a/talk.wav"), on_edit=lambda *e: edits.append(e))
    model = TranscriptModel()
    model.set_document(doc)
    qtmodeltester.check(model, force_py=True)
    for i in range(5):
        doc.append(Segment(i, i * 3.0, i * 3.0 + 2.5, f" Line number {i}."))
    assert model.rowCount() == 5
    assert model.index(2, TranscriptModel.TIME).data() == "0:06.0"
    text = model.index(3, TranscriptModel.TEXT)
    assert model.setData(text, "Line three, corrected.")
    assert text.data() == "Line three, corrected."
    assert doc.segment(3).text == " Line three, corrected.", "Whisper's leading space stays"
    [(job, edit)] = edits
    assert job == "j" and edit.changes[0].row == 3
    assert edit.changes[0].new[0].text == " Line three, corrected."
    doc.undo_stack.undo()
    assert text.data() == "Line number 3."
    assert edits[-1][1] == edit.inverse(), "undo is saved as the inverse edit"
    doc.undo_stack.redo()
    assert model.matches("CORRECTED") == [3]
    assert model.row_at_time(7.0) == 2 and model.row_at_time(16.0) == -1
    model.set_playing_row(1)
    doc.truncate(2)
    assert model.rowCount() == 2
    model.set_document(None)
    assert model.rowCount() == 0
