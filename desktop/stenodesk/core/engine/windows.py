"""Cutting a stream of audio into bounded windows at pauses in the speech.

The engine transcribes window by window, so memory stays flat whatever the
length of the file and the first text arrives after the first (short) window.
Each cut is placed in the longest pause that voice activity detection finds
near the window's target end, so no word is split between two windows. When
the speech runs on with no pause there, the cut falls back to the quietest
spot and the window says so (``Window.clean_end`` false): the engine then
decodes the speech around that cut again in the next window (see
``Transcriber``), so nothing is lost or doubled at the seam. Decoding without
voice activity detection picks each seam itself, where a 30 s chunk no longer
fits (``decoding.decodes_whole_chunks``); its windows are cut at their target.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np

from stenodesk.core.audio.decode import SAMPLE_RATE, Pcm

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WindowPlan:
    """How long windows are. The first is short so that text shows up quickly."""

    first_seconds: float = 30.0
    seconds: float = 300.0
    search_seconds: float = 12.0
    """How far before a window's target end a pause is looked for."""
    pause_seconds: float = 0.1
    """The shortest pause (after voice activity detection's padding) a clean cut needs."""
    pauses: bool = True
    """Cut in pauses; False: at the target plus ``EXACT_SLACK_SECONDS``, for a decoder that
    picks each window's seam itself (see ``decoding.decodes_whole_chunks``)."""

    def target(self, index: int) -> int:
        return int((self.first_seconds if index == 0 else self.seconds) * SAMPLE_RATE)

    def for_batches(self, batch_size: int) -> WindowPlan:
        """The plan for batched decoding: windows hold whole batches of 30 s chunks.

        Only whole batches are decoded from a window (the rest goes on to the
        next one), so a window must hold at least one batch of speech, better
        two: speech fills some two thirds to nine tenths of a recording's
        time. The first window holds about one batch, so the first text
        comes after one batch. A plan whose windows are shorter than a batch
        (in tests) keeps its sizes.
        """
        if batch_size <= 0:
            return self
        batch = 30.0 * batch_size
        if self.seconds < batch:
            return replace(self, first_seconds=self.seconds)
        first = max(self.first_seconds, 1.5 * batch)
        return replace(self, first_seconds=first, seconds=max(self.seconds, 3.0 * batch))

    def for_workers(self, workers: int) -> WindowPlan:
        """The plan for windows decoded ``workers`` at a time (see ``parallel.WindowPool``).

        The windows after the first are shorter by as much: each is what one
        worker decodes, and the shorter they are, the less one worker waits
        for the other at the end of a file. The first stays as it is (the
        first text comes after it).
        """
        if workers <= 1:
            return self
        return replace(self, seconds=max(self.first_seconds, self.seconds / workers))

    def for_whole_chunks(self) -> WindowPlan:
        """The plan for whole-chunk decoding: cut where the target is, each window a chunk or more.

        The decoder stops before the first 30 s chunk a window cannot fill
        and the next window starts there, so a window's end holds no seam
        and needs no pause; a window shorter than a chunk would end in a part
        filled one. The first window is one chunk: the first text comes after it.
        """
        from stenodesk.core.engine import fw_internals as fw

        chunk = fw.CHUNK_FRAMES / fw.FRAMES_PER_SECOND
        return replace(
            self,
            pauses=False,
            first_seconds=max(self.first_seconds, chunk),
            seconds=max(self.seconds, chunk),
        )


@dataclass(frozen=True)
class Window:
    index: int
    start: float
    """Seconds from the start of the file."""
    pcm: Pcm
    last: bool
    clean_end: bool = True
    """False when the window was cut where no pause was found (speech may run across)."""
    speech_end: float | None = None
    """For a window cut in a pause: seconds into the window where the speech before it ended."""
    speech_start: float | None = None
    """Seconds into the window where voice activity detection first heard speech
    (looked for in the first ``LEAD_SECONDS``; their end when none); None: not looked for."""
    samples: int = -1
    """The window's length in samples (its audio's, unless :meth:`without_audio` dropped it)."""

    def __post_init__(self) -> None:
        if self.samples < 0:
            object.__setattr__(self, "samples", len(self.pcm))

    @property
    def end(self) -> float:
        return self.start + self.samples / SAMPLE_RATE

    @property
    def seconds(self) -> float:
        return self.samples / SAMPLE_RATE

    def without_audio(self) -> Window:
        """The same window without its samples, once its decoder has its features."""
        return replace(self, pcm=_NO_AUDIO)


_NO_AUDIO: Pcm = np.zeros(0, dtype=np.float32)


@dataclass(frozen=True)
class Cut:
    sample: int
    in_pause: bool
    """True when the cut lies in a pause voice activity detection found."""
    speech_end: int | None = None
    """Where that pause starts: the end of the speech before the cut."""


def find_cut(pcm: Pcm, lo: int, hi: int) -> int:
    """A sample index in [lo, hi] in the middle of the longest pause found there."""
    return choose_cut(pcm, lo, hi).sample


def choose_cut(pcm: Pcm, lo: int, hi: int, pause_seconds: float = 0.1) -> Cut:
    """Where to cut in [lo, hi]: the middle of the longest pause, else the quietest spot."""
    lo, hi = max(0, lo), min(len(pcm), hi)
    if hi - lo < SAMPLE_RATE // 2:
        return Cut(hi, in_pause=False)
    region = pcm[lo:hi]
    gaps = _vad_gaps(region)
    if gaps:
        # Longest pause wins; among equals, the later one (a longer window).
        start, end = max(gaps, key=lambda g: (g[1] - g[0], g[0]))
        if end - start >= int(pause_seconds * SAMPLE_RATE):
            return Cut(lo + (start + end) // 2, in_pause=True, speech_end=lo + start)
    return Cut(lo + _quietest_frame(region), in_pause=False)


EXACT_SLACK_SECONDS = 0.5
"""How far past its target a window cut without a pause ends: a target of one
chunk then holds a whole chunk and the frames after it that its features need."""

LEAD_SECONDS = 5.0
"""How far into a window its first speech is looked for."""


def leading_pause(pcm: Pcm) -> float:
    """Seconds from the start of ``pcm`` to its first speech (at most ``LEAD_SECONDS``)."""
    region = pcm[: int(LEAD_SECONDS * SAMPLE_RATE)]
    gaps = _vad_gaps(region)
    if gaps and gaps[0][0] == 0:
        return gaps[0][1] / SAMPLE_RATE
    return 0.0


def closing_pause(pcm: Pcm) -> float | None:
    """Seconds into ``pcm`` where its last speech ends, if it ends in a pause
    found within its last ``LEAD_SECONDS``; None when speech runs to the end."""
    region = pcm[-int(LEAD_SECONDS * SAMPLE_RATE) :]
    gaps = _vad_gaps(region)
    if not gaps or gaps[-1][1] != len(region):
        return None
    return (len(pcm) - len(region) + gaps[-1][0]) / SAMPLE_RATE


def _vad_gaps(region: Pcm) -> list[tuple[int, int]]:
    from stenodesk.core.engine import fw_internals as fw

    speech = fw.get_speech_timestamps(
        region, fw.vad_options(min_silence_duration_ms=100, speech_pad_ms=30)
    )
    gaps: list[tuple[int, int]] = []
    cursor = 0
    for chunk in speech:
        if chunk["start"] > cursor:
            gaps.append((cursor, int(chunk["start"])))
        cursor = max(cursor, int(chunk["end"]))
    if cursor < len(region):
        gaps.append((cursor, len(region)))
    return gaps


def _quietest_frame(region: Pcm) -> int:
    frame = SAMPLE_RATE // 50  # 20 ms
    n = len(region) // frame
    if n == 0:
        return len(region)
    energy = np.square(region[: n * frame].reshape(n, frame)).mean(axis=1)
    # Smooth over 100 ms so one quiet frame inside a word does not win.
    smooth = np.convolve(energy, np.ones(5) / 5, mode="same")
    best = int(np.flatnonzero(smooth == smooth.min())[-1])
    return best * frame + frame // 2


class Windower:
    """Turns decoded blocks into :class:`Window` values.

    ``start`` and ``index`` let a resumed job continue with the same window
    boundaries an uninterrupted run would have had. ``reopen`` gives the
    blocks again from a position in seconds, for :meth:`rewind`. ``ends``
    is asked once, when the first window after the first is cut: where
    windows 1, 2, ... end, in seconds from the start of the file (see
    ``balance``), or None for the plan's lengths. Each of those windows is
    cut in the longest pause within half ``plan.search_seconds`` of its end,
    the last one at the end of the file.
    """

    def __init__(
        self,
        blocks: Iterable[Pcm],
        plan: WindowPlan | None = None,
        *,
        start: float = 0.0,
        index: int = 0,
        reopen: Callable[[float], Iterable[Pcm]] | None = None,
        ends: Callable[[], Sequence[float] | None] | None = None,
    ) -> None:
        self._blocks = iter(blocks)
        self._plan_ends = ends
        self._ends: Sequence[float] | None = None
        self._reopen = reopen
        self._plan = plan or WindowPlan()
        # Counted in samples: seconds summed window after window drift (two
        # hours ended at 7199.999999999999 s).
        self._start = round(start * SAMPLE_RATE)
        self._index = index
        self._pending: list[Pcm] = []
        self._pending_len = 0
        self._exhausted = False

    def push_back(self, pcm: Pcm, start: float, *, index: int | None = None) -> None:
        """Put audio back in front of the queue (the rest of an abandoned window).

        ``index``: the next window's, when windows after the abandoned one
        were taken too (their audio is part of ``pcm``).
        """
        self._pending.insert(0, pcm)
        self._pending_len += len(pcm)
        self._start = round(start * SAMPLE_RATE)
        if index is not None:
            self._index = index

    def rewind(self, start: float, *, index: int) -> None:
        """Go on from ``start`` seconds with window ``index``, reading the audio again.

        For windows whose audio was dropped once decoding began
        (``Window.without_audio``): the audio in hand is dropped too, and
        ``reopen`` reads from ``start`` on, to the sample a resumed job
        would start on.
        """
        if self._reopen is None:
            raise RuntimeError("this windower cannot read its audio again")
        close = getattr(self._blocks, "close", None)
        if close is not None:
            close()  # the file the blocks came from
        self._blocks = iter(self._reopen(start))
        self._pending, self._pending_len, self._exhausted = [], 0, False
        self._start = round(start * SAMPLE_RATE)
        self._index = index

    def _fill(self, need: int) -> None:
        while self._pending_len < need and not self._exhausted:
            try:
                block = next(self._blocks)
            except StopIteration:
                self._exhausted = True
                return
            self._pending.append(block)
            self._pending_len += len(block)

    def __iter__(self) -> Iterator[Window]:
        return self

    def _target(self) -> int:
        """Samples from the window's start to its target end."""
        if self._index > 0 and self._plan_ends is not None:  # asked once, for window 1
            self._ends, self._plan_ends = self._plan_ends(), None
        if self._index == 0 or self._ends is None:
            return self._plan.target(self._index)
        if self._index > len(self._ends):  # the last window: to the file's end
            return int(2 * self._plan.seconds * SAMPLE_RATE) + 1
        end = round(self._ends[self._index - 1] * SAMPLE_RATE)
        half = int(self._plan.search_seconds * SAMPLE_RATE) // 2
        return max(2 * half, end + half - self._start)

    def __next__(self) -> Window:
        target = self._target()
        if not self._plan.pauses:
            target += int(EXACT_SLACK_SECONDS * SAMPLE_RATE)
        self._fill(target + 1)
        if self._pending_len == 0:
            raise StopIteration
        audio = np.concatenate(self._pending) if len(self._pending) > 1 else self._pending[0]
        clean, speech_end = True, None
        if self._pending_len > target and not self._plan.pauses:
            pcm, rest = audio[:target], audio[target:]
        elif self._pending_len > target:
            search = int(self._plan.search_seconds * SAMPLE_RATE)
            lo = max(target // 2, target - search)
            cut = choose_cut(audio, lo, target, self._plan.pause_seconds)
            clean = cut.in_pause
            if cut.speech_end is not None:
                speech_end = cut.speech_end / SAMPLE_RATE
            pcm, rest = audio[: cut.sample], audio[cut.sample :]
        else:
            pcm, rest = audio, audio[:0]
        self._pending = [rest] if len(rest) else []
        self._pending_len = len(rest)
        last = self._exhausted and not self._pending_len
        if last and speech_end is None:
            speech_end = closing_pause(pcm)  # the file's end: as after a cut in a pause
        window = Window(
            self._index,
            self._start / SAMPLE_RATE,
            pcm,
            last,
            clean_end=clean,
            speech_end=speech_end,
            speech_start=leading_pause(pcm) if self._plan.pauses else None,
        )
        self._index += 1
        self._start += len(pcm)
        return window
