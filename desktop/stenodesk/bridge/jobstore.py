"""Never lose work: every job's segments are appended to a file as they arrive.

One JSON-lines file per job in the user data folder (``queue/<id>.jsonl``),
written append-only and flushed after every record, so a crash or a kill
loses at most the line being written (a torn last line is skipped on load).
Window records carry the engine's resume point, so an interrupted job can
continue where its last complete window ended. Edits made in the transcript
view, failures, cancels and retries are records too, and ``order.json``
keeps the queue order: what the window shows after a restart.

Segments, options, resume points and results are written with the same
encoders as the command line's job journal (``core.jobs.records``); the
queue keeps its own files because it records what a journal does not (the
user's edits, the queue's order, failed and cancelled jobs).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from stenodesk.bridge.jobs import JobError, JobSpec, JobState
from stenodesk.core.editing import EditConflictError, EditRecordError
from stenodesk.core.editing.edit import SpeakerNames
from stenodesk.core.editing.records import edit_from_record
from stenodesk.core.engine.checkpoint import ResumePoint, WindowDone
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Segment, TranscriptInfo
from stenodesk.core.errors import ErrorKind
from stenodesk.core.jobs import records

log = logging.getLogger(__name__)

FORMAT = 2


@dataclass(frozen=True)
class StoredJob:
    """A job as read back from its file."""

    spec: JobSpec
    state: JobState
    segments: tuple[Segment, ...] = ()
    resume: ResumePoint | None = None
    info: TranscriptInfo | None = None
    error: JobError | None = None
    created: float = 0.0
    speaker_names: SpeakerNames = field(default_factory=SpeakerNames)


@dataclass
class _Reading:
    """Mutable state while replaying one file's records."""

    spec: JobSpec
    created: float
    state: JobState = JobState.WAITING
    segments: list[Segment] = field(default_factory=list)
    resume: ResumePoint | None = None
    info: TranscriptInfo | None = None
    error: JobError | None = None
    names: SpeakerNames = field(default_factory=SpeakerNames)

    def apply(self, record: dict[str, Any]) -> None:
        kind = record.get("t")
        if kind == "seg":
            self._put(records.segment_from_json(record["segment"]))
        elif kind == "window":
            self.resume = records.resume_from_json(record["resume"])
        elif kind == "edit":
            index, text = int(record["index"]), str(record["text"])
            self.segments = [s.with_text(text) if s.index == index else s for s in self.segments]
        elif kind == "edit2":
            try:
                edit = edit_from_record(record["edit"])
                self.segments, self.names = (
                    list(edit.apply(self.segments)),
                    edit.apply_names(self.names),
                )
            except (EditRecordError, EditConflictError) as exc:
                log.warning(
                    "%s: a stored edit does not fit and is left out: %s", self.spec.job_id, exc
                )
        elif kind == "started":
            self.state = JobState.RUNNING
        elif kind == "resumed":
            keep = int(record["next_segment"])
            self.segments = [s for s in self.segments if s.index < keep]
            self.state = JobState.RUNNING
        elif kind == "reset":
            options = records.options_from_json(record["options"])
            self.spec = replace(self.spec, options=options, resume=None)
            self.segments, self.resume, self.info, self.error = [], None, None, None
            self.names = SpeakerNames()
            self.state = JobState.WAITING
        elif kind == "finished":
            self.info = records.info_from_json(record["info"])
            self.state = JobState.FINISHED
        elif kind == "failed":
            self.error = JobError(ErrorKind(record["kind"]), record["subject"], record["detail"])
            self.state = JobState.FAILED
        elif kind == "cancelled":
            self.state = JobState.CANCELLED

    def _put(self, seg: Segment) -> None:
        """Add a segment, or revise the one with its index (the loop guard's repeat count).

        A revision never changes the words, so the text stays as it is: it may be
        the user's correction.
        """
        for n in range(len(self.segments) - 1, -1, -1):
            old = self.segments[n]
            if old.index == seg.index:
                self.segments[n] = seg.with_text(old.text)
                return
            if old.index < seg.index:
                break
        self.segments.append(seg)

    def result(self) -> StoredJob:
        state = JobState.INTERRUPTED if self.state.is_open else self.state
        spec = replace(self.spec, resume=self.resume if state is JobState.INTERRUPTED else None)
        return StoredJob(
            spec,
            state,
            tuple(self.segments),
            self.resume,
            self.info,
            self.error,
            self.created,
            self.names,
        )


class JobStore:
    """Append-only job files in one folder; safe to call from the GUI and engine threads."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._files: dict[str, IO[str]] = {}

    def path(self, job_id: str) -> Path:
        return self.folder / f"{job_id}.jsonl"

    # -- writing ------------------------------------------------------------

    def create(self, spec: JobSpec) -> None:
        """Start the file of a new job (it shows as waiting until the engine reports)."""
        header = {
            "t": "job",
            "format": FORMAT,
            "id": spec.job_id,
            "source": str(spec.source),
            "options": records.options_to_json(spec.options),
            "created": time.time(),
        }
        self._append(spec.job_id, header)

    def started(self, spec: JobSpec) -> None:
        if spec.resume is not None:
            self._append(spec.job_id, {"t": "resumed", "next_segment": spec.resume.next_segment})
        else:
            self._append(spec.job_id, {"t": "started"})

    def segment(self, job_id: str, segment: Segment) -> None:
        """A new segment, or a revision of one stored before (same index)."""
        self._append(job_id, {"t": "seg", "segment": records.segment_to_json(segment)})

    def window_done(self, job_id: str, window: WindowDone) -> None:
        record = {"t": "window", "end": window.end, "resume": records.resume_to_json(window.resume)}
        self._append(job_id, record, sync=True)

    def edited(self, job_id: str, index: int, text: str) -> None:
        self._append(job_id, {"t": "edit", "index": index, "text": text})

    def edit(self, job_id: str, record: dict[str, Any]) -> None:
        """An edit made in the transcript view (``Edit.to_record()``), replayed on load."""
        self._append(job_id, {"t": "edit2", "edit": record})

    def finished(self, job_id: str, info: TranscriptInfo) -> None:
        self._append(job_id, {"t": "finished", "info": records.info_to_json(info)}, sync=True)
        self._close(job_id)

    def failed(self, job_id: str, error: JobError) -> None:
        record = {"t": "failed", "kind": error.kind.value, "subject": error.subject}
        self._append(job_id, {**record, "detail": error.detail}, sync=True)
        self._close(job_id)

    def cancelled(self, job_id: str) -> None:
        self._append(job_id, {"t": "cancelled"}, sync=True)
        self._close(job_id)

    def reset(self, job_id: str, options: TranscribeOptions) -> None:
        """Forget a job's results before it runs again (retry) with these options."""
        self._append(job_id, {"t": "reset", "options": records.options_to_json(options)})

    def delete(self, job_id: str) -> None:
        self._close(job_id)
        with contextlib.suppress(FileNotFoundError):
            self.path(job_id).unlink()

    def save_order(self, job_ids: list[str]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".order.", dir=self.folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(job_ids, fh)
        os.replace(tmp, self.folder / "order.json")

    def close(self) -> None:
        for job_id in list(self._files):
            self._close(job_id)

    def _append(self, job_id: str, record: dict[str, Any], *, sync: bool = False) -> None:
        line = json.dumps(record, ensure_ascii=False) + "\n"
        with self._lock:
            fh = self._files.get(job_id)
            if fh is None:
                fh = self._open(job_id)
                self._files[job_id] = fh
            fh.write(line)
            fh.flush()  # in the OS now: a killed process loses nothing
            if sync:
                os.fsync(fh.fileno())  # on the disk: a power cut loses at most a window

    def _open(self, job_id: str) -> IO[str]:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.path(job_id)
        torn = False
        with contextlib.suppress(OSError), path.open("rb") as raw:
            raw.seek(0, os.SEEK_END)
            if raw.tell() > 0:
                raw.seek(-1, os.SEEK_END)
                torn = raw.read(1) != b"\n"
        fh = path.open("a", encoding="utf-8")
        if torn:
            fh.write("\n")  # end a line cut short by a kill, so the next record stands alone
        return fh

    def _close(self, job_id: str) -> None:
        with self._lock:
            fh = self._files.pop(job_id, None)
            if fh is not None:
                fh.close()

    # -- reading ------------------------------------------------------------

    def load_all(self) -> list[StoredJob]:
        """Every job on disk, in the saved queue order (unknown ones last, oldest first)."""
        jobs = []
        for path in sorted(self.folder.glob("*.jsonl")):
            job = self.load(path)
            if job is not None:
                jobs.append(job)
        order = {job_id: n for n, job_id in enumerate(self._read_order())}
        jobs.sort(key=lambda j: (order.get(j.spec.job_id, len(order)), j.created))
        return jobs

    def load(self, path: Path) -> StoredJob | None:
        """One job file; None (and a log line) if it cannot be read at all."""
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            log.warning("cannot read job file %s: %s", path, exc)
            return None
        reading: _Reading | None = None
        for number, line in enumerate(lines, start=1):
            try:
                record = json.loads(line)
                if reading is None:
                    reading = _header(record)
                else:
                    reading.apply(record)
            except (ValueError, KeyError, TypeError) as exc:
                # A line cut short by a kill is expected; it loses at most one segment.
                log.info("%s line %d skipped: %s", path.name, number, exc)
        if reading is None:
            log.warning("job file %s has no header; ignored", path.name)
            return None
        return reading.result()

    def _read_order(self) -> list[str]:
        try:
            data = json.loads((self.folder / "order.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [str(x) for x in data] if isinstance(data, list) else []


def _header(record: dict[str, Any]) -> _Reading:
    if record.get("t") != "job" or record.get("format") != FORMAT:
        raise ValueError("the first line is not a job header of this version")
    options = records.options_from_json(record["options"])
    spec = JobSpec(str(record["id"]), Path(record["source"]), options)
    return _Reading(spec, float(record.get("created", 0.0)))
