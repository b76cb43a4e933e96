"""Playback speed and volume, heard through a PulseAudio null sink.

The player plays a tone file into a private sound server; ``parec`` records
the sink's monitor. The recorded tone must last as long as the speed says
and keep its pitch (dominant frequency within 3%).
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from tests.helpers import pulse, speech

from stenodesk.bridge.playback import Player

SR = 16000
TONE_HZ = 440.0
TONE_SECONDS = 2.0
LEAD = 0.3

pytestmark = [
    pytest.mark.gui,
    pytest.mark.audio,
    pytest.mark.skipif(bool(pulse.missing_tools()), reason="needs the PulseAudio test tools"),
]


@pytest.fixture
def mic(tmp_path: Path) -> Iterator[pulse.VirtualMic]:
    """A private sound server that this process's PortAudio plays into."""
    with pulse.virtual_mic(tmp_path / "pulse") as server, pulse.this_process_plays_into(server):
        yield server


@pytest.fixture
def tone_file(tmp_path: Path) -> Path:
    t = np.arange(round(TONE_SECONDS * SR)) / SR
    tone = (0.5 * np.sin(2 * np.pi * TONE_HZ * t)).astype(np.float32)
    pcm = np.concatenate([speech.silence(LEAD), tone, speech.silence(LEAD)])
    return speech.write_wav(tmp_path / "tone.wav", pcm)


def record(mic: pulse.VirtualMic, out: Path) -> subprocess.Popen[bytes]:
    """Start recording the sink's monitor as raw 16 kHz mono float32; ready on return."""
    command = ["parec", f"--device={mic.source}", "--rate=16000", "--channels=1"]
    command += ["--format=float32le", "--raw", "--latency-msec=20"]
    handle = out.open("wb")
    proc = subprocess.Popen(
        command,
        env=mic.env(),
        stdout=handle,
        stderr=subprocess.DEVNULL,
    )
    handle.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        listed = subprocess.run(
            ["pactl", "list", "short", "source-outputs"],
            env=mic.env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if listed.stdout.strip():
            return proc
        time.sleep(0.05)
    proc.terminate()
    raise AssertionError("parec did not start recording")


def tone_extent(pcm: np.ndarray) -> tuple[int, int]:
    """First and last sample of the 10 ms frames where the tone sounds."""
    frames = len(pcm) // 160
    rms = np.sqrt(np.mean(pcm[: frames * 160].reshape(frames, 160) ** 2, axis=1))
    loud = np.flatnonzero(rms > 0.05)
    assert len(loud), "nothing was heard"
    return int(loud[0] * 160), int((loud[-1] + 1) * 160)


def dominant(pcm: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(pcm * np.hanning(len(pcm))))
    k = int(np.argmax(spectrum[1:-1])) + 1
    a, b, c = np.log(spectrum[k - 1 : k + 2] + 1e-12)
    return float((k + 0.5 * (a - c) / (a - 2 * b + c)) * SR / len(pcm))


def play_and_record(
    qtbot: Any, mic: pulse.VirtualMic, source: Path, out: Path, *, speed: float, volume: float
) -> tuple[np.ndarray, Player]:
    player = Player()
    player.set_speed(speed)
    player.set_volume(volume)
    recorder = record(mic, out)
    try:
        assert player.play(source, 0.0)
        qtbot.waitUntil(lambda: not player.has_stream, timeout=30_000)
        time.sleep(0.3)  # let the last samples travel through the server
    finally:
        recorder.terminate()
        recorder.wait(timeout=10)
    return np.fromfile(out, dtype="<f4"), player


@pytest.mark.parametrize("case", [(0.5, 1.0), (2.0, 1.0), (2.0, 0.25)], ids=str)
def test_the_tone_lasts_as_the_speed_says_and_keeps_its_pitch(
    qtbot: Any, mic: pulse.VirtualMic, tone_file: Path, tmp_path: Path, case: tuple[float, float]
) -> None:
    speed, volume = case
    recorded, player = play_and_record(
        qtbot, mic, tone_file, tmp_path / "out.raw", speed=speed, volume=volume
    )
    first, last = tone_extent(recorded)
    heard = (last - first) / SR
    # Measured: 4.06 s at 0.5x, 1.01 s at 2x. Each edge of the tone may move by
    # a 10 ms frame of the measure plus the stretcher's 10 ms search and 20 ms
    # fade; at 0.5x that is doubled: 0.1 s in all.
    assert heard == pytest.approx(TONE_SECONDS / speed, abs=0.1)
    middle = recorded[first + (last - first) // 4 : last - (last - first) // 4]
    assert dominant(middle) == pytest.approx(TONE_HZ, rel=0.03)
    # The null sink passes samples as they are: the level is the volume's.
    peak = float(np.percentile(np.abs(middle), 99.5))
    assert peak == pytest.approx(0.5 * volume, rel=0.1)
    # The position is a place in the file, whatever the speed.
    assert player.position == pytest.approx(TONE_SECONDS + 2 * LEAD, abs=0.05)
    assert player.underruns == 0 or os.getloadavg()[0] > 2


def test_a_speed_change_while_playing_keeps_the_place(
    qtbot: Any, mic: pulse.VirtualMic, tone_file: Path
) -> None:
    player = Player()
    with qtbot.waitSignal(player.speed_changed) as changed:
        player.set_speed(2.0)
    assert changed.args == [2.0]
    assert player.play(tone_file, 0.5)
    qtbot.waitUntil(lambda: player.position > 1.0, timeout=5_000)
    at = player.position
    player.set_speed(0.5)
    assert player.is_playing and player.speed == 0.5
    assert at <= player.position < at + 0.3
    player.toggle()
    player.seek(0.2)
    assert not player.is_playing and player.has_stream
    assert player.position == pytest.approx(0.2, abs=0.01)
    player.set_speed(1.5)  # while paused: it stays paused, where it was
    assert not player.is_playing and player.has_stream
    assert player.position == pytest.approx(0.2, abs=0.01)
    player.toggle()
    qtbot.waitUntil(lambda: player.position > 0.4, timeout=5_000)
    player.stop()
    with pytest.raises(ValueError):
        player.set_speed(3.0)
    assert player.speed == 1.5


def quiet_runs(pcm: np.ndarray) -> list[int]:
    """Lengths (in 5 ms frames) of the dips inside the sound: gaps in playback."""
    frames = len(pcm) // 80
    rms = np.sqrt(np.mean(pcm[: frames * 80].reshape(frames, 80) ** 2, axis=1))
    loud = np.flatnonzero(rms > 0.05)
    runs, n = [], 0
    for quiet in rms[loud[0] : loud[-1] + 1] < 0.2:
        if quiet:
            n += 1
        elif n:
            runs, n = [*runs, n], 0
    return runs


def test_speed_changes_while_playing_leave_no_gap_or_click(
    qtbot: Any, mic: pulse.VirtualMic, tmp_path: Path
) -> None:
    t = np.arange(6 * SR) / SR
    tone = (0.5 * np.sin(2 * np.pi * TONE_HZ * t)).astype(np.float32)
    source = speech.write_wav(tmp_path / "long-tone.wav", tone)
    player = Player()
    recorder = record(mic, tmp_path / "out.raw")
    try:
        assert player.play(source, 0.0)
        qtbot.waitUntil(lambda: player.position > 1.0, timeout=5_000)
        player.set_speed(1.5)
        qtbot.waitUntil(lambda: player.position > 2.5, timeout=5_000)
        player.set_speed(0.5)
        qtbot.waitUntil(lambda: player.position > 3.5, timeout=10_000)
        player.set_speed(2.0)
        qtbot.waitUntil(lambda: not player.has_stream, timeout=10_000)
        time.sleep(0.3)
    finally:
        recorder.terminate()
        recorder.wait(timeout=10)
    recorded = np.fromfile(tmp_path / "out.raw", dtype="<f4")
    # Reopening the stream for each change left 100 ms of silence; now none.
    assert quiet_runs(recorded) == []
    first, last = tone_extent(recorded)
    body = recorded[first + 400 : last - 400]
    # A sine's steepest step, with 25% for the sound server's resampling
    # (measured: within 5% without a speed change).
    assert np.max(np.abs(np.diff(body))) <= 0.5 * 2 * np.pi * TONE_HZ / SR * 1.25
    assert dominant(body) == pytest.approx(TONE_HZ, rel=0.03)
    assert player.position == pytest.approx(6.0, abs=0.05)
