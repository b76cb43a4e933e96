"""Subtitle checks: which lines break the reading rules, why, and a reshape that fixes them.

A line is checked as the cue it would become: reading speed (characters per
second), the longest line once wrapped, how many lines it needs, how long it
lasts, and whether it starts before the line before it ends. The reshape
runs the export's own shaping (:func:`stenodesk.core.export.shaping.shape`)
on the flagged lines, so that what is exported is what is shown.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from stenodesk.core.editing.edit import Change, Edit, next_index
from stenodesk.core.export.shaping import SubtitleOptions, shape
from stenodesk.core.settings import Settings
from stenodesk.core.transcript import Segment


@dataclass(frozen=True)
class SubtitleRules:
    """Limits a subtitle line is checked against (the subtitle settings)."""

    max_chars_per_second: float = 17.0
    max_chars_per_line: int = 42
    max_lines: int = 2
    min_duration: float = 1.0
    max_duration: float = 7.0

    @classmethod
    def from_settings(cls, settings: Settings) -> SubtitleRules:
        """The rules the user set: the reading ones (``subtitles.*``) and the export's shape
        (``export.*``), the defaults where unset."""
        s, e = settings.subtitles, settings.export
        return cls(
            max_chars_per_second=s.max_chars_per_second,
            max_chars_per_line=e.max_chars_per_line,
            max_lines=e.max_lines,
            min_duration=s.min_duration,
            max_duration=e.max_duration,
        )

    def validate(self) -> None:
        """Raises ValueError for limits no subtitle could meet."""
        if self.max_chars_per_second <= 0:
            raise ValueError("the reading speed limit must be above zero")
        if self.min_duration >= self.max_duration:
            raise ValueError("the shortest duration must be below the longest")
        self.shaping().validate()

    def shaping(self) -> SubtitleOptions:
        """The export's shaping options for these rules."""
        return SubtitleOptions(
            max_chars_per_line=self.max_chars_per_line,
            max_lines=self.max_lines,
            max_duration=self.max_duration,
            min_duration=self.min_duration,
        )


class Check(enum.Enum):
    """A rule a line breaks; the value is the English reason, with {value} and {limit}."""

    TOO_FAST = "{value:.1f} characters per second (limit {limit:g})"
    LINE_TOO_LONG = "a line of {value:g} characters (limit {limit:g})"
    TOO_MANY_LINES = "needs {value:g} lines (limit {limit:g})"
    TOO_SHORT = "lasts {value:.2f} s (at least {limit:g} s)"
    TOO_LONG = "lasts {value:.1f} s (at most {limit:g} s)"
    OVERLAP = "starts {value:.2f} s before the previous line ends"


@dataclass(frozen=True)
class Problem:
    check: Check
    value: float
    limit: float = 0.0

    @property
    def reason(self) -> str:
        return self.check.value.format(value=self.value, limit=self.limit)


@dataclass(frozen=True)
class Flagged:
    """Line ``row`` and the rules it breaks."""

    row: int
    problems: tuple[Problem, ...]

    @property
    def reason(self) -> str:
        """All the reasons, for a tooltip or a status line."""
        return "; ".join(p.reason for p in self.problems)


def reading_length(text: str) -> int:
    """Characters a viewer reads: line breaks and surrounding space left out."""
    return len(" ".join(text.split()))


def wrapped_lines(text: str, width: int) -> list[str]:
    """``text`` laid out in lines of at most ``width`` characters, breaking at spaces.

    Explicit line breaks are kept; a word longer than ``width`` gets a line of
    its own. Filling each line greedily needs the fewest lines possible.
    """
    lines: list[str] = []
    for paragraph in text.strip().splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return lines


def check_line(
    segments: Sequence[Segment], row: int, rules: SubtitleRules = SubtitleRules()
) -> tuple[Problem, ...]:
    """The rules line ``row`` breaks (empty if none)."""
    seg = segments[row]
    problems: list[Problem] = []
    duration = seg.end - seg.start
    chars = reading_length(seg.text)
    if chars:
        cps = chars / duration if duration > 0 else float("inf")
        if cps > rules.max_chars_per_second:
            problems.append(Problem(Check.TOO_FAST, cps, rules.max_chars_per_second))
        lines = wrapped_lines(seg.text, rules.max_chars_per_line)
        longest = max(len(line) for line in lines)
        if longest > rules.max_chars_per_line:
            problems.append(Problem(Check.LINE_TOO_LONG, longest, rules.max_chars_per_line))
        if len(lines) > rules.max_lines:
            problems.append(Problem(Check.TOO_MANY_LINES, len(lines), rules.max_lines))
    if duration < rules.min_duration:
        problems.append(Problem(Check.TOO_SHORT, max(duration, 0.0), rules.min_duration))
    elif duration > rules.max_duration:
        problems.append(Problem(Check.TOO_LONG, duration, rules.max_duration))
    if row > 0 and seg.start < segments[row - 1].end:
        problems.append(Problem(Check.OVERLAP, segments[row - 1].end - seg.start))
    return tuple(problems)


def check_all(
    segments: Sequence[Segment], rules: SubtitleRules = SubtitleRules()
) -> tuple[Flagged, ...]:
    """Every line that breaks a rule, in order, with its reasons."""
    rules.validate()
    flagged = []
    for row in range(len(segments)):
        problems = check_line(segments, row, rules)
        if problems:
            flagged.append(Flagged(row, problems))
    return tuple(flagged)


def reshape(
    segments: Sequence[Segment],
    rows: Iterable[int] | None = None,
    rules: SubtitleRules = SubtitleRules(),
) -> Edit | None:
    """Reshape lines (by default the flagged ones) as the subtitle export would.

    Each line becomes the cues :func:`shape` makes of it (split where it is
    too long, lengthened where too short), kept within its neighbours so
    that no overlap is created or left. None if nothing would change.
    """
    rules.validate()
    chosen = [f.row for f in check_all(segments, rules)] if rows is None else list(rows)
    wanted = sorted(set(chosen))
    options = rules.shaping()
    fresh = next_index(segments)
    changes: list[Change] = []
    for row in wanted:
        seg = segments[row]
        previous_end = segments[row - 1].end if row > 0 else 0.0
        if changes and changes[-1].row == row - 1:
            previous_end = changes[-1].new[-1].end if changes[-1].new else previous_end
        limit = segments[row + 1].start if row + 1 < len(segments) else float("inf")
        pieces = _shaped(seg, options, previous_end, limit, fresh)
        fresh += max(0, len(pieces) - 1)
        if pieces != (seg,):
            changes.append(Change(row, (seg,), pieces))
    if not changes:
        return None
    line = changes[0].row + 1
    return Edit("Reshape {count} lines", tuple(changes), count=len(changes), line=line)


def _shaped(
    seg: Segment, options: SubtitleOptions, earliest: float, latest: float, fresh: int
) -> tuple[Segment, ...]:
    """``seg`` as shaped cues, each a segment, within [earliest, latest]."""
    cues = shape([seg], options)
    if not cues:
        return (seg,)
    lead = seg.text[: len(seg.text) - len(seg.text.lstrip())]
    pieces = []
    for i, cue in enumerate(cues):
        start = max(cue.start, earliest) if i == 0 else cue.start
        end = min(max(cue.end, start), latest) if i == len(cues) - 1 else cue.end
        upto = cues[i + 1].start if i + 1 < len(cues) else float("inf")
        words = tuple(w for w in seg.words if w.start < upto and (i == 0 or w.start >= cue.start))
        pieces.append(
            replace(
                seg,
                index=seg.index if i == 0 else fresh + i - 1,
                start=start,
                end=end,
                text=lead + " ".join(cue.lines),
                words=words if seg.words else (),
                repeats_collapsed=seg.repeats_collapsed if i == 0 else 0,
            )
        )
    return tuple(pieces)
