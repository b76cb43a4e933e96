"""Results of speaker diarization: frozen values that cross threads safely."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Turn:
    """One stretch of time in which one speaker talks, in seconds from the start.

    Turns of different speakers may overlap (people talking at once).
    """

    start: float
    end: float
    speaker: int
    """0 for the first speaker heard, 1 for the next new one, and so on."""


@dataclass(frozen=True)
class Diarization:
    """Who spoke when in one recording."""

    turns: tuple[Turn, ...]
    speakers: int
    duration: float

    def speech_time(self, speaker: int) -> float:
        return sum(t.end - t.start for t in self.turns if t.speaker == speaker)


@dataclass(frozen=True)
class DiarizeProgress:
    position: float
    """Seconds of audio analysed so far (first pass), or the duration once clustering."""
    stage: str
    """"analysing", "clustering" or "finished"."""
