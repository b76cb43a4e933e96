"""Find and replace: options, counts, one undo step, readable refusals."""

from __future__ import annotations

import pytest
from tests.core.editing.sample import LINES, WORDS

from stenodesk.core.editing.replace import (
    FindOptions,
    Match,
    find_all,
    find_next,
    replace_all,
    replace_one,
)
from stenodesk.core.errors import ErrorKind, StenodeskError

CASE = FindOptions(match_case=True)
WORD = FindOptions(whole_word=True)
REGEX = FindOptions(regex=True)


@pytest.mark.parametrize(
    ("query", "options", "problem"),
    [("(", REGEX, "missing ), unterminated subpattern"), ("a{2,1}", REGEX, "min repeat")],
)
def test_a_bad_expression_is_refused_with_its_reason(
    query: str, options: FindOptions, problem: str
) -> None:
    with pytest.raises(StenodeskError) as caught:
        replace_all(LINES, query, "x", options)
    assert caught.value.kind == ErrorKind.FIND_PATTERN
    assert problem in caught.value.message.text
    with pytest.raises(StenodeskError):
        find_all(LINES, query, options)


def test_a_replacement_naming_a_missing_group_is_refused() -> None:
    with pytest.raises(StenodeskError) as caught:
        replace_all(LINES, r"(cat)", r"\2", REGEX)
    assert caught.value.kind == ErrorKind.FIND_PATTERN


def test_nothing_to_find_changes_nothing() -> None:
    assert find_all(LINES, "") == () and replace_all(LINES, "", "x") is None
    assert replace_all(LINES, "dog", "cat") is None
    assert replace_all(LINES, "x*", "y", REGEX) is None, "empty matches are not replacements"
    assert replace_all(LINES, "cat", "cat", CASE) is None, "nothing would change"


@pytest.mark.parametrize(
    ("options", "count", "line_3"),
    [
        (FindOptions(), 3, " Condogenate the dog files."),
        (WORD, 2, " Concatenate the dog files."),
        (FindOptions(match_case=True, whole_word=True), 1, " Concatenate the CAT files."),
        (CASE, 2, " Condogenate the CAT files."),
    ],
)
def test_replace_all_counts_and_is_one_undoable_step(
    options: FindOptions, count: int, line_3: str
) -> None:
    edit = replace_all(LINES, "cat", "dog", options)
    assert edit is not None and edit.count == count
    assert edit.text == f"Replace {count} matches"
    after = edit.apply(LINES)
    assert after[1].text == " The dog sat on the mat."
    assert after[2].text == line_3
    assert after[0] is LINES[0], "untouched lines stay as they were, word times and all"
    assert edit.revert(after) == LINES


def test_whole_words_end_at_punctuation_too() -> None:
    edit = replace_all(LINES, "Ann.", "Bea.", WORD)
    assert edit is not None and edit.count == 1
    assert edit.apply(LINES)[0].text == " Hello world, this is Bea."
    assert edit.apply(LINES)[0].words == (), "the word times no longer spell the text"
    assert WORDS


def test_expressions_and_groups() -> None:
    edit = replace_all(LINES, r"\b(t)he\b", r"\1HE", FindOptions(regex=True, match_case=True))
    assert edit is not None and edit.count == 2  # "The" has a capital
    after = edit.apply(LINES)
    assert after[1].text == " The cat sat on tHE mat."
    assert after[2].text == " Concatenate tHE CAT files."
    literal = replace_all(LINES, "mat", r"m\1t")
    assert literal is not None and literal.apply(LINES)[1].text.endswith(r"the m\1t.")


def test_find_next_goes_on_from_the_cursor_and_wraps() -> None:
    first = find_next(LINES, "the")
    assert first == Match(1, 1, 4)
    second = find_next(LINES, "the", after=(first.row, first.start))
    assert second == Match(1, 16, 19)
    third = find_next(LINES, "the", after=(second.row, second.start))
    assert third == Match(2, 13, 16)
    assert find_next(LINES, "the", after=(third.row, third.start)) == first
    assert find_next(LINES, "zebra") is None


def test_replace_one_changes_only_that_match() -> None:
    match = find_next(LINES, "the", after=(1, 1))
    assert match is not None
    edit = replace_one(LINES, match, "the", "a")
    assert edit.count == 1 and edit.text == "Replace in line 2"
    assert edit.apply(LINES)[1].text == " The cat sat on a mat."
    moved = edit.apply(LINES)
    with pytest.raises(StenodeskError):
        replace_one(moved, match, "the", "a")  # the text there changed since
