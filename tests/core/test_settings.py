"""Typed settings: defaults, validation, migration, atomic save only on change."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from tests.helpers.logfail import LogFailHandler

from stenodesk.core.settings import VERSION, Settings, SettingsStore, from_dict


def test_defaults_and_round_trip(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    settings = store.load()
    assert settings == Settings()
    changed = settings.with_value("export.max_lines", 3).with_value("transcription.language", "de")
    assert store.save(changed)
    assert SettingsStore(store.path).load() == changed
    data = json.loads(store.path.read_text())
    assert data["version"] == VERSION and data["export"]["max_lines"] == 3


def test_saved_only_when_changed(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    settings = store.load().with_value("device.device", "cpu")
    assert store.save(settings)
    mtime = store.path.stat().st_mtime_ns
    assert not store.save(settings)
    assert store.path.stat().st_mtime_ns == mtime


def test_invalid_values_are_refused() -> None:
    s = Settings()
    with pytest.raises(ValueError):
        s.with_value("export.max_lines", 0)
    with pytest.raises(ValueError):
        s.with_value("device.device", "tpu")
    with pytest.raises(ValueError):
        s.with_value("export.max_lines", "2")
    with pytest.raises(ValueError):
        s.with_value("transcription.vad_filter", 1)
    with pytest.raises(KeyError):
        s.with_value("export.colour", "red")
    assert s.with_value("export.max_duration", 5).export.max_duration == 5.0


def test_bad_values_in_the_file_fall_back_to_defaults(logfail: LogFailHandler) -> None:
    logfail.allow("stenodesk.core.settings")
    s = from_dict(
        {
            "version": 1,
            "export": {"max_lines": 99, "format": "vtt", "unknown": 1},
            "device": "not a section",
            "transcription": {"beam_size": "five", "language": "fr"},
        }
    )
    assert s.export.max_lines == Settings().export.max_lines
    assert s.export.format == "vtt"
    assert s.transcription.beam_size == 5
    assert s.transcription.language == "fr"


def test_damaged_file_is_kept_aside(tmp_path: Path, logfail: LogFailHandler) -> None:
    logfail.allow("stenodesk.core.settings")
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    assert SettingsStore(path).load() == Settings()
    assert (tmp_path / "settings.json.bad").read_text() == "{not json"


def test_newer_file_is_read_as_far_as_it_fits(logfail: LogFailHandler) -> None:
    logfail.allow("stenodesk.core.settings")
    s = from_dict({"version": VERSION + 5, "export": {"format": "txt"}})
    assert s.export.format == "txt"


def test_save_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    store.save(Settings().with_value("export.format", "vtt"))
    before = store.path.read_text()

    def broken_dump(*_a: object, **_k: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(json, "dump", broken_dump)
    with pytest.raises(OSError):
        store.save(Settings().with_value("export.format", "txt"))
    assert store.path.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_saved_file_follows_the_umask(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    old = os.umask(0o022)
    try:
        store.save(Settings().with_value("export.format", "vtt"))
    finally:
        os.umask(old)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o644


def test_version_1_files_get_the_batched_gpu_default() -> None:
    """Version 1 saved its default batch size 0 everywhere: it becomes AUTO (-1)."""
    old = from_dict({"version": 1, "transcription": {"batch_size": 0, "beam_size": 3}})
    assert (old.transcription.batch_size, old.transcription.beam_size) == (-1, 3)
    assert (
        from_dict({"version": 1, "transcription": {"batch_size": 8}}).transcription.batch_size == 8
    )
    assert from_dict({"version": 1}).transcription.batch_size == -1
    # From version 2 on, 0 is a choice (sequential everywhere) and stays.
    assert (
        from_dict({"version": 2, "transcription": {"batch_size": 0}}).transcription.batch_size == 0
    )
