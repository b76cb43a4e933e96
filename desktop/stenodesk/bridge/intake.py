"""Which dropped or chosen paths become jobs, and why the others do not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from stenodesk.bridge.jobs import JobError
from stenodesk.core.audio.folders import expand, file_problem
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
    for path in expand(paths):
        if path.is_dir():
            rejected.append(Rejected(path, JobError(ErrorKind.NO_MEDIA_IN_FOLDER, path.name)))
        elif (error := check_file(path)) is None:
            accepted.append(path)
        else:
            rejected.append(Rejected(path, error))
    return Intake(tuple(accepted), tuple(rejected))


def check_file(path: Path) -> JobError | None:
    """Why ``path`` cannot be a job, or None. Decoding problems show up when it runs."""
    problem = file_problem(path)
    return None if problem is None else JobError.from_exception(problem)
