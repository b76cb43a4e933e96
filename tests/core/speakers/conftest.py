"""Speaker models loaded once for the speaker tests."""

from __future__ import annotations

import pytest

from stenodesk.core.speakers import SpeakerModels, load_models


@pytest.fixture(scope="session")
def speaker_models() -> SpeakerModels:
    return load_models(threads=2)
