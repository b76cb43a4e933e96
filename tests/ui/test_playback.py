"""Clicking a line plays the recording from there, through PortAudio into PulseAudio."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import Qt

from stenodesk.app import Stenodesk
from stenodesk.bridge.audio_feed import Feed
from stenodesk.bridge.jobs import JobState
from stenodesk.core.paths import sample_audio
from stenodesk.ui.transcript_model import TranscriptModel

SAMPLE = sample_audio()


@pytest.fixture(scope="module")
def pulse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private PulseAudio server with a null sink; PortAudio reaches it through ALSA."""
    home = tmp_path_factory.mktemp("pulse")
    env = {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(home)}
    env.pop("PULSE_SERVER", None)
    socket = home / "native"
    start = [
        "pulseaudio",
        "--start",
        "-n",
        "--exit-idle-time=-1",
        "--disable-shm=yes",
        "--load=module-null-sink sink_name=stenodesk_speaker",
        f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
        "--log-target=stderr",
    ]
    subprocess.run(start, env=env, check=True, capture_output=True, timeout=30)
    server = f"unix:{socket}"
    saved = os.environ.get("PULSE_SERVER")
    os.environ["PULSE_SERVER"] = server
    import sounddevice as sd

    sd._terminate()  # PortAudio lists devices once; list them again with the server up
    sd._initialize()
    try:
        yield server
    finally:
        subprocess.run(["pulseaudio", "--kill"], env=env, check=False, timeout=30)
        if saved is None:
            os.environ.pop("PULSE_SERVER")
        else:
            os.environ["PULSE_SERVER"] = saved
        sd._terminate()
        sd._initialize()


def sink_inputs(server: str) -> list[str]:
    done = subprocess.run(
        ["pactl", "-s", server, "list", "short", "sink-inputs"],
        check=True,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return [line for line in done.stdout.splitlines() if line.strip()]


@pytest.mark.gui
@pytest.mark.audio
def test_click_plays_from_the_line_and_space_pauses(
    desk: Stenodesk, qtbot: Any, pulse: str
) -> None:
    window, player = desk.window, desk.ctx.player
    [job_id] = window.add_paths([SAMPLE])
    qtbot.waitUntil(
        lambda: desk.ctx.jobs.model.job(job_id).state == JobState.FINISHED,  # type: ignore[union-attr]
        timeout=120_000,
    )
    window.select_job(job_id)
    transcript = window.transcribe.transcript
    table, model = transcript.table, transcript.model
    assert model.rowCount() >= 3
    index = model.index(2, TranscriptModel.TIME)
    start = desk.ctx.jobs.documents[job_id].segment(2).start
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
    )
    qtbot.waitUntil(lambda: player.is_playing, timeout=5_000)
    assert sink_inputs(pulse), "the stream reached the sound server"
    qtbot.waitUntil(lambda: player.position > start + 0.5, timeout=10_000)
    assert player.position < start + 5.0, "it plays from the clicked line, not the start"
    qtbot.waitUntil(lambda: model.index(2, 1).data(Qt.ItemDataRole.BackgroundRole) is not None)

    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert not player.is_playing and player.has_stream
    paused_at = player.position
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert player.is_playing and player.position >= paused_at

    # The last line plays to the end of the file, then playback stops by itself.
    last = model.index(model.rowCount() - 1, TranscriptModel.TIME)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(last).center()
    )
    qtbot.waitUntil(lambda: not player.has_stream, timeout=30_000)
    assert player.position == pytest.approx(18.06, abs=0.5)


@pytest.mark.gui
def test_no_output_device_is_reported_not_raised(
    desk: Stenodesk, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sounddevice as sd

    def no_device(*_args: Any, **_kwargs: Any) -> None:
        raise sd.PortAudioError("Error querying device -1")

    monkeypatch.setattr(sd, "OutputStream", no_device)  # fault injection: no speaker
    with qtbot.waitSignal(desk.ctx.player.playback_failed) as failed:
        assert not desk.ctx.player.play(SAMPLE, 2.0)
    assert failed.args[0].startswith("No speaker or headphones")
    assert "No speaker or headphones" in desk.window.statusBar().currentMessage()
    assert not desk.ctx.player.has_stream


def test_the_callback_copies_queued_audio_and_counts_underruns() -> None:
    feed = Feed(1000)
    feed.push(np.full(300, 0.5, np.float32))
    feed.push(np.full(300, -0.5, np.float32), 0.6)  # stands for 0.6 s of the file: 2x speed
    out = np.ones((512, 1), np.float32)
    feed.fill(out)
    assert np.all(out[:300, 0] == 0.5) and np.all(out[300:, 0] == -0.5)
    feed.volume = 0.5
    feed.fill(out)
    assert np.all(out[:88, 0] == -0.25) and np.all(out[88:, 0] == 0.0)
    assert feed.underruns == 1 and not feed.drained
    feed.ended = True
    feed.fill(out)
    assert feed.drained and feed.frames_played == 600
    assert feed.seconds_played == pytest.approx(0.3 + 0.6)
