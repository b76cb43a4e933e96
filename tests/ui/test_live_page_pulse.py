"""Speaking to the Live page: real window, virtual microphone, tiny.en, file job afterwards."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
import srt
from tests.helpers import pulse, speech

pytestmark = [pytest.mark.gui, pytest.mark.audio, pytest.mark.slow]


def test_record_read_export_and_transcribe_again(
    mic: pulse.VirtualMic, tmp_path: Path, model_cache: Path
) -> None:
    clip = pulse.make_clip(tmp_path / "talk.wav", speech.SENTENCES[6:9], pause=1.2)
    home = tmp_path / "home"
    done = pulse.record_while_playing(
        mic,
        [
            *(sys.executable, "-m", "tests.ui.live_page_driver"),
            *("--json", str(tmp_path / "page.json"), "--home", str(home)),
            *("--model-cache", str(model_cache)),
        ],
        clip.wav,
        ready="READY",
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    page = json.loads((tmp_path / "page.json").read_text())
    # What was said is on the page, all of it committed (black) by the end.
    assert speech.wer(clip.text, page["committed_text"]) <= 0.2, page["committed_text"]
    assert page["plain_text"] == page["committed_text"]
    assert page["grey_tail"], "no tentative text was shown in grey while speaking"
    assert page["levels"] > 10 and page["max_meter"] > 50
    assert page["elapsed_label"] != "0:00"
    assert page["button_while_finishing"] == "Finishing..."
    assert page["button"] == "Record"
    assert page["setting"] == "pulse"  # the choice of microphone is remembered
    assert page["dropped_frames"] == 0
    wav = Path(page["wav"])
    assert wav.parent == home / "data" / "recordings"
    assert page["status_after_stop"].startswith("Recorded ")
    assert wav.name in page["status_after_stop"]
    assert page["status"] == f"Added {wav.name} to the Transcribe queue"
    assert page["recorded_seconds"] >= clip.seconds - 0.3
    subtitles = list(srt.parse(Path(page["exported"]["srt"]).read_text(encoding="utf-8")))
    assert speech.wer(clip.text, " ".join(s.content for s in subtitles)) <= 0.2
    txt = Path(page["exported"]["txt"]).read_text(encoding="utf-8")
    assert speech.wer(clip.text, txt) <= 0.2
    assert speech.wer(clip.text, page["again_text"]) <= 0.2
