"""The remembered speakers choice and the RTTM export format in the typed settings."""

from __future__ import annotations

import pytest

from stenodesk.core.export.formats import FORMATS
from stenodesk.core.settings import Settings


def test_bad_speakers_setting_is_refused() -> None:
    with pytest.raises(ValueError, match=r"transcription\.speakers"):
        Settings().with_value("transcription.speakers", "lots")
    with pytest.raises(ValueError, match=r"transcription\.speakers"):
        Settings().with_value("transcription.speakers", "4-2")


def test_speakers_setting_is_kept() -> None:
    assert Settings().transcription.speakers == "off"
    assert Settings().with_value("transcription.speakers", "2-4").transcription.speakers == "2-4"


def test_every_export_format_may_be_the_default() -> None:
    for name in FORMATS:
        assert Settings().with_value("export.format", name).export.format == name
