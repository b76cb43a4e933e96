"""Speech the decoder skipped, found by the voice activity model and decoded again.

Whisper sometimes jumps over a sentence or two: its next timestamp lands
past speech it never wrote down. Two shapes of it were seen on ten minutes of
recorded prompts, each time where the windows fell otherwise than in the
run before (so the same file in the other run was whole):

- a gap between two segments that holds speech: French, base, nothing
  between 8:35.6 and 8:51.9, where 12 s of three prompts were said;
- a word stretched over it: Spanish, base, "y" timed 82.1 to 85.4 s and
  "la" 85.4 to 88.5 s, over "y la contraseña 4-2-4-2. Ese usuario está
  configurado para llamar a la" (11 words lost).

Plain faster-whisper loses the same way; its users find out when they read
the transcript. :class:`Recovery` looks at each segment as it comes: the
time since the previous one, and each word of :data:`STRETCH_SECONDS` or
more (word times on). Where the voice activity model hears at least
:data:`SKIP_SECONDS` of speech there, that span alone is decoded again, from
the text before it; its segments take the place of the gap or of the
stretched words. A span in which the second decoding finds nothing keeps
what the first gave. The checks cost little: the speech is looked up in the
probabilities the windows were planned with (see ``balance``), else scored
a minute at a time when first needed, from the window's own audio (one
stream) or from the file read again (two streams, a file over half an hour).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from stenodesk.core.audio import vad
from stenodesk.core.audio.decode import Pcm
from stenodesk.core.engine.decoding import to_segment
from stenodesk.core.engine.windows import Window
from stenodesk.core.transcript import Segment, Word

log = logging.getLogger(__name__)

GAP_SECONDS = 1.5
"""The least time between two segments that is looked at."""

STRETCH_SECONDS = 1.5
"""A word this long or longer is looked at (the longest in the runs above took 0.9 s)."""

SKIP_SECONDS = 1.0
"""Speech (frames the voice activity model scores 0.5 or more) that makes a span a skip."""

CONTEXT_SECONDS = 2.0
"""Audio decoded on each side of a span, so that the decoder hears its first and last words
whole and in context; only the words whose middle lies in the span are kept."""

ReadSpan = Callable[[float, float], Pcm]
"""The file's audio from one time to another, in seconds."""
DecodeSpan = Callable[[Window], Iterable[Any]]
"""faster-whisper's segments for a window of audio (times from its start)."""


class SpeechMap:
    """Seconds of speech between two times of a file (or of a stretch of it from ``origin``).

    Scored a ``BLOCK_SECONDS`` block at a time from ``origin``, when first
    asked, or all at once when the whole file was scored already (:meth:`use`,
    see ``balance``).
    """

    BLOCK_SECONDS = 60.0

    def __init__(self, read: ReadSpan, origin: float = 0.0) -> None:
        self._read = read
        self._origin = origin
        self._blocks: dict[int, Pcm] = {}
        self._whole: Pcm | None = None

    def use(self, probabilities: Pcm) -> None:
        """The whole file's scores, one per window of the model from its start."""
        self._whole = probabilities

    @property
    def whole(self) -> bool:
        """Whether the whole file's scores are at hand."""
        return self._whole is not None

    def seconds(self, start: float, end: float) -> float:
        whole, step = self._whole, vad.WINDOW_SECONDS
        if whole is not None:
            return vad.speech_seconds(whole[round(start / step) : round(end / step)])
        first, last = round((start - self._origin) / step), round((end - self._origin) / step)
        if last <= max(first, 0):
            return 0.0
        per = round(self.BLOCK_SECONDS / step)
        total = 0.0
        for block in range(max(first, 0) // per, (last - 1) // per + 1):
            scores = self._blocks.get(block)
            if scores is None:
                at = self._origin + block * per * step
                scores = vad.speech_probabilities([self._read(at, at + per * step)])
                self._blocks[block] = scores
            lo, hi = max(first - block * per, 0), min(last - block * per, per)
            total += vad.speech_seconds(scores[lo:hi])
        return total


class Recovery:
    """Decodes again the speech a window's decoder skipped.

    Args:
        speech: where the file's speech is.
        read: the file's audio between two times.
        decode: decodes a span's window (from the text before it, in the job's language).
        limit: the latest time a span may reach (the window's end).
        words: whether the segments keep their words (the job's word times); a span is
            always decoded with them, to keep the words in it.
    """

    def __init__(
        self, speech: SpeechMap, read: ReadSpan, decode: DecodeSpan, limit: float, *, words: bool
    ) -> None:
        self._speech = speech
        self._words = words
        self._read = read
        self._decode = decode
        self._limit = limit
        self.recovered = 0
        """Spans decoded again that gave text."""

    def repair(self, after: float, seg: Segment) -> list[Segment]:
        """``seg``, or the segments that replace it: skipped speech since ``after`` (the end
        of the text before it) and inside its stretched words decoded again."""
        parts: list[Segment] = []
        start = seg.words[0].start if seg.words else seg.start
        if start - after >= GAP_SECONDS:
            parts += self._again(after, start)
        run = _stretched(seg.words)
        if run is None:
            return [*parts, seg]
        first, last = run
        found = self._again(seg.words[first].start, seg.words[last].end)
        if not found:
            return [*parts, seg]
        head, tail = seg.words[:first], seg.words[last + 1 :]
        if head:
            parts.append(_with_words(seg, head))
        parts += found
        if tail:
            parts.append(_with_words(seg, tail))
        return parts

    def after_last(self, after: float, end: float) -> list[Segment]:
        """Skipped speech between the window's last text (``after``) and ``end``."""
        return self._again(after, end) if end - after >= GAP_SECONDS else []

    def _again(self, start: float, end: float) -> list[Segment]:
        if self._speech.seconds(start, end) < SKIP_SECONDS:
            return []
        lo = max(0.0, start - CONTEXT_SECONDS)
        hi = min(self._limit, end + CONTEXT_SECONDS)
        window = Window(-1, lo, self._read(lo, hi), last=True)
        found = []
        for raw in self._decode(window):
            seg = _within(to_segment(raw, window, 0), start, end)
            if seg is not None:
                found.append(seg if self._words else replace(seg, words=()))
        if found:
            self.recovered += 1
            log.info(
                "decoded again %.2f-%.2f s, skipped by the decoder: %r",
                start,
                end,
                " ".join(s.text.strip() for s in found),
            )
        return found


def _stretched(words: tuple[Word, ...]) -> tuple[int, int] | None:
    """The first run of words of ``STRETCH_SECONDS`` or more (first and last index)."""
    first = None
    for i, word in enumerate(words):
        if word.end - word.start >= STRETCH_SECONDS:
            first = i if first is None else first
        elif first is not None:
            return first, i - 1
    return (first, len(words) - 1) if first is not None else None


def _with_words(seg: Segment, words: tuple[Word, ...]) -> Segment:
    """Part of ``seg``: these of its words only."""
    return replace(
        seg,
        start=words[0].start,
        end=words[-1].end,
        text="".join(w.text for w in words),
        words=words,
    )


def _within(seg: Segment, start: float, end: float) -> Segment | None:
    """The part of a segment decoded again whose words' middles lie in the span."""
    words = tuple(w for w in seg.words if start <= (w.start + w.end) / 2 <= end)
    if not words or not "".join(w.text for w in words).strip():
        return None
    return _with_words(seg, words)
