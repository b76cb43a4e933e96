"""The job journal: one JSON line per event, appended and synced as a job runs.

The one storage format of jobs, for the command line and the desktop app.
A journal is a UTF-8 file of JSON lines:

- ``{"type": "job", ...}``: the header: job id, who made it (``origin``:
  ``cli`` or ``app``), the source file's identity (absolute path, size,
  modification time), the options and window sizes. A job with nothing but
  its header is waiting in the app's queue.
- ``{"type": "started"}`` / ``{"type": "resumed"}``: a run began from the
  start, or continued from the last checkpoint (what the interrupted window
  had produced is dropped: it is decoded again).
- ``{"type": "segment", "segment": {...}}``: each segment as it is produced.
  A later line with the same index revises the earlier one (the loop guard's
  repeat count) and keeps its text, which may be the user's correction.
- ``{"type": "window", ..., "resume": {...}}``: after each window, the point
  from which a later run continues (a checkpoint).
- ``{"type": "voices", ...}``: voices analysed for the speaker step while the
  job decodes (:mod:`stenodesk.core.speakers.stored`); a resumed job goes on
  from them, a fresh start forgets them.
- ``{"type": "speakers", "segments": [...]}``: the transcript after the
  speaker step (segments split where the voice changes).
- ``{"type": "finished", "info": {...}}``: the transcription completed.
- ``{"type": "failed", ...}`` / ``{"type": "cancelled"}``: how a run ended
  when it did not finish.
- ``{"type": "edit", "edit": {...}}``: a change the user made in the
  transcript (:mod:`stenodesk.core.editing.records`); the journal replays
  them in order, so what was shown is what is read back.

Each kind is read by one entry of ``_RECORD_KINDS``; a new kind is a new
entry. A kind this version does not know (written by a later one) is skipped,
not taken for a torn line, so a newer journal stays readable here.

Every line is handed to the operating system with one ``write`` as soon as
it exists, so a crash or a kill of the process loses at most the line being
written (see :mod:`stenodesk.core.jobs.writer`). A torn or unreadable line
ends the journal there: what came before it stands; the next writer cuts a
torn tail off before it appends.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stenodesk.core.editing.edit import EditConflictError, SpeakerNames
from stenodesk.core.editing.records import EditRecordError, edit_from_record
from stenodesk.core.engine.checkpoint import ResumePoint
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.windows import WindowPlan
from stenodesk.core.jobs import records
from stenodesk.core.transcript import Segment, TranscriptInfo

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; one app instance is assumed
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
SUFFIX = ".jsonl"
ORIGINS = ("cli", "app")


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
    origin: str = "cli"
    """Who made the job: ``cli`` (removed once its outputs are written) or ``app``
    (kept in the app's queue until the user removes it)."""


@dataclass(frozen=True)
class JobFailure:
    """Why a run failed, as the front end said it (an :class:`ErrorKind` value and words)."""

    kind: str
    subject: str = ""
    detail: str = ""


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
    started: bool = False
    """A run began (else the job waits in the app's queue)."""
    failure: JobFailure | None = None
    """The last run failed, and why."""
    cancelled: bool = False
    """The last run was cancelled by the user."""
    edits: int = 0
    """How many of the user's edits were replayed."""
    speaker_names: SpeakerNames = field(default_factory=SpeakerNames)
    """What the user calls the speakers (renamed in the transcript view)."""
    voices: tuple[dict[str, Any], ...] = ()
    """The ``voices`` records since the run that started the job afresh, in order
    (none once the job finished: only an interrupted job goes on from them)."""

    @property
    def all_segments(self) -> tuple[Segment, ...]:
        """Every segment read, those of an interrupted window too (what was shown)."""
        return self.segments + self.pending


def header_to_json(header: JobHeader) -> dict[str, Any]:
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
        "origin": header.origin,
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
            origin=str(data.get("origin", "cli")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise JournalError(f"bad job header: {exc}") from exc


class _Reader:
    """Folds the journal's lines into a :class:`JournalState`."""

    def __init__(self, header: JobHeader, header_bytes: int) -> None:
        self.header = header
        self.committed: dict[int, Segment] = {}
        self.pending: dict[int, Segment] = {}
        self.revisions: dict[int, Segment] = {}
        """Revisions of checkpointed segments: they count from the next checkpoint on."""
        self.resume = ResumePoint()
        self.checkpoint = header_bytes
        self.finished: TranscriptInfo | None = None
        self.skipped: set[str] = set()
        self.started = False
        self.failure: JobFailure | None = None
        self.cancelled = False
        self.edits = 0
        self.names = SpeakerNames()
        self.layout: list[int] = []
        """The order of lines after the last edit (an edit can put a new index anywhere)."""
        self.voices: list[dict[str, Any]] = []

    def ordered(self, segments: dict[int, Segment]) -> list[Segment]:
        """``segments`` in transcript order: the last edit's, then the rest by index."""
        placed = [segments[i] for i in self.layout if i in segments]
        known = set(self.layout)
        return placed + [seg for i, seg in sorted(segments.items()) if i not in known]

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

    def _started(self, _data: dict[str, Any], _end: int) -> None:
        self.committed.clear()
        self.pending.clear()
        self.revisions.clear()
        self.layout.clear()
        self.names = SpeakerNames()
        self.resume = ResumePoint()
        self.voices.clear()
        self._run_begins()

    def _resumed(self, _data: dict[str, Any], _end: int) -> None:
        self.pending.clear()  # the interrupted window is decoded again
        self.revisions.clear()
        self._run_begins()

    def _run_begins(self) -> None:
        self.started = True
        self.finished, self.failure, self.cancelled = None, None, False

    def _segment(self, data: dict[str, Any], _end: int) -> None:
        seg = records.segment_from_json(data["segment"])
        old = self.pending.get(seg.index, self.committed.get(seg.index))
        if old is not None:
            seg = seg.with_text(old.text)  # a revision: the text may be a correction
        if seg.index in self.committed:
            self.revisions[seg.index] = seg
        else:
            self.pending[seg.index] = seg

    def _commit(self) -> None:
        self.committed.update(self.pending)
        self.committed.update(self.revisions)
        self.pending.clear()
        self.revisions.clear()

    def _window(self, data: dict[str, Any], end: int) -> None:
        self._commit()
        self.resume = records.resume_from_json(data["resume"])
        self.checkpoint = end

    def _voices(self, data: dict[str, Any], _end: int) -> None:
        if not isinstance(data.get("windows"), list):
            raise ValueError("a voices record without windows")
        self.voices.append(data)

    def _speakers(self, data: dict[str, Any], _end: int) -> None:
        segments = [records.segment_from_json(item) for item in data["segments"]]
        self.committed = {seg.index: seg for seg in segments}
        self.pending.clear()
        self.revisions.clear()
        self.layout = [seg.index for seg in segments]

    def _finished(self, data: dict[str, Any], end: int) -> None:
        self._commit()
        self.voices.clear()  # only an interrupted job goes on from them
        self.finished = records.info_from_json(data["info"])
        self.checkpoint = end

    def _failed(self, data: dict[str, Any], _end: int) -> None:
        self.failure = JobFailure(str(data["kind"]), str(data["subject"]), str(data["detail"]))

    def _cancelled(self, _data: dict[str, Any], _end: int) -> None:
        self.cancelled = True

    def _edit(self, data: dict[str, Any], _end: int) -> None:
        """Replay a user's edit on every segment read so far (rows as the user saw them)."""
        shown = self.ordered({**self.committed, **self.revisions, **self.pending})
        try:
            edit = edit_from_record(data["edit"])
            edited = edit.apply(shown)
            names = edit.apply_names(self.names)
        except (EditRecordError, EditConflictError) as exc:
            # Never half-applied: the transcript stays as it was before this edit.
            log.warning("an edit in the journal of %s cannot be replayed: %s", self.header.id, exc)
            return
        pending = set(self.pending)
        self.committed = {s.index: s for s in edited if s.index not in pending}
        self.pending = {s.index: s for s in edited if s.index in pending}
        self.revisions.clear()  # shown, so part of what the edit replaced
        self.layout = [s.index for s in edited]
        self.names = names
        self.edits += 1

    def state(self, torn: bool) -> JournalState:
        return JournalState(
            header=self.header,
            segments=tuple(self.ordered(self.committed)),
            pending=tuple(
                seg for seg in self.ordered(self.pending) if seg.index >= self.resume.next_segment
            ),
            resume=self.resume,
            checkpoint_bytes=self.checkpoint,
            finished=self.finished,
            torn=torn,
            started=self.started,
            failure=self.failure,
            cancelled=self.cancelled,
            edits=self.edits,
            speaker_names=self.names,
            voices=tuple(self.voices),
        )


_RECORD_KINDS: dict[str, Callable[[_Reader, dict[str, Any], int], None]] = {
    "started": _Reader._started,
    "resumed": _Reader._resumed,
    "segment": _Reader._segment,
    "window": _Reader._window,
    "voices": _Reader._voices,
    "speakers": _Reader._speakers,
    "finished": _Reader._finished,
    "failed": _Reader._failed,
    "cancelled": _Reader._cancelled,
    "edit": _Reader._edit,
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
