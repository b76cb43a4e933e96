"""The transcript: what every part of Stenodesk passes around, as frozen values.

Segments with their words, times and speakers, and facts about the run. The
engine produces them, the speaker step labels them, the editor changes them,
the job journal stores them and export writes them; none of those depends on
another to know what a transcript is.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Word:
    start: float
    end: float
    text: str
    probability: float
    speaker: int | None = None
    """Who says it (0 for the first voice heard), once speakers are assigned; else None."""


@dataclass(frozen=True)
class Segment:
    """One stretch of recognised speech, with times in seconds from the file's start."""

    index: int
    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()
    avg_logprob: float = 0.0
    no_speech_prob: float = 0.0
    repeats_collapsed: int = 0
    """How many identical repetitions the loop guard removed after this one."""
    speaker: int | None = None
    """Who speaks (0 for the first voice heard), once speakers are assigned; else None."""

    def with_text(self, text: str) -> Segment:
        return Segment(
            self.index,
            self.start,
            self.end,
            text,
            self.words if text == self.text else (),
            self.avg_logprob,
            self.no_speech_prob,
            self.repeats_collapsed,
            self.speaker,
        )


@dataclass(frozen=True)
class TranscriptInfo:
    """Facts about the transcribed audio and how it was run."""

    language: str
    language_probability: float
    duration: float
    model: str
    device: str
    compute_type: str
    task: str = "transcribe"
    device_reason: str = ""


@dataclass(frozen=True)
class Transcript:
    info: TranscriptInfo
    segments: tuple[Segment, ...] = field(default=())
    speaker_names: tuple[tuple[int, str], ...] = ()
    """(speaker, name) for the speakers the user named; the others are "Speaker N"."""

    @property
    def text(self) -> str:
        return " ".join(s.text.strip() for s in self.segments if s.text.strip())
