"""Subtitle checks flag the right lines with the right reasons; the reshape fixes them."""

from __future__ import annotations

import itertools

import pytest

from stenodesk.core.editing.checks import (
    Check,
    SubtitleRules,
    check_all,
    reshape,
    wrapped_lines,
)
from stenodesk.core.export.formats import to_srt
from stenodesk.core.export.shaping import shape
from stenodesk.core.transcript import Segment, Word

LONG = (
    " This line goes on and on about the weather, the harvest, the roads and"
    " the market prices in town."
)
WORDY = " Pneumonoultramicroscopicsilicovolcanoconiosis-and-then-some is a word."

LINES = (
    Segment(0, 0.0, 0.5, " Hi."),
    Segment(1, 1.0, 2.0, " This sentence is far too long to read in a second."),
    Segment(2, 2.0, 10.0, LONG),
    Segment(3, 9.5, 12.0, " Overlapping line here."),
    Segment(4, 12.0, 18.0, WORDY),
    Segment(5, 18.0, 20.0, " Fine line."),
)


def kinds(flagged: object) -> dict[int, set[Check]]:
    return {f.row: {p.check for p in f.problems} for f in flagged}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "rules",
    [
        SubtitleRules(max_chars_per_second=0),
        SubtitleRules(min_duration=8.0),
        SubtitleRules(max_chars_per_line=3),
        SubtitleRules(max_lines=0),
    ],
)
def test_impossible_rules_are_refused(rules: SubtitleRules) -> None:
    with pytest.raises(ValueError):
        check_all(LINES, rules)
    with pytest.raises(ValueError):
        reshape(LINES, rules=rules)


def test_each_broken_rule_is_flagged_on_its_line() -> None:
    flagged = check_all(LINES)
    assert kinds(flagged) == {
        0: {Check.TOO_SHORT},
        1: {Check.TOO_FAST},
        2: {Check.TOO_MANY_LINES, Check.TOO_LONG},
        3: {Check.OVERLAP},
        4: {Check.LINE_TOO_LONG},
    }
    reasons = {f.row: f.reason for f in flagged}
    assert reasons[0] == "lasts 0.50 s (at least 1 s)"
    assert reasons[1] == "50.0 characters per second (limit 17)"
    assert reasons[3] == "starts 0.50 s before the previous line ends"
    assert "needs 3 lines (limit 2)" in reasons[2] and "lasts 8.0 s (at most 7 s)" in reasons[2]
    assert reasons[4].startswith("a line of 59 characters (limit 42)")


def test_the_limits_come_from_the_rules() -> None:
    relaxed = SubtitleRules(
        max_chars_per_second=60, max_chars_per_line=80, min_duration=0.2, max_duration=9
    )
    assert kinds(check_all(LINES, relaxed)) == {3: {Check.OVERLAP}}
    strict = SubtitleRules(max_chars_per_second=4)
    assert Check.TOO_FAST in kinds(check_all(LINES, strict))[5]


def test_lines_wrap_at_spaces_and_keep_explicit_breaks() -> None:
    assert wrapped_lines(" one two three", 7) == ["one two", "three"]
    assert wrapped_lines("a\nb c", 10) == ["a", "b c"]
    assert wrapped_lines("", 10) == [""]


def test_reshape_fixes_layout_length_and_overlap_and_undoes() -> None:
    edit = reshape(LINES)
    # Line 4 need not change: line 3, reshaped, now ends where it starts.
    assert [c.row for c in edit.changes] == [0, 2, 4] and edit.text == "Reshape 3 lines"
    after = edit.apply(LINES)
    assert edit.revert(after) == LINES
    left = kinds(check_all(after))
    # Reading speed is the words' own problem; everything else is fixed.
    assert set(left) == {1} and left[1] == {Check.TOO_FAST}
    assert after[0].end == 1.0, "the short line lasts the minimum, up to the next line"
    pieces = [s for s in after if s.start >= 2.0 and s.end <= 9.5]
    assert " ".join(s.text.strip() for s in pieces) == LONG.strip()
    assert len({s.index for s in after}) == len(after), "every line keeps a distinct index"
    assert all(a.end <= b.start for a, b in itertools.pairwise(after))


def test_reshaped_lines_export_as_they_are_shown() -> None:
    edit = reshape(LINES)
    assert edit is not None
    after = edit.apply(LINES)
    options = SubtitleRules().shaping()
    # Each shown line is exactly one cue of the export, with the same times and text.
    cues = shape(after, options)
    assert len(cues) == len(after)
    for cue, seg in zip(cues, after, strict=True):
        assert " ".join(cue.lines) == seg.text.strip()
        assert (cue.start, cue.end) == pytest.approx((seg.start, seg.end))
    from stenodesk.core.transcript import Transcript, TranscriptInfo

    info = TranscriptInfo("en", 1.0, 20.0, "tiny.en", "cpu", "int8")
    assert to_srt(Transcript(info, after), options).count("-->") == len(after)


def test_reshape_splits_word_timed_lines_at_their_words() -> None:
    words = tuple(
        Word(i * 0.5, i * 0.5 + 0.4, f" word{i}{'.' if i == 7 else ''}", 0.9) for i in range(16)
    )
    text = "".join(w.text for w in words)
    line = (Segment(0, 0.0, 7.9, text, words),)
    rules = SubtitleRules(max_chars_per_line=30, max_lines=2)
    edit = reshape(line, rules=rules)
    assert edit is not None
    after = edit.apply(line)
    assert len(after) >= 2
    assert sum(len(s.words) for s in after) == 16
    for seg in after:
        # Cues start with their first word and end with their last, or after
        # it where that is shorter than the minimum duration.
        assert seg.start == seg.words[0].start
        assert seg.end == max(seg.words[-1].end, seg.start + rules.min_duration)
    assert after[0].text.strip().endswith("word7."), "the break falls after the sentence"
    assert reshape(after, rules=rules) is None, "a reshaped transcript needs no more reshaping"


def test_only_the_chosen_lines_are_reshaped() -> None:
    edit = reshape(LINES, rows=[2])
    assert edit is not None and [c.row for c in edit.changes] == [2]
