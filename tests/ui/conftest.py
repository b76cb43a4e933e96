"""Fixtures for the window tests: private user folders and the wired app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stenodesk.app import Stenodesk, build_app, start
from stenodesk.core.paths import UserDirs
from stenodesk.core.settings import SettingsStore


def make_dirs(root: Path) -> UserDirs:
    """User folders under ``root``, set for English audio (so "auto" means tiny.en)."""
    dirs = UserDirs(root / "config", root / "data", root / "cache", root / "logs")
    dirs.ensure()
    store = SettingsStore(dirs.settings_file)
    if not dirs.settings_file.exists():
        store.save(store.load().with_value("transcription.language", "en"))
    return dirs


@pytest.fixture
def user_dirs(tmp_path: Path) -> UserDirs:
    return make_dirs(tmp_path / "user")


def open_app(qtbot: Any, dirs: UserDirs, transcriber: Any) -> Stenodesk:
    """Build and show the app the way app.main does, with the session's loaded model."""
    app = build_app(dirs, make_transcriber=lambda: transcriber, model_cache=transcriber.models)
    qtbot.addWidget(app.window)
    with qtbot.waitSignal(app.window.window_shown, timeout=10_000):
        start(app)
    qtbot.waitUntil(lambda: app.ctx.engine.is_running, timeout=10_000)
    return app


@pytest.fixture
def desk(qtbot: Any, user_dirs: UserDirs, transcriber: Any) -> Iterator[Stenodesk]:
    app = open_app(qtbot, user_dirs, transcriber)
    yield app
    app.window.close()
    app.shutdown()
