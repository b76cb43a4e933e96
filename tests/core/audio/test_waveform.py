"""The waveform overview: right extremes, any length in bounded memory, cancel, progress."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from tests.helpers import longaudio, speech

from stenodesk.core.audio.decode import decode_all
from stenodesk.core.audio.waveform import Waveform, compute_waveform
from stenodesk.core.cancel import CancelToken
from stenodesk.core.errors import Cancelled, ErrorKind, StenodeskError

SR = 16000
REPO = Path(__file__).resolve().parents[3]


def reference(pcm: np.ndarray, per_bucket: int) -> tuple[np.ndarray, np.ndarray]:
    n = -(-len(pcm) // per_bucket)
    mins = [pcm[i * per_bucket : (i + 1) * per_bucket].min() for i in range(n)]
    maxs = [pcm[i * per_bucket : (i + 1) * per_bucket].max() for i in range(n)]
    return np.array(mins), np.array(maxs)


@pytest.fixture
def steps(tmp_path: Path) -> Path:
    """Ten seconds; second k is a 200 Hz square wave of amplitude (k + 1) / 20."""
    t = np.arange(10 * SR)
    amplitude = (t // SR + 1) / 20
    pcm = (amplitude * np.sign(np.sin(2 * np.pi * 200 * t / SR) + 1e-9)).astype(np.float32)
    return speech.write_wav(tmp_path / "steps.wav", pcm)


@pytest.fixture
def noise(tmp_path: Path) -> Path:
    pcm = np.random.default_rng(5).uniform(-0.8, 0.8, 7 * SR + 1234).astype(np.float32)
    return speech.write_wav(tmp_path / "noise.wav", pcm)


def test_bad_requests_and_files_are_refused(tmp_path: Path, steps: Path) -> None:
    with pytest.raises(ValueError, match="at least one bucket"):
        compute_waveform(steps, 0)
    with pytest.raises(StenodeskError) as missing:
        compute_waveform(tmp_path / "absent.wav", 100)
    assert missing.value.kind == ErrorKind.FILE_MISSING
    (tmp_path / "empty.wav").write_bytes(b"")
    with pytest.raises(StenodeskError) as empty:
        compute_waveform(tmp_path / "empty.wav", 100)
    assert empty.value.kind == ErrorKind.EMPTY_AUDIO
    (tmp_path / "text.wav").write_text("not audio at all\n" * 50)
    with pytest.raises(StenodeskError) as text:
        compute_waveform(tmp_path / "text.wav", 100)
    assert text.value.kind == ErrorKind.NOT_MEDIA
    with pytest.raises(ValueError, match="width"):
        compute_waveform(steps, 10).columns(0)


def test_each_bucket_holds_its_stretch_of_audio(steps: Path) -> None:
    wave = compute_waveform(steps, 10)
    assert len(wave) == 10 and wave.bucket_seconds == 1.0 and wave.duration == 10.0
    want = (np.arange(10) + 1) / 20
    np.testing.assert_allclose(wave.maxima, want, atol=1e-4)  # 16-bit samples
    np.testing.assert_allclose(wave.minima, -want, atol=1e-4)
    assert wave.bucket_at(3.5) == 3 and wave.bucket_at(-1) == 0 and wave.bucket_at(99) == 9


@pytest.mark.parametrize("block_seconds", [0.3, 1.0, 10.0])
@pytest.mark.parametrize("buckets", [1, 37, 500])
def test_buckets_match_the_decoded_samples_whatever_the_block(
    noise: Path, block_seconds: float, buckets: int
) -> None:
    pcm = decode_all(noise)
    wave = compute_waveform(noise, buckets, block_seconds=block_seconds)
    per_bucket = round(wave.bucket_seconds * SR)
    assert per_bucket == -(-len(pcm) // buckets)
    mins, maxs = reference(pcm, per_bucket)
    np.testing.assert_allclose(wave.minima, mins, atol=1e-7)
    np.testing.assert_allclose(wave.maxima, maxs, atol=1e-7)


@pytest.mark.parametrize("stated", [0.0, 0.5, 3.0])
def test_a_file_longer_than_stated_still_fits_in_twice_the_buckets(
    noise: Path, stated: float
) -> None:
    pcm = decode_all(noise)
    wave = compute_waveform(noise, 40, duration=stated, block_seconds=0.7)
    assert 20 <= len(wave) <= 80
    assert wave.duration == pytest.approx(len(pcm) / SR)
    per_bucket = round(wave.bucket_seconds * SR)
    assert per_bucket * len(wave) >= len(pcm) > per_bucket * (len(wave) - 1)
    mins, maxs = reference(pcm, per_bucket)
    np.testing.assert_allclose(wave.minima, mins, atol=1e-7)
    np.testing.assert_allclose(wave.maxima, maxs, atol=1e-7)


def test_columns_span_the_whole_file_at_any_width(steps: Path) -> None:
    wave = compute_waveform(steps, 10)
    mins, maxs = wave.columns(5)
    np.testing.assert_allclose(maxs, [0.1, 0.2, 0.3, 0.4, 0.5], atol=1e-4)
    np.testing.assert_allclose(mins, -maxs, atol=1e-4)
    wide_min, wide_max = wave.columns(40)
    assert len(wide_max) == 40
    np.testing.assert_allclose(wide_min, -wide_max, atol=1e-4)
    np.testing.assert_allclose(wide_max[::4], (np.arange(10) + 1) / 20, atol=1e-4)
    empty = Waveform(np.zeros(0, np.float32), np.zeros(0, np.float32), 1.0, 0.0)
    assert not empty.columns(3)[1].any()


def test_progress_is_reported_in_order_and_cancel_stops_it(steps: Path) -> None:
    seen: list[tuple[float, float]] = []
    compute_waveform(steps, 10, block_seconds=2.0, on_progress=lambda d, t: seen.append((d, t)))
    assert [d for d, _ in seen] == [2.0, 4.0, 6.0, 8.0, 10.0]
    assert all(t == 10.0 for _, t in seen)

    token = CancelToken()
    calls = []

    def cancel_after_first(done: float, total: float) -> None:
        calls.append(done)
        token.cancel()

    with pytest.raises(Cancelled):
        compute_waveform(steps, 10, block_seconds=2.0, cancel=token, on_progress=cancel_after_first)
    assert calls == [2.0]


@pytest.mark.slow
def test_a_long_file_takes_bounded_memory(tmp_path: Path) -> None:
    # 40 minutes of tone bursts and pauses: 154 MB as float32 samples if held whole.
    t = np.arange(SR * 3) / SR
    bursts = [(0.6 * np.sin(2 * np.pi * f * t)).astype(np.float32) for f in (180, 260, 340)]
    path = tmp_path / "long.wav"
    longaudio.write_long_recording(path, 40 * 60.0, bursts, pause=(1.0, 6.0))
    done = subprocess.run(
        [sys.executable, "-m", "tests.core.audio.waveform_child", str(path), "1200"],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["duration"] == pytest.approx(2400.0, abs=0.01)
    assert report["buckets"] == 1200
    assert report["loudest"] == pytest.approx(0.6, abs=0.01)
    # Measured: a 4 MiB rise (decoder buffers, 10 s blocks); the whole file
    # would be 150 MiB.
    assert report["peak_mib"] - report["before_mib"] < 40
