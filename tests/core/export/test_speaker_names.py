"""Speakers the user named are called by their names in every export format."""

from __future__ import annotations

import json

from stenodesk.core.export.formats import to_json, to_rttm, to_srt, to_txt, to_vtt
from stenodesk.core.transcript import Segment, Transcript, TranscriptInfo

INFO = TranscriptInfo("en", 1.0, 6.0, "tiny.en", "cpu", "int8")
LINES = (
    Segment(0, 0.0, 2.0, " Good morning.", speaker=0),
    Segment(1, 2.5, 4.0, " Hello <there>.", speaker=1),
)
NAMED = Transcript(INFO, LINES, ((1, "Diane Smith"),))


def test_named_speakers_in_every_format_and_the_others_numbered() -> None:
    assert "Speaker 1: Good morning." in to_srt(NAMED)
    assert "Diane Smith: Hello <there>." in to_srt(NAMED)
    vtt = to_vtt(NAMED)
    assert "<v Speaker 1>Good morning." in vtt and "<v Diane Smith>Hello &lt;there&gt;." in vtt
    assert "[0:00:02] Diane Smith: Hello <there>." in to_txt(NAMED)
    data = json.loads(to_json(NAMED))
    assert data["speakers"] == [{"id": 0, "name": "Speaker 1"}, {"id": 1, "name": "Diane Smith"}]
    assert "Diane_Smith" in to_rttm(NAMED) and "Speaker_1" in to_rttm(NAMED)


def test_without_names_nothing_changes() -> None:
    plain = Transcript(INFO, LINES)
    assert to_srt(plain) == to_srt(Transcript(INFO, LINES, ()))
    assert "Speaker 2: Hello" in to_srt(plain)


def test_srt_speaker_labels_can_be_left_out() -> None:
    from stenodesk.core.export.shaping import SubtitleOptions

    bare = to_srt(NAMED, SubtitleOptions(speaker_labels=False))
    assert "Good morning." in bare and "Speaker 1" not in bare and "Diane" not in bare
    assert to_srt(NAMED, SubtitleOptions()) == to_srt(NAMED), "on by default"


def test_the_command_line_and_the_settings_say_whether_srt_names_speakers() -> None:
    import argparse

    from stenodesk.commands import transcribe
    from stenodesk.core.settings import Settings

    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers()
    transcribe.add_parser(subparsers, Settings())
    assert parser.parse_args(["transcribe", "a.wav"]).speaker_labels is True
    assert parser.parse_args(["transcribe", "a.wav", "--no-speaker-labels"]).speaker_labels is False
    off = Settings().with_value("export.speaker_labels", False)
    subparsers = (parser := argparse.ArgumentParser()).add_subparsers()
    transcribe.add_parser(subparsers, off)
    assert parser.parse_args(["transcribe", "a.wav"]).speaker_labels is False
