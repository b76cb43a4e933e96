"""The one place that prepares a job: model folder, model choice, clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.jobs.prepare import choose, clock, model_root, prepare


def test_model_root_is_the_setting_or_the_default(tmp_path: Path) -> None:
    assert model_root("", tmp_path) == tmp_path
    assert model_root("~/models", tmp_path) == Path.home() / "models"


def test_a_downloaded_model_is_chosen_over_an_english_only_one(tmp_path: Path) -> None:
    asked = TranscribeOptions(model="small.en", language="es")
    chosen = choose(asked, tmp_path, {"small"})
    assert chosen.options.model == "small"
    assert "small.en" in chosen.notice


def test_translation_needs_a_multilingual_model(tmp_path: Path) -> None:
    chosen = choose(TranscribeOptions(model="small.en", task="translate"), tmp_path, {"small"})
    assert (chosen.options.model, chosen.options.task) == ("small", "translate")


def test_an_english_job_keeps_its_model_and_script(tmp_path: Path) -> None:
    prepared, converter = prepare(
        TranscribeOptions(model="tiny.en", language="en"), tmp_path, "none"
    )
    assert prepared.options.model == "tiny.en" and prepared.notice == ""
    assert converter.script == "none"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00"), (59.6, "1:00"), (3599.4, "59:59"), (3600, "1:00:00"), (-3, "0:00")],
)
def test_clock(seconds: float, text: str) -> None:
    assert clock(seconds) == text
