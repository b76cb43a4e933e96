"""Downloads from a loopback model server serving the real tiny.en files."""

from __future__ import annotations

import itertools
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from tests.core.models.conftest import TINY_REPO
from tests.helpers import speech
from tests.helpers.hfserver import HubServer

from stenodesk.core.cancel import CancelToken
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.transcriber import Transcriber
from stenodesk.core.errors import Cancelled
from stenodesk.core.models.download import Downloader
from stenodesk.core.models.manifest import MANIFEST_NAME
from stenodesk.core.models.resolve import ModelResolver
from stenodesk.core.models.state import DownloadProgress, ModelState
from stenodesk.core.models.store import ModelStore

MODEL_BIN = 75_537_502


def sizes(files: dict[str, Path]) -> dict[str, int]:
    return {name: p.stat().st_size for name, p in files.items() if name != "README.md"}


def test_download_then_transcribe(
    downloader: Downloader,
    store: ModelStore,
    hub_server: HubServer,
    tiny_files: dict[str, Path],
    tmp_path: Path,
) -> None:
    seen: list[DownloadProgress] = []
    folder = downloader.download(TINY_REPO, on_progress=seen.append)

    assert folder == store.final_dir(store.ref(TINY_REPO))
    assert sorted(p.name for p in folder.iterdir()) == sorted([*sizes(tiny_files), MANIFEST_NAME])
    assert dict(hub_server.served) == sizes(tiny_files), "each file exactly once, no README"
    assert not store.partial_dir(store.ref(TINY_REPO)).exists()
    assert store.status(store.ref(TINY_REPO)).state is ModelState.READY
    last = seen[-1]
    assert last.done == last.total == sum(sizes(tiny_files).values())
    assert {p.file for p in seen} >= {"config.json", "model.bin"}
    assert all(a.done <= b.done for a, b in itertools.pairwise(seen))

    resolver = ModelResolver(tmp_path / "cache", store.root, None)
    assert resolver(TINY_REPO) == folder
    pcm = [speech.say_pcm(s, tmp_path) for s in speech.SENTENCES[:2]]
    wav = speech.write_wav(tmp_path / "two.wav", np.concatenate(pcm))
    result = Transcriber(resolver).transcribe(
        wav, TranscribeOptions(model=TINY_REPO, cpu_threads=2)
    )
    assert speech.wer(" ".join(speech.SENTENCES[:2]), result.text) <= 0.2, result.text


def test_catalogue_name_downloads_its_repository(
    downloader: Downloader, store: ModelStore, hub_server: HubServer
) -> None:
    folder = downloader.download("tiny")
    assert folder.name == "hub--Systran--faster-whisper-tiny"
    assert store.status(store.ref("tiny")).ready
    again = downloader.download("tiny")
    assert again == folder
    assert hub_server.served["model.bin"] == MODEL_BIN, "a ready model is not fetched again"


def test_builtin_needs_no_server(downloader: Downloader, hub_server: HubServer) -> None:
    folder = downloader.download("tiny.en")
    assert (folder / "model.bin").stat().st_size == MODEL_BIN
    assert hub_server.requests == []


def _run_in_thread(fn, *args, **kwargs) -> tuple[threading.Thread, dict[str, object]]:  # type: ignore[no-untyped-def]
    out: dict[str, object] = {}

    def target() -> None:
        try:
            out["result"] = fn(*args, **kwargs)
        except BaseException as exc:
            out["error"] = exc
        out["ended"] = time.monotonic()

    thread = threading.Thread(target=target)
    thread.start()
    return thread, out


@pytest.mark.parametrize("stop", [1_000, 30_000_000])  # 1,000: less than a file buffer
def test_cancel_in_model_bin_then_resume_fetches_nothing_twice(
    downloader: Downloader,
    store: ModelStore,
    hub_server: HubServer,
    tiny_files: dict[str, Path],
    stop: int,
) -> None:
    """While the server stalls, every byte received is in the .part file already."""
    hub_server.stall(name="model.bin", offset=stop)
    token = CancelToken()
    thread, out = _run_in_thread(downloader.download, TINY_REPO, cancel=token)
    assert hub_server.stalled.wait(30)
    part = store.partial_dir(store.ref(TINY_REPO)) / "model.bin.part"
    deadline = time.monotonic() + 10
    while (not part.exists() or part.stat().st_size < stop) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert part.stat().st_size == stop
    cancelled_at = time.monotonic()
    token.cancel()
    thread.join(10)
    assert isinstance(out.get("error"), Cancelled)
    latency = float(out["ended"]) - cancelled_at  # type: ignore[arg-type]
    print(f"cancel took effect after {latency:.2f} s while the server sent nothing")
    assert latency < 2.0
    assert store.status(store.ref(TINY_REPO)).state is ModelState.PARTIAL
    assert part.stat().st_size == stop

    hub_server.release()
    downloader.download(TINY_REPO)
    assert dict(hub_server.served) == sizes(tiny_files), "no byte was fetched twice"
    assert hub_server.ranges[-1] == ("model.bin", stop)
    assert store.status(store.ref(TINY_REPO)).ready


def test_dropped_connection_recovers(
    downloader: Downloader, store: ModelStore, hub_server: HubServer, tiny_files: dict[str, Path]
) -> None:
    hub_server.faults.drop_at["model.bin"] = 20_000_000
    retries: list[DownloadProgress] = []
    downloader.download(TINY_REPO, on_progress=lambda p: p.retrying and retries.append(p))
    assert retries, "the drop was noticed and reported"
    assert ("model.bin", 20_000_000) in hub_server.ranges
    assert dict(hub_server.served) == sizes(tiny_files)
    assert store.status(store.ref(TINY_REPO), fresh=True).ready
