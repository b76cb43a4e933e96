"""Exports: SRT and VTT that players accept, text, and JSON that round-trips."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
import srt
from tests.helpers import speech

from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.transcriber import Transcriber
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.export.formats import from_json, timestamp, to_json, to_srt, to_txt, to_vtt
from stenodesk.core.export.shaping import SubtitleOptions
from stenodesk.core.export.writer import export, write_text_atomic
from stenodesk.core.transcript import Segment, Transcript, TranscriptInfo, Word

INFO = TranscriptInfo("en", 0.98, 30.0, "tiny.en", "cpu", "int8")


def transcript(*segments: Segment) -> Transcript:
    return Transcript(INFO, segments)


@pytest.fixture(scope="module")
def real(transcriber: Transcriber, speech_wav: Path) -> Transcript:
    options = TranscribeOptions(cpu_threads=2, word_timestamps=True)
    return transcriber.transcribe(speech_wav, options)


def check_srt(text: str, opts: SubtitleOptions) -> list[srt.Subtitle]:
    subs = list(srt.parse(text))
    assert [s.index for s in subs] == list(range(1, len(subs) + 1))
    for a, b in pairwise(subs):
        assert a.end <= b.start, f"cues {a.index} and {b.index} overlap"
    for s in subs:
        lines = s.content.split("\n")
        assert s.content.strip(), "empty cue"
        assert len(lines) <= opts.max_lines
        assert all(len(line) <= opts.max_chars_per_line for line in lines), lines
        assert s.start < s.end
        assert (s.end - s.start).total_seconds() <= opts.max_duration + 1e-6
    assert re.findall(r"\d\d:\d\d:\d\d,\d\d\d --> \d\d:\d\d:\d\d,\d\d\d", text)
    return subs


@pytest.mark.parametrize("opts", [SubtitleOptions(), SubtitleOptions(24, 1, 3.0)])
def test_srt_from_a_real_transcript(
    real: Transcript, speech_text: str, opts: SubtitleOptions
) -> None:
    subs = check_srt(to_srt(real, opts), opts)
    assert speech.wer(speech_text, " ".join(s.content for s in subs)) <= 0.15
    assert subs[-1].end.total_seconds() <= real.info.duration + 0.01


def test_srt_without_word_timestamps(
    transcriber: Transcriber, speech_wav: Path, speech_text: str
) -> None:
    plain = transcriber.transcribe(speech_wav, TranscribeOptions(cpu_threads=2))
    assert not any(s.words for s in plain.segments)
    opts = SubtitleOptions(30, 2, 4.0)
    subs = check_srt(to_srt(plain, opts), opts)
    assert speech.wer(speech_text, " ".join(s.content for s in subs)) <= 0.15


def test_long_segment_is_split_at_punctuation() -> None:
    text = (
        " This is the first sentence of a long segment. And here comes the second one,"
        " which goes on for a while, with a clause. Finally the third sentence ends it."
    )
    seg = Segment(0, 10.0, 25.0, text)
    opts = SubtitleOptions()
    subs = check_srt(to_srt(transcript(seg), opts), opts)
    assert len(subs) >= 3
    assert subs[0].content.replace("\n", " ").endswith("segment.")
    assert subs[0].start.total_seconds() == 10.0
    assert subs[-1].end.total_seconds() == pytest.approx(25.0, abs=0.01)


def test_word_timestamps_place_cue_breaks_in_pauses() -> None:
    words = [Word(0.0, 0.4, " Hello", 0.9), Word(0.5, 1.0, " there.", 0.9)]
    words += [Word(4.0 + i * 0.4, 4.3 + i * 0.4, f" word{i}", 0.9) for i in range(12)]
    seg = Segment(0, 0.0, 9.0, "".join(w.text for w in words), tuple(words))
    opts = SubtitleOptions(max_chars_per_line=42, max_lines=2, max_duration=7.0)
    subs = check_srt(to_srt(transcript(seg), opts), opts)
    assert subs[0].content == "Hello there."
    assert subs[0].end.total_seconds() == pytest.approx(1.0)
    assert subs[1].start.total_seconds() == pytest.approx(4.0)


def test_chinese_text_is_split_by_character() -> None:
    text = "今天我们讨论新的项目和明年的计划。请在周末之前把报告发给我。天气很冷，下了一整天的雨。"
    seg = Segment(0, 0.0, 12.0, text)
    opts = SubtitleOptions(max_chars_per_line=16, max_lines=2, max_duration=7.0)
    subs = check_srt(to_srt(transcript(seg), opts), opts)
    assert "".join(s.content.replace("\n", "") for s in subs) == text
    assert len(subs) >= 2


def test_overlapping_and_empty_segments_are_cleaned() -> None:
    segs = (
        Segment(0, 0.0, 3.0, " First line."),
        Segment(1, 2.5, 4.0, "   "),
        Segment(2, 2.0, 5.0, " Overlaps the first."),
        Segment(3, 5.0, 5.0, " Zero length."),
    )
    opts = SubtitleOptions()
    subs = check_srt(to_srt(transcript(*segs), opts), opts)
    assert [s.content for s in subs] == ["First line.", "Overlaps the first.", "Zero length."]


def test_a_cue_cannot_end_a_block_early() -> None:
    seg = Segment(0, 0.0, 2.0, " see --> here")
    text = to_srt(transcript(seg))
    assert len(list(srt.parse(text))) == 1
    assert "-->" not in text.split("\n", 2)[2]


def test_vtt() -> None:
    segs = (Segment(0, 0.0, 2.5, " Tom & Jerry <live>."), Segment(1, 3.0, 3661.5, " Long."))
    text = to_vtt(transcript(*segs))
    assert text.startswith("WEBVTT\n\n")
    cues = re.findall(r"^(\d\d:\d\d:\d\d\.\d\d\d) --> (\d\d:\d\d:\d\d\.\d\d\d)$", text, re.M)
    assert cues[0] == ("00:00:00.000", "00:00:02.500")
    assert cues[1][0] == "00:00:03.000"
    assert "Tom &amp; Jerry &lt;live&gt;." in text


def test_txt_with_and_without_timestamps() -> None:
    segs = (Segment(0, 1.0, 2.0, " One."), Segment(1, 62.5, 63.0, " Two."))
    assert to_txt(transcript(*segs)) == "One.\nTwo.\n"
    assert to_txt(transcript(*segs), timestamps=True).splitlines()[1] == (
        "[00:01:02.500 --> 00:01:03.000] Two."
    )


def test_json_round_trips(real: Transcript) -> None:
    back = from_json(to_json(real))
    assert back == real
    assert any(s.words for s in back.segments)


def test_timestamp_format() -> None:
    assert timestamp(0) == "00:00:00,000"
    assert timestamp(3723.4567) == "01:02:03,457"
    assert timestamp(59.9996) == "00:01:00,000"
    assert timestamp(-1) == "00:00:00,000"


def test_writer_never_clobbers(tmp_path: Path) -> None:
    target = tmp_path / "talk.srt"
    write_text_atomic(target, "first\n")
    with pytest.raises(StenodeskError) as err:
        write_text_atomic(target, "second\n")
    assert err.value.kind is ErrorKind.OUTPUT_EXISTS
    assert target.read_text() == "first\n"
    write_text_atomic(target, "second\n", overwrite=True)
    assert target.read_text() == "second\n"
    assert [p.name for p in tmp_path.iterdir()] == ["talk.srt"], "no temporary files left"


def test_writer_reports_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StenodeskError) as err:
        export(transcript(Segment(0, 0, 1, " x")), "srt", tmp_path / "nope" / "a.srt")
    assert err.value.kind is ErrorKind.OUTPUT_FAILED


def test_export_writes_utf8(tmp_path: Path) -> None:
    path = export(transcript(Segment(0, 0, 1, " Grüße, 你好")), "srt", tmp_path / "a.srt")
    assert "Grüße, 你好" in path.read_text(encoding="utf-8")
