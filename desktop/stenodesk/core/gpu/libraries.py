"""Which CUDA libraries the installed CTranslate2 loads, where they are, and their preload.

CTranslate2 opens cuBLAS by name (``dlopen("libcublas.so.12")`` /
``LoadLibraryA("cublas64_12.dll")``) at its first GPU call. The names are
read from its shared library (see :mod:`.binfmt`), followed through the
libraries they are linked against, and looked up in the frozen bundle, then
the ``nvidia-*`` wheels, then the system. Loading each one by absolute path
before CTranslate2 asks for it makes its later load by name return the copy
already in the process: glibc matches the sonames of loaded objects, and
Windows matches the base names of loaded DLLs. Changing ``LD_LIBRARY_PATH``
inside a running process would do nothing.
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from stenodesk.core.gpu.binfmt import BinaryFormatError, read_names
from stenodesk.core.gpu.locate import Finder, LibrarySearch, ctranslate2_files
from stenodesk.core.gpu.versions import distribution_version, version_from_name

log = logging.getLogger(__name__)

REQUIRED_FAMILIES = frozenset(
    {"cublas", "cublaslt", "cudnn", "cudart", "cufft", "curand", "cusparse", "cusolver", "nvrtc"}
)
"""CUDA user-space libraries the GPU path cannot run without when the build names them."""

OPTIONAL_FAMILIES = frozenset({"nccl"})
"""Named by CTranslate2 but used only for tensor parallelism over several GPUs."""

NEVER_PRELOAD = frozenset({"nvblas"})
"""nvblas replaces the host BLAS (numpy's) when loaded; it must never be preloaded."""

_LINUX_NAME = re.compile(r"^lib(?P<base>[A-Za-z0-9_]+?)\.so\.(?P<major>\d+)$")
_WINDOWS_NAME = re.compile(r"^(?P<base>[A-Za-z_]+?)64_(?P<major>\d+)\.dll$", re.IGNORECASE)

# Handles of preloaded libraries and DLL directories. Kept for the life of the
# process: a DLL directory handle that is garbage-collected is removed again.
_KEPT: dict[str, object] = {}


@dataclass(frozen=True)
class CudaLibrary:
    """One CUDA library: whether CTranslate2 needs it, where it is, whether it loaded.

    Attributes:
        name: the soname or DLL name (``libcublas.so.12``, ``cublas64_12.dll``).
        needed: CTranslate2 needs it to run on one GPU.
        named_by: the file that names it ("" for libraries merely present).
        path: where it was found ("" when not found).
        source: ``bundle``, ``wheel`` or ``system`` ("" when not found).
        version: from the wheel's metadata or the file name ("" when unknown).
        loaded: preloaded into this process.
        error: the loader's error text when loading failed.
        depends: the CUDA libraries it is linked against.
        preload: loaded ahead when found: a needed library, or an optional one
            that a needed library loads by name.
    """

    name: str
    needed: bool
    named_by: str = ""
    path: str = ""
    source: str = ""
    version: str = ""
    loaded: bool = False
    error: str = ""
    depends: tuple[str, ...] = ()
    preload: bool = False

    @property
    def found(self) -> bool:
        return bool(self.path)


@dataclass(frozen=True)
class LibraryReport:
    """The CUDA libraries of the installed CTranslate2 build."""

    ctranslate2_files: tuple[str, ...]
    libraries: tuple[CudaLibrary, ...]
    load_order: tuple[str, ...] = ()
    error: str = ""
    preloaded: bool = False

    @property
    def missing(self) -> tuple[CudaLibrary, ...]:
        return tuple(lib for lib in self.libraries if lib.needed and not lib.found)

    @property
    def failed(self) -> tuple[CudaLibrary, ...]:
        return tuple(lib for lib in self.libraries if lib.needed and lib.error)


def family(name: str, windows: bool) -> str | None:
    """The CUDA family of a library name (``cublaslt``, ``cudnn``...), None if not CUDA."""
    match = (_WINDOWS_NAME if windows else _LINUX_NAME).match(name)
    if match is None:
        return None
    base = match.group("base").lower()
    head = base.split("_")[0]
    known = REQUIRED_FAMILIES | OPTIONAL_FAMILIES | NEVER_PRELOAD
    return head if head in known else None


# -- discovery -----------------------------------------------------------------


@dataclass
class _Named:
    name: str
    named_by: str
    found: tuple[str, Path] | None = None
    links: tuple[str, ...] = ()
    """CUDA libraries it is linked against (loaded with it, so as necessary as it is)."""
    strings: tuple[str, ...] = ()
    """CUDA libraries named in its read-only data (loaded by name when it needs them)."""
    version: str = ""


def discover(search: LibrarySearch) -> LibraryReport:
    """Work out the CUDA libraries the installed CTranslate2 needs and find them.

    Nothing is loaded. A library is needed when CTranslate2 names it (and it
    is not an optional one like NCCL), when a needed library is linked
    against it, or when a needed library names it in its read-only data and
    belongs to the same family (cuDNN's dispatcher and its sub-libraries).
    Other CUDA libraries a needed one names by string (cuBLAS naming NVRTC)
    are optional: preloaded when found, never a reason to avoid the GPU.
    Libraries present in the bundle or the wheels but not named at all are
    listed with ``needed=False``.
    """
    files = ctranslate2_files(search)
    if not files:
        return LibraryReport((), (), error="CTranslate2 is not installed")
    finder = Finder(search)
    errors: list[str] = []
    roots: dict[str, str] = {}
    for path in files:
        links, strings = _cuda_names(path, search, errors)
        for name in (*links, *strings):
            roots.setdefault(name, path.name)
    named = _walk(roots, finder, search, errors)
    needed, preload_set = _propagate(roots, named, search.windows)
    libraries = [_to_library(e, e.name in needed, e.name in preload_set) for e in named.values()]
    libraries += _present_but_unneeded(finder, set(named), search.windows)
    return LibraryReport(tuple(str(f) for f in files), tuple(libraries), error="; ".join(errors))


def _walk(
    roots: dict[str, str], finder: Finder, search: LibrarySearch, errors: list[str]
) -> dict[str, _Named]:
    """Find every library named, and the libraries those name, breadth first."""
    named: dict[str, _Named] = {}
    queue = list(roots.items())
    while queue:
        name, by = queue.pop(0)
        if name in named:
            continue
        entry = named[name] = _Named(name, by, finder.find(name))
        if entry.found is None or family(name, search.windows) in NEVER_PRELOAD:
            continue
        entry.links, entry.strings = _cuda_names(entry.found[1], search, errors)
        entry.version = _version(entry.found)
        queue += [(n, name) for n in (*entry.links, *entry.strings)]
    return named


def _propagate(
    roots: dict[str, str], named: dict[str, _Named], windows: bool
) -> tuple[set[str], set[str]]:
    """Which libraries are needed, and which are to be preloaded."""
    needed: set[str] = set()
    preload_set: set[str] = set()

    def mark(name: str, need: bool, pre: bool) -> None:
        if (not need or name in needed) and (not pre or name in preload_set):
            return  # nothing new: flags only grow, so this ends
        if need:
            needed.add(name)
        if pre:
            preload_set.add(name)
        entry = named[name]
        for link in entry.links:
            mark(link, need, pre)
        for other in entry.strings:
            same = family(other, windows) == family(name, windows)
            mark(other, need and same, pre and family(other, windows) in REQUIRED_FAMILIES)

    for name in roots:
        required = family(name, windows) in REQUIRED_FAMILIES
        mark(name, required, required)
    return needed, preload_set


def _cuda_names(
    path: Path, search: LibrarySearch, errors: list[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The CUDA libraries ``path`` is linked against, and those it names in its data."""
    try:
        names = read_names(path)
    except (OSError, BinaryFormatError) as exc:
        errors.append(f"{path.name}: {exc}")
        return (), ()
    own = {names.soname, path.name}

    def cuda(pool: tuple[str, ...], skip: set[str]) -> tuple[str, ...]:
        keep = (n for n in pool if n not in skip and family(n, search.windows) is not None)
        return tuple(dict.fromkeys(keep))

    links = cuda(names.needed, own)
    return links, cuda(names.strings, own | set(links))


def _version(found: tuple[str, Path]) -> str:
    source, path = found
    if source != "system":
        # site-packages/nvidia/cublas/lib/x -> site-packages; bundle root likewise
        root = path.parent.parent.parent.parent
        version = distribution_version(root, path)
        if version:
            return version
    return version_from_name(path)


def _to_library(e: _Named, needed: bool, preload: bool) -> CudaLibrary:
    source, path = e.found if e.found is not None else ("", None)
    return CudaLibrary(
        name=e.name,
        needed=needed,
        named_by=e.named_by,
        path=str(path) if path is not None else "",
        source=source,
        version=e.version,
        depends=e.links,
        preload=preload,
    )


def _present_but_unneeded(finder: Finder, known: set[str], windows: bool) -> list[CudaLibrary]:
    extra: list[CudaLibrary] = []
    for source, folder in finder.package_dirs:
        for path in sorted(folder.iterdir()):
            if path.name in known or family(path.name, windows) is None or not path.is_file():
                continue
            known.add(path.name)
            version = _version((source, path))
            extra.append(CudaLibrary(path.name, False, "", str(path), source, version))
    return extra


# -- preload -------------------------------------------------------------------


def load_order(report: LibraryReport) -> list[CudaLibrary]:
    """The libraries to preload that were found, each after those it is linked against."""
    todo = {lib.name: lib for lib in report.libraries if lib.preload and lib.found}
    ordered: list[CudaLibrary] = []
    visiting: set[str] = set()

    def visit(lib: CudaLibrary) -> None:
        if lib.name in visiting or lib in ordered:
            return  # a cycle cannot be ordered; the loader resolves it
        visiting.add(lib.name)
        for dep in lib.depends:
            if dep in todo:
                visit(todo[dep])
        ordered.append(lib)

    for lib in todo.values():
        visit(lib)
    return ordered


def preload(report: LibraryReport, windows: bool = sys.platform == "win32") -> LibraryReport:
    """Load the needed libraries by absolute path, in dependency order.

    Idempotent: a library already preloaded by this process is not loaded
    again. Returns the report with ``loaded`` and ``error`` filled in.
    """
    results: dict[str, CudaLibrary] = {}
    order: list[str] = []
    for lib in load_order(report):
        if family(lib.name, windows) in NEVER_PRELOAD:
            continue
        error = _load(Path(lib.path), windows)
        results[lib.name] = replace(lib, loaded=not error, error=error)
        order.append(lib.name)
        if error:
            log.info("could not preload %s: %s", lib.path, error)
        else:
            log.info("preloaded %s", lib.path)
    libraries = tuple(results.get(lib.name, lib) for lib in report.libraries)
    return replace(report, libraries=libraries, load_order=tuple(order), preloaded=True)


def _load(path: Path, windows: bool) -> str:
    key = str(path)
    if key in _KEPT:
        return ""
    try:
        if windows:  # pragma: no cover - Windows only
            folder = str(path.parent)
            if ("dir:" + folder) not in _KEPT:
                _KEPT["dir:" + folder] = os.add_dll_directory(folder)  # type: ignore[attr-defined,unused-ignore]
            _KEPT[key] = ctypes.WinDLL(key)  # type: ignore[attr-defined,unused-ignore]
        else:
            _KEPT[key] = ctypes.CDLL(key)  # RTLD_LOCAL: found again by soname, not by symbol
    except OSError as exc:
        return str(exc) or type(exc).__name__
    return ""
