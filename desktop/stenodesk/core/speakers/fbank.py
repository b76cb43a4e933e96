"""Kaldi-style log-mel filterbanks, the input CAM++ was trained on.

The settings are the ones 3D-Speaker publishes for its CAM++ models: 16 kHz,
25 ms frames every 10 ms, no dither, DC offset removed, pre-emphasis 0.97, a
Povey window, a 512-point FFT of the power spectrum, 80 triangular bands on
the mel scale from 20 Hz to the Nyquist frequency, natural log, and frames
that fit wholly inside the signal. The mean over time is removed per
embedding (:func:`normalised`).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float32]

RATE = 16000
FRAME = 400  # 25 ms
SHIFT = 160  # 10 ms
FFT = 512
BANDS = 80
LOW_HZ = 20.0
PREEMPHASIS = 0.97
_FLOOR = float(np.finfo(np.float32).eps)


def _mel(hz: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return 1127.0 * np.log1p(hz / 700.0)


@cache
def _window() -> npt.NDArray[np.float64]:
    n = np.arange(FRAME)
    hann = 0.5 - 0.5 * np.cos(2.0 * np.pi * n / (FRAME - 1))
    return hann**0.85


@cache
def _mel_banks() -> npt.NDArray[np.float32]:
    """(FFT // 2 + 1, BANDS) weights; the Nyquist bin gets none, as in Kaldi."""
    bins = FFT // 2
    low, high = _mel(np.array(LOW_HZ)), _mel(np.array(RATE / 2.0))
    delta = (high - low) / (BANDS + 1)
    left = low + delta * np.arange(BANDS)
    centre, right = left + delta, left + 2.0 * delta
    mel = _mel(np.arange(bins) * RATE / FFT)[:, None]
    up = (mel - left) / (centre - left)
    down = (right - mel) / (right - centre)
    weights = np.maximum(0.0, np.minimum(up, down))
    return np.vstack([weights, np.zeros((1, BANDS))]).astype(np.float32)


def frame_count(samples: int) -> int:
    return 0 if samples < FRAME else 1 + (samples - FRAME) // SHIFT


def fbank(pcm: npt.NDArray[np.float32]) -> Array:
    """Log-mel filterbanks of 16 kHz mono samples: (frames, 80), frames every 10 ms."""
    count = frame_count(len(pcm))
    if count == 0:
        return np.zeros((0, BANDS), dtype=np.float32)
    signal = np.asarray(pcm, dtype=np.float64)
    frames = np.lib.stride_tricks.sliding_window_view(signal, FRAME)[::SHIFT][:count]
    frames = frames - frames.mean(axis=1, keepdims=True)
    emphasised = np.empty_like(frames)
    emphasised[:, 1:] = frames[:, 1:] - PREEMPHASIS * frames[:, :-1]
    emphasised[:, 0] = frames[:, 0] * (1.0 - PREEMPHASIS)
    spectrum = np.fft.rfft(emphasised * _window(), n=FFT)
    power = (spectrum.real**2 + spectrum.imag**2).astype(np.float32)
    result: Array = np.log(np.maximum(power @ _mel_banks(), _FLOOR)).astype(np.float32)
    return result


def normalised(feats: Array) -> Array:
    """Features with their mean over time removed, as CAM++ expects them."""
    if len(feats) == 0:
        return feats
    result: Array = (feats - feats.mean(axis=0, keepdims=True)).astype(np.float32)
    return result
