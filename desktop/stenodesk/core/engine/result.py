"""A job's progress: a frozen value that crosses threads safely.

The transcript types live in :mod:`stenodesk.core.transcript`.
"""

from __future__ import annotations

from dataclasses import dataclass

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
