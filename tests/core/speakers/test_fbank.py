"""Kaldi-style filterbanks: frame count and where a tone's energy lands."""

from __future__ import annotations

import numpy as np

from stenodesk.core.speakers import fbank


def _mel(hz: float) -> float:
    return 1127.0 * np.log1p(hz / 700.0)


def test_frames_fit_wholly_inside_the_signal() -> None:
    assert fbank.fbank(np.zeros(399, dtype=np.float32)).shape == (0, 80)
    assert fbank.fbank(np.zeros(400, dtype=np.float32)).shape == (1, 80)
    assert fbank.fbank(np.zeros(16000, dtype=np.float32)).shape == (98, 80)


def test_a_tone_peaks_in_the_band_centred_on_its_pitch() -> None:
    t = np.arange(16000) / 16000
    for hz in (300.0, 1000.0, 3000.0):
        feats = fbank.fbank((0.5 * np.sin(2 * np.pi * hz * t)).astype(np.float32))
        low, high = _mel(20.0), _mel(8000.0)
        centres = low + (high - low) / 81 * (np.arange(80) + 1)
        expected = int(np.argmin(np.abs(centres - _mel(hz))))
        assert abs(int(np.argmax(feats.mean(axis=0))) - expected) <= 1


def test_normalised_features_have_zero_mean_over_time() -> None:
    rng = np.random.default_rng(1)
    feats = fbank.fbank((0.1 * rng.standard_normal(32000)).astype(np.float32))
    assert np.abs(fbank.normalised(feats).mean(axis=0)).max() < 1e-4
