"""Changing a transcript's lines: split, merge, delete, insert, and their times.

Each function takes the current segments and returns an :class:`Edit`
(see :mod:`stenodesk.core.editing.edit`); nothing is changed in place. A
request that cannot be carried out raises :class:`StenodeskError` with an
``EDIT_*`` kind whose subject is the 1-based line number (or the time), for
the front end's message table.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from stenodesk.core.editing.edit import Edit, next_index, single
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.transcript import Segment, Word

NUDGE_SECONDS = 0.1
MIN_LINE_SECONDS = 0.05
"""The shortest a line may be made by editing its times."""
NEW_LINE_SECONDS = 2.0
"""How long a line inserted at the playhead lasts, if the next line leaves room."""

Edge = Literal["start", "end"]


def _check_row(segments: Sequence[Segment], row: int) -> Segment:
    if not 0 <= row < len(segments):
        raise IndexError(f"no line {row + 1} in {len(segments)} lines")
    return segments[row]


def _lead(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def split_line(segments: Sequence[Segment], row: int, offset: int) -> Edit:
    """Split line ``row`` before character ``offset`` of its text.

    The split time comes from the word times when the line has them (the
    first piece ends where its last word ends, the second starts where its
    first word starts; inside a word, its time is shared by characters);
    without words, from the proportion of the text before ``offset``.
    """
    seg = _check_row(segments, row)
    head, tail = seg.text[:offset].rstrip(), seg.text[offset:].strip()
    if not 0 < offset < len(seg.text) or not head.strip() or not tail:
        raise StenodeskError(ErrorKind.EDIT_SPLIT, str(row + 1), f"offset {offset}")
    tail = _lead(seg.text) + tail  # keep the text's own leading space (" Hello")
    left: tuple[Word, ...] = ()
    right: tuple[Word, ...] = ()
    timed = _split_words(seg, offset)
    if timed is None:
        at = seg.start + (seg.end - seg.start) * offset / len(seg.text)
        first_end, second_start = at, at
    else:
        left, right = timed
        first_end, second_start = left[-1].end, right[0].start
    first_end = min(max(first_end, seg.start), seg.end)
    second_start = min(max(second_start, first_end), seg.end)
    first = replace(seg, end=first_end, text=head, words=left)
    second = replace(
        seg,
        index=next_index(segments),
        start=second_start,
        text=tail,
        words=right,
        repeats_collapsed=0,
    )
    return single("Split line {line}", row, (seg,), (first, second))


def _split_words(seg: Segment, offset: int) -> tuple[tuple[Word, ...], tuple[Word, ...]] | None:
    """The words before and after ``offset``; None if they do not spell the text."""
    joined = "".join(w.text for w in seg.words)
    if not seg.words or joined.strip() != seg.text.strip():
        return None
    # Character positions in the text of each word (the two may differ in leading space).
    shift = len(_lead(seg.text)) - len(_lead(joined))
    left: list[Word] = []
    right: list[Word] = []
    pos = shift
    for word in seg.words:
        begin, end = pos, pos + len(word.text)
        pos = end
        cut = offset - begin
        if end <= offset:
            left.append(word)
        elif cut <= 0 or not word.text[:cut].strip():
            right.append(word)  # after the cut, or only its leading space is before it
        else:  # the cut falls inside the word: share its time by characters
            t = word.start + (word.end - word.start) * cut / len(word.text)
            left.append(replace(word, end=t, text=word.text[:cut]))
            right.append(replace(word, start=t, text=word.text[cut:].lstrip()))
    if not left or not right:
        return None
    return tuple(left), tuple(right)


def merge_with_next(segments: Sequence[Segment], row: int) -> Edit:
    """Join line ``row`` and the line after it into one."""
    first = _check_row(segments, row)
    if row + 1 >= len(segments):
        raise StenodeskError(ErrorKind.EDIT_MERGE, str(row + 1))
    second = segments[row + 1]
    text = first.text.rstrip() + " " + second.text.lstrip() if second.text.strip() else first.text
    both_timed = bool(first.words) and bool(second.words)
    merged = Segment(
        index=first.index,
        start=min(first.start, second.start),
        end=max(first.end, second.end),
        text=text if first.text.strip() else second.text,
        words=first.words + second.words if both_timed else (),
        avg_logprob=(first.avg_logprob + second.avg_logprob) / 2,
        no_speech_prob=min(first.no_speech_prob, second.no_speech_prob),
        repeats_collapsed=first.repeats_collapsed + second.repeats_collapsed,
        # The line keeps the voice of its first words (an empty first line gives none).
        speaker=first.speaker if first.text.strip() else second.speaker,
    )
    return single("Merge lines {line} and the next", row, (first, second), (merged,))


def delete_line(segments: Sequence[Segment], row: int) -> Edit:
    """Remove line ``row``."""
    seg = _check_row(segments, row)
    return single("Delete line {line}", row, (seg,), ())


def insert_line(
    segments: Sequence[Segment], at: float, text: str = "", *, seconds: float = NEW_LINE_SECONDS
) -> Edit:
    """A new line starting at ``at`` seconds (the playhead), in time order.

    A playhead inside a line starts the new one where that line ends; the new
    line ends ``seconds`` later or where the next line starts, if sooner.
    """
    starts = [s.start for s in segments]
    row = bisect.bisect_right(starts, at)
    start = max(at, 0.0)
    if row > 0:
        start = max(start, segments[row - 1].end)
    end = start + seconds
    if row < len(segments):
        end = min(end, segments[row].start)
    if end - start < MIN_LINE_SECONDS:
        raise StenodeskError(ErrorKind.EDIT_NO_ROOM, f"{at:.1f} s")
    new = Segment(index=next_index(segments), start=start, end=end, text=text)
    return single("Insert line {line}", row, (), (new,))


def set_times(
    segments: Sequence[Segment], row: int, *, start: float | None = None, end: float | None = None
) -> Edit | None:
    """Give line ``row`` a new start and/or end; None if neither changes.

    The line must stay at least :data:`MIN_LINE_SECONDS` long and must not
    overlap the lines before and after it (as they are now).
    """
    seg = _check_row(segments, row)
    new_start = seg.start if start is None else start
    new_end = seg.end if end is None else end
    earliest = segments[row - 1].end if row > 0 else 0.0
    latest = segments[row + 1].start if row + 1 < len(segments) else float("inf")
    # Lines that already overlap a neighbour may keep that overlap, not make it worse.
    earliest = min(earliest, seg.start)
    latest = max(latest, seg.end)
    if new_start < earliest or new_end > latest or new_end - new_start < MIN_LINE_SECONDS:
        raise StenodeskError(ErrorKind.EDIT_TIMES, str(row + 1), f"{new_start}..{new_end}")
    if (new_start, new_end) == (seg.start, seg.end):
        return None
    changed = replace(seg, start=new_start, end=new_end)
    return single("Change the times of line {line}", row, (seg,), (changed,))


def nudge(
    segments: Sequence[Segment], row: int, edge: Edge, delta: float = NUDGE_SECONDS
) -> Edit | None:
    """Move the start or end of line ``row`` by ``delta`` seconds, stopping at its neighbours.

    Returns None when the edge cannot move in that direction at all.
    """
    seg = _check_row(segments, row)
    earliest = min(segments[row - 1].end if row > 0 else 0.0, seg.start)
    latest = max(segments[row + 1].start if row + 1 < len(segments) else float("inf"), seg.end)
    if edge == "start":
        value = round(min(max(seg.start + delta, earliest), seg.end - MIN_LINE_SECONDS), 6)
        moved = value - seg.start
    else:
        value = round(max(min(seg.end + delta, latest), seg.start + MIN_LINE_SECONDS), 6)
        moved = value - seg.end
    if moved == 0 or (moved > 0) != (delta > 0):
        return None  # against a neighbour (or the line's own other edge) already
    if edge == "start":
        return set_times(segments, row, start=value)
    return set_times(segments, row, end=value)
