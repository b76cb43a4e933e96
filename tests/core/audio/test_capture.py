"""Capture's parts that need no sound server: device choice, the growing WAV, resampling."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from stenodesk.core.audio.devices import InputDevice, pick_device
from stenodesk.core.audio.resample import Resampler
from stenodesk.core.audio.wavwriter import GrowingWav
from stenodesk.core.errors import ErrorKind, StenodeskError

DEVICES = (
    InputDevice(0, "HDA Intel PCH: ALC3246 Analog (hw:0,0)", 2, 48000.0, host_api="ALSA"),
    InputDevice(3, "USB Headset: Audio (hw:1,0)", 1, 44100.0, host_api="ALSA"),
    InputDevice(5, "pulse", 32, 44100.0, host_api="ALSA"),
    InputDevice(6, "default", 32, 44100.0, is_default=True, host_api="ALSA"),
)


@pytest.mark.parametrize(
    ("spec", "index"),
    [(None, 6), ("", 6), (3, 3), ("5", 5), ("pulse", 5), ("usb headset", 3), ("ALC3246", 0)],
)
def test_pick_device_by_index_name_or_part(spec: str | int | None, index: int) -> None:
    assert pick_device(spec, DEVICES).index == index


@pytest.mark.parametrize("spec", ["webcam", 9, "hw:"])
def test_unknown_or_ambiguous_device_names_what_there_is(spec: str | int) -> None:
    with pytest.raises(StenodeskError) as info:
        pick_device(spec, DEVICES)
    assert info.value.kind is ErrorKind.NO_INPUT_DEVICE
    assert str(info.value.message).startswith(f'No microphone found called "{spec}".')
    assert "5: pulse" in info.value.detail


def test_no_device_at_all() -> None:
    with pytest.raises(StenodeskError) as info:
        pick_device(None, ())
    assert str(info.value.message) == (
        "No microphone found. Connect a microphone or choose another input device."
    )


def test_growing_wav_is_readable_before_it_is_closed(tmp_path: Path) -> None:
    path = tmp_path / "rec.wav"
    rate = 8000
    tone = (0.5 * np.sin(np.arange(rate) * 2 * np.pi * 440 / rate)).astype(np.float32)
    wav = GrowingWav(path, rate, 1, sync_seconds=1.0)
    wav.write(tone[: rate // 2])  # half a second: not yet fixed up
    with wave.open(str(path)) as w:
        assert w.getnframes() == 0
    wav.write(tone[rate // 2 :])  # a whole second: header and data reach the file
    with wave.open(str(path)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (rate, 1, 2)
        got = np.frombuffer(w.readframes(w.getnframes()), "<i2") / 32767
    assert len(got) == rate
    assert np.max(np.abs(got - tone)) < 1e-3
    wav.write(np.full(100, 2.0, dtype=np.float32))  # clipped, not wrapped around
    wav.close()
    wav.close()
    with wave.open(str(path)) as w:
        assert w.getnframes() == rate + 100
        tail = np.frombuffer(w.readframes(w.getnframes()), "<i2")[-100:]
    assert np.all(tail == 32767)
    with pytest.raises(ValueError, match="closed"):
        wav.write(tone)


def test_stereo_wav_keeps_both_channels(tmp_path: Path) -> None:
    frames = np.stack([np.full(48000, 0.25), np.full(48000, -0.25)], axis=1).astype(np.float32)
    wav = GrowingWav(tmp_path / "st.wav", 48000, 2)
    wav.write(frames)
    wav.close()
    with wave.open(str(tmp_path / "st.wav")) as w:
        assert w.getnchannels() == 2
        data = np.frombuffer(w.readframes(w.getnframes()), "<i2").reshape(-1, 2)
    assert abs(data[:, 0].mean() / 32767 - 0.25) < 1e-3
    assert abs(data[:, 1].mean() / 32767 + 0.25) < 1e-3


@pytest.mark.parametrize(("rate", "channels"), [(44100, 1), (48000, 2), (22050, 1), (16000, 1)])
def test_resampler_makes_16k_mono_in_pieces(rate: int, channels: int) -> None:
    """Blocks of any size in, a continuous 16 kHz signal out: same length, same pitch."""
    seconds = 2
    t = np.arange(rate * seconds) / rate
    mono = (0.5 * np.sin(2 * np.pi * 1000 * t)).astype(np.float32)
    frames = np.repeat(mono[:, None], channels, axis=1)
    r = Resampler(rate, channels)
    rng = np.random.default_rng(1)
    out, i = [], 0
    while i < len(frames):
        n = int(rng.integers(100, 2000))
        out.append(r.convert(frames[i : i + n]))
        i += n
    out.append(r.flush())
    pcm = np.concatenate(out)
    assert abs(len(pcm) - 16000 * seconds) <= 2
    spectrum = np.abs(np.fft.rfft(pcm[2000:-2000]))
    peak = np.argmax(spectrum) * 16000 / (len(pcm) - 4000)
    assert abs(peak - 1000) < 5
    assert abs(np.max(np.abs(pcm[2000:-2000])) - 0.5) < 0.02
