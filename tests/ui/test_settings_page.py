"""Settings changed in the window are saved at once and read back by the next start."""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QSpinBox
from tests.ui.conftest import open_app

from stenodesk.core.paths import UserDirs
from stenodesk.core.settings import SettingsStore
from stenodesk.ui.settings_page import SettingsPage

pytestmark = pytest.mark.gui


def settings_page(app: Any) -> SettingsPage:
    page = app.window.pages["settings"]
    assert isinstance(page, SettingsPage)
    return page


def choose(combo: QComboBox, data: str) -> None:
    n = combo.findData(data)
    assert n >= 0, data
    combo.setCurrentIndex(n)


def test_settings_and_window_survive_a_restart(
    qtbot: Any, user_dirs: UserDirs, transcriber: Any
) -> None:
    app = open_app(qtbot, user_dirs, transcriber)
    page = settings_page(app)
    app.window.show_page("settings")
    c = page.controls
    assert isinstance(c["transcription.language"], QComboBox)
    choose(c["transcription.language"], "de")
    choose(c["transcription.task"], "translate")  # type: ignore[arg-type]
    c["transcription.word_timestamps"].setChecked(False)  # type: ignore[attr-defined]
    choose(c["export.format"], "vtt")  # type: ignore[arg-type]
    c["export.max_chars_per_line"].setValue(32)  # type: ignore[attr-defined]
    c["export.max_duration"].setValue(4.5)  # type: ignore[attr-defined]
    choose(c["device.device"], "cpu")  # type: ignore[arg-type]
    choose(c["device.compute_type"], "int8_float32")  # type: ignore[arg-type]
    choose(c["device.device_index"], "1")  # type: ignore[arg-type]
    choose(c["ui.language"], "zh_TW")  # type: ignore[arg-type]
    choose(c["ui.chinese_script"], "taiwan")  # type: ignore[arg-type]
    choose(c["transcription.speakers"], "2-4")  # type: ignore[arg-type]
    saved = json.loads(user_dirs.settings_file.read_text())
    assert saved["transcription"]["language"] == "de", "saved as soon as it changed"
    app.window.resize(790, 580)  # within the offscreen screen (800x600)
    new_defaults = app.window.transcribe.queue.new_job_options()
    assert (new_defaults.language, new_defaults.task) == ("de", "translate")
    assert new_defaults.speakers == "2-4"
    app.window.close()
    app.shutdown()

    again = open_app(qtbot, user_dirs, transcriber)
    try:
        s = SettingsStore(user_dirs.settings_file).load()
        assert s.transcription.language == "de" and s.transcription.task == "translate"
        assert not s.transcription.word_timestamps
        assert (s.export.format, s.export.max_chars_per_line, s.export.max_duration) == (
            "vtt",
            32,
            4.5,
        )
        assert (s.device.device, s.device.compute_type, s.ui.language) == (
            "cpu",
            "int8_float32",
            "zh_TW",
        )
        assert s.ui.chinese_script == "taiwan"
        assert s.transcription.speakers == "2-4"
        assert s.device.device_index == "1"
        assert settings_page(again).controls["device.device_index"].currentData() == "1"  # type: ignore[attr-defined]
        c = settings_page(again).controls
        language = c["transcription.language"]
        assert isinstance(language, QComboBox) and language.currentData() == "de"
        words = c["transcription.word_timestamps"]
        assert isinstance(words, QCheckBox) and not words.isChecked()
        chars, duration = c["export.max_chars_per_line"], c["export.max_duration"]
        assert isinstance(chars, QSpinBox) and chars.value() == 32
        assert isinstance(duration, QDoubleSpinBox) and duration.value() == 4.5
        assert again.window.current_page() == "settings"
        assert (again.window.width(), again.window.height()) == (790, 580)
        options = again.window.transcribe.queue.options_widget.options()
        assert (options.language, options.task, options.word_timestamps) == (
            "de",
            "translate",
            False,
        )
    finally:
        again.window.close()
        again.shutdown()


def test_a_longest_subtitle_below_the_shortest_goes_back_and_says_why(
    qtbot: Any, tmp_path: Any
) -> None:
    from stenodesk.ui.settings_vm import SettingsViewModel

    store = SettingsStore(tmp_path / "settings.json")
    settings = SettingsViewModel(store, store.load().with_value("subtitles.min_duration", 2.0))
    page = SettingsPage(settings)
    qtbot.addWidget(page)
    longest = page.controls["export.max_duration"]
    assert isinstance(longest, QDoubleSpinBox)
    longest.setValue(1.5)  # below the editor's shortest subtitle: refused
    assert longest.value() == 7.0 and settings.settings.export.max_duration == 7.0
    assert "longer than the shortest" in longest.toolTip()
    longest.setValue(2.5)
    assert store.load().export.max_duration == 2.5


def test_srt_speaker_names_can_be_turned_off_and_the_export_follows(
    qtbot: Any, tmp_path: Any
) -> None:
    from PySide6.QtWidgets import QCheckBox

    from stenodesk.ui.settings_vm import SettingsViewModel

    store = SettingsStore(tmp_path / "settings.json")
    settings = SettingsViewModel(store, store.load())
    page = SettingsPage(settings)
    qtbot.addWidget(page)
    names = page.controls["export.speaker_labels"]
    assert isinstance(names, QCheckBox) and names.isChecked()
    names.setChecked(False)
    assert store.load().export.speaker_labels is False
    assert settings.subtitle_options().speaker_labels is False
