"""The folder of job journals: create, list, find, load and remove jobs.

One journal per job, named ``<job id>.jsonl``, in the user's data folder
(``UserDirs.jobs``). A job can be resumed when its journal is not finished,
no other process is writing it, the source file still has the size and
modification time it had, and the options and window sizes are the same.
"""

from __future__ import annotations

import enum
import json
import logging
import os
import secrets
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.windows import WindowPlan
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.jobs import records
from stenodesk.core.jobs.journal import (
    SUFFIX,
    JobHeader,
    JournalBusy,
    JournalError,
    JournalState,
    SourceIdentity,
    is_locked,
    read_journal,
)
from stenodesk.core.jobs.writer import JournalClosed, JournalWriter
from stenodesk.core.transcript import Segment, Transcript

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobSummary:
    """One job as a list shows it."""

    id: str
    journal: Path
    header: JobHeader
    position: float
    """Seconds of audio done (up to the last checkpoint)."""
    segments: int
    finished: bool
    running: bool
    """Another process is writing the journal now."""
    started: bool = True
    """False while the job waits in the app's queue."""

    @property
    def source(self) -> Path:
        return Path(self.header.source.path)

    @property
    def fraction(self) -> float:
        """Share of the audio done, 0 when the duration is unknown."""
        if self.finished:
            return 1.0
        duration = self.header.duration
        return min(1.0, self.position / duration) if duration > 0 else 0.0


@dataclass(frozen=True)
class JobSnapshot:
    """A job's transcript so far, and what a resume would keep and redo."""

    summary: JobSummary
    state: JournalState

    @property
    def transcript(self) -> Transcript | None:
        """The whole transcript of a finished job, else None."""
        if self.state.finished is None:
            return None
        return Transcript(self.state.finished, self.state.segments)

    @property
    def segments(self) -> tuple[Segment, ...]:
        """Segments up to the last checkpoint: these stand when the job resumes."""
        return self.state.segments

    @property
    def pending(self) -> tuple[Segment, ...]:
        """Segments of the interrupted window: a resume decodes that window again."""
        return self.state.pending


class Blocker(enum.Enum):
    """Why a job cannot be resumed."""

    RUNNING = "running"
    MOVED = "moved"
    CHANGED = "changed"
    OPTIONS = "options"
    WINDOWS = "windows"


@dataclass(frozen=True)
class NotResumable:
    blocker: Blocker
    reason: str
    """A sentence for the user."""

    @property
    def permanent(self) -> bool:
        """The source file changed or went away: this job can never be resumed."""
        return self.blocker in (Blocker.MOVED, Blocker.CHANGED)


def check_resumable(
    summary: JobSummary, options: TranscribeOptions | None, plan: WindowPlan | None
) -> NotResumable | None:
    """None if the job can be resumed with these options and window sizes, else why not.

    ``options`` None skips the options check (resuming with the job's own).
    """
    header = summary.header
    name = Path(header.source.path).name
    if summary.running:
        return NotResumable(
            Blocker.RUNNING, f"{name} is being transcribed by another Stenodesk process."
        )
    try:
        now = SourceIdentity.of(Path(header.source.path))
    except OSError:
        return NotResumable(Blocker.MOVED, f"{name} is no longer where the job found it.")
    if (now.size, now.mtime_ns) != (header.source.size, header.source.mtime_ns):
        return NotResumable(
            Blocker.CHANGED,
            f"{name} has changed since the job was interrupted (its size or time differ).",
        )
    if options is not None:
        changed = records.options_differ(header.options, options)
        if changed:
            return NotResumable(
                Blocker.OPTIONS, f"the interrupted job used other settings ({', '.join(changed)})."
            )
    if plan is not None and plan != header.windows:
        return NotResumable(
            Blocker.WINDOWS, "the interrupted job was cut into windows of other sizes."
        )
    return None


def new_job_id() -> str:
    """A job id that sorts by creation time: ``20261205-165100-1a2b3c4d``."""
    return f"{time.strftime('%Y%m%d-%H%M%S', time.gmtime())}-{secrets.token_hex(4)}"


class JobStore:
    """Job journals in one folder, for the command line and the app alike.

    Safe to share between threads. While a run writes a job (its writer is
    open in this process), the app's short writes (an edit, a cancel) go
    through that writer; otherwise they open the journal, append and close.

    Args:
        root: the folder (``UserDirs.jobs``); created when the first job starts.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._writers: dict[str, JournalWriter] = {}
        self._lock = threading.Lock()

    def create(
        self,
        source: Path,
        options: TranscribeOptions,
        plan: WindowPlan,
        duration: float,
        *,
        job_id: str | None = None,
        origin: str = "cli",
    ) -> tuple[JobHeader, JournalWriter]:
        """Start a journal for a new job; returns its header and the open writer.

        With the ``job_id`` of an existing job, that job starts afresh (a
        retry, or new options): its old journal is replaced at once.

        Raises:
            OSError: the source cannot be read or the folder written.
            StenodeskError: JOB_STATE when another process runs that job.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        header = JobHeader(
            id=job_id or new_job_id(),
            created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            source=SourceIdentity.of(source),
            options=options,
            windows=plan,
            duration=duration,
            origin=origin,
        )
        path = self._path(header.id)
        try:
            if job_id is None:
                return header, self._track(header.id, JournalWriter.create(path, header))
            return header, self._track(header.id, JournalWriter.replace(path, header))
        except JournalBusy as exc:
            raise _busy() from exc

    def add(self, source: Path, options: TranscribeOptions, job_id: str | None = None) -> JobHeader:
        """A job that waits in the app's queue: its header alone (window sizes and length
        are written again when it starts)."""
        header, writer = self.create(
            source, options, WindowPlan(), 0.0, job_id=job_id, origin="app"
        )
        self.release(writer)
        return header

    def reopen(self, job_id: str) -> JournalWriter:
        """The writer of an existing job, to run it on (see :meth:`release`).

        Raises:
            StenodeskError: JOB_STATE when another process runs it.
        """
        try:
            return self._track(job_id, JournalWriter.append_to(self._path(job_id)))
        except JournalBusy as exc:
            raise _busy() from exc

    def release(self, writer: JournalWriter) -> None:
        """Close a writer from :meth:`create` or :meth:`reopen`."""
        with self._lock:
            for job_id, open_writer in list(self._writers.items()):
                if open_writer is writer:
                    del self._writers[job_id]
        writer.close()

    def append(self, job_id: str, write: Callable[[JournalWriter], None]) -> None:
        """Add a record to a job: through its running writer, or opening it briefly.

        Raises:
            StenodeskError: JOB_STATE when another process runs the job.
            OSError: the journal cannot be written (or is gone).
        """
        with self._lock:
            writer = self._writers.get(job_id)
        if writer is not None:
            try:
                write(writer)
                return
            except JournalClosed:
                pass  # the run ended meanwhile: open the journal briefly instead
        try:
            with JournalWriter.append_to(self._path(job_id)) as brief:
                write(brief)
        except JournalBusy as exc:
            raise _busy() from exc

    def _track(self, job_id: str, writer: JournalWriter) -> JournalWriter:
        with self._lock:
            self._writers[job_id] = writer
        return writer

    def save_order(self, job_ids: list[str]) -> None:
        """The app's queue order (an atomic replace of ``order.json``)."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".order.", dir=self.root)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(job_ids, fh)
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.root / "order.json")

    def order(self) -> list[str]:
        """The app's queue order as saved ([] when there is none)."""
        try:
            data = json.loads((self.root / "order.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [str(x) for x in data] if isinstance(data, list) else []

    def snapshots(self) -> Iterator[JobSnapshot]:
        """Every readable job with its transcript, in the app's queue order (then oldest first)."""
        rank = {job_id: n for n, job_id in enumerate(self.order())}
        found = list(self._snapshots())  # each journal read once
        found.sort(key=lambda s: (rank.get(s.summary.id, len(rank)), s.summary.header.created))
        yield from found

    def jobs(self) -> list[JobSummary]:
        """Every readable job, newest first."""
        return [snapshot.summary for snapshot in self._snapshots()]

    def _snapshots(self) -> Iterator[JobSnapshot]:
        """Every readable journal, newest first."""
        if not self.root.is_dir():
            return
        for path in sorted(self.root.glob("*" + SUFFIX), reverse=True):
            state = self._read(path)
            if state is not None:
                yield JobSnapshot(_summarise(path, state), state)

    def unfinished(self) -> list[JobSummary]:
        """Jobs that were interrupted (or are running now), newest first."""
        return [job for job in self.jobs() if not job.finished]

    def for_source(self, source: Path) -> list[JobSummary]:
        """Jobs for this file (by absolute path), newest first."""
        path = str(source.expanduser().absolute())
        return [job for job in self.jobs() if job.header.source.path == path]

    def load(self, job_id: str) -> JobSnapshot:
        """A job's transcript so far.

        Raises:
            StenodeskError: JOB_STATE when there is no such job or its journal
                cannot be read.
        """
        path = self._path(job_id)
        state = self._read(path)
        if state is None:
            raise StenodeskError(ErrorKind.JOB_STATE, f"The saved job {job_id} cannot be read.")
        return JobSnapshot(_summarise(path, state), state)

    def remove(self, job_id: str) -> None:
        """Forget a job (its journal is deleted); a missing job is not an error."""
        with self._lock:
            writer = self._writers.pop(job_id, None)
        if writer is not None:
            writer.close()
        self._path(job_id).unlink(missing_ok=True)

    def close(self) -> None:
        """Close every writer still open (the app is stopping)."""
        with self._lock:
            writers, self._writers = list(self._writers.values()), {}
        for writer in writers:
            writer.close()

    def _path(self, job_id: str) -> Path:
        if not job_id or "/" in job_id or "\\" in job_id or job_id.startswith("."):
            raise StenodeskError(ErrorKind.JOB_STATE, f"There is no job called {job_id!r}.")
        return self.root / (job_id + SUFFIX)

    def _read(self, path: Path) -> JournalState | None:
        try:
            return read_journal(path)
        except FileNotFoundError:
            return None
        except (OSError, JournalError) as exc:
            log.info("skipping the journal %s: %s", path.name, exc)
            return None


def _summarise(path: Path, state: JournalState) -> JobSummary:
    return JobSummary(
        id=state.header.id,
        journal=path,
        header=state.header,
        position=state.resume.position,
        segments=len(state.segments),
        finished=state.finished is not None,
        running=state.finished is None and is_locked(path),
        started=state.started or state.header.origin == "cli",
    )


def _busy() -> StenodeskError:
    return StenodeskError(ErrorKind.JOB_STATE, "The job is running in another Stenodesk process.")
