"""The job journal: one JSON line per event, appended and synced as a job runs.

A journal is a UTF-8 file of JSON lines:

- ``{"type": "job", ...}``: the header: job id, the source file's identity
  (absolute path, size, modification time), the options and window sizes.
- ``{"type": "segment", "segment": {...}}``: each segment as it is produced.
  A later line with the same index replaces an earlier one (the loop guard
  revises a segment's repeat count).
- ``{"type": "window", ..., "resume": {...}}``: after each window, the point
  from which a later run continues (a checkpoint).
- ``{"type": "finished", "info": {...}}``: the transcription completed.

Each kind is read by one entry of ``_RECORD_KINDS``; a new kind is a new
entry. A kind this version does not know (written by a later one) is skipped,
not taken for a torn line, so a newer journal stays readable here.

Every line is handed to the operating system with one ``write`` as soon as
it exists, so a crash or a kill of the process loses at most the line being
written. Checkpoints are also synced to disk at once, segments at most
``SYNC_SECONDS`` apart (a sync per segment would cost a fast GPU run a few
percent), so even a power cut loses no more than the last second of
segments, which a resume decodes again anyway. A torn or unreadable line ends
the journal there: what came before it stands. Resuming truncates the file
to its last checkpoint, dropping the segments of the window that was
running, and decodes that window again.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from stenodesk.core.engine.checkpoint import ResumePoint, WindowDone
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Segment, TranscriptInfo
from stenodesk.core.engine.windows import WindowPlan
from stenodesk.core.jobs import records

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; one app instance is assumed
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
SUFFIX = ".jsonl"
SYNC_SECONDS = 1.0
"""Longest time a written segment line may wait for its sync to disk."""


class JournalError(Exception):
    """The journal cannot be read (no header, another format version)."""


class JournalBusy(Exception):  # noqa: N818 - a state, like Cancelled
    """Another process is writing this journal (its job is running)."""


@dataclass(frozen=True)
class SourceIdentity:
    """Which file a job transcribes; a different size or time means another file."""

    path: str
    """Absolute path."""
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> SourceIdentity:
        """The identity of ``path`` now (raises OSError if it cannot be read)."""
        absolute = path.expanduser().absolute()
        st = absolute.stat()
        return cls(str(absolute), st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class JobHeader:
    """What a job is: written once, first, in its journal."""

    id: str
    created: str
    """ISO 8601 time, UTC."""
    source: SourceIdentity
    options: TranscribeOptions
    windows: WindowPlan
    duration: float
    """Seconds of audio, as the container says (0 when unknown)."""


@dataclass(frozen=True)
class JournalState:
    """A journal read back."""

    header: JobHeader
    segments: tuple[Segment, ...]
    """Segments up to the last checkpoint: what a resumed job keeps."""
    pending: tuple[Segment, ...]
    """Segments of the window that was running; a resumed job decodes it again."""
    resume: ResumePoint
    checkpoint_bytes: int
    """Length of the file up to and including the last checkpoint line."""
    finished: TranscriptInfo | None
    torn: bool
    """True when the journal ended in a torn or unreadable line."""


def _header_to_json(header: JobHeader) -> dict[str, Any]:
    return {
        "type": "job",
        "version": FORMAT_VERSION,
        "id": header.id,
        "created": header.created,
        "source": {
            "path": header.source.path,
            "size": header.source.size,
            "mtime_ns": header.source.mtime_ns,
        },
        "options": records.options_to_json(header.options),
        "windows": records.plan_to_json(header.windows),
        "duration": header.duration,
    }


def _header_from_json(data: dict[str, Any]) -> JobHeader:
    if data.get("type") != "job":
        raise JournalError("the first line is not a job header")
    if data.get("version") != FORMAT_VERSION:
        raise JournalError(f"journal format {data.get('version')!r}, not {FORMAT_VERSION}")
    try:
        src = data["source"]
        return JobHeader(
            id=str(data["id"]),
            created=str(data["created"]),
            source=SourceIdentity(str(src["path"]), int(src["size"]), int(src["mtime_ns"])),
            options=records.options_from_json(data["options"]),
            windows=records.plan_from_json(data["windows"]),
            duration=float(data.get("duration", 0.0)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise JournalError(f"bad job header: {exc}") from exc


class _Reader:
    """Folds the journal's lines into a :class:`JournalState`."""

    def __init__(self, header: JobHeader, header_bytes: int) -> None:
        self.header = header
        self.committed: dict[int, Segment] = {}
        self.pending: dict[int, Segment] = {}
        self.resume = ResumePoint()
        self.checkpoint = header_bytes
        self.finished: TranscriptInfo | None = None
        self.skipped: set[str] = set()

    def feed(self, data: dict[str, Any], end: int) -> None:
        kind = data.get("type") if isinstance(data, dict) else None
        if not isinstance(kind, str):
            raise ValueError("a line that is not a record")
        read = _RECORD_KINDS.get(kind)
        if read is not None:
            read(self, data, end)
        elif kind not in self.skipped:
            self.skipped.add(kind)
            log.info("skipping %r records, from a later version", kind)

    def _segment(self, data: dict[str, Any], _end: int) -> None:
        seg = records.segment_from_json(data["segment"])
        self.pending[seg.index] = seg

    def _window(self, data: dict[str, Any], end: int) -> None:
        self.committed.update(self.pending)
        self.pending.clear()
        self.resume = records.resume_from_json(data["resume"])
        self.checkpoint = end

    def _finished(self, data: dict[str, Any], end: int) -> None:
        self.committed.update(self.pending)
        self.pending.clear()
        self.finished = records.info_from_json(data["info"])
        self.checkpoint = end

    def state(self, torn: bool) -> JournalState:
        return JournalState(
            header=self.header,
            segments=tuple(self.committed[i] for i in sorted(self.committed)),
            pending=tuple(
                seg for i, seg in sorted(self.pending.items()) if i >= self.resume.next_segment
            ),
            resume=self.resume,
            checkpoint_bytes=self.checkpoint,
            finished=self.finished,
            torn=torn,
        )


_RECORD_KINDS: dict[str, Callable[[_Reader, dict[str, Any], int], None]] = {
    "segment": _Reader._segment,
    "window": _Reader._window,
    "finished": _Reader._finished,
}
"""How each record kind changes the state read so far (``end``: the byte after its line)."""


def read_journal(path: Path) -> JournalState:
    """Read a journal, tolerating a torn end.

    Raises:
        JournalError: the header is missing, torn or of another format.
        OSError: the file cannot be read.
    """
    raw = path.read_bytes()
    lines = raw.split(b"\n")
    # A complete file ends with a newline, so the last piece is empty.
    complete, tail = lines[:-1], lines[-1]
    if not complete:
        raise JournalError("no complete header line")
    try:
        header = _header_from_json(json.loads(complete[0]))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise JournalError(f"unreadable header: {exc}") from exc
    offset = len(complete[0]) + 1
    reader = _Reader(header, offset)
    torn = bool(tail)
    for line in complete[1:]:
        offset += len(line) + 1
        try:
            reader.feed(json.loads(line), offset)
        except (ValueError, KeyError, TypeError) as exc:
            log.info("%s: journal ends in an unreadable line (%s)", path.name, exc)
            torn = True
            break
        if reader.finished is not None:
            break
    return reader.state(torn)


def is_locked(path: Path) -> bool:
    """True while a process holds the journal open for writing (its job is running)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing also drops the shared lock
    return False


class JournalWriter:
    """Appends a job's events to its journal, each line synced to disk."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd
        self._synced = time.monotonic()

    @classmethod
    def create(cls, path: Path, header: JobHeader) -> JournalWriter:
        """Start a new journal at ``path`` (which must not exist)."""
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        writer = cls(path, fd)
        try:
            writer._lock()
            writer._append(_header_to_json(header))
            _sync_folder(path.parent)
        except BaseException:
            writer.close()
            path.unlink(missing_ok=True)
            raise
        return writer

    @classmethod
    def reopen(cls, path: Path, state: JournalState) -> JournalWriter:
        """Continue a journal from its last checkpoint, dropping what came after it."""
        fd = os.open(path, os.O_WRONLY)
        writer = cls(path, fd)
        try:
            writer._lock()
            os.ftruncate(fd, state.checkpoint_bytes)
            os.lseek(fd, 0, os.SEEK_END)
            os.fsync(fd)
        except BaseException:
            writer.close()
            raise
        return writer

    def _lock(self) -> None:
        if fcntl is None or self._fd is None:
            return
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise JournalBusy(str(self.path)) from exc

    def _append(self, data: dict[str, Any], *, sync: bool = True) -> None:
        if self._fd is None:
            raise ValueError("the journal is closed")
        line = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
        os.write(self._fd, line.encode("utf-8"))
        now = time.monotonic()
        if sync or now - self._synced >= SYNC_SECONDS:
            os.fsync(self._fd)
            self._synced = now

    def segment(self, seg: Segment) -> None:
        """Record a segment as it is produced."""
        self._append({"type": "segment", "segment": records.segment_to_json(seg)}, sync=False)

    def window(self, done: WindowDone) -> None:
        """Record a finished window: revised segments, then the checkpoint."""
        for seg in done.revised:
            self._append({"type": "segment", "segment": records.segment_to_json(seg)}, sync=False)
        self._append(
            {
                "type": "window",
                "index": done.index,
                "start": done.start,
                "end": done.end,
                "resume": records.resume_to_json(done.resume),
            }
        )

    def finished(self, info: TranscriptInfo) -> None:
        """Mark the job finished."""
        self._append({"type": "finished", "info": records.info_to_json(info)})

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.fsync(self._fd)  # what came after the last sync
            os.close(self._fd)  # releases the lock
            self._fd = None

    def __enter__(self) -> JournalWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _sync_folder(folder: Path) -> None:
    """Make a new file's name durable too (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
