"""Versions of CUDA libraries: from the wheel that installed them, else the file name."""

from __future__ import annotations

import functools
import importlib.metadata
import re
from pathlib import Path

_SO_VERSION = re.compile(r"\.so\.(\d+(?:\.\d+)*)$")
_DLL_VERSION = re.compile(r"64_(\d+)\.dll$", re.IGNORECASE)


def distribution_version(root: Path, path: Path) -> str:
    """The version of the ``nvidia-*`` distribution under ``root`` that owns ``path``.

    The wheels install ``libcublas.so.12`` without the full version in its
    name; the wheel's metadata (``nvidia_cublas_cu12-12.9.1.4.dist-info``)
    has it. Returns "" when no distribution there lists the file.
    """
    try:
        relative = path.relative_to(root).as_posix()
    except ValueError:
        return ""
    return _owners(str(root)).get(relative, "")


@functools.lru_cache(maxsize=16)
def _owners(root: str) -> dict[str, str]:
    owners: dict[str, str] = {}
    for dist in importlib.metadata.distributions(path=[root]):
        name = (dist.metadata["Name"] or "").lower()
        if not name.startswith("nvidia-"):
            continue
        for file in dist.files or ():
            owners.setdefault(file.as_posix(), dist.version)
    return owners


def version_from_name(path: Path) -> str:
    """The version a library's file name (or its symlink target's) carries.

    ``libcublas.so.12 -> libcublas.so.12.4.5.8`` gives ``12.4.5.8``;
    ``cublas64_12.dll`` gives ``12``.
    """
    best = ""
    for name in (path.name, path.resolve().name):
        match = _SO_VERSION.search(name) or _DLL_VERSION.search(name)
        if match and len(match.group(1)) > len(best):
            best = match.group(1)
    return best
