"""The language list: Whisper's codes, English and native names, and parsing what users type."""

from __future__ import annotations

import pytest
from faster_whisper.tokenizer import _LANGUAGE_CODES

from stenodesk.core.languages import (
    LANGUAGES,
    by_english_name,
    describe,
    language,
    parse_language,
)


def test_exactly_whispers_codes_in_whispers_order() -> None:
    assert tuple(LANGUAGES) == tuple(_LANGUAGE_CODES)


def test_names_are_filled_and_distinct() -> None:
    langs = list(LANGUAGES.values())
    assert all(lang.english.strip() and lang.native.strip() for lang in langs)
    assert len({lang.english for lang in langs}) == len(langs)
    assert len({lang.native.casefold() for lang in langs}) == len(langs)
    assert [lang.english for lang in by_english_name()] == sorted(lang.english for lang in langs)


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("es", "Español (Spanish)"),
        ("zh", "中文 (Chinese)"),
        ("ru", "Русский (Russian)"),
        ("en", "English"),
        ("yue", "粵語 (Cantonese)"),
    ],
)
def test_labels(code: str, label: str) -> None:
    found = language(code)
    assert found is not None and found.label == label


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("auto", None),
        ("", None),
        (" AUTO ", None),
        ("fr", "fr"),
        ("FR", "fr"),
        ("French", "fr"),
        ("français", "fr"),
        ("Español", "es"),
        ("中文", "zh"),
        ("haw", "haw"),
    ],
)
def test_parse_language(typed: str, code: str | None) -> None:
    assert parse_language(typed) == code


def test_unknown_language_says_what_works() -> None:
    with pytest.raises(ValueError, match="use auto or a code such as en, es, fr, zh"):
        parse_language("klingon")


def test_describe() -> None:
    assert describe("es", 0.974, detected=True) == "Spanish (es), detected 97%"
    assert describe("fr", 1.0, detected=False) == "French (fr), as set"
    assert describe("xx", 0.5, detected=True) == "xx, detected 50%"
