"""The Speakers choice among the job options."""

from __future__ import annotations

from typing import Any

import pytest

from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.ui.job_options import JobOptionsWidget

pytestmark = pytest.mark.gui


def test_speakers_choice_is_carried_in_the_options(qtbot: Any) -> None:
    widget = JobOptionsWidget(TranscribeOptions(), ["tiny.en"])
    qtbot.addWidget(widget)
    assert widget.options().speakers == "off"
    with qtbot.waitSignal(widget.options_changed) as blocker:
        widget.speakers_combo.setCurrentIndex(widget.speakers_combo.findData("auto"))
    assert blocker.args[0].speakers == "auto"
    widget.speakers_combo.setEditText("2-5")
    assert widget.options().speakers == "2-5"
    widget.speakers_combo.setEditText("lots")  # unreadable: the last applied value stays
    assert widget.options().speakers == "off"
    widget.set_options(TranscribeOptions(speakers="3"))
    assert widget.speakers_combo.currentText() == "3"
    assert widget.options().speakers == "3"
    widget.set_options(TranscribeOptions(speakers="1-6"))
    assert widget.options().speakers == "1-6"
