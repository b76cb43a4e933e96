"""The models on this computer: the model folder, the Hugging Face cache, built-ins.

Layout of the model folder (``root``, by default ``UserDirs.models``)::

    root/hub--Systran--faster-whisper-small/   a complete, verified download
        model.bin  config.json  ...  .stenodesk-manifest.json
    root/local--my-model/                      an imported folder (copies or links)
    root/.partial/<slug>/                      a download in progress: finished
        files, NAME.part for the one in transfer, the expected manifest
    root/.locks/<slug>.lock                    held by the process downloading

A model folder appears only by renaming a finished ``.partial`` folder, so a
model is never half there. Ready means every file has the size and hash its
manifest declares (hashes are remembered by size and mtime, so checking a
large model again is quick). Models in the Hugging Face cache (where other
faster-whisper tools download) are found through huggingface_hub's own cache
layout and verified against the hash in each blob's name.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import filelock

from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.models import catalogue as cat
from stenodesk.core.models.builtin import (
    DEFAULT_BUILTINS,
    BuiltinContext,
    BuiltinModel,
    find_builtin,
)
from stenodesk.core.models.bundled import VerifiedHashes
from stenodesk.core.models.hfcache import hf_cache_status
from stenodesk.core.models.manifest import MANIFEST_NAME, Manifest, folder_problems
from stenodesk.core.models.state import ModelState, ModelStatus, Source, human_size

log = logging.getLogger(__name__)

PART = ".part"
RESERVE = 16 * 1024 * 1024
"""Free space to leave beyond a model itself."""


class RefKind(Enum):
    BUILTIN = "built in"
    REPO = "repository"
    IMPORTED = "imported"


@dataclass(frozen=True)
class ModelRef:
    """A model the user named: built in, a repository (catalogue name or id), or imported."""

    model_id: str
    kind: RefKind
    repo_id: str | None = None

    @property
    def slug(self) -> str:
        """Its folder name in the model folder."""
        if self.kind is RefKind.IMPORTED:
            return "local--" + self.model_id
        if self.kind is RefKind.BUILTIN:
            return "builtin--" + self.model_id
        assert self.repo_id is not None
        return "hub--" + self.repo_id.replace("/", "--")


@dataclass(frozen=True)
class Listed:
    """One row of the model list: the catalogue entry (None for custom and
    imported models), what to call it, and its state."""

    entry: cat.CatalogueEntry | None
    ref: ModelRef
    status: ModelStatus


@dataclass(frozen=True)
class DeleteResult:
    removed: tuple[Path, ...]
    freed_bytes: int
    kept_in_hf_cache: Path | None
    """A copy in the shared Hugging Face cache, which other tools use and we leave alone."""


def default_hf_cache() -> Path:
    """huggingface_hub's cache folder (it honours HF_HUB_CACHE and HF_HOME)."""
    from huggingface_hub import constants

    return Path(constants.HF_HUB_CACHE)


def folder_bytes(folder: Path) -> int:
    """Bytes the folder's own files take (links to files elsewhere count nothing)."""
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file() and not p.is_symlink())


def disk_free(path: Path) -> int:
    """Free bytes on the file system that holds ``path`` (or its nearest existing parent)."""
    for candidate in (path, *path.parents):
        with contextlib.suppress(OSError):
            return shutil.disk_usage(candidate).free
    return 0


def check_space(model_id: str, need: int, where: Path, free_space: Callable[[Path], int]) -> None:
    """Raise DISK_FULL, naming both figures, unless ``need`` bytes fit at ``where``."""
    free = free_space(where)
    if free < need + RESERVE:
        raise StenodeskError(
            ErrorKind.DISK_FULL,
            f"{model_id} (it needs {human_size(need)}, {human_size(free)} are free)",
            f"in {where}",
        )


@contextlib.contextmanager
def writable(root: Path) -> Iterator[None]:
    """Report a permission error on the model folder as MODEL_FOLDER_DENIED."""
    try:
        yield
    except PermissionError as exc:
        raise StenodeskError(ErrorKind.MODEL_FOLDER_DENIED, root, str(exc)) from exc


class ModelStore:
    """Finds, checks and removes models.

    Args:
        root: the model folder (``UserDirs.models`` or the ``models.folder`` setting).
        cache_dir: where verification results are remembered.
        hf_cache: the Hugging Face cache to search (see :func:`default_hf_cache`); None skips it.
        builtin_dir: where built-ins assembled on first use go (default ``root/builtin``).
        builtins: built-in model providers.
    """

    def __init__(
        self,
        root: Path,
        cache_dir: Path,
        *,
        hf_cache: Path | None = None,
        builtin_dir: Path | None = None,
        builtins: Sequence[BuiltinModel] = DEFAULT_BUILTINS,
    ) -> None:
        self.root = root
        self.hf_cache = hf_cache
        self.builtins = tuple(builtins)
        self.hashes = VerifiedHashes(cache_dir / "verified-models.json")
        self.builtin_context = BuiltinContext(root, self.hashes, builtin_dir)
        self._entries: list[cat.CatalogueEntry] | None = None

    @property
    def entries(self) -> list[cat.CatalogueEntry]:
        if self._entries is None:
            ctx = self.builtin_context
            self._entries = cat.catalogue([b for b in self.builtins if b.installed(ctx)])
        return self._entries

    # -- names --------------------------------------------------------------

    def ref(self, text: str) -> ModelRef:
        """What ``text`` names: a built-in, a catalogue name or alias, a repository id,
        or an imported model.

        Raises:
            StenodeskError: MODEL_UNKNOWN.
        """
        if find_builtin(text, self.builtins, self.builtin_context) is not None:
            return ModelRef(text, RefKind.BUILTIN)
        entry = cat.find(text, self.entries)
        if entry is not None and entry.repo_id:
            return ModelRef(entry.name, RefKind.REPO, entry.repo_id)
        # Imported here: the hub client pulls in huggingface_hub's HTTP stack
        # (about 0.25 s), which resolving an installed model never needs.
        from stenodesk.core.models.hub import is_repo_id

        if is_repo_id(text):
            return ModelRef(text, RefKind.REPO, text)
        imported = ModelRef(text, RefKind.IMPORTED)
        if "/" not in text and (self.final_dir(imported) / MANIFEST_NAME).is_file():
            return imported
        raise StenodeskError(ErrorKind.MODEL_UNKNOWN, text)

    def builtin(self, ref: ModelRef) -> BuiltinModel:
        found = find_builtin(ref.model_id, self.builtins, self.builtin_context)
        if found is None:
            raise StenodeskError(ErrorKind.MODEL_MISSING, ref.model_id, "not installed")
        return found

    def final_dir(self, ref: ModelRef) -> Path:
        return self.root / ref.slug

    def partial_dir(self, ref: ModelRef) -> Path:
        return self.root / ".partial" / ref.slug

    def lock(self, ref: ModelRef) -> filelock.BaseFileLock:
        """The lock a process holds while it downloads, imports or deletes ``ref``."""
        path = self.root / ".locks" / f"{ref.slug}.lock"
        with writable(self.root):
            path.parent.mkdir(parents=True, exist_ok=True)
        return filelock.FileLock(path, thread_local=False)

    def installed(self) -> list[ModelRef]:
        """Models in the model folder that the catalogue does not list (custom and imported)."""
        known = {e.repo_id for e in self.entries}
        refs: dict[str, ModelRef] = {}
        # Partial downloads too, so that they can be resumed or deleted.
        for folder in [*self.root.glob("*--*"), *self.root.glob(".partial/hub--*")]:
            manifest = Manifest.load(folder)
            if manifest is None:
                continue
            if manifest.source == "import":
                ref = ModelRef(manifest.model_id, RefKind.IMPORTED)
            elif manifest.repo_id and manifest.repo_id not in known:
                ref = ModelRef(manifest.repo_id, RefKind.REPO, manifest.repo_id)
            else:
                continue
            refs.setdefault(ref.slug, ref)
        return sorted(refs.values(), key=lambda r: r.model_id.lower())

    def listing(self, entries: Sequence[cat.CatalogueEntry] | None = None) -> list[Listed]:
        """Every catalogue model, then custom and imported ones, each with its state.

        Args:
            entries: the catalogue to show (say, with exact sizes from
                ``catalogue.with_repository_sizes``); default :attr:`entries`.
        """
        rows = []
        for entry in self.entries if entries is None else entries:
            ref = self.ref(entry.name)
            rows.append(Listed(entry, ref, self.status(ref)))
        rows += [Listed(None, ref, self.status(ref)) for ref in self.installed()]
        return rows

    # -- state --------------------------------------------------------------

    def status(self, ref: ModelRef, *, fresh: bool = False) -> ModelStatus:
        """Where ``ref`` stands; a ready copy anywhere wins over a corrupt one.

        Args:
            fresh: hash every file again instead of trusting remembered results.
        """
        if ref.kind is RefKind.BUILTIN:
            return self.builtin(ref).status(self.builtin_context, fresh=fresh)
        stored = self._stored_status(ref, fresh)
        if stored is not None and stored.ready:
            return stored
        cached = None
        if self.hf_cache is not None and ref.repo_id is not None:
            cached = hf_cache_status(ref.model_id, ref.repo_id, self.hf_cache, self.hashes, fresh)
        if cached is not None and cached.ready:
            return cached
        return stored or cached or self._partial_status(ref)

    def _stored_status(self, ref: ModelRef, fresh: bool) -> ModelStatus | None:
        folder = self.final_dir(ref)
        if not folder.is_dir():
            return None
        manifest = Manifest.load(folder)
        if manifest is None:
            return ModelStatus(
                ref.model_id, ModelState.CORRUPT, Source.STORE, folder, problem="no manifest"
            )
        problems = folder_problems(folder, manifest, self.hashes, fresh=fresh)
        state = ModelState.CORRUPT if problems else ModelState.READY
        return ModelStatus(
            ref.model_id,
            state,
            Source.STORE,
            folder,
            folder_bytes(folder) if problems else manifest.total,
            manifest.total,
            "; ".join(problems),
        )

    def _partial_status(self, ref: ModelRef) -> ModelStatus:
        folder = self.partial_dir(ref)
        if not folder.is_dir():
            return ModelStatus(ref.model_id, ModelState.NOT_DOWNLOADED)
        manifest = Manifest.load(folder)
        return ModelStatus(
            ref.model_id,
            ModelState.PARTIAL,
            Source.STORE,
            folder,
            partial_bytes(folder, manifest),
            manifest.total if manifest else None,
        )

    def ready_folder(self, ref: ModelRef) -> Path:
        """The verified folder of ``ref``.

        Raises:
            StenodeskError: MODEL_MISSING (not here, or only partly), MODEL_CORRUPT.
        """
        if ref.kind is RefKind.BUILTIN:
            return self.builtin(ref).prepare(self.builtin_context)
        status = self.status(ref)
        if status.state is ModelState.READY and status.folder is not None:
            return status.folder
        if status.state is ModelState.CORRUPT:
            raise StenodeskError(ErrorKind.MODEL_CORRUPT, ref.model_id, status.problem)
        raise StenodeskError(ErrorKind.MODEL_MISSING, ref.model_id, status.state.value)

    def reveal(self, ref: ModelRef) -> Path:
        """The folder to show the user: the model's, or the model folder if it has none."""
        folder = self.status(ref).folder
        return folder if folder is not None else self.root

    # -- removal ------------------------------------------------------------

    def delete(self, ref: ModelRef) -> DeleteResult:
        """Remove the model's copy and any partial download from the model folder.

        Raises:
            StenodeskError: MODEL_BUILTIN, MODEL_BUSY (a download runs),
                MODEL_MISSING (nothing to delete), MODEL_FOLDER_DENIED.
        """
        if ref.kind is RefKind.BUILTIN:
            raise StenodeskError(ErrorKind.MODEL_BUILTIN, ref.model_id)
        lock = self.lock(ref)
        try:
            lock.acquire(timeout=0)
        except filelock.Timeout as exc:
            raise StenodeskError(ErrorKind.MODEL_BUSY, ref.model_id) from exc
        try:
            removed, freed = [], 0
            for folder in (self.final_dir(ref), self.partial_dir(ref)):
                if folder.is_dir():
                    freed += folder_bytes(folder)
                    with writable(self.root):
                        shutil.rmtree(folder)
                    removed.append(folder)
        finally:
            lock.release()
        kept = None
        if self.hf_cache is not None and ref.repo_id is not None:
            cached = hf_cache_status(ref.model_id, ref.repo_id, self.hf_cache, self.hashes, False)
            kept = cached.folder if cached is not None else None
        if not removed and kept is None:
            raise StenodeskError(ErrorKind.MODEL_MISSING, ref.model_id, "nothing to delete")
        return DeleteResult(tuple(removed), freed, kept)


def partial_bytes(folder: Path, manifest: Manifest | None) -> int:
    """Bytes already fetched into a partial download folder."""
    if manifest is None:
        return 0
    done = 0
    for spec in manifest.files:
        for path in (folder / spec.name, folder / (spec.name + PART)):
            with contextlib.suppress(OSError):
                done += min(path.stat().st_size, spec.size)
    return done
