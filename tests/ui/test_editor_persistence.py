"""Edits made in the window are saved at once: a restart shows them, an export writes them."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import srt
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from tests.ui.conftest import open_app

from stenodesk.app import Stenodesk
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.jobs.store import JobStore
from stenodesk.core.paths import UserDirs, sample_audio
from stenodesk.core.transcript import Segment, TranscriptInfo, Word
from stenodesk.ui.transcript_model import SPEAKER_ROLE, TranscriptModel

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
SAMPLE = sample_audio()
WORDS = (
    Word(0.5, 0.9, " Good", 0.9, 0),
    Word(1.0, 1.5, " morning,", 0.9, 0),
    Word(1.6, 2.0, " Diane.", 0.9, 0),
)
LINES = (
    Segment(0, 0.5, 2.0, " Good morning, Diane.", WORDS, speaker=0),
    Segment(1, 2.5, 4.0, " Hello, how are you?", speaker=1),
    Segment(2, 4.5, 6.0, " Fine, thanks.", speaker=0),
)


def finished_job(dirs: UserDirs) -> str:
    """A finished job in the store, as a transcription with the speaker step leaves it."""
    store = JobStore(dirs.jobs)
    store.add(SAMPLE, TranscribeOptions(model="tiny.en", language="en"), "kept1")
    plain = tuple(replace(s, speaker=None, words=()) for s in LINES)

    def write(journal: Any) -> None:
        journal.started(resumed=False)
        for line in plain:
            journal.segment(line)  # as decoded: no speakers yet
        journal.speakers(LINES)  # the speaker step's lines
        journal.finished(TranscriptInfo("en", 1.0, 18.0, "tiny.en", "cpu", "int8"))

    store.append("kept1", write)
    store.close()
    return "kept1"


def shown(desk: Stenodesk) -> list[tuple[str, str, str, str]]:
    model = desk.window.transcribe.transcript.model
    return [
        tuple(str(model.index(r, c).data() or "") for c in range(4))  # type: ignore[misc]
        for r in range(model.rowCount())
    ]


def test_edits_survive_a_restart_and_export_as_shown(
    qtbot: Any, user_dirs: UserDirs, transcriber: Any, tmp_path: Path
) -> None:
    job_id = finished_job(user_dirs)
    desk = open_app(qtbot, user_dirs, transcriber)
    try:
        desk.window.select_job(job_id)
        view = desk.window.transcribe.transcript
        table, model = view.table, view.model
        assert view.editable and not table.isColumnHidden(TranscriptModel.SPEAKER)
        qtbot.waitUntil(lambda: view.bar.slider._wave is not None, timeout=20_000)

        # Split line 1 after "morning," with the keyboard only.
        table.setFocus()
        table.setCurrentIndex(model.index(0, TranscriptModel.TEXT))
        qtbot.keyClick(table, Qt.Key.Key_F2)
        editor = table.viewport().findChild(QLineEdit)
        assert editor is not None
        editor.setCursorPosition(len("Good morning,"))
        qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
        assert model.rowCount() == 4
        # Correct a line's text, merge two lines, rename a speaker.
        index = model.index(2, TranscriptModel.TEXT)
        table.setFocus()
        table.setCurrentIndex(index)
        qtbot.keyClick(table, Qt.Key.Key_F2)
        editor = QApplication.focusWidget()
        assert isinstance(editor, QLineEdit)
        editor.setText("Hello, how do you do?")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "do you do" in str(index.data()))
        table.setFocus()
        table.setCurrentIndex(model.index(2, TranscriptModel.TEXT))
        qtbot.keyClick(table, Qt.Key.Key_J, CTRL)
        assert model.rowCount() == 3
        assert view.rename_speaker(1, "Diane")
        # Undo and redo through the window's actions: saved too.
        desk.window.undo_action.trigger()
        desk.window.redo_action.trigger()
        before = shown(desk)
        assert [row[3] for row in before] == [
            "Good morning,",
            "Diane.",
            "Hello, how do you do? Fine, thanks.",
        ]
        assert before[2][2] == "Diane"
        segments = desk.ctx.jobs.documents[job_id].segments

        # Export: the file holds what the table shows.
        out = desk.window.exporter.export_to(job_id, "json", tmp_path / "out.json")
        data = json.loads(out.read_text(encoding="utf-8"))
        assert [s["text"].strip() for s in data["segments"]] == [row[3] for row in before]
        assert [(s["start"], s["end"]) for s in data["segments"]] == [
            (s.start, s.end) for s in segments
        ]
        cues = list(
            srt.parse(
                desk.window.exporter.export_to(job_id, "srt", tmp_path / "o.srt").read_text(
                    encoding="utf-8"
                )
            )
        )
        assert len(cues) >= 3 and "how do you do" in " ".join(c.content for c in cues)
        assert cues[-1].content.startswith("Diane: "), "the renamed speaker, as shown"
    finally:
        desk.window.close()
        desk.shutdown()

    again = open_app(qtbot, user_dirs, transcriber)
    try:
        again.window.select_job(job_id)
        assert again.ctx.jobs.documents[job_id].segments == segments
        # Lines, times, speakers and the speakers' names as they were.
        assert shown(again) == before
        speakers = [i.data(SPEAKER_ROLE) for i in _column(again, TranscriptModel.SPEAKER)]
        assert speakers == [s.speaker for s in segments] == [0, 0, 1]
        assert again.window.transcribe.transcript.model.document.undo_stack.count() == 0  # type: ignore[union-attr]
    finally:
        again.window.close()
        again.shutdown()


def test_help_lists_every_shortcut_and_no_key_is_taken_twice(desk: Stenodesk, qtbot: Any) -> None:
    from PySide6.QtGui import QAction, QKeySequence

    dialog = desk.window.show_shortcuts()
    qtbot.addWidget(dialog)
    rows = dialog.rows()  # type: ignore[attr-defined]
    listed = {keys for _, keys in rows}
    # Every action with a key in the window (menus, toolbar, editor, player bar) is listed once.
    native = QKeySequence.SequenceFormat.NativeText
    seen: dict[str, str] = {}
    for action in desk.window.findChildren(QAction):
        for key in action.shortcuts():
            text = key.toString(native)
            if text == "Space" or not action.text():
                continue  # the table's own play key (listed with its action); Qt's own
            assert any(text in keys for keys in listed), (action.text(), text)
            assert seen.setdefault(text, action.text()) == action.text(), (text, action.text())
    names = " ".join(what for what, _ in rows)
    for what in ("Split", "Merge", "Insert", "Follow", "Replace", "Undo", "Play or pause"):
        assert what in names, what


def test_the_speaker_step_lines_show_and_are_kept(
    qtbot: Any, user_dirs: UserDirs, transcriber: Any, tmp_path: Path
) -> None:
    """A real job with speakers: the column appears when it finishes and after a restart."""
    import subprocess

    import numpy as np
    from tests.helpers import speech

    from stenodesk.bridge.jobs import JobState
    from stenodesk.core.audio.decode import decode_all

    parts = [speech.silence(0.5)]
    for n, sentence in enumerate(speech.SENTENCES[:6]):
        voice, rate = (("en-us+m3", "150"), ("en-gb+f4", "165"))[n % 2]
        wav = tmp_path / f"turn{n}.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", rate, "-w", str(wav), sentence], check=True)
        parts += [decode_all(wav), speech.silence(0.8)]
    call = speech.write_wav(tmp_path / "call.wav", np.concatenate(parts))
    desk = open_app(qtbot, user_dirs, transcriber)
    try:
        options = desk.window.transcribe.queue.new_job_options().with_(speakers="2")
        [job_id] = desk.ctx.jobs.add_paths([call], options)
        qtbot.waitUntil(
            lambda: desk.ctx.jobs.model.job(job_id).state == JobState.FINISHED,  # type: ignore[union-attr]
            timeout=180_000,
        )
        desk.window.select_job(job_id)
        view = desk.window.transcribe.transcript
        assert not view.table.isColumnHidden(TranscriptModel.SPEAKER)
        segments = desk.ctx.jobs.documents[job_id].segments
        assert {s.speaker for s in segments} == {0, 1}, segments
        assert view.rename_speaker(0, "Bo")
    finally:
        desk.window.close()
        desk.shutdown()
    again = open_app(qtbot, user_dirs, transcriber)
    try:
        again.window.select_job(job_id)
        assert again.ctx.jobs.documents[job_id].segments == segments
        assert not again.window.transcribe.transcript.table.isColumnHidden(TranscriptModel.SPEAKER)
    finally:
        again.window.close()
        again.shutdown()


def _column(desk: Stenodesk, column: int) -> list[Any]:
    model = desk.window.transcribe.transcript.model
    return [model.index(r, column) for r in range(model.rowCount())]
