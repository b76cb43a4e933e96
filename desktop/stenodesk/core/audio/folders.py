"""The media files in a folder, as a dropped folder or a folder on the command line means them."""

from __future__ import annotations

import os
from pathlib import Path

from stenodesk.core.audio.decode import MEDIA_EXTENSIONS


def is_media(path: Path) -> bool:
    """Whether ``path``'s name says audio or video (its content is checked when decoded)."""
    return path.suffix.lower() in MEDIA_EXTENSIONS


def usable(path: Path) -> bool:
    """Whether ``path`` is a media file that exists, can be read and is not empty."""
    try:
        return is_media(path) and os.access(path, os.R_OK) and path.stat().st_size > 0
    except OSError:  # gone meanwhile, a broken link
        return False


def media_in(folder: Path) -> list[Path]:
    """The usable media files below ``folder``, in name order.

    Each folder's own files come before those of its subfolders. Hidden
    files and folders are left out, and so are files that are not media: a
    folder of recordings usually holds notes and pictures too.
    """
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and usable(path):
                found.append(path)
    return found
