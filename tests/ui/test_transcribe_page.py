"""The Transcribe page with the real engine: drop, transcribe, correct, find, export."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import srt
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit
from tests.helpers import speech
from tests.ui.conftest import open_app

from stenodesk.app import Stenodesk
from stenodesk.bridge.jobs import JobState
from stenodesk.core.errors import ErrorKind
from stenodesk.core.paths import UserDirs, sample_audio
from stenodesk.ui.transcript_model import TranscriptModel

pytestmark = pytest.mark.gui

SAMPLE = sample_audio()
SAMPLE_TEXT = SAMPLE.with_suffix(".txt").read_text(encoding="utf-8")
LONG = 120_000


def drop(desk: Stenodesk, paths: list[Path]) -> bool:
    """Drag ``paths`` onto the window and drop them, as a file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    window = desk.window
    action = Qt.DropAction.CopyAction
    args = (action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    try:  # PySide6 6.12 takes a QPointF (and deprecates QPoint); earlier ones only QPoint
        enter = QDragEnterEvent(QPointF(600, 400), *args)
    except TypeError:
        enter = QDragEnterEvent(QPoint(600, 400), *args)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    dropped = QDropEvent(
        QPointF(600, 400), action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, dropped)
    return dropped.isAccepted()


def state(desk: Stenodesk, job_id: str) -> JobState:
    row = desk.ctx.jobs.model.job(job_id)
    assert row is not None
    return row.state


def view_text(desk: Stenodesk) -> str:
    model = desk.window.transcribe.transcript.model
    return " ".join(
        str(model.index(r, TranscriptModel.TEXT).data()) for r in range(model.rowCount())
    )


def test_dropped_files_and_folders_become_jobs(desk: Stenodesk, tmp_path: Path) -> None:
    folder = tmp_path / "meeting"
    (folder / "part 2").mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "a.wav")
    shutil.copy(SAMPLE, folder / "part 2" / "b.wav")
    (folder / "minutes.docx").write_bytes(b"not media")
    loose = tmp_path / "talk.wav"
    shutil.copy(SAMPLE, loose)
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list")

    assert drop(desk, [loose, folder, notes])
    rows = desk.ctx.jobs.model.rows
    assert [r.source.name for r in rows] == ["talk.wav", "a.wav", "b.wav", "notes.txt"]
    assert all(r.state.is_open for r in rows[:3])
    assert rows[3].state == JobState.REJECTED and rows[3].error is not None
    assert rows[3].error.kind == ErrorKind.NOT_MEDIA
    assert "notes.txt: not an audio or video file" in desk.window.statusBar().currentMessage()
    assert {r.source for r in rows[:3]} == {
        Path(s.header.source.path) for s in desk.ctx.engine.store.jobs()
    }, "every job is on disk from the moment it is queued"

    # Remove the last waiting job and the refused file: gone from the queue and the disk.
    queue = desk.window.transcribe.queue
    for name in ("b.wav", "notes.txt"):
        queue.select_job(next(r.job_id for r in desk.ctx.jobs.model.rows if r.source.name == name))
        queue.remove_button.click()
    assert [r.source.name for r in desk.ctx.jobs.model.rows] == ["talk.wav", "a.wav"]
    assert len(desk.ctx.engine.store.jobs()) == 2


def test_transcribe_correct_find_export_and_reopen(
    desk: Stenodesk, qtbot: Any, tmp_path: Path, user_dirs: UserDirs, transcriber: Any
) -> None:
    window, jobs = desk.window, desk.ctx.jobs
    rows_while_running: list[JobState] = []
    [job_id] = window.add_paths([SAMPLE])
    table = window.transcribe.transcript.table
    model = window.transcribe.transcript.model
    model.rowsInserted.connect(lambda *_: rows_while_running.append(state(desk, job_id)))
    with qtbot.waitSignal(jobs.job_ended, timeout=LONG):
        pass
    assert state(desk, job_id) == JobState.FINISHED
    info = jobs.documents[job_id].info
    assert info is not None and info.model == "tiny.en", "auto picked the English model"
    assert JobState.RUNNING in rows_while_running, "segments show while the job runs"
    assert speech.wer(SAMPLE_TEXT, view_text(desk)) <= 0.15, view_text(desk)

    # Correct a line in the view; undo and redo it.
    row = next(r for r in range(model.rowCount()) if "report" in view_text_row(model, r))
    index = model.index(row, TranscriptModel.TEXT)
    table.edit(index)
    editor = table.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.setText("Please send me the budget before Friday.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next loop pass
    qtbot.waitUntil(lambda: index.data() == "Please send me the budget before Friday.")
    window.undo_action.trigger()
    assert "report" in index.data()
    window.redo_action.trigger()
    assert "budget" in index.data()

    # Find (Ctrl+F) and copy all.
    transcript = window.transcribe.transcript
    transcript.find_action.trigger()
    qtbot.keyClicks(transcript.find_bar.field, "weather")
    found = table.currentIndex().row()
    assert "weather" in view_text_row(model, found).lower()
    assert transcript.find_bar.count.text() == "1 of 1"
    transcript.copy_all_action.trigger()
    copied = QGuiApplication.clipboard().text()
    assert "budget before Friday" in copied and copied.count("\n") == model.rowCount()

    # Export SRT with Ctrl+E (the default format) and VTT from the menu.
    target = tmp_path / "out" / "meeting.srt"
    target.parent.mkdir()
    asked: list[tuple[Path, str]] = []
    window.exporter.ask_path = lambda suggested, fmt: (
        asked.append((suggested, fmt)) or (target.with_suffix("." + fmt))
    )
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert asked[0] == (SAMPLE.with_suffix(".srt"), "srt")
    cues = list(srt.parse(target.read_text(encoding="utf-8")))
    subtitles = " ".join(c.content.replace("\n", " ") for c in cues)
    assert "budget before Friday" in subtitles
    assert speech.wer(SAMPLE_TEXT, subtitles) <= 0.35  # one sentence was rewritten
    window.exporter.format_actions["vtt"].trigger()
    assert asked[1] == (target.parent / "sample-en.vtt", "vtt"), "the last folder is remembered"
    assert target.with_suffix(".vtt").read_text(encoding="utf-8").startswith("WEBVTT")
    assert desk.ctx.settings.get("export.last_folder") == str(target.parent)

    # The finished transcript, with its correction, is there after a restart.
    window.close()
    desk.shutdown()
    again = open_app(qtbot, user_dirs, transcriber)
    try:
        [row_again] = again.ctx.jobs.model.rows
        assert row_again.state == JobState.FINISHED
        again.window.select_job(row_again.job_id)
        assert "budget before Friday" in view_text(again)
    finally:
        again.window.close()
        again.shutdown()


def view_text_row(model: TranscriptModel, row: int) -> str:
    return str(model.index(row, TranscriptModel.TEXT).data())


def test_cancel_mid_job_with_the_shortcut_then_retry(
    desk: Stenodesk, qtbot: Any, speech_wav: Path, speech_text: str
) -> None:
    [job_id] = desk.window.add_paths([speech_wav])
    desk.window.select_job(job_id)
    model = desk.window.transcribe.transcript.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=LONG)
    with qtbot.waitSignal(desk.ctx.jobs.job_ended, timeout=LONG):
        qtbot.keyClick(desk.window, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert state(desk, job_id) == JobState.CANCELLED
    assert model.rowCount() >= 1, "what was transcribed stays"
    retry = desk.window.transcribe.queue.retry_button
    assert retry.isEnabled()
    with qtbot.waitSignal(desk.ctx.jobs.job_ended, timeout=LONG):
        retry.click()
    assert state(desk, job_id) == JobState.FINISHED
    assert speech.wer(speech_text, view_text(desk)) <= 0.15


def test_bad_files_are_rejected_or_fail_while_the_queue_goes_on(
    desk: Stenodesk, qtbot: Any, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not media")
    broken = tmp_path / "broken.mp3"
    broken.write_bytes(b"ID3" + bytes(range(256)) * 8)
    good = tmp_path / "good.wav"
    shutil.copy(SAMPLE, good)
    assert drop(desk, [notes, broken, good])
    rows = {r.source.name: r for r in desk.ctx.jobs.model.rows}
    assert rows["notes.txt"].state == JobState.REJECTED
    good_id = rows["good.wav"].job_id
    qtbot.waitUntil(lambda: state(desk, good_id) == JobState.FINISHED, timeout=LONG)
    failed = rows["broken.mp3"]
    assert failed.state == JobState.FAILED and failed.error is not None
    desk.window.select_job(failed.job_id)
    details = desk.window.transcribe.transcript.details.text()
    assert details.startswith("broken.mp3:"), details
    desk.window.select_job(good_id)
    assert speech.wer(SAMPLE_TEXT, view_text(desk)) <= 0.15
