"""The bundled speaker models: present, checked, small enough."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.speakers import models

LIMIT = 40 * 1024 * 1024  # the speaker pack's budget (issue 15)


def test_bundled_models_match_their_checksums() -> None:
    folder = models.models_dir()
    for name in (models.SEGMENTATION, models.EMBEDDING):
        assert models.verified(folder, name).is_file()


def test_speaker_pack_stays_under_its_budget() -> None:
    folder = models.models_dir()
    assert sum(p.stat().st_size for p in folder.iterdir()) <= LIMIT


def test_each_model_has_a_licence_notice() -> None:
    folder = models.models_dir()
    assert "MIT" in (folder / "NOTICE-segmentation-3.0.txt").read_text()
    assert "Apache License" in (folder / "NOTICE-campplus.txt").read_text()


def test_a_changed_model_file_is_refused(tmp_path: Path) -> None:
    folder = models.models_dir()
    shutil.copy(folder / "SHA256SUMS", tmp_path / "SHA256SUMS")
    data = bytearray((folder / models.SEGMENTATION).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (tmp_path / models.SEGMENTATION).write_bytes(bytes(data))
    with pytest.raises(StenodeskError) as caught:
        models.load_models(tmp_path)
    assert caught.value.kind is ErrorKind.MODEL_CORRUPT


def test_a_missing_model_file_is_reported(tmp_path: Path) -> None:
    shutil.copy(models.models_dir() / "SHA256SUMS", tmp_path / "SHA256SUMS")
    with pytest.raises(StenodeskError) as caught:
        models.verified(tmp_path, models.EMBEDDING)
    assert caught.value.kind is ErrorKind.MODEL_MISSING
