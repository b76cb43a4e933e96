"""The smoke test's own checks (the whole run: tests/e2e/test_desktop.py, test_frozen_build.py)."""

from __future__ import annotations

from pathlib import Path

from stenodesk.ui.smoke import missing_qt_files, qt_folders


def test_qt_finds_its_platform_plugins_and_chinese_translations() -> None:
    plugins, translations = qt_folders()
    assert missing_qt_files(plugins, translations) == []


def test_qt_files_elsewhere_are_reported(tmp_path: Path) -> None:
    plugins, translations = qt_folders()
    assert missing_qt_files(tmp_path, translations) == [tmp_path / "platforms"]
    assert missing_qt_files(plugins, tmp_path) == [tmp_path / "qtbase_zh_CN.qm"]
