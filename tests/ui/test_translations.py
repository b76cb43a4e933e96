"""English, Simplified and Traditional Chinese: complete, current and really used."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from tests.ui.conftest import open_app

from stenodesk.core.errors import ErrorKind
from stenodesk.core.gpu.prediction import PREPARING_FIRST_USE
from stenodesk.core.paths import UserDirs
from stenodesk.ui.i18n import error_text, install_translators, resolve_language, translations_dir

REPO = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%n")


def messages(language: str, *, errors: bool = True) -> Iterator[tuple[str, ET.Element]]:
    root = ET.parse(translations_dir() / f"stenodesk_{language}.ts").getroot()
    for context in root.iter("context"):
        if context.findtext("name") == "errors" and not errors:
            continue
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            yield source, translation


def test_the_qm_files_are_compiled_from_the_current_ts_and_sources() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "translations"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("language", ["zh_CN", "zh_TW"])
def test_chinese_translations_are_complete_and_keep_placeholders(language: str) -> None:
    """Every window string is translated. The shared error table (context "errors")
    may lag when a kind is added elsewhere: its messages show in English until
    translated, so there only what is translated is checked."""
    count = 0
    window = {source for source, _t in messages(language, errors=False)}
    for source, translation in messages(language):
        if translation.get("type") == "unfinished" and source not in window:
            continue
        assert translation.get("type") is None, f"not translated: {source!r}"
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for text in forms:
            assert text.strip(), source
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (
                source,
                text,
            )
            assert ("&" in source) <= ("&" in text), f"lost the keyboard accelerator: {text!r}"
        count += 1
    assert count > 150


def test_english_plurals() -> None:
    plurals = {s: [f.text for f in t.iter("numerusform")] for s, t in messages("en") if len(t)}
    assert plurals["%n line(s)"] == ["%n line", "%n lines"]


def test_language_follows_the_setting_then_the_system() -> None:
    assert resolve_language("zh_TW", QLocale("en_US")) == "zh_TW"
    assert resolve_language("", QLocale("zh_CN")) == "zh_CN"
    assert resolve_language("", QLocale("zh_HK")) == "zh_TW"
    assert resolve_language("", QLocale("de_DE")) == "en"


@pytest.mark.gui
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "zh_CN",
            ("转录", "文件(&F)", "文件", "a.txt：不是音频或视频文件。", "正在为首次使用准备"),
        ),
        (
            "zh_TW",
            ("轉錄", "檔案(&F)", "檔案", "a.txt：不是音訊或影片檔案。", "正在為首次使用準備"),
        ),
    ],
)
def test_the_window_speaks_chinese(
    qtbot: Any,
    user_dirs: UserDirs,
    transcriber: Any,
    language: str,
    expected: tuple[str, str, str, str, str],
) -> None:
    page, menu, header, error, gpu_notice = expected
    app = QCoreApplication.instance()
    assert app is not None
    translators = install_translators(app, language)
    desk = open_app(qtbot, user_dirs, transcriber)
    window = desk.window
    try:
        assert window.sidebar.item(0).text() == page
        assert window.menuBar().actions()[0].text() == menu
        assert window.ctx.jobs.model.headerData(0, _horizontal()) == header
        assert error_text(ErrorKind.NOT_MEDIA, "a.txt")[0] == error
        assert window.transcribe.queue.add_button.text() != "Add files..."
        # The GPU service's notice, English from core, shows translated in the status bar.
        with qtbot.waitSignal(window.ctx.gpu.notice_posted):
            window.ctx.gpu.shared.notices(PREPARING_FIRST_USE)
        assert window.statusBar().currentMessage().startswith(gpu_notice)
    finally:
        window.close()
        desk.shutdown()
        for translator in translators:
            app.removeTranslator(translator)


def _horizontal() -> Any:
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal
