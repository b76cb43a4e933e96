"""Fixtures shared by the whole suite."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

# First, as in the app: importing stenodesk gives NumPy's BLAS one thread, which it
# reads when NumPy is first imported (and the features' rounding follows it).
import stenodesk  # noqa: F401

# isort: split
import numpy as np
import pytest
from tests.helpers import pulse, speech
from tests.helpers.logfail import LogFailHandler

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def logfail() -> Iterator[LogFailHandler]:
    """Fail the test if anything logs a WARNING it did not expect."""
    handler = LogFailHandler()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
    if handler.records:
        pytest.fail("unexpected warnings logged:\n" + handler.report(), pytrace=False)


@pytest.fixture(autouse=True, scope="session")
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep every test away from the real user's settings, models and logs."""
    home = tmp_path_factory.mktemp("home")
    saved = {
        k: os.environ.get(k)
        for k in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")
    }
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["XDG_CACHE_HOME"] = str(home / "cache")
    os.environ["XDG_STATE_HOME"] = str(home / "state")
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="module")
def mic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pulse.VirtualMic]:
    """A virtual microphone: a private PulseAudio null sink and its monitor, per module."""
    missing = pulse.missing_tools()
    if missing:
        pytest.fail("not installed: " + ", ".join(missing) + " (see scripts/debian-packages.txt)")
    with pulse.virtual_mic(tmp_path_factory.mktemp("pulse")) as m:
        yield m


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def speech_wav(media_dir: Path) -> Path:
    """About 40 s of espeak-ng speech: the SENTENCES with short pauses."""
    if not speech.espeak_available():
        pytest.fail("espeak-ng is not installed (see the README's Debian packages)")
    parts = []
    for sentence in speech.SENTENCES:
        parts.append(speech.say_pcm(sentence, media_dir))
        parts.append(speech.silence(0.6))
    return speech.write_wav(media_dir / "speech.wav", np.concatenate(parts))


@pytest.fixture(scope="session")
def speech_text() -> str:
    return " ".join(speech.SENTENCES)


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("model-cache")


@pytest.fixture(scope="session")
def transcriber(model_cache: Path):  # type: ignore[no-untyped-def]
    """One Transcriber (and so one loaded tiny.en) for the whole session."""
    from stenodesk.core.engine.transcriber import Transcriber
    from stenodesk.core.models.resolve import ModelResolver

    return Transcriber(ModelResolver(model_cache))
