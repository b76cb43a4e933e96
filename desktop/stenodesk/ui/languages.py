"""The languages Whisper knows, named for people.

The codes are Whisper's (kept here so the window can list them without
importing faster-whisper); names come from Qt's locale data, in the
language itself.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QLocale

WHISPER_LANGUAGES = tuple(
    "en zh de es ru ko fr ja pt tr pl ca nl ar sv it id hi fi vi he uk el ms cs ro da hu ta "
    "no th ur hr bg lt la mi ml cy sk te fa lv bn sr az sl kn et mk br eu is hy ne mn bs kk "
    "sq sw gl mr pa si km sn yo so af oc ka be tg sd gu am yi lo uz fo ht ps tk nn mt sa lb "
    "my bo tl mg as tt haw ln ha ba jw su yue".split()
)
"""Whisper's language codes, most spoken first (the order of its tokenizer)."""

_QT_CODES = {"jw": "jv", "no": "nb"}
_NAMES = {"en": "English", "zh": "中文", "es": "Español", "pt": "Português", "yue": "粵語"}
"""Where Qt's native name carries a country ("American English"), the plain name."""


def language_name(code: str) -> str:
    """``Deutsch (de)``: the language's own name and its code; the code alone if unknown."""
    name = _NAMES.get(code)
    if name is None:
        locale = QLocale(_QT_CODES.get(code, code))
        if locale.language() == QLocale.Language.C:
            return code
        name = locale.nativeLanguageName() or QLocale.languageToString(locale.language())
    if not name:
        return code
    first = name[:1]
    if unicodedata.name(first, "").startswith(("LATIN", "CYRILLIC", "GREEK")):
        name = first.upper() + name[1:]
    return f"{name} ({code})"
