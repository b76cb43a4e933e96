"""The Live page's engine factory prepares its model as file jobs do.

A recording honours the task (translate needs a multilingual model) and the
downloaded models (small.en with Spanish switches to small when small is
here), so the same settings run the same model on both pages. The chosen
model is not on this machine, so the factory stops where it would load it,
naming the model it chose.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stenodesk.bridge.live import whisper_engines
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.paths import UserDirs


def _dirs(tmp_path: Path) -> UserDirs:
    return UserDirs(tmp_path / "config", tmp_path / "data", tmp_path / "cache", tmp_path / "logs")


def _missing_model(tmp_path: Path, options: TranscribeOptions, downloaded: set[str]) -> str:
    make = whisper_engines(_dirs(tmp_path), tmp_path / "models", lambda: frozenset(downloaded))
    with pytest.raises(StenodeskError) as caught:
        make(options)
    assert caught.value.kind is ErrorKind.MODEL_MISSING
    return caught.value.subject


def test_a_downloaded_model_serves_a_language_the_english_one_lacks(tmp_path: Path) -> None:
    options = TranscribeOptions(model="small.en", language="es", compute_type="int8")
    assert _missing_model(tmp_path, options, {"small"}) == "small"


def test_translation_switches_away_from_an_english_only_model(tmp_path: Path) -> None:
    options = TranscribeOptions(model="small.en", task="translate", compute_type="int8")
    assert _missing_model(tmp_path, options, {"small"}) == "small"
