"""The store: the Hugging Face cache, imports, deletes, states and the resolver."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from faster_whisper import utils as fw_utils
from huggingface_hub import snapshot_download
from tests.core.models.conftest import TINY_REPO
from tests.helpers.hfserver import HubServer

from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.models import catalogue as cat
from stenodesk.core.models.download import Downloader
from stenodesk.core.models.hub import Hub
from stenodesk.core.models.importer import import_folder
from stenodesk.core.models.resolve import ModelResolver
from stenodesk.core.models.state import ModelState, Source
from stenodesk.core.models.store import ModelStore


def flip_byte(path: Path, offset: int = 1000, *, keep_mtime: bool = False) -> None:
    st = path.stat()
    with path.open("r+b") as fh:
        fh.seek(offset)
        byte = fh.read(1)[0]
        fh.seek(offset)
        fh.write(bytes([byte ^ 0xFF]))
    if keep_mtime:
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.fixture
def hf_cache(hub_server: HubServer, tmp_path: Path) -> Path:
    """tiny.en's files fetched as "Systran/faster-whisper-tiny" by huggingface_hub itself,
    the way faster-whisper fills the cache."""
    cache = tmp_path / "hf"
    snapshot_download(
        "Systran/faster-whisper-tiny",
        cache_dir=cache,
        endpoint=hub_server.url,
        allow_patterns=["config.json", "model.bin", "tokenizer.json", "vocabulary.*"],
    )
    hub_server.reset_counts()
    return cache


def test_model_in_hf_cache_is_found_without_downloading(
    hf_cache: Path, store: ModelStore, hub: Hub, hub_server: HubServer, tmp_path: Path
) -> None:
    status = store.status(store.ref("tiny"))
    assert status.state is ModelState.READY
    assert status.source is Source.HF_CACHE and status.verified
    assert status.folder is not None and status.folder.is_relative_to(hf_cache)
    assert ModelResolver(tmp_path / "cache", store.root, hf_cache)("tiny") == status.folder
    assert Downloader(store, hub).download("tiny") == status.folder
    assert hub_server.requests == []


def test_corrupt_blob_in_hf_cache_is_never_used(
    hf_cache: Path, store: ModelStore, hub: Hub, hub_server: HubServer, tmp_path: Path
) -> None:
    snapshot = store.status(store.ref("tiny")).folder
    assert snapshot is not None
    flip_byte((snapshot / "model.bin").resolve())
    status = store.status(store.ref("tiny"))
    assert status.state is ModelState.CORRUPT and status.source is Source.HF_CACHE
    with pytest.raises(StenodeskError) as info:
        ModelResolver(tmp_path / "cache", store.root, hf_cache)("tiny")
    assert info.value.kind is ErrorKind.MODEL_CORRUPT
    folder = Downloader(store, hub).download("tiny")
    assert folder.is_relative_to(store.root), "a good copy goes to the model folder"
    assert store.status(store.ref("tiny")).source is Source.STORE


def test_fresh_verify_finds_damage_that_kept_size_and_mtime(
    downloader: Downloader, store: ModelStore
) -> None:
    folder = downloader.download(TINY_REPO)
    flip_byte(folder / "model.bin", keep_mtime=True)
    ref = store.ref(TINY_REPO)
    assert store.status(ref).ready, "the remembered hash is trusted while size and mtime match"
    assert store.status(ref, fresh=True).state is ModelState.CORRUPT


def test_catalogue_is_faster_whispers_table(store: ModelStore) -> None:
    entries = store.entries
    table = dict(fw_utils._MODELS)
    for name in fw_utils.available_models():
        entry = cat.find(name, entries)
        assert entry is not None and entry.repo_id == table[name], name
    assert len(entries) == len(set(table.values()))
    large = cat.find("large", entries)
    assert large is not None and large.name == "large-v3" and "large" in large.aliases
    tiny_en = cat.find("tiny.en", entries)
    assert tiny_en is not None and tiny_en.builtin and tiny_en.english_only
    small = cat.find("small", entries)
    assert small is not None and not small.english_only and not small.builtin
    assert all(e.download_bytes and e.memory_bytes and e.hint for e in entries)
    assert cat.find("distil-large-v3", entries).english_only  # type: ignore[union-attr]


def test_sizes_come_from_the_repository_when_it_answers(hub: Hub, hub_server: HubServer) -> None:
    entries = cat.with_repository_sizes(cat.catalogue(), hub.manifest)
    tiny = cat.find("tiny", entries)
    assert tiny is not None and tiny.exact and tiny.download_bytes == 78_090_594
    base = cat.find("base", entries)
    assert base is not None and not base.exact and base.download_bytes == 148_000_000


def test_import_copies_and_verifies(
    store: ModelStore, tiny_files: dict[str, Path], tmp_path: Path
) -> None:
    source = next(iter(tiny_files.values())).parent
    status = import_folder(store, source, name="my-tiny")
    assert status.state is ModelState.READY and status.source is Source.STORE
    assert status.folder is not None and not (status.folder / "model.bin").is_symlink()
    resolver = ModelResolver(tmp_path / "cache", store.root)
    assert resolver("my-tiny") == status.folder
    listed = {row.ref.model_id: row for row in store.listing()}
    assert listed["my-tiny"].entry is None and listed["my-tiny"].status.ready
    assert (
        listed["tiny.en"].status.ready and listed["small"].status.state is ModelState.NOT_DOWNLOADED
    )
    with pytest.raises(StenodeskError) as info:
        import_folder(store, source, name="my-tiny")
    assert info.value.kind is ErrorKind.MODEL_EXISTS
    with pytest.raises(StenodeskError) as info:
        import_folder(store, source, name="small")
    assert info.value.kind is ErrorKind.MODEL_EXISTS


def test_import_can_link_and_delete_leaves_the_original(
    store: ModelStore, tiny_files: dict[str, Path], tmp_path: Path
) -> None:
    source = tmp_path / "original"
    shutil.copytree(next(iter(tiny_files.values())).parent, source)
    status = import_folder(store, source, link=True)
    assert status.model_id == "original" and status.ready
    assert status.folder is not None and (status.folder / "model.bin").is_symlink()
    flip_byte(source / "model.bin")
    assert store.status(store.ref("original")).state is ModelState.CORRUPT
    store.delete(store.ref("original"))
    assert (source / "model.bin").stat().st_size == 75_537_502


@pytest.mark.parametrize("damage", ["no model.bin", "no tokenizer", "bad config", "bad header"])
def test_import_rejects_a_broken_folder(
    store: ModelStore, tiny_files: dict[str, Path], tmp_path: Path, damage: str
) -> None:
    source = tmp_path / "broken"
    source.mkdir()
    for name, path in tiny_files.items():
        (source / name).symlink_to(path)
    if damage == "no model.bin":
        (source / "model.bin").unlink()
    elif damage == "no tokenizer":
        (source / "tokenizer.json").unlink()
        (source / "vocabulary.txt").unlink()
    elif damage == "bad config":
        (source / "config.json").unlink()
        (source / "config.json").write_text('{"model_type": "whisper"}')
    else:
        (source / "model.bin").unlink()
        (source / "model.bin").write_bytes(b"\x89HDF\r\n" + bytes(100))
    with pytest.raises(StenodeskError) as info:
        import_folder(store, source)
    assert info.value.kind is ErrorKind.MODEL_INVALID
    print(info.value.message, "|", info.value.detail)
    assert not store.root.exists() or not any(store.root.rglob("model.bin"))


def test_delete(
    downloader: Downloader, store: ModelStore, hf_cache: Path, hub_server: HubServer
) -> None:
    with pytest.raises(StenodeskError) as info:
        store.delete(store.ref("tiny.en"))
    assert info.value.kind is ErrorKind.MODEL_BUILTIN
    with pytest.raises(StenodeskError) as info:
        store.delete(store.ref("small"))
    assert info.value.kind is ErrorKind.MODEL_MISSING

    folder = downloader.download(TINY_REPO)
    result = store.delete(store.ref(TINY_REPO))
    assert result.removed == (folder,) and result.freed_bytes > 75_000_000
    assert store.status(store.ref(TINY_REPO)).state is ModelState.NOT_DOWNLOADED

    partial = store.partial_dir(store.ref("tiny"))
    partial.mkdir(parents=True)
    (partial / "model.bin.part").write_bytes(bytes(1000))
    result = store.delete(store.ref("tiny"))
    assert result.removed == (partial,)
    assert result.kept_in_hf_cache is not None, "the shared cache is left alone, and said so"
    assert store.status(store.ref("tiny")).source is Source.HF_CACHE


def test_delete_waits_for_a_running_download(store: ModelStore) -> None:
    ref = store.ref("small")
    lock = store.lock(ref)
    lock.acquire()
    try:
        with pytest.raises(StenodeskError) as info:
            store.delete(ref)
        assert info.value.kind is ErrorKind.MODEL_BUSY
    finally:
        lock.release()


def test_resolver_messages(tmp_path: Path) -> None:
    resolver = ModelResolver(tmp_path / "cache", tmp_path / "models", tmp_path / "hf")
    with pytest.raises(StenodeskError) as info:
        resolver("small")
    assert info.value.kind is ErrorKind.MODEL_MISSING
    assert "stenodesk models download small" in str(info.value.message)
    with pytest.raises(StenodeskError) as info:
        resolver("huge-v9")
    assert info.value.kind is ErrorKind.MODEL_UNKNOWN
    assert (resolver("tiny.en") / "model.bin").is_file()
