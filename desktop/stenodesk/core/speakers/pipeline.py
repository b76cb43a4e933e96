"""Speaker diarization: who spoke when, offline, on ONNX Runtime.

In the spirit of pyannote 3.1: segmentation over sliding 10 s windows, an
embedding per (window, local speaker), clustering into speakers, then the
windows' activities are mapped to the speakers and aggregated into turns,
overlapping speech included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from stenodesk.core.cancel import NEVER, CancelToken
from stenodesk.core.speakers import clustering, embedding, segmentation
from stenodesk.core.speakers.clustering import SpeakerCount
from stenodesk.core.speakers.models import SpeakerModels
from stenodesk.core.speakers.result import Diarization, DiarizeProgress, Turn

Pcm = npt.NDArray[np.float32]
RATE = segmentation.RATE


@dataclass(frozen=True)
class DiarizeOptions:
    """How to diarize.

    Attributes:
        count: how many speakers to find (exactly, a range, or automatically).
        step: seconds between the starts of consecutive 10 s windows. 10 s
            (no overlap) measured both faster and more accurate than 5 s on our
            conversations, since every stretch of speech is embedded once
            (bench/speakers.py).
        threshold: cosine similarity of average linkage under which groups of
            embeddings are different speakers (tuned in bench/speakers.py).
        min_cluster: fewest embeddings a speaker needs in automatic counting.
    """

    count: SpeakerCount = field(default_factory=SpeakerCount)
    step: float = 10.0
    threshold: float = 0.4
    min_cluster: int = 2


@dataclass
class AnalysedWindow:
    """One 10 s window's voices: its local speakers' activity and their stretches' embeddings."""

    start: int
    """The window's first sample."""
    active: npt.NDArray[np.bool_]
    """(FRAMES, LOCAL) activity of its local speakers."""
    stretches: list[embedding.Stretch]


def resume_offset(begin: int, step: int) -> int:
    """The sample from which the audio must be read to analyse windows from ``begin`` on.

    The window loop keeps the last window's start in its buffer (the final
    window may begin before it), so a continued pass starts one step back.
    """
    return max(0, begin - step)


def _windows(blocks: Iterable[Pcm], step: int, begin: int = 0) -> Iterator[tuple[int, Pcm, bool]]:
    """(start sample, 10 s of samples zero-padded, is last) for sliding windows over blocks.

    ``begin``: the first window's start, for blocks that begin at
    ``resume_offset(begin, step)`` (a pass continued where another stopped).
    """
    buffer = np.zeros(0, dtype=np.float32)
    offset = resume_offset(begin, step)  # sample index of buffer[0]
    start = begin
    for block in blocks:
        buffer = np.concatenate([buffer, np.asarray(block, dtype=np.float32)])
        while start + segmentation.WINDOW <= offset + len(buffer):
            yield start, buffer[start - offset : start - offset + segmentation.WINDOW], False
            start += step
            # Keep the previous window's start on: the last window may begin there.
            drop = start - step - offset
            if drop > 0:
                buffer, offset = buffer[drop:], offset + drop
    total = offset + len(buffer)
    last = max(0, total - segmentation.WINDOW)
    if start == 0 or last > start - step:
        pcm = np.zeros(segmentation.WINDOW, dtype=np.float32)
        tail = buffer[last - offset :]
        pcm[: len(tail)] = tail
        yield last, pcm, True


OnWindow = Callable[[int, AnalysedWindow | None], None]
"""Told each window's start and its voices (None: nobody speaks in it) once analysed."""


def _analyse(
    models: SpeakerModels,
    blocks: Iterable[Pcm],
    step: int,
    cancel: CancelToken,
    on_progress: Callable[[DiarizeProgress], None],
    *,
    begin: int = 0,
    on_window: OnWindow | None = None,
) -> tuple[list[AnalysedWindow], int]:
    windows: list[AnalysedWindow] = []
    seen = [resume_offset(begin, step)]

    def counted() -> Iterator[Pcm]:
        for block in blocks:
            seen[0] += len(block)
            yield block

    for start, pcm, _ in _windows(counted(), step, begin):
        cancel.raise_if_cancelled()
        active = segmentation.activity(models.segmentation, pcm[None])[0]
        window = None
        if active.any():
            found = embedding.stretches(models.embedding, pcm, active)
            window = AnalysedWindow(start, active, found)
            windows.append(window)
        if on_window is not None:
            on_window(start, window)
        on_progress(DiarizeProgress(start / RATE, "analysing"))
    return windows, seen[0]


def _label_windows(windows: list[AnalysedWindow], options: DiarizeOptions) -> list[list[int]]:
    """Speaker of each stretch of each window (-1: none)."""
    keys = [(w, i) for w, win in enumerate(windows) for i in range(len(win.stretches))]
    vectors = [windows[w].stretches[i].embedding for w, i in keys]
    embedded = [(key, v) for key, v in zip(keys, vectors, strict=True) if v is not None]
    labels = [[-1] * len(win.stretches) for win in windows]
    if not embedded:
        return labels
    x = np.stack([v for _, v in embedded])
    alone = np.array([windows[w].stretches[i].alone for (w, i), _ in embedded])
    found = clustering.cluster(x, options.count, options.threshold, options.min_cluster, alone)
    for ((w, i), _), speaker in zip(embedded, found, strict=True):
        labels[w][i] = int(speaker)
    for w, win in enumerate(windows):
        _borrow_labels(win.stretches, labels[w])
    return labels


def _borrow_labels(found: list[embedding.Stretch], labels: list[int]) -> None:
    """Stretches too short to embed take the speaker of the nearest one of their local speaker."""
    for i, s in enumerate(found):
        if labels[i] >= 0:
            continue
        near = [
            (abs(o.first + o.last - s.first - s.last), labels[j])
            for j, o in enumerate(found)
            if o.local == s.local and labels[j] >= 0
        ]
        if near:
            labels[i] = min(near)[1]


def _reconstruct(windows: list[AnalysedWindow], labels: list[list[int]], total: int) -> list[Turn]:
    """Turns from the windows' activities mapped to speakers, overlaps included."""
    speakers = 1 + max((max(row) for row in labels), default=-1)
    if speakers == 0:
        return []
    frames = int(np.ceil(total / segmentation.FRAME_STEP)) + segmentation.FRAMES
    score = np.zeros((frames, speakers), dtype=np.float32)
    count = np.zeros(frames, dtype=np.float32)
    cover = np.zeros(frames, dtype=np.float32)
    for win, row in zip(windows, labels, strict=True):
        first = round(win.start / segmentation.FRAME_STEP)
        span = slice(first, first + segmentation.FRAMES)
        cover[span] += 1
        count[span] += win.active.sum(axis=1)
        for s, speaker in zip(win.stretches, row, strict=True):
            if speaker >= 0:
                score[first + s.first : first + s.last, speaker] += win.active[
                    s.first : s.last, s.local
                ]
    speaking = np.rint(count / np.maximum(cover, 1)).astype(np.int64)
    ranked = np.argsort(-score, axis=1, kind="stable")
    on = np.zeros_like(score, dtype=bool)
    for n in range(1, min(segmentation.LOCAL, speakers) + 1):
        rows = np.nonzero(speaking >= n)[0]
        on[rows, ranked[rows, n - 1]] = True
    on &= score > 0
    return _turns(on, total / RATE)


def _turns(on: npt.NDArray[np.bool_], duration: float) -> list[Turn]:
    turns: list[Turn] = []
    half = segmentation.STEP_S / 2
    for speaker in range(on.shape[1]):
        edges = np.diff(np.concatenate([[0], on[:, speaker].astype(np.int8), [0]]))
        for a, b in zip(np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0], strict=True):
            start = max(0.0, float(segmentation.frame_centre(int(a))) - half)
            end = min(duration, float(segmentation.frame_centre(int(b) - 1)) + half)
            if end > start:
                turns.append(Turn(round(start, 3), round(end, 3), speaker))
    return _renumbered(sorted(turns, key=lambda t: (t.start, t.speaker)))


def _renumbered(turns: list[Turn]) -> list[Turn]:
    """Speakers numbered in order of first appearance."""
    order: dict[int, int] = {}
    for t in turns:
        order.setdefault(t.speaker, len(order))
    return [Turn(t.start, t.end, order[t.speaker]) for t in turns]


@dataclass(frozen=True)
class Analysis:
    """The first pass over a recording: each window's activities and embeddings.

    Small (a few kB per 10 s window), and enough to find the speakers again
    with another count or threshold without going over the audio again.
    """

    windows: tuple[AnalysedWindow, ...]
    samples: int

    @property
    def duration(self) -> float:
        return self.samples / RATE


@dataclass(frozen=True)
class AnalysisSoFar:
    """Part of an analysis, kept from an interrupted job: the windows that start
    before ``next_start`` are done; ``samples`` is set once the whole file was."""

    windows: tuple[AnalysedWindow, ...] = ()
    next_start: int = 0
    samples: int | None = None


FROM_THE_START = AnalysisSoFar()
"""Nothing analysed yet."""


def step_samples(options: DiarizeOptions) -> int:
    """Samples between the starts of consecutive windows."""
    return max(segmentation.FRAME_STEP, round(options.step * RATE))


def analyse(
    models: SpeakerModels,
    blocks: Iterable[Pcm],
    options: DiarizeOptions = DiarizeOptions(),
    *,
    cancel: CancelToken = NEVER,
    on_progress: Callable[[DiarizeProgress], None] = lambda _: None,
    earlier: AnalysisSoFar = FROM_THE_START,
    on_window: OnWindow | None = None,
) -> Analysis:
    """Segment and embed 16 kHz mono audio given as consecutive blocks (the slow part).

    ``earlier``: windows already analysed; ``blocks`` then begin at
    ``resume_offset(earlier.next_start, step_samples(options))``.

    Raises:
        Cancelled: the token was cancelled (checked between windows).
    """
    begin = earlier.next_start
    step = step_samples(options)
    windows, total = _analyse(
        models, blocks, step, cancel, on_progress, begin=begin, on_window=on_window
    )
    return Analysis((*earlier.windows, *windows), total)


def find_speakers(analysis: Analysis, options: DiarizeOptions = DiarizeOptions()) -> Diarization:
    """Cluster an analysis into speakers and turns, honouring ``options.count``."""
    windows = list(analysis.windows)
    labels = _label_windows(windows, options)
    turns = _reconstruct(windows, labels, analysis.samples)
    return Diarization(tuple(turns), len({t.speaker for t in turns}), analysis.duration)


def diarize(
    models: SpeakerModels,
    blocks: Iterable[Pcm],
    options: DiarizeOptions = DiarizeOptions(),
    *,
    cancel: CancelToken = NEVER,
    on_progress: Callable[[DiarizeProgress], None] = lambda _: None,
) -> Diarization:
    """Find who spoke when in 16 kHz mono audio given as consecutive blocks.

    Memory grows with the number of windows (a few kB each), not with the
    square of the duration, and the audio is never held whole.

    Args:
        models: from :func:`stenodesk.core.speakers.models.load_models`.
        blocks: the audio, as float32 blocks of any length.
        options: speaker count and tuning.
        cancel: checked between windows.
        on_progress: called after each window and at the end.

    Raises:
        Cancelled: the token was cancelled.
    """
    analysis = analyse(models, blocks, options, cancel=cancel, on_progress=on_progress)
    on_progress(DiarizeProgress(analysis.duration, "clustering"))
    found = find_speakers(analysis, options)
    on_progress(DiarizeProgress(analysis.duration, "finished"))
    return found


def diarize_file(
    models: SpeakerModels,
    path: str | Path,
    options: DiarizeOptions = DiarizeOptions(),
    *,
    cancel: CancelToken = NEVER,
    on_progress: Callable[[DiarizeProgress], None] = lambda _: None,
) -> Diarization:
    """:func:`diarize` over an audio or video file, decoded block by block."""
    from stenodesk.core.audio.decode import iter_pcm

    blocks = iter_pcm(path, block_seconds=30.0, cancel=cancel)
    return diarize(models, blocks, options, cancel=cancel, on_progress=on_progress)
