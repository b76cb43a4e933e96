"""The speakers option: off, auto, N or MIN-MAX, with readable errors for anything else."""

from __future__ import annotations

import pytest

from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.speakers import SpeakerCount
from stenodesk.core.speakers.choice import parse_speakers


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("two", "off, auto, a number such as 2 or a range such as 2-4, not 'two'"),
        ("2-", "not '2-'"),
        ("-3", "not '-3'"),
        ("0", "between 1 and 20, not '0'"),
        ("21", "between 1 and 20, not '21'"),
        ("1-30", "between 1 and 20, not '1-30'"),
        ("4-2", "ends below its start; write it as 2-4"),
        ("2.5", "not '2.5'"),
    ],
)
def test_bad_speakers_are_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_speakers(text)
    with pytest.raises(ValueError, match="speaker"):
        TranscribeOptions(speakers=text).validate()


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("off", None),
        ("OFF", None),
        ("auto", SpeakerCount()),
        ("3", SpeakerCount(num=3)),
        (" 2 - 4 ", SpeakerCount(low=2, high=4)),
        ("2-2", SpeakerCount(num=2)),
    ],
)
def test_good_speakers_give_a_count(text: str, count: SpeakerCount | None) -> None:
    assert parse_speakers(text) == count


def test_speakers_are_off_by_default() -> None:
    assert TranscribeOptions().speakers == "off"
    TranscribeOptions().validate()
