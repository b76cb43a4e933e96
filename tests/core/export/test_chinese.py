"""One Chinese script in every output: conversion of text, words and exports, and the prompt."""

from __future__ import annotations

from pathlib import Path

import pytest

from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.export.chinese import (
    PROMPTS,
    SCRIPTS,
    ScriptConverter,
    initial_prompt,
    lean_options,
)
from stenodesk.core.export.formats import FORMATS, from_json, to_srt
from stenodesk.core.export.shaping import SubtitleOptions
from stenodesk.core.export.writer import export
from stenodesk.core.transcript import Segment, Transcript, TranscriptInfo, Word

# (Simplified, Traditional as OpenCC writes it, Taiwan, Hong Kong)
SENTENCES = (
    ("这是一个测试。", "這是一個測試。", "這是一個測試。", "這是一個測試。"),
    (
        "头发很长，经济发展很快。",
        "頭髮很長，經濟發展很快。",
        "頭髮很長，經濟發展很快。",
        "頭髮很長，經濟發展很快。",
    ),
    (
        "我们的软件里面有很多问题。",
        "我們的軟件裏面有很多問題。",
        "我們的軟件裡面有很多問題。",
        "我們的軟件裏面有很多問題。",
    ),
    (
        "欢迎来到台湾和香港。",
        "歡迎來到臺灣和香港。",
        "歡迎來到臺灣和香港。",
        "歡迎來到台灣和香港。",
    ),
)


@pytest.mark.parametrize(
    ("simplified", "traditional", "taiwan", "hongkong"),
    SENTENCES,
    ids=["test", "hair-and-growth", "software-inside", "taiwan-hongkong"],
)
def test_sentences_convert_both_ways(
    simplified: str, traditional: str, taiwan: str, hongkong: str
) -> None:
    assert ScriptConverter("traditional").text(simplified) == traditional
    assert ScriptConverter("taiwan").text(simplified) == taiwan
    assert ScriptConverter("hongkong").text(simplified) == hongkong
    for text in (traditional, taiwan, hongkong):
        assert ScriptConverter("simplified").text(text) == simplified
    assert ScriptConverter("none").text(simplified) == simplified


def test_mixed_scripts_come_out_in_one() -> None:
    mixed = "我們今天去图书馆学習。"  # what Whisper sometimes writes
    assert ScriptConverter("simplified").text(mixed) == "我们今天去图书馆学习。"
    assert ScriptConverter("traditional").text(mixed) == "我們今天去圖書館學習。"


def transcript(language: str = "zh", task: str = "transcribe") -> Transcript:
    words = tuple(
        Word(0.2 * i, 0.2 * i + 0.2, ch, 0.9) for i, ch in enumerate("头发很长，经济发展很快。")
    )
    info = TranscriptInfo(language, 0.97, 5.0, "base", "cpu", "int8", task)
    return Transcript(
        info,
        (
            Segment(0, 0.0, 2.4, "头发很长，经济发展很快。", words),
            Segment(1, 2.6, 4.0, "这是一个测试。"),
        ),
    )


def test_words_are_converted_as_phrases() -> None:
    converted = ScriptConverter("traditional").transcript(transcript())
    first = converted.segments[0]
    assert first.text == "頭髮很長，經濟發展很快。"
    # "发" alone would become 發; inside 头发 (hair) it is 髮, as in the text.
    assert "".join(w.text for w in first.words) == first.text
    assert [w.text for w in first.words][:2] == ["頭", "髮"]
    assert [(w.start, w.end) for w in first.words] == [
        (w.start, w.end) for w in transcript().segments[0].words
    ]
    assert converted.segments[1].text == "這是一個測試。"
    assert converted.info == transcript().info


def test_only_chinese_transcripts_are_converted() -> None:
    converter = ScriptConverter("traditional")
    japanese = transcript(language="ja")  # kanji are not Chinese characters to convert
    assert converter.transcript(japanese) == japanese
    translated = transcript(task="translate")
    assert converter.transcript(translated) == translated
    cantonese = converter.transcript(transcript(language="yue"))
    assert cantonese.segments[1].text == "這是一個測試。"


# RTTM holds speaker turns only, no text to convert.
@pytest.mark.parametrize("fmt", sorted(f for f in FORMATS if f != "rttm"))
def test_every_export_carries_the_chosen_script(fmt: str, tmp_path: Path) -> None:
    converted = ScriptConverter("taiwan").transcript(transcript())
    path = export(converted, fmt, tmp_path / f"out{FORMATS[fmt].extension}")
    text = path.read_text(encoding="utf-8")
    assert "頭髮很長" in text and "這是一個測試" in text
    assert not set("头发长这个测试经济") & set(text), text
    if fmt == "json":
        words = [w.text for w in from_json(text).segments[0].words]
        assert words[:4] == ["頭", "髮", "很", "長"]


def test_srt_in_simplified_from_traditional_input() -> None:
    traditional = ScriptConverter("traditional").transcript(transcript())
    back = ScriptConverter("simplified").transcript(traditional)
    srt = to_srt(back, SubtitleOptions(max_chars_per_line=8))
    lines = [ln for ln in srt.splitlines() if ln and "-->" not in ln and not ln.isdigit()]
    assert "".join(lines) == "头发很长，经济发展很快。这是一个测试。"
    assert "這" not in srt and "頭" not in srt


def test_prompt_is_written_in_the_chosen_script() -> None:
    for script, prompt in PROMPTS.items():
        assert ScriptConverter(script).text(prompt) == prompt, script
    assert initial_prompt("none") is None
    assert PROMPTS["simplified"] != PROMPTS["traditional"]


def test_prompt_only_for_mandarin_jobs_without_one() -> None:
    zh = TranscribeOptions(model="base", language="zh")
    assert lean_options(zh, "traditional").initial_prompt == PROMPTS["traditional"]
    assert lean_options(zh, "simplified").initial_prompt == PROMPTS["simplified"]
    assert lean_options(zh, "none") == zh
    own = zh.with_(initial_prompt="會議記錄")
    assert lean_options(own, "simplified") == own, "the user's prompt is kept"
    for other in (zh.with_(language=None), zh.with_(language="yue"), zh.with_(task="translate")):
        assert lean_options(other, "traditional") == other


def test_unknown_script_is_refused() -> None:
    with pytest.raises(ValueError, match="Chinese script must be one of"):
        ScriptConverter("klingon")
    assert SCRIPTS[0] == "none"
