"""Closing the app stops all four bridge threads together."""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import speech

from stenodesk.app import Stenodesk
from stenodesk.core.audio import decode
from stenodesk.core.audio.decode import decode_all
from stenodesk.core.paths import sample_audio

pytestmark = pytest.mark.gui


def test_shutdown_stops_every_bridge_thread(desk: Stenodesk, qtbot: Any) -> None:
    ctx = desk.ctx
    services = (ctx.engine, ctx.model_manager, ctx.gpu, ctx.live)
    ctx.live.list_devices()  # the live thread starts on first use
    qtbot.waitUntil(lambda: all(s.worker_thread.running for s in services), timeout=10_000)
    desk.window.close()
    desk.shutdown()
    assert [s.worker_thread.name for s in services if s.worker_thread.running] == []


def test_the_collection_after_decoding_a_file_runs_in_the_gui_thread(
    desk: Stenodesk, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A collection in the waveform thread once destroyed a GUI object there and hung the app.

    The file is one FFmpeg decodes (8 kHz): a 16 kHz WAV file is read without
    it (core/audio/wavread.py) and leaves nothing to collect.
    """
    narrow = speech.write_wav(tmp_path / "narrow.wav", decode_all(sample_audio())[::2], rate=8000)
    ran_in: list[threading.Thread] = []
    monkeypatch.setattr(gc, "collect", lambda *_: ran_in.append(threading.current_thread()))
    worker = threading.Thread(target=lambda: decode_all(narrow))
    worker.start()
    worker.join(60)
    qtbot.waitUntil(lambda: bool(ran_in), timeout=10_000)
    assert ran_in == [threading.main_thread()]
    desk.window.close()
    desk.shutdown()
    assert decode._collector[0] is decode._GC_COLLECT  # the command line's way, once it is gone
