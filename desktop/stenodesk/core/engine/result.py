"""Results of a transcription: frozen values that cross threads safely."""

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

    @property
    def text(self) -> str:
        return " ".join(s.text.strip() for s in self.segments if s.text.strip())


TRANSCRIBING = "transcribing"
SPEAKERS = "speakers"


@dataclass(frozen=True)
class Progress:
    """Where a job stands: audio position out of the duration, with an ETA."""

    position: float
    duration: float
    elapsed: float
    start: float = 0.0
    """Where this run started: 0, or the position a resumed job continued from."""
    phase: str = TRANSCRIBING
    """What runs over the audio: :data:`TRANSCRIBING` (decoding), or :data:`SPEAKERS`
    (the speaker step after it, a second pass over the same audio)."""

    @property
    def fraction(self) -> float:
        if self.duration <= 0:
            return 0.0
        return min(1.0, max(0.0, self.position / self.duration))

    @property
    def eta(self) -> float | None:
        """Seconds left, estimated from the speed so far; None before there is a speed."""
        done = self.position - self.start
        if self.duration <= 0 or done <= 0.0 or self.elapsed <= 0.0:
            return None
        return max(0.0, self.elapsed * max(0.0, self.duration - self.position) / done)
