"""The player bar: keys, buttons, the waveform slider, speed and volume, driven as a user would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from tests.helpers import pulse, speech

from stenodesk.bridge.playback import Player
from stenodesk.core.audio.waveform import compute_waveform
from stenodesk.ui.player_bar import PlayerBar

SR = 16000
SECONDS = 12.0
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier

pytestmark = pytest.mark.gui


@pytest.fixture
def half_tone(tmp_path: Path) -> Path:
    """Six seconds of silence, then six of a 300 Hz tone."""
    t = np.arange(round(SECONDS / 2 * SR)) / SR
    tone = (0.5 * np.sin(2 * np.pi * 300 * t)).astype(np.float32)
    return speech.write_wav(tmp_path / "half.wav", np.concatenate([speech.silence(6.0), tone]))


class Window(QWidget):
    """The bar under a line editor, as it will sit under the transcript."""

    def __init__(self, player: Player) -> None:
        super().__init__()
        self.editor = QLineEdit("a line being corrected", self)
        self.bar = PlayerBar(player, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(self.bar)
        self.resize(800, 120)


@pytest.fixture
def window(qtbot: Any) -> Iterator[Window]:
    player = Player()
    shown = Window(player)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    player.stop()


def test_without_a_file_the_controls_are_off(window: Window, qtbot: Any) -> None:
    bar = window.bar
    assert not bar.play_button.isEnabled() and not bar.slider.isEnabled()
    bar.toggle_playback()
    bar.seek(3.0)
    assert not bar.player.has_stream and bar.position == 0.0
    assert bar.time_label.text() == "0:00.0 / 0:00.0"


def test_keys_and_buttons_move_the_position_within_the_file(
    window: Window, qtbot: Any, half_tone: Path
) -> None:
    bar = window.bar
    bar.set_source(half_tone, SECONDS)
    assert bar.play_button.isEnabled()
    assert bar.time_label.text() == "0:00.0 / 0:12.0"
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_Right, CTRL)
    assert bar.position == 5.0 and bar.time_label.text() == "0:05.0 / 0:12.0"
    qtbot.keyClick(window.editor, Qt.Key.Key_Right, CTRL)
    qtbot.keyClick(window.editor, Qt.Key.Key_Right, CTRL)
    assert bar.position == SECONDS, "not past the end"
    qtbot.mouseClick(bar.back_button, Qt.MouseButton.LeftButton)
    assert bar.position == 7.0
    for _ in range(2):
        qtbot.keyClick(window.editor, Qt.Key.Key_Left, CTRL)
    assert bar.position == 0.0, "not before the start"
    qtbot.mouseClick(bar.forward_button, Qt.MouseButton.LeftButton)
    assert bar.position == 5.0
    # The slider: a click seeks to where it falls; arrow keys step 5 s.
    slider = bar.slider
    x = round(0.75 * (slider.width() - 1))
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=QPoint(x, slider.height() // 2))
    assert bar.position == pytest.approx(9.0, abs=SECONDS / slider.width())
    qtbot.keyClick(slider, Qt.Key.Key_Home)
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    assert bar.position == 5.0


def test_speed_steps_with_keys_and_the_list_and_volume_follows_the_slider(
    window: Window, qtbot: Any
) -> None:
    bar, player = window.bar, window.bar.player
    window.editor.setFocus()
    seen = []
    for _ in range(6):
        qtbot.keyClick(window.editor, Qt.Key.Key_Greater, CTRL_SHIFT)
        seen.append(player.speed)
    assert seen == [1.25, 1.5, 1.75, 2.0, 2.0, 2.0]
    assert bar.speed_box.currentText() == "2×"
    for _ in range(7):
        qtbot.keyClick(window.editor, Qt.Key.Key_Less, CTRL_SHIFT)
    assert player.speed == 0.5 and bar.speed_box.currentText() == "0.5×"
    bar.speed_box.setFocus()
    qtbot.keyClick(bar.speed_box, Qt.Key.Key_Down)  # a closed combo box steps on arrow keys
    assert player.speed == 0.75
    bar.volume_slider.setFocus()
    qtbot.keyClick(bar.volume_slider, Qt.Key.Key_PageDown)
    assert player.volume == pytest.approx(bar.volume_slider.value() / 100)
    assert player.volume < 1.0
    player.set_volume(0.3)
    assert bar.volume_slider.value() == 30
    assert [keys for _, keys in bar.shortcuts()] == [
        "Ctrl+Space",
        "Ctrl+Left",
        "Ctrl+Right",
        "Ctrl+Shift+<",
        "Ctrl+Shift+>",
    ]
    assert "Ctrl+Space" in bar.play_button.toolTip()


def test_the_waveform_is_drawn_where_the_sound_is(
    window: Window, qtbot: Any, half_tone: Path
) -> None:
    bar = window.bar
    bar.set_source(half_tone, SECONDS)
    wave = compute_waveform(half_tone, bar.slider.width())
    bar.set_waveform(wave)
    bar.seek(SECONDS)  # everything "played": drawn in the highlight colour
    image = bar.slider.grab().toImage()
    highlight = bar.slider.palette().color(QPalette.ColorRole.Highlight).rgb()
    width, height = image.width(), image.height()

    def coloured(x: int) -> int:
        return sum(image.pixelColor(x, y).rgb() == highlight for y in range(height))

    quiet = [coloured(x) for x in range(5, width // 2 - 5, 7)]
    loud = [coloured(x) for x in range(width // 2 + 5, width - 5, 7)]
    assert max(quiet) <= 2, "silence is a flat line"
    assert min(loud) >= height * 0.4, "a 0.5 tone fills half the height"


@pytest.mark.audio
@pytest.mark.skipif(bool(pulse.missing_tools()), reason="needs the PulseAudio test tools")
def test_play_pause_and_skip_while_playing(
    window: Window, qtbot: Any, half_tone: Path, tmp_path: Path
) -> None:
    bar, player = window.bar, window.bar.player
    with pulse.virtual_mic(tmp_path / "pulse") as mic, pulse.this_process_plays_into(mic):
        bar.set_source(half_tone, SECONDS)
        window.editor.setFocus()
        qtbot.keyClick(window.editor, Qt.Key.Key_Space, CTRL)
        qtbot.waitUntil(lambda: player.is_playing, timeout=5_000)
        qtbot.waitUntil(lambda: bar.position > 0.3, timeout=5_000)
        qtbot.keyClick(window.editor, Qt.Key.Key_Space, CTRL)
        assert not player.is_playing and player.has_stream
        paused = bar.position
        assert paused == pytest.approx(player.position, abs=0.06)
        qtbot.keyClick(window.editor, Qt.Key.Key_Right, CTRL)
        assert player.position == pytest.approx(paused + 5.0, abs=0.1)
        qtbot.mouseClick(bar.play_button, Qt.MouseButton.LeftButton)
        assert player.is_playing
        qtbot.keyClick(window.editor, Qt.Key.Key_Greater, CTRL_SHIFT)
        assert player.speed == 1.25 and player.is_playing
        bar.seek(SECONDS - 0.5)
        qtbot.waitUntil(lambda: not player.has_stream, timeout=5_000)
        assert bar.position == pytest.approx(SECONDS, abs=0.05)
        assert bar.time_label.text() == "0:12.0 / 0:12.0"
        qtbot.mouseClick(bar.play_button, Qt.MouseButton.LeftButton)  # at the end: from the top
        qtbot.waitUntil(lambda: player.is_playing, timeout=5_000)
        assert player.position < 1.0
        bar.set_source(None)
        assert not player.has_stream, "another file (or none) stops this one"
