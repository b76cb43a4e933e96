"""Where CTranslate2 and the CUDA libraries are: the bundle, the nvidia-* wheels, the system.

Nothing here loads a library; it only looks at folders and at ``ldconfig -p``.
"""

from __future__ import annotations

import importlib.machinery
import logging
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

LINUX_SYSTEM_DIRS = (
    Path("/usr/local/cuda/lib64"),
    Path("/usr/lib/x86_64-linux-gnu"),
    Path("/usr/lib/aarch64-linux-gnu"),
    Path("/usr/lib64"),
    Path("/usr/lib"),
)


@dataclass(frozen=True)
class LibrarySearch:
    """Where to look for CTranslate2 and the CUDA libraries.

    Attributes:
        bundle: the frozen bundle's folder (``paths.bundle_root()``), or None.
        python_path: folders to find the ``nvidia`` wheels and CTranslate2 in;
            None means ``sys.path``.
        system_dirs: folders searched last (after the ld.so cache on Linux).
        use_ldconfig: consult ``ldconfig -p`` for system libraries (Linux).
        ctranslate2_files: the CTranslate2 libraries to read names from; None
            means find the installed ones.
        windows: Windows naming and loading (DLLs, ``bin`` folders).
    """

    bundle: Path | None = None
    python_path: tuple[str, ...] | None = None
    system_dirs: tuple[Path, ...] = LINUX_SYSTEM_DIRS
    use_ldconfig: bool = True
    ctranslate2_files: tuple[Path, ...] | None = None
    windows: bool = sys.platform == "win32"

    @classmethod
    def bundle_only(cls, bundle: Path, windows: bool = sys.platform == "win32") -> LibrarySearch:
        """Inside a frozen app's folder and nowhere else: its own copies, never the system's."""
        return cls(
            bundle=bundle,
            python_path=(str(bundle),),
            system_dirs=(),
            use_ldconfig=False,
            windows=windows,
        )


def ctranslate2_files(search: LibrarySearch) -> tuple[Path, ...]:
    """The CTranslate2 shared libraries (and its extension module) to read names from."""
    if search.ctranslate2_files is not None:
        return search.ctranslate2_files
    folders: list[Path] = []
    if search.bundle is not None:
        folders += [
            search.bundle,
            search.bundle / "ctranslate2",
            search.bundle / "ctranslate2.libs",
        ]
    spec = importlib.machinery.PathFinder.find_spec("ctranslate2", _python_path(search))
    for location in (spec.submodule_search_locations or []) if spec else []:
        folders += [Path(location), Path(location).parent / "ctranslate2.libs"]
    found: list[Path] = []
    for folder in folders:
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            lowered = path.name.lower()
            if ("ctranslate2" in lowered or lowered.startswith("_ext.")) and _is_library(path):
                found.append(path)
    return tuple(dict.fromkeys(found))


def _is_library(path: Path) -> bool:
    name = path.name.lower()
    return path.is_file() and (".so" in name or name.endswith((".dll", ".pyd")))


def _python_path(search: LibrarySearch) -> list[str]:
    return list(search.python_path) if search.python_path is not None else list(sys.path)


def wheel_dirs(search: LibrarySearch) -> list[Path]:
    """``nvidia/<lib>/lib`` (``bin`` on Windows) of every installed nvidia-* wheel.

    The 12.x wheels are namespace packages without ``__init__.py``, so
    ``nvidia.cublas.__file__`` is None; the namespace's search locations work.
    """
    spec = importlib.machinery.PathFinder.find_spec("nvidia", _python_path(search))
    if spec is None or not spec.submodule_search_locations:
        return []
    return _nvidia_dirs([Path(p) for p in spec.submodule_search_locations], search.windows)


def _nvidia_dirs(roots: Iterable[Path], windows: bool) -> list[Path]:
    leaf = "bin" if windows else "lib"
    return [d for root in roots for d in sorted(root.glob(f"*/{leaf}")) if d.is_dir()]


def bundle_dirs(search: LibrarySearch) -> list[Path]:
    if search.bundle is None:
        return []
    return [search.bundle, *_nvidia_dirs([search.bundle / "nvidia"], search.windows)]


class Finder:
    """Looks library names up in the bundle, the wheels, then the system, in that order."""

    def __init__(self, search: LibrarySearch) -> None:
        self._search = search
        self._places = [
            *(("bundle", d) for d in bundle_dirs(search)),
            *(("wheel", d) for d in wheel_dirs(search)),
        ]
        self._ldconfig: dict[str, str] | None = None

    @property
    def package_dirs(self) -> list[tuple[str, Path]]:
        return self._places

    def find(self, name: str) -> tuple[str, Path] | None:
        for source, folder in self._places:
            if (folder / name).is_file():
                return source, folder / name
        if not self._search.windows and self._search.use_ldconfig:
            cached = self._ld_cache().get(name)
            if cached and Path(cached).is_file():
                return "system", Path(cached)
        for folder in self._search.system_dirs:
            if (folder / name).is_file():
                return "system", folder / name
        return None

    def _ld_cache(self) -> dict[str, str]:
        if self._ldconfig is None:
            self._ldconfig = read_ld_cache()
        return self._ldconfig


def read_ld_cache() -> dict[str, str]:
    """Library name -> path from ``ldconfig -p`` (this machine's word size only)."""
    tool = shutil.which("ldconfig") or next(
        (p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig") if Path(p).is_file()), None
    )
    if tool is None:
        return {}
    try:
        out = subprocess.run(
            [tool, "-p"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        log.info("ldconfig -p failed: %s", exc)
        return {}
    wide = sys.maxsize > 2**32
    entries: dict[str, str] = {}
    for line in out.splitlines():
        name, _, rest = line.strip().partition(" (")
        flags, _, path = rest.partition(") => ")
        if path and ("64" in flags) == wide:
            entries.setdefault(name, path.strip())
    return entries
