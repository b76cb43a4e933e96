"""Where a job stands between two windows: enough to continue it later.

The engine reports a :class:`WindowDone` after each window; its
:class:`ResumePoint` is everything a later run needs to decode the rest of
the file exactly as an uninterrupted run would: the position and index of
the next window (so the window boundaries stay the same), the prompt carried
into it, the language, the next segment number and the last segment (the
loop guard compares new segments with it).
"""

from __future__ import annotations

from dataclasses import dataclass

from stenodesk.core.transcript import Segment

PROMPT_TOKENS = 223
"""Previous tokens carried into the next window: what faster-whisper keeps (max_length/2 - 1).

They are token ids with their timestamp tokens, exactly what faster-whisper
feeds forward between its own 30-second chunks. A plain-text prompt would
teach the model to leave timestamps out, and segments would grow to 30 s.
"""

Prompt = str | tuple[int, ...]


@dataclass(frozen=True)
class ResumePoint:
    """Where to continue a job: the start of the next window to decode."""

    position: float = 0.0
    window_index: int = 0
    prompt: Prompt | None = None
    language: str | None = None
    language_probability: float = 0.0
    next_segment: int = 0
    previous: Segment | None = None
    """The last segment produced before this point (None at the start)."""


@dataclass(frozen=True)
class WindowDone:
    """Reported after each window: its span and where a resumed job would start.

    ``revised`` holds segments reported earlier whose content changed while
    this window ran (the loop guard counts the repeats it removed into the
    segment they repeat); a consumer replaces its copy by ``index``.
    """

    index: int
    start: float
    end: float
    resume: ResumePoint
    revised: tuple[Segment, ...] = ()
