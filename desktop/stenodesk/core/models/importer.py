"""Importing a model folder from disk into the model folder (copied or linked).

The folder is checked first (config.json of a CTranslate2 Whisper model, a
model.bin that starts with its WhisperSpec header, a tokenizer or
vocabulary). Copies are hashed while they are written and the hashes saved
in a manifest, so later checks find a damaged copy; a linked import records
the hashes of the originals, so a later change to them is noticed too.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from stenodesk.core.cancel import NEVER, CancelToken
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.models import catalogue as cat
from stenodesk.core.models.manifest import WANTED, FileSpec, Manifest, check_model_folder
from stenodesk.core.models.state import DownloadProgress, ModelStatus
from stenodesk.core.models.store import (
    ModelRef,
    ModelStore,
    RefKind,
    check_space,
    disk_free,
    writable,
)
from stenodesk.core.models.transfer import Meter

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
CHUNK = 1 << 20


def import_name(source: Path, name: str | None, store: ModelStore) -> str:
    """The name an imported model gets: ``name`` or the folder's, checked for clashes.

    Raises:
        StenodeskError: MODEL_EXISTS for a name that is taken or not allowed.
    """
    chosen = name or re.sub(r"[^A-Za-z0-9._-]+", "-", source.name).strip("-.") or "model"
    if not NAME.match(chosen):
        raise StenodeskError(
            ErrorKind.MODEL_EXISTS, chosen, "use letters, digits, '.', '-' and '_' only"
        )
    taken = cat.find(chosen, store.entries) is not None or any(
        b.name == chosen for b in store.builtins
    )
    if taken or store.final_dir(ModelRef(chosen, RefKind.IMPORTED)).exists():
        raise StenodeskError(ErrorKind.MODEL_EXISTS, chosen)
    return chosen


def import_folder(
    store: ModelStore,
    source: Path,
    *,
    name: str | None = None,
    link: bool = False,
    cancel: CancelToken = NEVER,
    on_progress: Callable[[DownloadProgress], None] | None = None,
    free_space: Callable[[Path], int] = disk_free,
) -> ModelStatus:
    """Check ``source`` and add it to the store as an imported model.

    Args:
        link: link to the original files instead of copying them (the model
            then breaks if they move).

    Raises:
        StenodeskError: MODEL_INVALID, MODEL_EXISTS, DISK_FULL, MODEL_FOLDER_DENIED.
        Cancelled: nothing is left behind.
    """
    source = source.expanduser().resolve()
    check_model_folder(source)
    chosen = import_name(source, name, store)
    ref = ModelRef(chosen, RefKind.IMPORTED)
    files = sorted(p for p in source.iterdir() if p.is_file() and WANTED.match(p.name))
    total = sum(p.stat().st_size for p in files)
    with writable(store.root):
        staging = store.partial_dir(ref)
        staging.parent.mkdir(parents=True, exist_ok=True)
        if not link:
            check_space(chosen, total, staging.parent, free_space)
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        try:
            specs = _bring(files, staging, link, cancel, Meter(chosen, total, on_progress))
            Manifest(
                chosen,
                tuple(specs),
                source="import",
                linked_from=str(source) if link else None,
            ).save(staging)
            os.replace(staging, store.final_dir(ref))
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    final = store.final_dir(ref)
    for spec in specs:
        assert spec.sha256 is not None
        store.hashes.record(final / spec.name, spec.sha256)
    return store.status(ref)


def _bring(
    files: list[Path], staging: Path, link: bool, cancel: CancelToken, meter: Meter
) -> list[FileSpec]:
    specs = []
    for src in files:
        dst = staging / src.name
        size = src.stat().st_size
        meter.start_file(src.name, 0, size)
        digest = hashlib.sha256()
        with contextlib.ExitStack() as stack:
            reader = stack.enter_context(src.open("rb"))
            writer = None if link else stack.enter_context(dst.open("wb"))
            while block := reader.read(CHUNK):
                cancel.raise_if_cancelled()
                digest.update(block)
                if writer is not None:
                    writer.write(block)
                meter.advance(len(block))
        if link:
            dst.symlink_to(src)
        else:
            shutil.copystat(src, dst)
        specs.append(FileSpec(src.name, size, sha256=digest.hexdigest()))
    meter.emit(force=True)
    return specs
