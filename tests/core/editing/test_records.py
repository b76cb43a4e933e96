"""Edits as JSON records: every kind round-trips; damaged or newer records are refused."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from tests.core.editing.sample import LINES

from stenodesk.core.editing import Change, Edit, EditRecordError
from stenodesk.core.editing.records import RECORD_VERSION, edit_from_record, edit_to_record
from stenodesk.core.editing.replace import FindOptions, Match, replace_all, replace_one
from stenodesk.core.editing.structure import (
    delete_line,
    insert_line,
    merge_with_next,
    nudge,
    set_times,
    split_line,
)

MAKERS: dict[str, Callable[[], Edit | None]] = {
    "split": lambda: split_line(LINES, 0, 13),
    "merge": lambda: merge_with_next(LINES, 1),
    "delete": lambda: delete_line(LINES, 2),
    "insert": lambda: insert_line(LINES, 6.5, "New"),
    "times": lambda: set_times(LINES, 1, start=2.2, end=3.9),
    "nudge": lambda: nudge(LINES, 1, "start", 0.1),
    "text": lambda: Edit(
        "Edit line {line}", (Change(1, (LINES[1],), (LINES[1].with_text(" Ünïcode ✓"),)),), line=2
    ),
    "replace_all": lambda: replace_all(LINES, r"(c)at", r"\1ow", FindOptions(regex=True)),
    "replace_one": lambda: replace_one(LINES, Match(1, 5, 8), "cat", "dog"),
}


def _edit(name: str) -> Edit:
    edit = MAKERS[name]()
    assert edit is not None
    return edit


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_every_edit_round_trips_through_json(name: str) -> None:
    edit = _edit(name)
    text = json.dumps(edit.to_record(), allow_nan=False)
    back = Edit.from_record(json.loads(text))
    assert back == edit
    assert back.apply(LINES) == edit.apply(LINES)
    assert back.revert(back.apply(LINES)) == LINES


def test_the_record_names_its_version_and_keeps_word_times() -> None:
    record = edit_to_record(_edit("split"))
    assert record["version"] == RECORD_VERSION == 1
    assert record["label"] == "Split line {line}"
    first = record["changes"][0]["old"][0]
    assert first["words"][0] == [0.0, 0.4, " Hello", 0.9]


def _damaged(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    record = copy.deepcopy(edit_to_record(_edit("split")))
    change(record)
    return record


BAD: dict[str, tuple[object, str]] = {
    "not a dict": ([1, 2], "not an object"),
    "newer version": (_damaged(lambda r: r.update(version=2)), "version 2 is not supported"),
    "no version": (_damaged(lambda r: r.pop("version")), "version None"),
    "no changes": (_damaged(lambda r: r.pop("changes")), "changes is missing"),
    "label not text": (_damaged(lambda r: r.update(label=5)), "label is missing or not text"),
    "count a bool": (
        _damaged(lambda r: r.update(count=True)),
        "count is missing or not an integer",
    ),
    "row as text": (
        _damaged(lambda r: r["changes"][0].update(row="0")),
        "changes[0].row is missing",
    ),
    "negative row": (
        _damaged(lambda r: r["changes"][0].update(row=-1)),
        "changes[0].row is negative",
    ),
    "start not finite": (
        _damaged(lambda r: r["changes"][0]["new"][1].update(start=float("nan"))),
        "changes[0].new[1].start is missing or not a finite number",
    ),
    "word of three": (
        _damaged(lambda r: r["changes"][0]["old"][0]["words"].__setitem__(0, [0.0, 0.4, "x"])),
        "changes[0].old[0].words[0] is not",
    ),
    "segment missing text": (
        _damaged(lambda r: r["changes"][0]["old"][0].pop("text")),
        "changes[0].old[0].text is missing",
    ),
    "changes out of order": (
        _damaged(lambda r: r["changes"].append(copy.deepcopy(r["changes"][0]))),
        "must be in order",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_records_are_refused_with_what_is_wrong(name: str) -> None:
    record, message = BAD[name]
    with pytest.raises(EditRecordError, match=message.replace("[", r"\[").replace("]", r"\]")):
        edit_from_record(record)


def test_a_refused_record_is_a_value_error() -> None:
    assert issubclass(EditRecordError, ValueError)
