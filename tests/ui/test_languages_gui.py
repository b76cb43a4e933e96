"""Languages in the window: searchable pickers, the English-only notice, detection shown."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox
from tests.ui.test_transcribe_page import LONG, SAMPLE, state

from stenodesk.app import Stenodesk
from stenodesk.bridge.jobs import JobState
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.ui.job_options import JobOptionsWidget, fill_language_combo, select_data

pytestmark = pytest.mark.gui


def test_language_picker_finds_a_language_by_any_part_of_its_names(qtbot: Any) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    fill_language_combo(combo, "Detect")
    completer = combo.completer()
    assert completer is not None
    completer.setCompletionPrefix("spani")
    assert completer.completionCount() == 1 and completer.currentCompletion() == "Español (Spanish)"
    completer.setCompletionPrefix("中文")
    assert completer.currentCompletion() == "中文 (Chinese)"
    line = combo.lineEdit()
    assert line is not None
    line.setText("français (french)")
    line.editingFinished.emit()
    assert combo.currentData() == "fr" and combo.currentText() == "Français (French)"
    line.setText("Klingon")
    line.editingFinished.emit()
    assert combo.currentData() == "fr", "text that names no language is put back"
    assert combo.currentText() == "Français (French)"


def test_an_english_only_model_with_another_language_is_announced(qtbot: Any) -> None:
    widget = JobOptionsWidget(TranscribeOptions(), ["auto", "tiny.en", "base"])
    qtbot.addWidget(widget)
    assert widget.notice.isHidden()
    widget.model_combo.setCurrentText("tiny.en")
    select_data(widget.language_combo, "es")
    assert not widget.notice.isHidden()
    assert widget.notice.text() == (
        "The model tiny.en understands English only, not Spanish (es). "
        "Using the multilingual model base instead."
    )
    widget.set_models(["auto", "tiny.en"])  # no multilingual model here: refused, with the fix
    assert widget.notice.text().startswith(
        "The model tiny.en understands English only, not Spanish (es). "
        "No multilingual model is installed"
    )
    assert "Choose a multilingual model (such as base)" in widget.notice.text()
    select_data(widget.language_combo, "en")
    assert widget.notice.isHidden()


def test_a_finished_job_shows_the_detected_language_and_its_probability(
    qtbot: Any, desk: Stenodesk
) -> None:
    options = desk.window.transcribe.queue.options_widget
    options.model_combo.setCurrentText("tiny.en")
    select_data(options.language_combo, "")  # detect
    [job_id] = desk.window.add_paths([SAMPLE])
    qtbot.waitUntil(lambda: state(desk, job_id) == JobState.FINISHED, timeout=LONG)
    desk.window.select_job(job_id)
    details = desk.window.transcribe.transcript.details.text()
    assert details.startswith("English (en), detected "), details
    percent = int(details.split("detected ")[1].split("%")[0])
    assert 50 <= percent <= 100
