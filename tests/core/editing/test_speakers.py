"""Speakers: names as a value, rename / merge / a line's speaker as undoable, storable edits."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from stenodesk.core.editing import Edit, EditConflictError, EditRecordError
from stenodesk.core.editing.speakers import (
    MAX_NAME_LENGTH,
    SpeakerNames,
    merge_speakers,
    names_from_mapping,
    rename_speaker,
    set_speaker,
    speakers_in,
)
from stenodesk.core.transcript import Segment, Word

LINES = (
    Segment(0, 0.0, 2.0, " Hello there.", (Word(0.0, 0.9, " Hello", 0.9, 0),), speaker=0),
    Segment(1, 2.5, 4.0, " Hi, Ann.", speaker=1),
    Segment(2, 4.0, 6.0, " How are you?", speaker=0),
    Segment(3, 6.5, 8.0, " Fine.", speaker=2),
)


def round_trip(edit: Edit) -> Edit:
    return Edit.from_record(json.loads(json.dumps(edit.to_record())))


def test_names_default_to_numbers_from_one_and_compare_by_value() -> None:
    names = SpeakerNames()
    assert names.name(0) == "Speaker 1" and names.custom(0) == ""
    diane = names.renamed(1, "Diane").renamed(0, "Bo")
    assert diane.name(1) == "Diane" and diane.named == ((0, "Bo"), (1, "Diane"))
    assert diane.renamed(1, "") == SpeakerNames(((0, "Bo"),))
    assert names_from_mapping({1: "Diane", 0: "Bo"}) == diane
    assert speakers_in(LINES) == (0, 1, 2)
    assert speakers_in((Segment(0, 0, 1, " x"),)) == ()


def test_rename_changes_names_only_and_undoes() -> None:
    names = SpeakerNames()
    edit = rename_speaker(names, 1, "  Diane \n Smith ")
    assert edit is not None and edit.changes == ()
    assert edit.apply(LINES) == LINES
    renamed = edit.apply_names(names)
    assert renamed.name(1) == "Diane Smith"
    assert edit.inverse().apply_names(renamed) == names
    assert edit.text == "Rename speaker 2"
    assert rename_speaker(renamed, 1, "Diane Smith") is None, "no change, no step"
    again = round_trip(edit)
    assert again == edit and again.apply_names(names) == renamed


def test_rename_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="numbered from 0"):
        rename_speaker(SpeakerNames(), -1, "X")
    with pytest.raises(ValueError, match="at most"):
        rename_speaker(SpeakerNames(), 0, "x" * (MAX_NAME_LENGTH + 1))
    edit = rename_speaker(SpeakerNames(), 0, "Bo")
    assert edit is not None
    with pytest.raises(EditConflictError):
        edit.apply_names(SpeakerNames(((0, "Al"),)))


def test_a_line_gets_another_speaker_with_its_words() -> None:
    edit = set_speaker(LINES, 0, 2)
    assert edit is not None
    after = edit.apply(LINES)
    assert after[0].speaker == 2 and after[0].words[0].speaker == 2
    assert after[1:] == LINES[1:]
    assert edit.revert(after) == LINES
    assert set_speaker(LINES, 1, 1) is None
    assert round_trip(edit).apply(LINES) == after
    with pytest.raises(IndexError):
        set_speaker(LINES, 9, 0)
    with pytest.raises(ValueError):
        set_speaker(LINES, 0, -2)


def test_merge_moves_every_line_and_forgets_the_name() -> None:
    names = SpeakerNames(((0, "Bo"), (2, "Cy")))
    edit = merge_speakers(LINES, names, keep=0, gone=2)
    assert edit is not None
    after = edit.apply(LINES)
    assert [s.speaker for s in after] == [0, 1, 0, 0]
    assert speakers_in(after) == (0, 1)
    merged_names = edit.apply_names(names)
    assert merged_names == SpeakerNames(((0, "Bo"),))
    inverse = edit.inverse()
    assert inverse.apply(after) == LINES and inverse.apply_names(merged_names) == names
    assert edit.text == "Merge speaker 3 into speaker 1"
    back = round_trip(edit)
    assert back == edit
    assert merge_speakers(after, merged_names, 0, 2) is None
    with pytest.raises(ValueError):
        merge_speakers(LINES, names, 1, 1)


def test_records_keep_speakers_and_refuse_bad_ones() -> None:
    edit = set_speaker(LINES, 0, 1)
    assert edit is not None
    record = edit.to_record()
    assert record["changes"][0]["new"][0]["speaker"] == 1
    assert record["changes"][0]["new"][0]["words"][0][4] == 1
    plain = Edit("Delete line {line}", ()).to_record()
    assert "names" not in plain
    bad = json.loads(json.dumps(record))
    bad["changes"][0]["new"][0]["speaker"] = -1
    with pytest.raises(EditRecordError, match="speaker"):
        Edit.from_record(bad)
    bad = json.loads(json.dumps(record))
    bad["changes"][0]["new"][0]["words"][0][4] = "one"
    with pytest.raises(EditRecordError, match="speaker"):
        Edit.from_record(bad)
    named = rename_speaker(SpeakerNames(), 0, "Bo")
    assert named is not None
    bad = named.to_record()
    bad["names"]["new"] = [[0]]
    with pytest.raises(EditRecordError, match=r"names.new\[0\]"):
        Edit.from_record(bad)
    bad["names"] = {"old": []}
    with pytest.raises(EditRecordError, match=r"names\.new"):
        Edit.from_record(bad)


def test_segments_without_speakers_are_stored_as_before() -> None:
    seg = replace(LINES[1], speaker=None)
    record = set_speaker((seg,), 0, 0)
    assert record is not None
    assert "speaker" not in record.to_record()["changes"][0]["old"][0]
