"""The editor's settings group and the remembered playback speed and volume."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from stenodesk.bridge.playback import Player
from stenodesk.core.editing.checks import SubtitleRules
from stenodesk.core.settings import SettingsStore
from stenodesk.ui.editor_settings import EditorSettingsGroup, PlaybackMemory
from stenodesk.ui.settings_vm import SettingsViewModel

pytestmark = pytest.mark.gui


def settings_at(tmp_path: Path) -> tuple[SettingsStore, SettingsViewModel]:
    store = SettingsStore(tmp_path / "settings.json")
    return store, SettingsViewModel(store, store.load())


def test_the_group_changes_and_saves_the_subtitle_rules(qtbot: QtBot, tmp_path: Path) -> None:
    store, settings = settings_at(tmp_path)
    group = EditorSettingsGroup(settings)
    qtbot.addWidget(group)
    cps = group.controls["subtitles.max_chars_per_second"]
    assert cps.value() == 17.0
    cps.setValue(21.0)
    saved = store.load()
    assert saved.subtitles.max_chars_per_second == 21.0
    assert SubtitleRules.from_settings(saved).max_chars_per_second == 21.0
    # The shortest above the export's longest is refused with a reason; the box goes back.
    settings.set("export.max_duration", 2.0)
    group.controls["subtitles.min_duration"].setValue(3.0)
    assert group.error.isVisibleTo(group) and "shortest" in group.error.text()
    assert group.controls["subtitles.min_duration"].value() == 1.0
    assert store.load().subtitles.min_duration == 1.0
    # A change made elsewhere shows here.
    settings.set("subtitles.max_chars_per_second", 15.0)
    assert group.controls["subtitles.max_chars_per_second"].value() == 15.0


def test_playback_speed_and_volume_are_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    store, settings = settings_at(tmp_path)
    settings.set("playback.speed", 1.5)
    player = Player()
    group = EditorSettingsGroup(settings)
    qtbot.addWidget(group)
    PlaybackMemory(settings, player, group)
    assert player.speed == 1.5, "the remembered speed is used"
    player.set_speed(0.75)
    player.set_volume(0.4)
    qtbot.waitUntil(lambda: store.load().playback.speed == 0.75)
    assert store.load().playback.volume == pytest.approx(0.4)
    assert group.speed.currentData() == 0.75 and group.volume.value() == 40
    group.speed.setCurrentIndex(group.speed.findData(2.0))
    assert player.speed == 2.0, "the Settings page sets the player too"


def test_follow_and_the_checks_stay_as_the_user_left_them(
    qtbot: QtBot, user_dirs: Any, transcriber: Any
) -> None:
    from tests.ui.conftest import open_app

    app = open_app(qtbot, user_dirs, transcriber)
    try:
        actions = app.window.transcribe.transcript.actions_
        assert actions.follow.isChecked() and actions.checks.isChecked()
        actions.follow.trigger()  # off, as by Ctrl+L
        actions.checks.trigger()
        saved = SettingsStore(user_dirs.settings_file).load()
        assert not saved.playback.follow and not saved.subtitles.show_checks
    finally:
        app.window.close()
        app.shutdown()
    again = open_app(qtbot, user_dirs, transcriber)
    try:
        view = again.window.transcribe.transcript
        assert not view.actions_.follow.isChecked() and not view.follower.keep_in_view
        assert not view.actions_.checks.isChecked()
    finally:
        again.window.close()
        again.shutdown()
