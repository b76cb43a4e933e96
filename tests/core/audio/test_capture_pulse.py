"""Capture through the real audio stack: PulseAudio's null sink, ALSA's pulse device, PortAudio.

Each recording runs in a child process (see tests/helpers/pulse.py for why):
``stenodesk live`` itself, or the live driver when a fault is injected
through the stream factory.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import wave
from pathlib import Path

import pytest
from tests.helpers import pulse, speech

pytestmark = [pytest.mark.audio, pytest.mark.slow]


@pytest.fixture(scope="module")
def paused_clip(tmp_path_factory: pytest.TempPathFactory) -> pulse.Clip:
    """Two sentences, each followed by 3.5 s of silence: room for a fault in a pause."""
    tmp = tmp_path_factory.mktemp("clip")
    return pulse.make_clip(tmp / "paused.wav", speech.SENTENCES[:2], pause=3.5)


def stenodesk(*args: str) -> list[str]:
    return [sys.executable, "-m", "stenodesk.cli", *args]


def driver(tmp: Path, model_cache: Path, *args: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "tests.core.audio.live_driver",
        "--json",
        str(tmp / "result.json"),
        "--wav",
        str(tmp / "rec.wav"),
        "--model-cache",
        str(model_cache),
        *args,
    ]


# A recording killed 7.5 s after the clip started to play. The null sink's
# monitor delivers its first sound 1.4 to 1.7 s after the playback starts
# (measured here: the sink wakes from its idle suspend), and the recorder
# fixes the header up after each whole second of audio, so the header says
# 5.0 or 6.0 s. The limit leaves almost a second more for a busy machine;
# a header written by the caller between decodes said 1.0 s.
KILLED_AT_LEAST = 4.0


def _killed_wav_seconds(wav: Path) -> float:
    with wave.open(str(wav)) as w:  # the stdlib reader trusts the header: it must be right
        rate, frames = w.getframerate(), w.getnframes()
        raw = w.readframes(frames)
    assert len(raw) == frames * 2
    return frames / rate


def test_sigkill_mid_recording_leaves_a_readable_wav(
    mic: pulse.VirtualMic, paused_clip: pulse.Clip, tmp_path: Path, transcriber: object
) -> None:
    data = tmp_path / "data"
    env = dict(os.environ, XDG_DATA_HOME=str(data))
    done = pulse.record_while_playing(
        mic,
        stenodesk("live", "--device", "pulse", "--threads", "2"),
        paused_clip.wav,
        ready="Recording from",
        env=env,
        stop_signal=signal.SIGKILL,
        stop_after=7.5,
    )
    assert done.returncode == -signal.SIGKILL
    (wav,) = (data / "stenodesk" / "recordings").glob("live-*.wav")
    assert KILLED_AT_LEAST <= _killed_wav_seconds(wav) <= paused_clip.seconds + 1.0
    from stenodesk.core.engine.options import TranscribeOptions

    text = transcriber.transcribe(wav, TranscribeOptions(cpu_threads=2)).text  # type: ignore[attr-defined]
    assert speech.wer(paused_clip.placed[0][2], text) <= 0.2, text


def test_a_decode_in_progress_does_not_hold_back_the_recording(
    mic: pulse.VirtualMic, paused_clip: pulse.Clip, tmp_path: Path, model_cache: Path
) -> None:
    """An engine eight times slower than real time blocks its caller for seconds at a time.

    The recording goes on being written behind it: killed after 7.5 s, the
    file says so. (Written by the caller, it said 1 s on a busy machine.)
    """
    done = pulse.record_while_playing(
        mic,
        driver(tmp_path, model_cache, "--throttle", "8"),
        paused_clip.wav,
        ready="READY",
        stop_signal=signal.SIGKILL,
        stop_after=7.5,
    )
    assert done.returncode == -signal.SIGKILL
    seconds = _killed_wav_seconds(tmp_path / "rec.wav")
    assert KILLED_AT_LEAST <= seconds <= paused_clip.seconds + 1.0, seconds


def test_a_recording_that_cannot_be_written_ends_with_the_reason(
    mic: pulse.VirtualMic, paused_clip: pulse.Clip, tmp_path: Path, model_cache: Path
) -> None:
    """The disk fills up mid-recording: the reason is given, and what was written stays readable."""
    limit = 300_000  # about 3.4 s at the sink's 44.1 kHz, 16-bit mono
    done = pulse.record_while_playing(
        mic,
        driver(tmp_path, model_cache, "--max-file-bytes", str(limit)),
        paused_clip.wav,
        ready="READY",
        stop_signal=signal.SIGINT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads((tmp_path / "result.json").read_text())
    assert result["failure"]["kind"] == "output_failed", result["failure"]
    assert "rec.wav" in result["failure"]["message"]
    # The header was fixed up after each whole second that fitted.
    assert 2.0 <= _killed_wav_seconds(tmp_path / "rec.wav") <= limit / (2 * 44100)


@pytest.mark.parametrize("fault", ["abort", "error"])
def test_device_failure_keeps_and_transcribes_what_was_captured(
    mic: pulse.VirtualMic,
    paused_clip: pulse.Clip,
    tmp_path: Path,
    model_cache: Path,
    fault: str,
) -> None:
    """'abort': the device vanishes (PortAudio ends the stream); 'error': PortAudio raises."""
    after = round(paused_clip.placed[0][1] + 1.7, 2)  # inside the pause after the first sentence
    done = pulse.record_while_playing(
        mic,
        driver(tmp_path, model_cache, "--fault", fault, "--fault-after", str(after)),
        paused_clip.wav,
        ready="READY",
        stop_signal=None,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads((tmp_path / "result.json").read_text())
    assert result["failure"]["kind"] == "audio_device"
    assert "What was recorded so far is kept" in result["failure"]["message"]
    # Everything up to the failure is on disk, and nothing after it.
    with wave.open(str(tmp_path / "rec.wav")) as w:
        assert abs(w.getnframes() / w.getframerate() - after) <= 0.3
    text = " ".join(c["text"] for c in result["commits"])
    assert speech.wer(paused_clip.placed[0][2], text) <= 0.2, text
    assert result["dropped_frames"] == 0
    assert result["overflows"] == 0


def test_a_device_that_cannot_open_is_reported(
    mic: pulse.VirtualMic, paused_clip: pulse.Clip, tmp_path: Path, model_cache: Path
) -> None:
    import subprocess

    done = subprocess.run(
        driver(tmp_path, model_cache, "--fault", "open"),
        env=mic.env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 3, done.stderr
    error = json.loads((tmp_path / "result.json").read_text())["start_error"]
    assert error["kind"] == "audio_device"
    assert error["message"].startswith("The audio device failed")


def test_unknown_and_missing_devices_get_a_clear_message(
    mic: pulse.VirtualMic, tmp_path: Path
) -> None:
    import subprocess

    def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            stenodesk("live", *args),
            env=mic.env(dict(os.environ, XDG_DATA_HOME=str(tmp_path), **env)),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    listed = run("--list-devices")
    assert listed.returncode == 0, listed.stderr
    assert any(line.split(": ", 1)[1].startswith("pulse") for line in listed.stdout.splitlines())

    unknown = run("--device", "no such microphone")
    assert unknown.returncode == 3
    assert 'No microphone found called "no such microphone".' in unknown.stderr

    # A machine whose only sound card is gone: ALSA offers no device at all.
    conf = tmp_path / "asound.conf"
    conf.write_text("pcm.gone { type hw card 99 }\n")
    for args in ((), ("--list-devices",)):
        none = run(*args, ALSA_CONFIG_PATH=str(conf))
        assert none.returncode == 3, none.stderr
        assert "No microphone found. Connect a microphone" in none.stderr
    assert not list((tmp_path / "stenodesk" / "recordings").glob("*.wav"))
