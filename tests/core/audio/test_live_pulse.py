"""Live transcription end to end through the real audio stack (PulseAudio -> PortAudio)."""

from __future__ import annotations

import itertools
import json
import os
import re
import sys
import wave
from pathlib import Path

import numpy as np
import pytest
import srt
from tests.helpers import pulse, speech

from stenodesk.core.engine import memory

pytestmark = [pytest.mark.audio, pytest.mark.slow]

STENODESK = (sys.executable, "-m", "stenodesk.cli")
DRIVER = (sys.executable, "-m", "tests.core.audio.live_driver")
COMMIT_LINE = re.compile(r"^\[(\d+):(\d+\.\d)\] (.*)$")


def test_live_command_commits_every_phrase(
    mic: pulse.VirtualMic, tmp_path: Path, transcriber: object
) -> None:
    clip = pulse.make_clip(tmp_path / "talk.wav", speech.SENTENCES[:4], pause=1.2)
    data = tmp_path / "data"
    srt_path = tmp_path / "session.srt"
    done = pulse.record_while_playing(
        mic,
        [*STENODESK, "live", "--device", "pulse", "--threads", "2", "--output", str(srt_path)],
        clip.wav,
        ready="Recording from",
        env=dict(os.environ, XDG_DATA_HOME=str(data)),
    )
    assert done.returncode == 0, done.stderr
    commits = []
    for line in done.stdout.splitlines():
        m = COMMIT_LINE.match(line)
        assert m, f"unexpected output line {line!r}"
        commits.append((int(m[1]) * 60 + float(m[2]), m[3]))
    text = " ".join(t for _, t in commits)
    assert speech.wer(clip.text, text) <= 0.2, text

    # Every sentence was committed, at its place in the stream.
    wav = Path(re.search(r"^Recording: (.+\.wav) \(", done.stderr, re.M)[1])  # type: ignore[index]
    from stenodesk.core.audio.decode import decode_all

    recorded = decode_all(wav)
    offset = pulse.find_offset(recorded, clip.pcm)
    check_recording(wav, recorded, clip, offset)
    for start, end, sentence in clip.placed:
        said = " ".join(t for s, t in commits if start + offset - 0.5 <= s < end + offset)
        assert speech.wer(sentence, said) <= 0.34, (sentence, said)

    assert "dropped frames: 0" in done.stderr
    figures = re.search(r"(\d+) phrases: p50 ([\d.]+) s, p90 ([\d.]+) s", done.stderr)
    assert figures is not None, done.stderr
    assert int(figures[1]) >= len(clip.placed)

    subtitles = list(srt.parse(srt_path.read_text(encoding="utf-8")))
    assert speech.wer(clip.text, " ".join(s.content for s in subtitles)) <= 0.2
    assert all(a.start <= b.start for a, b in itertools.pairwise(subtitles))

    # The recording is a file job away from a transcript.
    from stenodesk.core.engine.options import TranscribeOptions

    again = transcriber.transcribe(wav, TranscribeOptions(cpu_threads=2))  # type: ignore[attr-defined]
    assert speech.wer(clip.text, again.text) <= 0.2


def test_a_slow_engine_drops_nothing_and_finishes_after_stop(
    mic: pulse.VirtualMic, tmp_path: Path, model_cache: Path
) -> None:
    """An engine slower than real time: audio waits (no frame dropped), text comes after Stop."""
    clip = pulse.make_clip(tmp_path / "slow.wav", speech.SENTENCES[5:7], pause=1.0)
    done = pulse.record_while_playing(
        mic,
        [
            *DRIVER,
            *("--throttle", "1.5", "--model-cache", str(model_cache)),
            *("--json", str(tmp_path / "r.json"), "--wav", str(tmp_path / "r.wav")),
        ],
        clip.wav,
        ready="READY",
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads((tmp_path / "r.json").read_text())
    assert result["failure"] is None
    assert result["dropped_frames"] == 0
    assert result["overflows"] == 0
    assert result["recorded_seconds"] >= clip.seconds - 0.3
    final = " ".join(c["text"] for c in result["commits"])
    assert speech.wer(clip.text, final) <= 0.2, final
    # When Stop came the engine was behind: the rest arrived after it.
    assert len(result["at_stop"]["text"].split()) < len(final.split())
    assert any(c["committed_at"] >= result["at_stop"]["clock"] for c in result["commits"])
    # What the decodes freed goes back to the system once the recording is done.
    # tiny.en, measured: 62 MiB less after Stop than before (0.4 MiB more without the trim).
    mib = result["resident_mib"]
    print(mib)
    if memory._malloc_trim() is not None:  # glibc's malloc
        assert mib["after_stop"] < mib["before_stop"] - 20, mib


def check_recording(wav: Path, recorded: np.ndarray, clip: pulse.Clip, offset: float) -> None:
    """The WAV holds what was played, whole: the same sound, as long, at the device's rate."""
    with wave.open(str(wav)) as w:
        assert w.getframerate() == 44100  # the sink's rate: the raw capture is kept as it came
        assert w.getnchannels() == 1
    shift = round(offset * speech.SR)
    # The recording may start a few ms into the clip's lead-in silence.
    got, played = (recorded[shift:], clip.pcm) if shift >= 0 else (recorded, clip.pcm[-shift:])
    assert len(got) >= len(played) - 0.3 * speech.SR
    n = min(len(got), len(played))
    assert np.corrcoef(got[:n], played[:n])[0, 1] > 0.98  # sample for sample: nothing dropped
    a, b = pulse.speech_extent(played)
    c, d = pulse.speech_extent(got)
    assert abs((d - c) - (b - a)) <= 0.3
