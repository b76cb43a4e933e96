"""Split, merge, delete, insert and timing edits: results, undo, and refusals."""

from __future__ import annotations

import pytest
from tests.core.editing.sample import LINES, WORDS

from stenodesk.core.editing import Change, Edit, EditConflictError
from stenodesk.core.editing.structure import (
    delete_line,
    insert_line,
    merge_with_next,
    nudge,
    set_times,
    split_line,
)
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.transcript import Segment


def applied(edit: Edit | None, segments: tuple[Segment, ...] = LINES) -> tuple[Segment, ...]:
    """The edit's result, checking on the way that undo gives the segments back."""
    assert edit is not None
    after = edit.apply(segments)
    assert edit.revert(after) == segments
    assert edit.inverse().apply(after) == segments
    return after


def refused(kind: ErrorKind, call: object, *args: object, **kwargs: object) -> StenodeskError:
    with pytest.raises(StenodeskError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    assert caught.value.kind == kind
    return caught.value


def test_an_edit_refuses_segments_it_was_not_made_for() -> None:
    edit = delete_line(LINES, 1)
    with pytest.raises(EditConflictError):
        edit.apply(LINES[1:])
    with pytest.raises(EditConflictError):
        split_line(LINES, 0, 13).revert(LINES)  # not split: nothing to join
    with pytest.raises(ValueError, match="order"):
        Edit("x", (Change(2, (), ()), Change(1, (), ())))


def test_bad_rows_and_offsets_are_refused() -> None:
    for call in (delete_line, merge_with_next):
        with pytest.raises(IndexError):
            call(LINES, 3)
        with pytest.raises(IndexError):
            call(LINES, -1)
    for offset in (0, 1, len(LINES[0].text), 99, -3):
        error = refused(ErrorKind.EDIT_SPLIT, split_line, LINES, 0, offset)
        assert error.message.text == "Line 1 cannot be split there."
    refused(ErrorKind.EDIT_MERGE, merge_with_next, LINES, 2)


def test_split_between_words_takes_the_times_of_the_words() -> None:
    offset = LINES[0].text.index(" this")
    for at in (offset, offset + 1):  # before or after the space: the same split
        edit = split_line(LINES, 0, at)
        first, second, *rest = applied(edit)
        assert (first.start, first.end, first.text) == (0.0, 0.9, " Hello world,")
        assert (second.start, second.end, second.text) == (1.0, 2.0, " this is Ann.")
        assert first.words == WORDS[:2] and second.words == WORDS[2:]
        assert first.index == 0 and second.index == 3, "the new line gets an unused index"
        assert tuple(rest) == LINES[1:]
        assert edit.text == "Split line 1" and edit.rows_after() == (0, 1)


def test_split_inside_a_word_shares_its_time_by_characters() -> None:
    first, second, *_ = applied(split_line(LINES, 0, 3))  # " He|llo"
    assert first.text == " He" and second.text == " llo world, this is Ann."
    assert first.end == pytest.approx(0.2) and second.start == pytest.approx(0.2)
    assert first.words[-1].text == " He" and second.words[0].text == "llo"


def test_split_without_word_times_uses_the_proportion_of_text() -> None:
    text = LINES[1].text
    offset = text.index(" on")
    _, first, second, _ = applied(split_line(LINES, 1, offset))
    assert first.text == " The cat sat" and second.text == " on the mat."
    assert first.end == second.start == pytest.approx(2.5 + 1.5 * offset / len(text))
    # An edited line has no word times any more: the proportion is used too.
    edited = (LINES[0].with_text(" Hello world, this is Anna."), *LINES[1:])
    first, second, *_ = applied(split_line(edited, 0, 13), edited)
    assert first.end == pytest.approx(2.0 * 13 / 27) and not first.words


def test_merge_joins_text_times_and_word_times() -> None:
    merged, last = applied(merge_with_next(LINES, 0))[:2]
    assert merged.text == " Hello world, this is Ann. The cat sat on the mat."
    assert (merged.start, merged.end, merged.index) == (0.0, 4.0, 0)
    assert merged.words == (), "only some of it has word times"
    assert last == LINES[2]
    halves = applied(split_line(LINES, 0, 13))
    (whole,) = applied(merge_with_next(halves, 0), halves)[:1]
    assert whole.text == LINES[0].text and whole.words == WORDS
    assert (whole.start, whole.end) == (0.0, 2.0)


def test_delete_removes_the_line() -> None:
    assert applied(delete_line(LINES, 1)) == (LINES[0], LINES[2])


@pytest.mark.parametrize(
    ("at", "row", "start", "end"),
    [
        (2.2, 1, 2.2, 2.5),  # in the pause: until the next line
        (1.0, 1, 2.0, 2.5),  # inside a line: after it
        (4.0, 3, 6.0, 8.0),  # where the last line starts: after the end
        (10.0, 3, 10.0, 12.0),
    ],
)
def test_insert_places_a_new_line_at_the_playhead(
    at: float, row: int, start: float, end: float
) -> None:
    after = applied(insert_line(LINES, at, " New"))
    new = after[row]
    assert (new.start, new.end, new.text, new.index) == (start, end, " New", 3)
    assert len(after) == 4


@pytest.mark.parametrize("at", [3.0, -1.0])
def test_insert_without_room_is_refused(at: float) -> None:
    error = refused(ErrorKind.EDIT_NO_ROOM, insert_line, LINES, at)
    assert error.message.text.startswith("No room for a new line at")


def test_times_are_checked_against_the_neighbours() -> None:
    line = applied(set_times(LINES, 1, start=2.2, end=3.5))[1]
    assert (line.start, line.end, line.text) == (2.2, 3.5, LINES[1].text)
    assert set_times(LINES, 1, start=2.5) is None
    for start, end in ((1.9, None), (None, 4.1), (3.0, 3.0), (3.5, 3.0), (-0.1, None)):
        row = 0 if start == -0.1 else 1
        error = refused(ErrorKind.EDIT_TIMES, set_times, LINES, row, start=start, end=end)
        assert error.subject == str(row + 1)


def test_nudge_moves_by_a_tenth_and_stops_at_the_neighbours() -> None:
    lines = LINES
    starts = []
    for _ in range(8):
        edit = nudge(lines, 1, "start", -0.1)
        if edit is None:
            break
        lines = applied(edit, lines)
        starts.append(lines[1].start)
    assert starts == pytest.approx([2.4, 2.3, 2.2, 2.1, 2.0])
    assert nudge(LINES, 1, "end", 0.1) is None, "line 3 starts where line 2 ends"
    assert applied(nudge(LINES, 1, "end", -0.1))[1].end == pytest.approx(3.9)
    assert applied(nudge(LINES, 2, "end", 0.1))[2].end == pytest.approx(6.1)
    short = (LINES[0], Segment(1, 2.5, 2.55, " Hm."))
    assert nudge(short, 1, "start", 0.1) is None, "a line keeps a minimal length"


def test_an_edit_gives_a_new_transcript_and_leaves_the_old_one() -> None:
    from stenodesk.core.transcript import Transcript, TranscriptInfo

    info = TranscriptInfo("en", 1.0, 6.0, "tiny.en", "cpu", "int8")
    before = Transcript(info, LINES)
    after = merge_with_next(LINES, 1).apply_to(before)
    assert after.info is info and len(after.segments) == 2 and before.segments == LINES
    assert (
        after.text == "Hello world, this is Ann. The cat sat on the mat. Concatenate the CAT files."
    )
