"""The hook for built-in models assembled on first use, with real files.

The provider here assembles tiny.en's files under the catalogue name "tiny",
the way the multilingual module reassembles Whisper base from its packages:
into a work folder, verified, then renamed into place with a ready marker.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

from stenodesk.core.cancel import NEVER, CancelToken
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.models.builtin import TINY_EN_BUILTIN, AssembledBuiltin
from stenodesk.core.models.download import Downloader
from stenodesk.core.models.hub import Hub
from stenodesk.core.models.resolve import ModelResolver
from stenodesk.core.models.state import DownloadProgress, ModelState, Source
from stenodesk.core.models.store import ModelStore
from stenodesk.core.paths import PREBUILT_MODELS, prebuilt_model

READY = ".ready"


def assembled_tiny(files: dict[str, Path], calls: list[Path]) -> AssembledBuiltin:
    expected = {n: hashlib.sha256(p.read_bytes()).hexdigest() for n, p in files.items()}

    def is_ready(folder: Path) -> bool:
        return (folder / READY).is_file()

    def ensure(
        folder: Path,
        *,
        cancel: CancelToken = NEVER,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Path:
        if is_ready(folder):
            return folder
        calls.append(folder)
        work = folder.with_name(folder.name + ".work")
        work.mkdir(parents=True)
        total = sum(p.stat().st_size for p in files.values())
        done = 0
        for name, src in files.items():
            cancel.raise_if_cancelled()
            shutil.copyfile(src, work / name)
            done += src.stat().st_size
            if on_progress is not None:
                on_progress(done, total)
        (work / READY).write_text("ok")
        os.replace(work, folder)
        return folder

    return AssembledBuiltin(
        "tiny",
        english_only=False,
        hint="built in",
        expected=expected,
        ensure=ensure,
        is_ready=is_ready,
        is_available=lambda folder: True,
    )


@pytest.fixture
def calls() -> list[Path]:
    return []


@pytest.fixture
def builtin_store(tmp_path: Path, tiny_files: dict[str, Path], calls: list[Path]) -> ModelStore:
    builtins = (TINY_EN_BUILTIN, assembled_tiny(tiny_files, calls))
    return ModelStore(tmp_path / "models", tmp_path / "cache", builtins=builtins)


def test_assembled_on_first_use_through_the_downloader(
    builtin_store: ModelStore, calls: list[Path], tmp_path: Path
) -> None:
    entry = next(e for e in builtin_store.entries if e.name == "tiny")
    assert entry.builtin
    ref = builtin_store.ref("tiny")
    before = builtin_store.status(ref)
    assert before.state is ModelState.NOT_DOWNLOADED and before.source is Source.BUILTIN

    seen: list[DownloadProgress] = []
    nowhere = Hub("http://127.0.0.1:9")  # the built-in never needs the network
    folder = Downloader(builtin_store, nowhere).download("tiny", on_progress=seen.append)
    assert folder == tmp_path / "models" / "builtin" / "tiny"
    assert seen[-1].done == seen[-1].total > 75_000_000
    assert builtin_store.status(ref, fresh=True).state is ModelState.READY
    with pytest.raises(StenodeskError) as info:
        builtin_store.delete(ref)
    assert info.value.kind is ErrorKind.MODEL_BUILTIN
    assert len(calls) == 1


def test_resolver_assembles_when_a_job_needs_it(
    tmp_path: Path, tiny_files: dict[str, Path], calls: list[Path]
) -> None:
    resolver = ModelResolver(
        tmp_path / "cache",
        builtin_dir=tmp_path / "elsewhere",
        builtins=(TINY_EN_BUILTIN, assembled_tiny(tiny_files, calls)),
    )
    assert resolver("tiny") == tmp_path / "elsewhere" / "tiny"
    assert resolver("tiny") == tmp_path / "elsewhere" / "tiny"
    assert calls == [tmp_path / "elsewhere" / "tiny"], "assembled once"


def test_a_copy_the_bundle_carries_ready_is_used_in_place(
    tmp_path: Path, tiny_files: dict[str, Path], calls: list[Path]
) -> None:
    """The app bundle ships the model joined at build time: nothing goes to the model folder."""
    provider = assembled_tiny(tiny_files, calls)
    bundle = tmp_path / "bundle"
    built = provider.ensure(bundle / PREBUILT_MODELS / "tiny")  # what the build does
    calls.clear()
    shipped = replace(provider, prebuilt=partial(prebuilt_model, "tiny", bundle))
    builtins = (TINY_EN_BUILTIN, shipped)
    store = ModelStore(tmp_path / "models", tmp_path / "cache", builtins=builtins)
    status = store.status(store.ref("tiny"), fresh=True)
    assert status.state is ModelState.READY and status.folder == built
    resolver = ModelResolver(tmp_path / "cache", tmp_path / "models", builtins=builtins)
    assert resolver("tiny") == built
    assert calls == [] and not (tmp_path / "models" / "builtin").exists()


def test_no_bundled_copy_outside_a_bundle(tmp_path: Path) -> None:
    assert prebuilt_model("base") is None  # the tests run unfrozen
    assert prebuilt_model("base", tmp_path) is None
    (tmp_path / PREBUILT_MODELS / "base").mkdir(parents=True)
    assert prebuilt_model("base", tmp_path) == tmp_path / PREBUILT_MODELS / "base"
