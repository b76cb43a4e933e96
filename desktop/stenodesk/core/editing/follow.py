"""Following playback: which line, and which word in it, is being spoken.

Called many times a second while playing, so each lookup is a binary search
over the lines' starts and the line's word times, never a scan.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from stenodesk.core.transcript import Segment

LEAD_SECONDS = 0.05
"""A line or word counts as started this early: the ear expects it a little ahead."""
PAUSE_SECONDS = 0.5
"""After a line ends, it stays current this long; later, nothing is (a pause)."""


@dataclass(frozen=True)
class Spoken:
    """Where playback is: a line (-1 in a pause) and its word (-1 if none or between words)."""

    row: int
    word: int = -1

    def span(self, segments: Sequence[Segment]) -> tuple[int, int] | None:
        """The word's characters in its line's text (for marking it), if it can be found."""
        if self.row < 0 or self.word < 0:
            return None
        seg = segments[self.row]
        joined = "".join(w.text for w in seg.words)
        if joined.strip() != seg.text.strip():
            return None  # the text was corrected since the words were timed
        shift = len(seg.text) - len(seg.text.lstrip()) - (len(joined) - len(joined.lstrip()))
        begin = shift + sum(len(w.text) for w in seg.words[: self.word])
        word = seg.words[self.word].text
        begin += len(word) - len(word.lstrip())
        return begin, begin + len(word.strip())


class Follower:
    """Answers "what is spoken at t?" for one list of segments (make a new one after edits)."""

    def __init__(self, segments: Sequence[Segment]) -> None:
        self._segments = tuple(segments)
        self._starts = [s.start for s in self._segments]
        self._word_starts = [[w.start for w in s.words] for s in self._segments]

    def at(self, seconds: float) -> Spoken:
        row = bisect.bisect_right(self._starts, seconds + LEAD_SECONDS) - 1
        if row < 0 or seconds > self._segments[row].end + PAUSE_SECONDS:
            return Spoken(-1)
        words = self._segments[row].words
        i = bisect.bisect_right(self._word_starts[row], seconds + LEAD_SECONDS) - 1
        if i < 0 or seconds > words[i].end:
            return Spoken(row)
        return Spoken(row, i)
