"""Interface translations: Qt's own strings and ours, chosen from the settings.

Every user-visible string goes through Qt's ``tr``. The error table lives in
``core`` in English; :func:`error_text` translates its templates in the
``errors`` context (scripts/translations feeds them to lupdate).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from stenodesk.bridge.jobs import JobError
from stenodesk.core.errors import ErrorKind, message_template
from stenodesk.core.paths import resources_dir

log = logging.getLogger(__name__)

SHIPPED = ("en", "zh_CN", "zh_TW")
"""Languages with a translation file in resources/translations."""

NATIVE_NAMES = {"en": "English", "zh_CN": "简体中文", "zh_TW": "繁體中文"}
"""Each language named in itself, so a user can find their own in any interface."""


def translations_dir() -> Path:
    return resources_dir() / "translations"


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """The shipped language to use for a ``ui.language`` setting ('' follows the system)."""
    if setting in SHIPPED:
        return setting
    locale = system or QLocale.system()
    name = locale.name()  # e.g. zh_CN, zh_TW, zh_HK, en_GB
    if name.startswith("zh"):
        traditional = locale.script() == QLocale.Script.TraditionalChineseScript
        return "zh_TW" if traditional or name in ("zh_TW", "zh_HK", "zh_MO") else "zh_CN"
    return "en"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load Qt's and Stenodesk's translations for ``language``; returns them (keep them alive)."""
    installed = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{language}", qt_dir), (f"stenodesk_{language}", None)):
        translator = QTranslator(app)
        where = folder if folder is not None else str(translations_dir())
        if translator.load(name, where):
            app.installTranslator(translator)
            installed.append(translator)
        elif folder is None and language != "en":
            log.warning("translation %s not found in %s", name, where)
    return installed


def error_text(kind: ErrorKind, subject: str) -> tuple[str, str]:
    """The translated (what happened, how to fix it) for an error kind."""
    text, fix = message_template(kind)
    translate = QCoreApplication.translate
    return (
        translate("errors", text).format(subject=subject),
        translate("errors", fix).format(subject=subject),
    )


def notice_text(text: str) -> str:
    """A notice from core in the interface language: its English text is the error
    table's (without a subject), the source of the "errors" translations."""
    return QCoreApplication.translate("errors", text)


def job_error_text(error: JobError) -> str:
    text, fix = error_text(error.kind, error.subject)
    return f"{text} {fix}"
