"""Time-stretching at a kept pitch: length, pitch, smoothness, streaming."""

from __future__ import annotations

import numpy as np
import pytest

from stenodesk.core.audio.stretch import TimeStretcher, check_speed, stretch

SR = 16000


def tone(freq: float, seconds: float, amplitude: float = 0.5) -> np.ndarray:
    t = np.arange(round(seconds * SR)) / SR
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def dominant(pcm: np.ndarray) -> float:
    """The strongest frequency, refined between FFT bins (parabolic)."""
    spectrum = np.abs(np.fft.rfft(pcm * np.hanning(len(pcm))))
    k = int(np.argmax(spectrum[1:-1])) + 1
    a, b, c = np.log(spectrum[k - 1 : k + 2] + 1e-12)
    return (k + 0.5 * (a - c) / (a - 2 * b + c)) * SR / len(pcm)


def voiced(seconds: float) -> np.ndarray:
    """A speech-like test signal: a gliding 110-180 Hz pitch with harmonics, and noise."""
    t = np.arange(round(seconds * SR)) / SR
    f0 = 145 + 35 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(f0) / SR
    harmonics = sum(np.sin(k * phase) / k for k in range(1, 6))
    noise = np.random.default_rng(3).normal(0, 0.02, len(t))
    return (0.3 * harmonics + noise).astype(np.float32)


@pytest.mark.parametrize("bad", [0.49, 2.01, 0.0, -1.0, float("nan"), float("inf")])
def test_speeds_outside_half_to_double_are_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="speed must be"):
        check_speed(bad)
    with pytest.raises(ValueError):
        TimeStretcher(bad)
    stretcher = TimeStretcher(1.0)
    with pytest.raises(ValueError):
        stretcher.speed = bad
    assert stretcher.speed == 1.0


def test_empty_and_tiny_inputs_give_proportionate_output() -> None:
    assert len(stretch(np.zeros(0, np.float32), 0.5)) == 0
    assert len(stretch(np.ones(10, np.float32), 0.5)) == 20
    assert len(stretch(np.ones(10, np.float32), 2.0)) == 5


def test_a_flushed_stream_takes_no_more_input_until_reset() -> None:
    stretcher = TimeStretcher(1.5)
    stretcher.process(tone(200, 0.5))
    stretcher.flush()
    assert len(stretcher.flush()) == 0
    with pytest.raises(RuntimeError, match="flushed"):
        stretcher.process(tone(200, 0.1))
    stretcher.reset()
    assert len(np.concatenate([stretcher.process(tone(200, 1.0)), stretcher.flush()])) == round(
        SR / 1.5
    )


@pytest.mark.parametrize("speed", [0.5, 0.75, 1.0, 1.25, 1.5, 2.0])
def test_length_follows_the_speed_and_the_pitch_stays(speed: float) -> None:
    source = tone(440.0, 2.0)
    out = stretch(source, speed)
    assert abs(len(out) - len(source) / speed) <= 2
    assert dominant(out) == pytest.approx(440.0, rel=0.03)
    assert dominant(stretch(tone(123.0, 2.0), speed)) == pytest.approx(123.0, rel=0.03)


@pytest.mark.parametrize("speed", [0.5, 0.8, 1.3, 2.0])
def test_a_sine_comes_out_without_clicks(speed: float) -> None:
    source = tone(300.0, 2.0)
    out = stretch(source, speed)
    # A 0.5-amplitude sine moves at most 0.5 * 2*pi*f/SR per sample; a click
    # (a phase jump between frames) would move several times more. 20% margin.
    limit = 0.5 * 2 * np.pi * 300.0 / SR * 1.2
    assert np.max(np.abs(np.diff(out))) <= limit
    # ...and it stays as loud throughout (no dips where frames overlap); the
    # last 20 ms fade out with the last frame.
    body = out[: len(out) - 400]
    envelope = np.max(np.abs(body[: len(body) // 400 * 400].reshape(-1, 400)), axis=1)
    assert envelope.min() > 0.45


def test_at_normal_speed_the_signal_passes_unchanged() -> None:
    source = voiced(1.5)
    np.testing.assert_allclose(stretch(source, 1.0), source, atol=1e-5)


@pytest.mark.parametrize("speed", [0.5, 1.37, 2.0])
def test_output_does_not_depend_on_the_block_size(speed: float) -> None:
    source = voiced(3.0)
    whole = stretch(source, speed)
    for size in (1, 97, 160, 4000, 16000):
        stretcher = TimeStretcher(speed)
        blocks = [stretcher.process(source[i : i + size]) for i in range(0, len(source), size)]
        streamed = np.concatenate([*blocks, stretcher.flush()])
        assert len(streamed) == len(whole)
        np.testing.assert_allclose(streamed, whole, atol=1e-4)


def test_output_comes_out_as_input_goes_in() -> None:
    stretcher = TimeStretcher(0.5)
    held = []
    for i in range(0, SR * 2, 1600):
        out = stretcher.process(voiced(2.0)[i : i + 1600])
        held.append(stretcher.consumed - (i + 1600))
        assert len(out) <= 2 * 1600 + 2 * 320
    # Never more than one frame and the search margin behind the input.
    assert min(held) >= -(640 + 160 + 320 + 1)


def test_a_speed_change_applies_from_the_next_frame() -> None:
    source = voiced(4.0)
    stretcher = TimeStretcher(0.5)
    first = stretcher.process(source[: 2 * SR])
    consumed = stretcher.consumed
    stretcher.speed = 2.0
    rest = np.concatenate([stretcher.process(source[2 * SR :]), stretcher.flush()])
    assert len(first) == pytest.approx(consumed / 0.5, abs=1)
    assert len(rest) == pytest.approx((len(source) - consumed) / 2.0, abs=2)
    assert stretcher.consumed == len(source)


def test_a_changing_pitch_is_kept_at_each_moment() -> None:
    # A voice-like sound holding 120, 170 then 140 Hz for a second each.
    steps = (120.0, 170.0, 140.0)
    f0 = np.repeat(steps, SR)
    phase = 2 * np.pi * np.cumsum(f0) / SR
    source = (0.3 * sum(np.sin(k * phase) / k for k in range(1, 6))).astype(np.float32)
    for speed in (0.5, 2.0):
        out = stretch(source, speed)
        for second, want in enumerate(steps):
            # The middle half of each step, wherever it lies in the output.
            i, j = round((second + 0.25) / speed * SR), round((second + 0.75) / speed * SR)
            assert dominant(out[i:j]) == pytest.approx(want, rel=0.03)


def test_a_snapshot_continues_the_stream_as_it_was() -> None:
    source = voiced(3.0)
    stretcher = TimeStretcher(0.75)
    stretcher.process(source[:20000])
    saved = stretcher.snapshot()
    assert saved.received == 20000
    onward = np.concatenate([stretcher.process(source[20000:]), stretcher.flush()])
    again = np.concatenate([saved.process(source[20000:]), saved.flush()])
    np.testing.assert_allclose(again, onward, atol=1e-6)
    # A snapshot taken earlier can go on at another speed.
    other = TimeStretcher(0.75)
    other.process(source[:20000])
    faster = other.snapshot()
    faster.speed = 2.0
    rest = np.concatenate([faster.process(source[20000:]), faster.flush()])
    assert len(rest) == pytest.approx((len(source) - other.consumed) / 2.0, abs=2)
