"""Bad input and faults while downloading: each with a clear message, nothing lost."""

from __future__ import annotations

import errno
import os
import socket
import threading
from pathlib import Path

import huggingface_hub.constants
import pytest
from tests.core.models.conftest import TINY_REPO
from tests.helpers.hfserver import HubServer
from tests.helpers.logfail import LogFailHandler

from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.models.download import Downloader
from stenodesk.core.models.hub import Hub
from stenodesk.core.models.resolve import ModelResolver
from stenodesk.core.models.state import DownloadProgress, ModelState
from stenodesk.core.models.store import ModelStore

MODEL_BIN = 75_537_502


def failure(fn, *args, **kwargs) -> StenodeskError:  # type: ignore[no-untyped-def]
    with pytest.raises(StenodeskError) as info:
        fn(*args, **kwargs)
    print(info.value.message)
    return info.value


def test_corrupt_copy_is_detected_never_loaded_and_refetched(
    downloader: Downloader, store: ModelStore, hub_server: HubServer, tmp_path: Path
) -> None:
    folder = downloader.download(TINY_REPO)
    with (folder / "model.bin").open("r+b") as fh:
        fh.seek(1000)
        byte = fh.read(1)
        fh.seek(1000)
        fh.write(bytes([byte[0] ^ 0xFF]))
    ref = store.ref(TINY_REPO)
    status = store.status(ref)
    assert status.state is ModelState.CORRUPT
    assert "model.bin" in status.problem

    resolver = ModelResolver(tmp_path / "cache", store.root, None)
    error = failure(resolver, TINY_REPO)
    assert error.kind is ErrorKind.MODEL_CORRUPT
    assert "damaged" in str(error.message)

    hub_server.reset_counts()
    assert downloader.download(TINY_REPO) == folder
    assert dict(hub_server.served) == {"model.bin": MODEL_BIN}, "only the bad file again"
    assert store.status(ref, fresh=True).ready


def test_server_sending_a_bad_file_once_is_refetched(
    downloader: Downloader, store: ModelStore, hub_server: HubServer, logfail: LogFailHandler
) -> None:
    logfail.allow("stenodesk.core.models.transfer")
    hub_server.faults.corrupt["model.bin"] = 1
    downloader.download(TINY_REPO)
    assert hub_server.served["model.bin"] == 2 * MODEL_BIN
    assert store.status(store.ref(TINY_REPO), fresh=True).ready


def test_server_always_sending_a_bad_file_fails_and_keeps_nothing_bad(
    downloader: Downloader, store: ModelStore, hub_server: HubServer, logfail: LogFailHandler
) -> None:
    logfail.allow("stenodesk.core.models.transfer")
    hub_server.faults.corrupt["model.bin"] = 5
    error = failure(downloader.download, TINY_REPO)
    assert error.kind is ErrorKind.MODEL_CORRUPT
    ref = store.ref(TINY_REPO)
    assert not store.final_dir(ref).exists()
    staging = store.partial_dir(ref)
    assert not (staging / "model.bin").exists() and not (staging / "model.bin.part").exists()
    assert (staging / "tokenizer.json").is_file(), "the good files are kept"
    assert store.status(ref).state is ModelState.PARTIAL


def test_free_space_is_checked_before_the_first_byte(
    store: ModelStore, hub: Hub, hub_server: HubServer
) -> None:
    downloader = Downloader(store, hub, free_space=lambda path: 50_000_000)
    error = failure(downloader.download, TINY_REPO)
    assert error.kind is ErrorKind.DISK_FULL
    text = str(error.message)
    assert "78.1 MB" in text and "50 MB are free" in text, text
    assert sum(hub_server.served.values()) == 0


def test_disk_full_while_writing_keeps_what_was_fetched(
    downloader: Downloader,
    store: ModelStore,
    hub_server: HubServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from stenodesk.core.models import transfer

    real = transfer.Meter.advance

    def advance(self: transfer.Meter, n: int) -> None:
        real(self, n)
        if self.file == "model.bin" and self.file_done > 10_000_000:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(transfer.Meter, "advance", advance)
    error = failure(downloader.download, TINY_REPO)
    assert error.kind is ErrorKind.DISK_FULL
    part = store.partial_dir(store.ref(TINY_REPO)) / "model.bin.part"
    assert part.stat().st_size > 10_000_000


def test_model_folder_without_permission(
    hub: Hub, hub_server: HubServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "locked"
    root.mkdir()
    if os.geteuid() == 0:  # root writes anywhere: inject the refusal instead
        real_mkdir = Path.mkdir

        def mkdir(self: Path, *args: object, **kwargs: object) -> None:
            if self.is_relative_to(root):
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            real_mkdir(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Path, "mkdir", mkdir)
    else:
        root.chmod(0o500)
    store = ModelStore(root, tmp_path / "cache")
    error = failure(Downloader(store, hub).download, TINY_REPO)
    assert error.kind is ErrorKind.MODEL_FOLDER_DENIED
    assert str(root) in str(error.message) and "Settings" in str(error.message)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("acme/no-such-model", ErrorKind.REPO_NOT_FOUND),
        ("acme/readme-only", ErrorKind.MODEL_INVALID),
        ("acme/fake-whisper", ErrorKind.MODEL_INVALID),
        ("no-such-model-name", ErrorKind.MODEL_UNKNOWN),
    ],
)
def test_bad_names_and_repositories(
    downloader: Downloader, store: ModelStore, hub_server: HubServer, name: str, kind: ErrorKind
) -> None:
    error = failure(downloader.download, name)
    assert error.kind is kind
    assert name in str(error.message)
    assert (
        not any((store.root / ".partial").glob("*")) if (store.root / ".partial").exists() else True
    )
    assert hub_server.served["model.bin"] == 0, "nothing big is fetched for a bad repository"


def test_busy_server_is_asked_again(
    downloader: Downloader, hub_server: HubServer, tiny_files: dict[str, Path]
) -> None:
    hub_server.faults.busy["model.bin"] = 2
    downloader.download(TINY_REPO)
    assert hub_server.served["model.bin"] == MODEL_BIN
    assert hub_server.faults.busy["model.bin"] == 0


def test_mirror_that_refuses(downloader: Downloader, hub_server: HubServer) -> None:
    hub_server.faults.refuse = 403
    error = failure(downloader.download, TINY_REPO)
    assert error.kind is ErrorKind.HUB_REFUSED
    assert "127.0.0.1" in str(error.message) and "403" in str(error.message)


def test_no_server_at_all(store: ModelStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    with socket.socket() as sock:  # a port that nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    error = failure(Downloader(store, Hub(f"http://127.0.0.1:{port}")).download, TINY_REPO)
    assert error.kind is ErrorKind.NETWORK
    assert "already downloaded is kept" in str(error.message)


def test_offline_mode_says_so(store: ModelStore, hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    error = failure(Downloader(store, hub).download, TINY_REPO)
    assert error.kind is ErrorKind.HUB_OFFLINE
    assert "HF_HUB_OFFLINE" in str(error.message)


def test_second_download_joins_the_first(
    store: ModelStore, hub: Hub, hub_server: HubServer, tiny_files: dict[str, Path]
) -> None:
    hub_server.stall("model.bin", 10_000_000)
    first: dict[str, object] = {}

    def run_first() -> None:
        first["folder"] = Downloader(store, hub).download(TINY_REPO)

    thread = threading.Thread(target=run_first)
    thread.start()
    assert hub_server.stalled.wait(30)
    seen: list[DownloadProgress] = []

    def on_progress(p: DownloadProgress) -> None:
        seen.append(p)
        if p.file_done >= 10_000_000:
            hub_server.release()

    folder = Downloader(store, hub).download(TINY_REPO, on_progress=on_progress)
    thread.join(30)
    assert folder == first["folder"]
    assert seen and all(p.joined for p in seen)
    assert seen[-1].total == sum(p.stat().st_size for n, p in tiny_files.items())
    assert hub_server.served["model.bin"] == MODEL_BIN, "one transfer, not two"
