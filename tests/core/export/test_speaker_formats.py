"""Exports of a transcript with speakers; without speakers nothing changes."""

from __future__ import annotations

import json
from pathlib import Path

import srt

from stenodesk.core.export.formats import (
    FORMATS,
    from_json,
    to_json,
    to_rttm,
    to_srt,
    to_txt,
    to_vtt,
)
from stenodesk.core.export.writer import export
from stenodesk.core.speakers import Turn, assign_speakers, read_rttm
from stenodesk.core.transcript import Segment, Transcript, TranscriptInfo, Word

INFO = TranscriptInfo("en", 0.98, 100.0, "tiny.en", "cpu", "int8")
WORDS = (
    Word(1.0, 1.5, " Good", 0.9),
    Word(1.5, 2.0, " morning.", 0.9),
    Word(2.6, 3.0, " Hello", 0.8),
    Word(3.0, 3.4, " there.", 0.8),
)
PLAIN = Transcript(
    INFO,
    (
        Segment(0, 1.0, 3.4, " Good morning. Hello there.", WORDS),
        Segment(1, 83.2, 85.0, " Still me."),
        Segment(2, 86.0, 87.0, " And me."),
    ),
)
TURNS = (Turn(0.8, 2.2, 0), Turn(2.4, 84.0, 1), Turn(85.8, 87.5, 1))
SPOKEN = Transcript(INFO, assign_speakers(PLAIN.segments, TURNS))


def test_speakers_split_the_transcript_as_expected() -> None:
    assert [(s.text, s.speaker) for s in SPOKEN.segments] == [
        (" Good morning.", 0),
        (" Hello there.", 1),
        (" Still me.", 1),
        (" And me.", 1),
    ]


def test_json_names_speakers_of_segments_and_words() -> None:
    data = json.loads(to_json(SPOKEN))
    assert data["speakers"] == [{"id": 0, "name": "Speaker 1"}, {"id": 1, "name": "Speaker 2"}]
    assert [s["speaker"] for s in data["segments"]] == [0, 1, 1, 1]
    assert [w["speaker"] for s in data["segments"] for w in s["words"]] == [0, 0, 1, 1]
    assert from_json(to_json(SPOKEN)) == SPOKEN


def test_json_without_speakers_has_no_speaker_keys() -> None:
    text = to_json(PLAIN)
    assert '"speaker' not in text
    assert from_json(text) == PLAIN


def test_txt_is_a_paragraph_per_turn() -> None:
    assert to_txt(SPOKEN) == (
        "[0:00:01] Speaker 1: Good morning.\n\n"
        "[0:00:02] Speaker 2: Hello there. Still me. And me.\n"
    )
    assert to_txt(PLAIN) == "Good morning. Hello there.\nStill me.\nAnd me.\n"


def test_srt_prefixes_the_speaker() -> None:
    subs = list(srt.parse(to_srt(SPOKEN)))
    assert [s.content for s in subs] == [
        "Speaker 1: Good morning.",
        "Speaker 2: Hello there.",
        "Speaker 2: Still me.",
        "Speaker 2: And me.",
    ]
    assert "Speaker" not in to_srt(PLAIN)


def test_vtt_uses_voice_tags() -> None:
    text = to_vtt(SPOKEN)
    assert "<v Speaker 1>Good morning.\n" in text
    assert "<v Speaker 2>And me.\n" in text
    assert "<v" not in to_vtt(PLAIN)


def test_rttm_holds_a_line_per_turn_and_reads_back(tmp_path: Path) -> None:
    text = to_rttm(SPOKEN, "my talk")
    assert text.splitlines() == [
        "SPEAKER my_talk 1 1.000 1.000 <NA> <NA> Speaker_1 <NA> <NA>",
        "SPEAKER my_talk 1 2.600 84.400 <NA> <NA> Speaker_2 <NA> <NA>",
    ]
    (tmp_path / "talk.rttm").write_text(text)
    assert read_rttm(tmp_path / "talk.rttm") == [Turn(1.0, 2.0, 0), Turn(2.6, 87.0, 1)]
    assert "rttm" in FORMATS
    assert to_rttm(PLAIN) == ""


def test_rttm_file_is_named_after_the_output(tmp_path: Path) -> None:
    path = export(SPOKEN, "rttm", tmp_path / "board meeting.rttm")
    assert path.read_text().startswith("SPEAKER board_meeting 1 1.000 1.000 ")
