"""Appending to a job journal: each line handed to the OS at once, checkpoints synced.

A :class:`JournalWriter` holds the journal open with an exclusive lock
(``flock``) while a run writes it, so another process sees the job as
running. Short writes from a front end (an edit, a failure) open the
journal, append and close it again; the job store routes them through the
running job's writer when there is one in this process.

Segments are synced at most ``SYNC_SECONDS`` apart (a sync per segment would
cost a fast GPU run a few percent), checkpoints and ends at once, so even a
power cut loses no more than the last second of segments, which a resume
decodes again anyway.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from stenodesk.core.engine.checkpoint import WindowDone
from stenodesk.core.jobs import records
from stenodesk.core.jobs.journal import JobFailure, JobHeader, JournalBusy, header_to_json
from stenodesk.core.transcript import Segment, TranscriptInfo

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; the app's single-instance guard remains
    fcntl = None  # type: ignore[assignment]

SYNC_SECONDS = 1.0
"""Longest time a written segment line may wait for its sync to disk."""

FILE_MODE = 0o600
"""A transcript is private: only its owner reads it."""


class JournalClosed(ValueError):  # noqa: N818 - a state, like JournalBusy
    """A record was written to a writer that was closed (its run ended meanwhile)."""


class JournalWriter:
    """Appends a job's events to its journal; safe to call from several threads."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd
        self._synced = time.monotonic()
        self._lock_writes = threading.Lock()

    @classmethod
    def create(cls, path: Path, header: JobHeader) -> JournalWriter:
        """Start a new journal at ``path`` (which must not exist)."""
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        writer = cls(path, fd)
        try:
            writer._lock()
            writer._append(header_to_json(header))
            _sync_folder(path.parent)
        except BaseException:
            writer.close()
            path.unlink(missing_ok=True)
            raise
        return writer

    @classmethod
    def replace(cls, path: Path, header: JobHeader) -> JournalWriter:
        """Start ``path`` afresh with ``header`` (a retry), atomically: readers see the
        old journal or the new one, never a mix.

        Raises:
            JournalBusy: another process is writing the old journal.
        """
        if path.exists():
            cls.append_to(path).close()  # refuses while another process runs the job
        tmp = path.with_name(f".{path.name}.{os.getpid()}.new")
        tmp.unlink(missing_ok=True)
        writer = cls.create(tmp, header)
        try:
            os.replace(tmp, path)
        except BaseException:
            writer.close()
            tmp.unlink(missing_ok=True)
            raise
        writer.path = path
        _sync_folder(path.parent)
        return writer

    @classmethod
    def append_to(cls, path: Path) -> JournalWriter:
        """Continue an existing journal; a torn last line is cut off first.

        Raises:
            JournalBusy: another process is writing it.
            OSError: it cannot be opened.
        """
        fd = os.open(path, os.O_RDWR)
        writer = cls(path, fd)
        try:
            writer._lock()
            _cut_torn_tail(fd)
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
        line = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
        with self._lock_writes:
            if self._fd is None:
                raise JournalClosed(str(self.path))
            os.write(self._fd, line.encode("utf-8"))
            now = time.monotonic()
            if sync or now - self._synced >= SYNC_SECONDS:
                os.fsync(self._fd)
                self._synced = now

    def started(self, *, resumed: bool) -> None:
        """A run begins: from the start, or from the last checkpoint."""
        self._append({"type": "resumed" if resumed else "started"})

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

    def voices(self, record: dict[str, Any]) -> None:
        """Record voices the speaker step analysed (:mod:`stenodesk.core.speakers.stored`).

        Not synced: losing the last of them to a crash costs only their analysis again.
        """
        self._append({"type": "voices", **record}, sync=False)

    def speakers(self, segments: Sequence[Segment]) -> None:
        """Record the transcript as the speaker step left it."""
        items = [records.segment_to_json(seg) for seg in segments]
        self._append({"type": "speakers", "segments": items})

    def finished(self, info: TranscriptInfo) -> None:
        """Mark the job finished."""
        self._append({"type": "finished", "info": records.info_to_json(info)})

    def failed(self, failure: JobFailure) -> None:
        record = {"type": "failed", "kind": failure.kind, "subject": failure.subject}
        self._append({**record, "detail": failure.detail})

    def cancelled(self) -> None:
        self._append({"type": "cancelled"})

    def edit(self, record: dict[str, Any]) -> None:
        """A user's edit (:func:`~stenodesk.core.editing.records.edit_to_record`).

        Handed to the OS at once (a crash of the app loses no edit). It is synced
        to disk when the writer closes: at once for the app's brief writes (one per
        finished cell edit or command, not per keystroke), or with the running
        job's next checkpoint.
        """
        self._append({"type": "edit", "edit": record}, sync=False)

    def close(self) -> None:
        with self._lock_writes:
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


def _cut_torn_tail(fd: int) -> None:
    """Drop a last line without its newline (a write cut short by a kill)."""
    size = os.lseek(fd, 0, os.SEEK_END)
    keep, step = size, 4096
    while keep > 0:
        start = max(0, keep - step)
        os.lseek(fd, start, os.SEEK_SET)
        chunk = os.read(fd, keep - start)
        newline = chunk.rfind(b"\n")
        if newline >= 0:
            keep = start + newline + 1
            break
        keep = start
    if keep != size:
        os.ftruncate(fd, keep)
        os.fsync(fd)
    os.lseek(fd, 0, os.SEEK_END)


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
