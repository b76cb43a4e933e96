"""The Live page in the real window: text colours, the meter, and a microphone that is not there.

Recording real speech through the page runs in a child process (PortAudio
must start after the virtual microphone): see test_live_page_pulse.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QPalette

from stenodesk.app import Stenodesk
from stenodesk.core.audio.live import Commit, LiveUpdate
from stenodesk.ui.live_page import LivePage, meter_value
from stenodesk.ui.live_text import TENTATIVE, LiveTextView

pytestmark = pytest.mark.gui


def commit(text: str, start: float, end: float) -> Commit:
    return Commit(text, start, end, end + 0.5)


def test_committed_text_in_the_text_colour_tentative_in_grey(qtbot: Any) -> None:
    view = LiveTextView()
    qtbot.addWidget(view)
    view.show_update(LiveUpdate((), "Good morning", 1.0))
    assert view.toPlainText() == "Good morning"
    assert view.committed_text == ""
    assert view.color_at(0) == TENTATIVE

    view.show_update(LiveUpdate((commit("Good morning", 0.5, 1.1),), "everyone, thank", 2.0))
    assert view.committed_text == "Good morning"
    assert view.tentative_text == "everyone, thank"
    assert view.toPlainText() == "Good morning everyone, thank"
    text = view.palette().color(QPalette.ColorRole.Text)
    assert view.color_at(0) == text
    assert view.color_at(len("Good morning") + 1) == TENTATIVE

    # The tail is replaced, never appended to; a long pause starts a paragraph.
    view.show_update(LiveUpdate((commit("everyone.", 1.1, 1.6),), "", 3.0))
    view.show_update(LiveUpdate((commit("Next.", 5.0, 5.4),), "And", 6.0))
    assert view.toPlainText() == "Good morning everyone.\nNext. And"
    assert view.committed_text == "Good morning everyone.\nNext."
    assert view.color_at(len(view.committed_text) - 1) == text
    assert view.color_at(len(view.toPlainText()) - 1) == TENTATIVE
    view.clear_text()
    assert view.toPlainText() == view.committed_text == ""


@pytest.mark.parametrize(
    ("level", "value"), [(0.0, 0), (1.0, 100), (0.1, 67), (0.001, 0), (2.0, 100)]
)
def test_meter_is_in_decibels(level: float, value: int) -> None:
    assert meter_value(level) == value


def test_a_missing_microphone_is_said_plainly(desk: Stenodesk, qtbot: Any) -> None:
    desk.ctx.settings.set("audio.input_device", "no such microphone")
    window = desk.window
    window.show_page("live")
    page = window.pages["live"]
    assert isinstance(page, LivePage)
    qtbot.waitUntil(lambda: page.devices.count() > 0, timeout=30_000)
    assert page.devices.currentText() == "no such microphone (not connected)"
    assert page.devices.itemText(0) == "System default"
    with qtbot.waitSignal(page.recorder.recording_failed, timeout=60_000):
        page.record_button.click()
    # With no input at all (a server without sound), or none of that name:
    assert page.status.text().startswith("No microphone found")
    assert "Connect a microphone or choose another input device." in page.status.text()
    assert page.record_button.text() == "Record"
    assert page.record_button.isEnabled()
    assert not page.export_buttons["srt"].isEnabled()
    assert not list(desk.ctx.dirs.recordings.glob("*.wav"))
