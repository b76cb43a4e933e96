"""Which dropped or chosen paths become jobs, and why the others do not."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from stenodesk.bridge.jobs import JobError
from stenodesk.core.audio.folders import is_media, media_in
from stenodesk.core.errors import ErrorKind


@dataclass(frozen=True)
class Rejected:
    """A path that was not queued, with the reason."""

    path: Path
    error: JobError


@dataclass(frozen=True)
class Intake:
    accepted: tuple[Path, ...]
    rejected: tuple[Rejected, ...]


def collect(paths: Iterable[Path]) -> Intake:
    """Expand folders (recursively, in name order) and check each file.

    A file given by name is rejected with its reason when it is not a media
    file, is missing, empty or unreadable; inside a folder, files that are not
    media are skipped quietly, and a folder without any is rejected.
    """
    accepted: list[Path] = []
    rejected: list[Rejected] = []
    for path in paths:
        if path.is_dir():
            found = media_in(path)
            if found:
                accepted.extend(found)
            else:
                error = JobError(ErrorKind.NO_MEDIA_IN_FOLDER, path.name)
                rejected.append(Rejected(path, error))
            continue
        error_or_none = check_file(path)
        if error_or_none is None:
            accepted.append(path)
        else:
            rejected.append(Rejected(path, error_or_none))
    return Intake(tuple(dict.fromkeys(accepted)), tuple(rejected))


def check_file(path: Path) -> JobError | None:
    """Why ``path`` cannot be a job, or None. Decoding problems show up when it runs."""
    if not path.exists():
        return JobError(ErrorKind.FILE_MISSING, path.name)
    if not is_media(path):
        return JobError(ErrorKind.NOT_MEDIA, path.name, f"extension {path.suffix or '(none)'}")
    if not os.access(path, os.R_OK):
        return JobError(ErrorKind.PERMISSION_DENIED, path.name)
    if path.stat().st_size == 0:
        return JobError(ErrorKind.EMPTY_AUDIO, path.name, "0 bytes")
    return None
