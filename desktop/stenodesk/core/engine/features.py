"""Whisper's log-Mel features, computed a block of frames at a time.

faster-whisper's ``FeatureExtractor`` builds the whole short-time Fourier
transform of its input at once: for a 300-second window that is several
arrays of 30,000 x 400 or 30,000 x 201 values, about 290 MB at its peak, on
top of the model (this one: about 60 MB). Every frame depends only on its own 400 samples, so the
same numbers come out when the frames are transformed a few thousand at a
time and written into the (small, 80 x frames) result; only the final
normalisation (clamp to 8 below the maximum) needs the whole result, and it
runs in place. The arithmetic per frame is faster-whisper's own, in the same
order and precision, so the features are equal to the ones it computes
(tests/core/engine/test_features.py compares them).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import numpy.typing as npt

from stenodesk.core.engine import fw_internals as fw
from stenodesk.core.engine.fw_internals import FeatureExtractor

BLOCK_FRAMES = 3000
"""Frames transformed at once: 30 s of audio, about 10 MB of scratch space."""


class BlockFeatureExtractor(FeatureExtractor):  # type: ignore[misc]  # untyped upstream
    """A drop-in ``FeatureExtractor`` whose scratch memory does not grow with the input."""

    _mode = threading.local()

    @contextmanager
    def whole_chunks(self) -> Iterator[None]:
        """In this thread, meanwhile: features decoded in whole chunks only
        (:func:`~.fw_internals.whole_chunks_only`)."""
        self._mode.whole = True
        try:
            yield
        finally:
            self._mode.whole = False

    def __call__(
        self,
        waveform: npt.NDArray[Any],
        padding: int = 160,
        chunk_length: int | None = None,
    ) -> npt.NDArray[np.float32]:
        mel = self._mel(waveform, padding, chunk_length)
        return fw.whole_chunks_only(mel) if getattr(self._mode, "whole", False) else mel

    def _mel(
        self, waveform: npt.NDArray[Any], padding: int, chunk_length: int | None
    ) -> npt.NDArray[np.float32]:
        if chunk_length is not None:
            self.n_samples = chunk_length * self.sampling_rate
            self.nb_max_frames = self.n_samples // self.hop_length
        half = self.n_fft // 2
        if len(waveform) + padding <= half:  # too short to reflect once: upstream's way
            return np.asarray(super().__call__(waveform, padding=padding), dtype=np.float32)
        audio = _centred(np.asarray(waveform, dtype=np.float32), padding, half)
        window = np.hanning(self.n_fft + 1)[:-1].astype("float32")
        frames = 1 + (len(audio) - self.n_fft) // self.hop_length
        kept = frames - 1  # FeatureExtractor drops the last frame
        mel = np.empty((self.mel_filters.shape[0], kept), dtype=np.float32)
        step = audio.strides[0]
        for first in range(0, kept, BLOCK_FRAMES):
            count = min(BLOCK_FRAMES, kept - first)
            block = np.lib.stride_tricks.as_strided(
                audio[first * self.hop_length :],
                (count, self.n_fft),
                (self.hop_length * step, step),
                writeable=False,
            )
            spectrum = np.fft.rfft(block * window, n=self.n_fft, axis=-1).astype("complex64")
            magnitudes = np.abs(spectrum.T) ** 2
            mel[:, first : first + count] = self.mel_filters @ magnitudes
        np.clip(mel, 1e-10, None, out=mel)
        np.log10(mel, out=mel)
        np.maximum(mel, mel.max() - 8.0, out=mel)
        mel += 4.0
        mel /= 4.0
        return mel


def _centred(pcm: npt.NDArray[np.float32], padding: int, half: int) -> npt.NDArray[np.float32]:
    """``pcm`` followed by ``padding`` zeros, then reflected by ``half`` on each side.

    What ``np.pad(np.pad(pcm, (0, padding)), half, mode="reflect")`` gives,
    built in one array instead of two full-length copies.
    """
    n = len(pcm) + padding
    out = np.zeros(n + 2 * half, dtype=np.float32)
    body = out[half : half + n]
    body[: len(pcm)] = pcm
    # Reflection leaves out the edge sample itself.
    out[:half] = body[1 : half + 1][::-1]
    out[half + n :] = body[::-1][1 : half + 1]
    return out
