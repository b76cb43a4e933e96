"""Which paths name media to transcribe: a folder stands for the media files in it.

The app's drops and the command line take paths the same way.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from stenodesk.core.audio.decode import MEDIA_EXTENSIONS
from stenodesk.core.errors import ErrorKind, StenodeskError


def is_media(path: Path) -> bool:
    """Whether ``path``'s name says audio or video (its content is checked when decoded)."""
    return path.suffix.lower() in MEDIA_EXTENSIONS


def file_problem(path: Path) -> StenodeskError | None:
    """Why the file ``path`` cannot be transcribed, as far as its name and size tell; or None.

    Decoding problems show up when it runs.
    """
    try:
        if not path.exists():
            return StenodeskError(ErrorKind.FILE_MISSING, path.name)
        if not is_media(path):
            suffix = path.suffix or "(none)"
            return StenodeskError(ErrorKind.NOT_MEDIA, path.name, f"extension {suffix}")
        if not os.access(path, os.R_OK):
            return StenodeskError(ErrorKind.PERMISSION_DENIED, path.name)
        if path.stat().st_size == 0:
            return StenodeskError(ErrorKind.EMPTY_AUDIO, path.name, "0 bytes")
    except OSError as exc:  # gone meanwhile
        return StenodeskError(ErrorKind.FILE_MISSING, path.name, str(exc))
    return None


def media_in(folder: Path) -> list[Path]:
    """The media files below ``folder`` that :func:`file_problem` passes, in name order.

    Each folder's own files come before those of its subfolders. Hidden
    files and folders are left out, and so are files that are not media: a
    folder of recordings usually holds notes and pictures too.
    """
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and file_problem(path) is None:
                found.append(path)
    return found


def expand(paths: Iterable[Path]) -> list[Path]:
    """``paths`` in order, each folder replaced by :func:`media_in`; no path twice.

    A folder without media stays as itself, for the caller to refuse.
    """
    out: list[Path] = []
    for path in paths:
        found = media_in(path) if path.is_dir() else []
        out.extend(found or [path])
    return list(dict.fromkeys(out))
