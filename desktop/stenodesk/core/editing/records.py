"""Edits as plain JSON-able records, so a job store can keep them.

A record is a dict of str, int, float, list and dict only, with a
``version``: ``json.dumps`` writes it and ``json.loads`` gives back a dict
that :func:`edit_from_record` turns into an equal :class:`Edit` (floats
round-trip exactly through their shortest repr). A record from a newer
Stenodesk, or one damaged on disk, is refused with :class:`EditRecordError`
naming what is wrong, never half-read.

Version 1::

    {"version": 1, "label": "Split line {line}", "count": 1, "line": 3,
     "changes": [{"row": 2, "old": [segment], "new": [segment, segment]}]}

    segment = {"index": 7, "start": 1.5, "end": 3.0, "text": " Hi.",
               "words": [[start, end, text, probability], ...],
               "avg_logprob": -0.2, "no_speech_prob": 0.01, "repeats_collapsed": 0}
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, TypeVar

from stenodesk.core.editing.edit import Change, Edit
from stenodesk.core.engine.result import Segment, Word
from stenodesk.core.jobs import records

RECORD_VERSION = 1
"""Raise it when the record's shape changes, and read the old shape too."""

Record = dict[str, Any]
_T = TypeVar("_T")


_KIND_NAMES: dict[type, str] = {int: "an integer", str: "text", list: "a list"}


class EditRecordError(ValueError):
    """A stored edit cannot be read: another version, a missing or mistyped field."""


def edit_to_record(edit: Edit) -> Record:
    """``edit`` as a JSON-able dict (see the module docstring for the shape)."""
    return {
        "version": RECORD_VERSION,
        "label": edit.label,
        "count": edit.count,
        "line": edit.line,
        "changes": [
            {
                "row": c.row,
                "old": [_segment_to_record(s) for s in c.old],
                "new": [_segment_to_record(s) for s in c.new],
            }
            for c in edit.changes
        ],
    }


def edit_from_record(record: object) -> Edit:
    """The edit a record of :func:`edit_to_record` stands for.

    Raises:
        EditRecordError: not a dict, an unknown version, a missing field or one
            of the wrong type, or changes out of order.
    """
    data = _mapping(record, "the record")
    version = data.get("version")
    if version != RECORD_VERSION:
        raise EditRecordError(
            f"edit record version {version!r} is not supported"
            f" (this version reads {RECORD_VERSION})"
        )
    changes = tuple(
        _change(c, f"changes[{i}]") for i, c in enumerate(_field(data, "changes", list, ""))
    )
    try:
        return Edit(
            _field(data, "label", str, ""),
            changes,
            count=_field(data, "count", int, ""),
            line=_field(data, "line", int, ""),
        )
    except ValueError as exc:
        raise EditRecordError(f"edit record: {exc}") from exc


def _segment_to_record(seg: Segment) -> Record:
    return records.segment_to_json(seg)  # the journal's own encoding of a segment


def _change(value: object, where: str) -> Change:
    data = _mapping(value, where)
    row = _field(data, "row", int, where)
    if row < 0:
        raise EditRecordError(f"edit record: {where}.row is negative")
    old = _field(data, "old", list, where)
    new = _field(data, "new", list, where)
    return Change(
        row,
        tuple(_segment(s, f"{where}.old[{i}]") for i, s in enumerate(old)),
        tuple(_segment(s, f"{where}.new[{i}]") for i, s in enumerate(new)),
    )


def _segment(value: object, where: str) -> Segment:
    data = _mapping(value, where)
    words = []
    for i, word in enumerate(_field(data, "words", list, where)):
        if not isinstance(word, list) or len(word) not in (4, 5) or not isinstance(word[2], str):
            raise EditRecordError(
                f"edit record: {where}.words[{i}] is not [start, end, text, p(, speaker)]"
            )
        start, end, text, probability = word[:4]
        words.append(
            Word(
                _number(start, f"{where}.words[{i}]"),
                _number(end, f"{where}.words[{i}]"),
                text,
                _number(probability, f"{where}.words[{i}]"),
                _speaker(word[4] if len(word) == 5 else None, f"{where}.words[{i}]"),
            )
        )
    return Segment(
        index=_field(data, "index", int, where),
        start=_number(data.get("start"), f"{where}.start"),
        end=_number(data.get("end"), f"{where}.end"),
        text=_field(data, "text", str, where),
        words=tuple(words),
        avg_logprob=_number(data.get("avg_logprob"), f"{where}.avg_logprob"),
        no_speech_prob=_number(data.get("no_speech_prob"), f"{where}.no_speech_prob"),
        repeats_collapsed=_field(data, "repeats_collapsed", int, where),
        speaker=_speaker(data.get("speaker"), f"{where}.speaker"),
    )


def _speaker(value: object, where: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise EditRecordError(f"edit record: {where} is not a speaker number")
    return value


def _mapping(value: object, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise EditRecordError(f"edit record: {where} is not an object")
    return value


def _field(data: Mapping[str, Any], name: str, kind: type[_T], where: str) -> _T:
    value = data.get(name)
    # bool is an int to Python, never to a record.
    if not isinstance(value, kind) or isinstance(value, bool):
        place = f"{where}.{name}" if where else name
        wanted = _KIND_NAMES.get(kind, kind.__name__)
        raise EditRecordError(f"edit record: {place} is missing or not {wanted}")
    return value


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise EditRecordError(f"edit record: {where} is missing or not a finite number")
    return float(value)
