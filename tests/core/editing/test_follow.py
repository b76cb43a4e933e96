"""Following playback: the line and word spoken at a moment."""

from __future__ import annotations

import pytest
from tests.core.editing.sample import LINES

from stenodesk.core.editing.follow import Follower, Spoken
from stenodesk.core.transcript import Segment, Word


@pytest.mark.parametrize(
    ("seconds", "spoken"),
    [
        (-1.0, Spoken(-1)),
        (0.0, Spoken(0, 0)),
        (0.45, Spoken(0, 1)),  # a word counts from 50 ms before its start
        (0.42, Spoken(0)),  # between words
        (1.35, Spoken(0, 3)),
        (2.2, Spoken(0)),  # just after the line: still it, no word
        (2.45, Spoken(1)),  # line 2 starts at 2.5: 50 ms early
        (4.0, Spoken(2)),
        (6.4, Spoken(2)),
        (6.6, Spoken(-1)),  # a pause after the last line
    ],
)
def test_the_line_and_word_at_a_moment(seconds: float, spoken: Spoken) -> None:
    assert Follower(LINES).at(seconds) == spoken


def test_the_spoken_word_is_found_in_the_text() -> None:
    text = LINES[0].text
    for i, word in enumerate(("Hello", "world,", "this", "is", "Ann.")):
        begin, end = Spoken(0, i).span(LINES)  # type: ignore[misc]
        assert text[begin:end] == word
    assert Spoken(1, -1).span(LINES) is None and Spoken(-1).span(LINES) is None
    corrected = (LINES[0].with_text(LINES[0].text), *LINES[1:])
    assert Spoken(0, 1).span(corrected) == Spoken(0, 1).span(LINES)
    # Words timed without the text's leading space still line up.
    bare = Segment(0, 0.0, 1.0, " ab cd", (Word(0.0, 0.4, "ab", 1.0), Word(0.5, 0.9, " cd", 1.0)))
    assert Spoken(0, 1).span((bare,)) == (4, 6)
    edited = (bare.with_text(" ab cx"),)
    assert Spoken(0, 1).span(edited) is None


def test_an_empty_transcript_has_nothing_spoken() -> None:
    assert Follower(()).at(1.0) == Spoken(-1)
