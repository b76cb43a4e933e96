"""Waveform overviews on their own thread: results, failures, only the latest request, stop."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from tests.helpers import longaudio, speech

from stenodesk.bridge.waveform import WaveformService
from stenodesk.core.audio.waveform import Waveform
from stenodesk.core.errors import ErrorKind

pytestmark = pytest.mark.gui

SR = 16000


@pytest.fixture
def service() -> Iterator[WaveformService]:
    made = WaveformService()
    yield made
    assert made.shutdown()


@pytest.fixture
def short(tmp_path: Path) -> Path:
    t = np.arange(3 * SR) / SR
    return speech.write_wav(
        tmp_path / "short.wav", (0.4 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    )


@pytest.fixture(scope="module")
def long_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An hour of tone bursts and pauses (115 MB): about a second to go through."""
    t = np.arange(SR * 2) / SR
    bursts = [(0.6 * np.sin(2 * np.pi * 200 * t)).astype(np.float32)]
    path = tmp_path_factory.mktemp("waveform") / "long.wav"
    longaudio.write_long_recording(path, 60 * 60.0, bursts, pause=(1.0, 4.0))
    return path


def test_an_overview_arrives_with_progress(
    qtbot: Any, service: WaveformService, short: Path
) -> None:
    fractions: list[float] = []
    service.waveform_progress.connect(lambda _path, f: fractions.append(f))
    with qtbot.waitSignal(service.waveform_finished, timeout=30_000) as done:
        service.request(short, 300)
        assert service.busy
    path, wave = done.args
    assert path == short and isinstance(wave, Waveform)
    assert len(wave) == 300 and wave.duration == 3.0
    assert float(wave.maxima.max()) == pytest.approx(0.4, abs=0.01)
    assert fractions and fractions[-1] == 1.0 and fractions == sorted(fractions)
    assert not service.busy


def test_a_file_that_cannot_be_read_is_reported(
    qtbot: Any, service: WaveformService, tmp_path: Path
) -> None:
    with qtbot.waitSignal(service.waveform_failed, timeout=30_000) as failed:
        service.request(tmp_path / "gone.wav", 100)
    path, error = failed.args
    assert path == tmp_path / "gone.wav" and error.kind == ErrorKind.FILE_MISSING
    assert error.message.text == "gone.wav: file not found."
    with pytest.raises(ValueError):
        service.request(tmp_path / "gone.wav", 0)


def test_only_the_latest_request_is_answered(
    qtbot: Any, service: WaveformService, short: Path, long_file: Path
) -> None:
    finished: list[Path] = []
    service.waveform_finished.connect(lambda path, _wave: finished.append(path))
    with qtbot.waitSignal(service.waveform_finished, timeout=60_000):
        service.request(long_file, 500)
        service.request(short, 200)
    qtbot.wait(300)  # anything still coming from the first request would be here by now
    assert finished == [short]


def test_shutdown_stops_a_long_computation_promptly(qtbot: Any, long_file: Path) -> None:
    service = WaveformService()
    progressed: list[float] = []
    service.waveform_progress.connect(lambda _path, f: progressed.append(f))
    service.request(long_file, 500)
    qtbot.waitUntil(lambda: bool(progressed), timeout=30_000)
    started = time.monotonic()
    assert service.shutdown(timeout_ms=5_000)
    # The token is checked between packets: measured well under 0.1 s.
    assert time.monotonic() - started < 2.0
    assert progressed[-1] < 1.0
