"""Captured frames at any rate and channel count to 16 kHz mono, as they come."""

from __future__ import annotations

from typing import Any

import numpy as np

from stenodesk.core.audio.decode import SAMPLE_RATE, Pcm
from stenodesk.core.audio.devices import Frames


class Resampler:
    """Native-rate frames to 16 kHz mono float32, continuously (FFmpeg's swresample).

    Channels are averaged first, so a microphone that sends the same signal
    on both channels keeps its level.
    """

    def __init__(self, rate: int, channels: int) -> None:
        self._rate = rate
        self._channels = channels
        self._av: Any = None
        if rate != SAMPLE_RATE:
            import av

            self._av = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)

    def convert(self, frames: Frames) -> Pcm:
        mono = frames.reshape(-1) if self._channels == 1 else frames.mean(axis=1)
        mono = np.ascontiguousarray(mono, dtype=np.float32)
        if self._av is None:
            return mono
        import av

        frame = av.AudioFrame.from_ndarray(mono.reshape(1, -1), format="flt", layout="mono")
        frame.sample_rate = self._rate
        return self._collect(self._av.resample(frame))

    def flush(self) -> Pcm:
        """What the filter still holds; the resampler is done afterwards."""
        if self._av is None:
            return np.zeros(0, dtype=np.float32)
        pcm = self._collect(self._av.resample(None))
        self._av = None
        return pcm

    @staticmethod
    def _collect(frames: list[Any]) -> Pcm:
        parts = [np.asarray(f.to_ndarray(), dtype=np.float32).reshape(-1) for f in frames]
        if not parts:
            return np.zeros(0, dtype=np.float32)
        return parts[0] if len(parts) == 1 else np.concatenate(parts)
