"""A whole file's waveform overview: the lowest and highest sample per bucket.

The file is decoded a block at a time (:func:`iter_pcm`) and folded into at
most ``2 * buckets`` buckets of equal length, so memory stays bounded
whatever the file's length. The bucket length comes from the duration the
container states; when the file turns out longer (a container that does not
say, or says wrong), pairs of buckets are merged and the length doubles, so
the bound still holds. A view draws any width from the result with
:meth:`Waveform.columns`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from stenodesk.core.audio.decode import SAMPLE_RATE, Pcm, iter_pcm, probe
from stenodesk.core.cancel import NEVER, CancelToken

BLOCK_SECONDS = 10.0
"""Decoded at a time: 640 kB of samples; also how often progress is reported."""

_UNKNOWN_BUCKET = 160
"""Samples per bucket (10 ms) to start with when the duration is not known."""

Peaks = npt.NDArray[np.float32]


@dataclass(frozen=True, eq=False)
class Waveform:
    """Per-bucket extremes of a file's audio (16 kHz mono), in file order."""

    minima: Peaks
    maxima: Peaks
    bucket_seconds: float
    """How much audio each bucket covers (the last may cover less)."""
    duration: float
    """Seconds of audio decoded."""

    def __len__(self) -> int:
        return len(self.minima)

    def columns(self, width: int) -> tuple[Peaks, Peaks]:
        """Minima and maxima for ``width`` equal columns spanning the whole file."""
        if width < 1:
            raise ValueError("width must be at least 1")
        n = len(self.minima)
        if n == 0:
            zeros = np.zeros(width, dtype=np.float32)
            return zeros, zeros.copy()
        # Column i takes buckets [edges[i], edges[i+1]); narrower than a bucket, it repeats one.
        edges = np.minimum(np.arange(width) * n // width, n - 1)
        return np.minimum.reduceat(self.minima, edges), np.maximum.reduceat(self.maxima, edges)

    def bucket_at(self, seconds: float) -> int:
        """The bucket holding the moment ``seconds`` (clamped to the file)."""
        if not len(self.minima):
            return 0
        return min(len(self.minima) - 1, max(0, int(seconds / self.bucket_seconds)))


class _Folder:
    """Folds samples into at most ``capacity`` buckets, doubling their length when full."""

    def __init__(self, capacity: int, per_bucket: int) -> None:
        self.capacity = capacity
        self.per_bucket = per_bucket
        self.minima = np.zeros(capacity, dtype=np.float32)
        self.maxima = np.zeros(capacity, dtype=np.float32)
        self.count = 0
        self.samples = 0
        self._carry_min = math.inf
        self._carry_max = -math.inf
        self._carry_n = 0  # samples in the bucket being filled

    def add(self, block: Pcm) -> None:
        self.samples += len(block)
        pos = 0
        while pos < len(block):
            if self._carry_n:
                take = min(self.per_bucket - self._carry_n, len(block) - pos)
                self._into_carry(block[pos : pos + take])
                pos += take
                if self._carry_n == self.per_bucket:
                    if self.count == self.capacity:
                        self._coarsen()  # the bucket doubles: keep filling it
                    else:
                        self._close_carry()
                continue
            whole = (len(block) - pos) // self.per_bucket
            if whole == 0:
                self._into_carry(block[pos:])
                break
            if self.count == self.capacity:
                self._coarsen()
                continue
            k = min(whole, self.capacity - self.count)
            rows = block[pos : pos + k * self.per_bucket].reshape(k, self.per_bucket)
            self.minima[self.count : self.count + k] = rows.min(axis=1)
            self.maxima[self.count : self.count + k] = rows.max(axis=1)
            self.count += k
            pos += k * self.per_bucket

    def finish(self) -> tuple[Peaks, Peaks]:
        if self._carry_n:
            self._close_carry()
        return self.minima[: self.count].copy(), self.maxima[: self.count].copy()

    def _into_carry(self, samples: Pcm) -> None:
        self._carry_min = min(self._carry_min, float(samples.min()))
        self._carry_max = max(self._carry_max, float(samples.max()))
        self._carry_n += len(samples)

    def _close_carry(self) -> None:
        if self.count == self.capacity:
            self._coarsen()  # only at the end: the partial bucket stays the last
        self.minima[self.count] = self._carry_min
        self.maxima[self.count] = self._carry_max
        self.count += 1
        self._carry_min, self._carry_max, self._carry_n = math.inf, -math.inf, 0

    def _coarsen(self) -> None:
        """Merge neighbouring pairs (the store is full, so its count is even)."""
        half = self.count // 2
        pairs = slice(0, 2 * half)
        self.minima[:half] = self.minima[pairs].reshape(half, 2).min(axis=1)
        self.maxima[:half] = self.maxima[pairs].reshape(half, 2).max(axis=1)
        self.count = half
        self.per_bucket *= 2


def compute_waveform(
    path: str | Path,
    buckets: int,
    *,
    duration: float | None = None,
    cancel: CancelToken = NEVER,
    on_progress: Callable[[float, float], None] | None = None,
    block_seconds: float = BLOCK_SECONDS,
) -> Waveform:
    """The waveform overview of a whole file, in about ``buckets`` buckets (at most twice).

    Args:
        path: any media file :func:`iter_pcm` decodes.
        buckets: how many the caller means to draw (the widget's width in pixels).
        duration: the file's length in seconds if known; None asks the container.
        cancel: checked between blocks (and packets); raises ``Cancelled``.
        on_progress: called after each block with (seconds decoded, seconds expected).

    Raises:
        ValueError: fewer than one bucket.
        StenodeskError: the file cannot be opened or decoded (see :func:`iter_pcm`).
        Cancelled: the token was cancelled.
    """
    if buckets < 1:
        raise ValueError("a waveform needs at least one bucket")
    expected = probe(path).duration if duration is None else max(0.0, duration)
    per_bucket = (
        max(1, math.ceil(expected * SAMPLE_RATE / buckets)) if expected > 0 else _UNKNOWN_BUCKET
    )
    folder = _Folder(2 * buckets, per_bucket)
    for block in iter_pcm(path, block_seconds=block_seconds, cancel=cancel):
        cancel.raise_if_cancelled()
        folder.add(block)
        if on_progress is not None:
            done = folder.samples / SAMPLE_RATE
            on_progress(done, max(expected, done))
    minima, maxima = folder.finish()
    return Waveform(minima, maxima, folder.per_bucket / SAMPLE_RATE, folder.samples / SAMPLE_RATE)
