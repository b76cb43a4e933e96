"""Voice activity in a live stream: faster-whisper's Silero VAD, fed as audio arrives.

faster-whisper's :func:`faster_whisper.vad.get_speech_timestamps` scores a
whole recording at once. Live audio arrives in pieces, so this module runs
the same ONNX model 32 ms window by window, carrying the model's recurrent
state and context across calls; the probabilities equal those of one call
over the whole stream. Speech spans are then found with the same hysteresis
(start above ``threshold``, stay in speech above ``neg_threshold``, end after
``min_silence``) over any part of the stream that is asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from stenodesk.core.audio.decode import SAMPLE_RATE, Pcm

WINDOW = 512
"""Samples per VAD decision (32 ms at 16 kHz); the model's fixed input size."""
WINDOW_SECONDS = WINDOW / SAMPLE_RATE
_CONTEXT = 64

THRESHOLD = 0.5
"""The probability from which a window is speech (faster-whisper's default)."""


@dataclass(frozen=True)
class Span:
    """Speech from ``start`` to ``end`` (samples in stream time).

    ``closed`` is true when at least the minimum silence followed it; an open
    span is speech that may still be going on.
    """

    start: int
    end: int
    closed: bool

    @property
    def seconds(self) -> tuple[float, float]:
        return self.start / SAMPLE_RATE, self.end / SAMPLE_RATE


class StreamingVad:
    """Speech probabilities for every 32 ms of a stream, computed as audio is fed.

    Args:
        threshold: probability at which speech starts.
        neg_threshold: probability below which it counts as silence once
            speech started (defaults to ``threshold - 0.15``, as faster-whisper).
    """

    def __init__(self, threshold: float = THRESHOLD, neg_threshold: float | None = None) -> None:
        self.threshold = threshold
        self.neg_threshold = max(threshold - 0.15, 0.01) if neg_threshold is None else neg_threshold
        self._session: Any = None
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros(_CONTEXT, dtype=np.float32)
        self._pending = np.zeros(0, dtype=np.float32)
        self._probs = np.zeros(0, dtype=np.float32)
        self._count = 0

    @property
    def windows(self) -> int:
        """Windows scored so far; window ``i`` covers samples ``[i*512, (i+1)*512)``."""
        return self._count

    @property
    def probabilities(self) -> Pcm:
        """The speech probability of every window scored so far (a copy)."""
        return self._probs[: self._count].copy()

    def feed(self, pcm: Pcm) -> None:
        """Score the complete windows that ``pcm`` (appended to what came before) makes."""
        audio = np.concatenate([self._pending, pcm]) if len(self._pending) else pcm
        usable = len(audio) // WINDOW * WINDOW
        self._pending = np.array(audio[usable:], dtype=np.float32)
        if usable == 0:
            return
        blocks = np.asarray(audio[:usable], dtype=np.float32).reshape(-1, WINDOW)
        previous = np.concatenate([self._context[None, :], blocks[:-1, -_CONTEXT:]])
        batch = np.concatenate([previous, blocks], axis=1)
        self._context = blocks[-1, -_CONTEXT:].copy()
        if self._session is None:
            from stenodesk.core.engine import fw_internals as fw

            self._session = fw.vad_session()
        out, self._h, self._c = self._session.run(
            None, {"input": batch, "h": self._h, "c": self._c}
        )
        self._append(np.asarray(out, dtype=np.float32).reshape(-1))

    def finish(self) -> None:
        """Score the rest of the stream, its last window filled with silence (as
        faster-whisper pads the audio it scores)."""
        if len(self._pending):
            self.feed(np.zeros(WINDOW - len(self._pending), dtype=np.float32))

    def _append(self, probs: Pcm) -> None:
        need = self._count + len(probs)
        if need > len(self._probs):
            grown = np.zeros(max(need, 2 * len(self._probs), 1024), dtype=np.float32)
            grown[: self._count] = self._probs[: self._count]
            self._probs = grown
        self._probs[self._count : need] = probs
        self._count = need

    def spans(
        self, start: int, end: int, min_silence: float, min_speech: float = 0.1
    ) -> list[Span]:
        """Speech spans between samples ``start`` and ``end`` (as far as scored).

        A span that reaches the end of the scored audio without ``min_silence``
        after it is open. Spans shorter than ``min_speech`` seconds are left out.
        """
        first = start // WINDOW
        last = min(self._count, -(-end // WINDOW))
        gap = max(1, round(min_silence * SAMPLE_RATE / WINDOW))
        shortest = min_speech * SAMPLE_RATE
        probs = self._probs
        found: list[Span] = []
        speaking = False
        begin = spoken = 0
        for i in range(first, last):
            p = probs[i]
            if not speaking:
                if p >= self.threshold:
                    speaking, begin, spoken = True, i, i + 1
            elif p >= self.neg_threshold:
                spoken = i + 1
            elif i + 1 - spoken >= gap:
                speaking = False
                if (spoken - begin) * WINDOW >= shortest:
                    found.append(Span(begin * WINDOW, spoken * WINDOW, closed=True))
        if speaking and (spoken - begin) * WINDOW >= shortest:
            found.append(Span(begin * WINDOW, spoken * WINDOW, closed=last - spoken >= gap))
        return [Span(max(s.start, start), min(s.end, end), s.closed) for s in found]


def speech_probabilities(blocks: Iterable[Pcm]) -> Pcm:
    """The speech probability of every window of a whole stream given in blocks of any length.

    Blocks are scored as they come, so a long file is scored in little memory.
    """
    vad = StreamingVad()
    for block in blocks:
        vad.feed(block)
    vad.finish()
    return vad.probabilities


def speech_seconds(probabilities: Pcm) -> float:
    """Seconds of speech in ``probabilities`` (windows at :data:`THRESHOLD` or above)."""
    return float((probabilities >= THRESHOLD).sum()) * WINDOW_SECONDS
