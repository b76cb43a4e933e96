"""Window ends that give two decoding streams the same amount of speech.

Two workers decode a file's windows at once (see :mod:`.parallel`): the
first window, then pairs of windows, one starting afresh and the next going
on from its text. A pair is decoded by one worker, in order, so a job is
only as fast as its busier worker. With windows of equal length the work is
not equal: it follows the speech in them, not their length. On ten minutes
of recorded prompts (tiny.en) the four windows after the first held 76, 99,
98 and 118 s of speech and took 7, 10, 9 and 12.5 s; one worker had 175 s of
speech to decode, the other 232 s, and waited 6.5 s for it at the end.

So a file of up to :data:`LIMIT_SECONDS` is first scored by the voice
activity model (about 0.8 s of one core for ten minutes, while the other
worker decodes the first window), and its windows after the first end where
the speech before them reaches equal shares: a multiple of four windows
(two pairs per worker), each pair of the first worker also carrying half of
the first window's speech, which the other worker decodes first. Where no
such plan fits (too little speech, a window that would run past twice the
plan's length), the plan's own lengths are used.

The ends depend on the file alone, so a resumed job cuts the same windows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

import numpy as np
import numpy.typing as npt

from stenodesk.core.audio import vad
from stenodesk.core.audio.decode import Pcm
from stenodesk.core.engine.windows import WindowPlan
from stenodesk.core.errors import Cancelled

log = logging.getLogger(__name__)

LIMIT_SECONDS = 1800.0
"""Longer files keep the plan's lengths: their last windows are a small share of the job,
and scoring would read the whole file once more before decoding."""

MIN_SPEECH_SECONDS = 15.0
"""The least speech a window is given; with less, each encoder pass would be mostly padding."""


def window_ends(
    probabilities: npt.NDArray[np.float32], plan: WindowPlan, workers: int = 2
) -> tuple[float, ...] | None:
    """Where windows 1, 2, ... end (seconds), the last one running to the end; None: no plan.

    ``probabilities``: the voice activity model's, one per ``vad.WINDOW``
    samples of the whole file. The first window keeps its length
    (``plan.first_seconds``, cut in a pause before it).
    """
    speech = np.concatenate([[0.0], np.cumsum(probabilities >= vad.THRESHOLD)]) * vad.WINDOW_SECONDS
    duration = len(probabilities) * vad.WINDOW_SECONDS
    rest = duration - plan.first_seconds
    unit = 2 * workers  # pairs of windows, as many per worker
    if rest <= 0:
        return None
    count = unit * max(1, round(rest / (unit * plan.seconds)))
    first = float(speech[min(len(speech) - 1, round(plan.first_seconds / vad.WINDOW_SECONDS))])
    share = (float(speech[-1]) - 2 * first) / count
    if share < MIN_SPEECH_SECONDS:
        return None
    # The first pair's worker has not decoded the first window: it takes half of that much
    # speech more in each of the pair's windows.
    targets = [first + k * share + min(k, 2) * first / 2 for k in range(1, count)]
    frames = np.searchsorted(speech, targets)
    ends = tuple(float(f) * vad.WINDOW_SECONDS for f in frames)
    lengths = np.diff([plan.first_seconds, *ends, duration])
    if lengths.max() > 2 * plan.seconds or lengths.min() <= plan.search_seconds:
        return None
    return ends


def balanced_ends(
    blocks: Iterable[Pcm],
    plan: WindowPlan,
    workers: int = 2,
    *,
    scored: Callable[[npt.NDArray[np.float32]], None] | None = None,
) -> tuple[float, ...] | None:
    """:func:`window_ends` of the file whose audio ``blocks`` give, from its start.

    ``scored`` is given the file's probabilities of speech, for other uses.

    A file that fails to decode part way keeps the plan's lengths: the windows
    before the damage are decoded, and the error comes at its place.
    """
    try:
        probabilities = vad.speech_probabilities(blocks)
    except Cancelled:
        raise
    except Exception as exc:  # the job's own reading reports it where it happens
        log.info("windows keep their lengths: the audio could not be scored (%s)", exc)
        return None
    if scored is not None:
        scored(probabilities)
    ends = window_ends(probabilities, plan, workers)
    if ends is not None:
        log.info("windows end at %s s, equal shares of speech", ", ".join(f"{e:.1f}" for e in ends))
    return ends
