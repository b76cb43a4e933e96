"""The models thread: downloads queue up, report ten times a second, and stop with the app."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.helpers.hfserver import HubServer
from tests.helpers.tinyhub import manager_for, tiny_files, tiny_hub

from stenodesk.bridge.model_manager import ModelManager
from stenodesk.core.models.state import DownloadProgress, ModelState

pytestmark = pytest.mark.gui

COPY = "acme/tiny-copy"
"""The same files under a repository id the catalogue does not know (a custom model)."""


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[HubServer]:
    with tiny_hub(monkeypatch, COPY) as hub:
        yield hub


@pytest.fixture
def manager(server: HubServer, tmp_path: Path) -> Iterator[ModelManager]:
    manager = manager_for(server, tmp_path)
    yield manager
    manager.shutdown()


def test_downloads_run_in_turn_on_the_models_thread_with_throttled_progress(
    qtbot: Any, manager: ModelManager, server: HubServer
) -> None:
    size = sum(p.stat().st_size for p in tiny_files().values())
    server.faults.throttle = size / 1.5  # about a second and a half for the whole model
    progress: list[tuple[float, DownloadProgress]] = []
    threads: set[int] = set()

    def seen(_name: str, p: DownloadProgress) -> None:
        progress.append((time.monotonic(), p))

    manager.download_progress.connect(seen)
    manager.download_started.connect(lambda _n: threads.add(threading.get_ident()))
    started: list[str] = []
    manager.download_started.connect(started.append)
    cancelled: list[str] = []
    manager.download_cancelled.connect(cancelled.append)

    with qtbot.waitSignal(manager.download_finished, timeout=60_000) as finished:
        assert manager.download("tiny")
        assert not manager.download("tiny"), "queued once"
        assert manager.download(COPY), "a second model waits for the first"
        assert manager.active(COPY)
        manager.cancel(COPY)  # before it starts: it never touches the network
    assert finished.args[0] == "tiny"
    qtbot.waitUntil(lambda: cancelled == [COPY], timeout=10_000)
    assert started == ["tiny"] and not manager.active("tiny") and not manager.active(COPY)
    assert threads == {threading.get_ident()}, "signals arrive in the GUI thread"

    seconds = progress[-1][0] - progress[0][0]
    assert seconds > 0.8, "the throttled server makes the download take a while"
    assert len(progress) <= seconds * 10 + 3, f"{len(progress)} signals in {seconds:.1f} s"
    last = progress[-1][1]
    assert last.done == last.total == size and last.speed > 0
    assert [r for r in server.ranges if r[0] == "model.bin"] == [("model.bin", 0)]
    qtbot.waitUntil(lambda: manager.listing is not None and "tiny" in manager.usable_names())


def test_shutdown_cancels_a_running_download_and_keeps_what_came(
    qtbot: Any, manager: ModelManager, server: HubServer, tmp_path: Path
) -> None:
    server.stall("model.bin", 10_000_000)
    with qtbot.waitSignal(manager.download_started, timeout=30_000):
        manager.download(COPY)
    qtbot.waitUntil(server.stalled.is_set, timeout=30_000)
    began = time.monotonic()
    assert manager.shutdown(), "the models thread stopped"
    assert time.monotonic() - began < 5, "the cancel is seen within a second or so"
    assert not manager.download("tiny"), "nothing starts after shutdown"

    again = manager_for(server, tmp_path)
    try:
        with qtbot.waitSignal(again.listing_changed, timeout=60_000) as listed:
            again.start()
        row = listed.args[0].row(COPY)
        assert row is not None and row.kind == "custom"
        assert row.status.state is ModelState.PARTIAL and row.status.bytes_on_disk > 1_000_000
    finally:
        again.shutdown()
