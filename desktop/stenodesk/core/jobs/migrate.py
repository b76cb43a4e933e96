"""The one-time move of the app's old job queue (``queue/``, format 2) into the journals.

Stenodesk 0.x kept the desktop app's jobs in a format of their own. On the
first start of a version with one job store, each of those files becomes a
journal in ``jobs/`` (segments with the user's corrections, the resume
point, the end: finished, failed or cancelled), the queue order moves with
them, and the old folder is renamed ``queue.migrated`` so that it is read
once and nothing is deleted. A file that cannot be read is left there and
named in the log.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stenodesk.core.engine.checkpoint import ResumePoint, WindowDone
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Segment, TranscriptInfo
from stenodesk.core.engine.windows import WindowPlan
from stenodesk.core.jobs import records
from stenodesk.core.jobs.journal import JobFailure, JobHeader, SourceIdentity
from stenodesk.core.jobs.store import JobStore
from stenodesk.core.jobs.writer import JournalWriter

log = logging.getLogger(__name__)

OLD_FORMAT = 2
MIGRATED = "queue.migrated"


@dataclass
class OldJob:
    """One format-2 queue file, replayed."""

    job_id: str
    source: Path
    options: TranscribeOptions
    created: float
    started: bool = False
    segments: list[Segment] = field(default_factory=list)
    resume: ResumePoint | None = None
    info: TranscriptInfo | None = None
    failure: JobFailure | None = None
    cancelled: bool = False

    def apply(self, record: dict[str, Any]) -> None:
        kind = record.get("t")
        if kind == "seg":
            self._put(records.segment_from_json(record["segment"]))
        elif kind == "window":
            self.resume = records.resume_from_json(record["resume"])
        elif kind == "edit":
            index, text = int(record["index"]), str(record["text"])
            self.segments = [s.with_text(text) if s.index == index else s for s in self.segments]
        elif kind in ("started", "resumed"):
            if kind == "resumed":
                keep = int(record["next_segment"])
                self.segments = [s for s in self.segments if s.index < keep]
            self.started, self.failure, self.cancelled = True, None, False
        elif kind == "reset":
            self.options = records.options_from_json(record["options"])
            self.segments, self.resume, self.info = [], None, None
            self.started, self.failure, self.cancelled = False, None, False
        elif kind == "finished":
            self.info = records.info_from_json(record["info"])
        elif kind == "failed":
            self.failure = JobFailure(record["kind"], record["subject"], record["detail"])
        elif kind == "cancelled":
            self.cancelled = True

    def _put(self, seg: Segment) -> None:
        for n, old in enumerate(self.segments):
            if old.index == seg.index:  # a revision keeps the (maybe corrected) text
                self.segments[n] = seg.with_text(old.text)
                return
        self.segments.append(seg)


def read_old_job(path: Path) -> OldJob | None:
    """A format-2 file replayed; None when it has no readable header."""
    job: OldJob | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            record = json.loads(line)
            if job is None:
                if record.get("t") != "job" or record.get("format") != OLD_FORMAT:
                    return None
                options = records.options_from_json(record["options"])
                created = float(record.get("created", 0.0))
                job = OldJob(str(record["id"]), Path(record["source"]), options, created)
            else:
                job.apply(record)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            log.info("%s line %d skipped: %s", path.name, number, exc)  # a torn line
    return job


def migrate_queue(queue: Path, store: JobStore) -> int:
    """Move the old queue's jobs into ``store`` once; returns how many moved."""
    if not queue.is_dir():
        return 0
    moved = 0
    for path in sorted(queue.glob("*.jsonl")):
        try:
            job = read_old_job(path)
            if job is None:
                log.warning("old queue file %s has no header; left in place", path.name)
                continue
            if store.root.joinpath(job.job_id + ".jsonl").exists():
                continue
            store.root.mkdir(parents=True, exist_ok=True)
            _write(job, store.root / (job.job_id + ".jsonl"))
            moved += 1
        except OSError as exc:
            log.warning("cannot move the old queue file %s: %s", path.name, exc)
    order = _read_order(queue / "order.json")
    if order:
        store.save_order(order + [i for i in store.order() if i not in order])
    queue.rename(queue.with_name(MIGRATED))
    log.info("moved %d jobs of the old queue into the job journals", moved)
    return moved


def _write(job: OldJob, path: Path) -> None:
    try:
        source = SourceIdentity.of(job.source)
    except OSError:  # gone: it shows, and can never be resumed
        source = SourceIdentity(str(job.source.expanduser().absolute()), -1, 0)
    header = JobHeader(
        id=job.job_id,
        created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(job.created)),
        source=source,
        options=job.options,
        windows=WindowPlan(),
        duration=job.info.duration if job.info is not None else 0.0,
        origin="app",
    )
    with JournalWriter.create(path, header) as writer:
        if job.started or job.segments:  # else it was waiting (and perhaps cancelled)
            _write_run(job, writer)
        if job.info is not None:
            writer.finished(job.info)
        elif job.failure is not None:
            writer.failed(job.failure)
        elif job.cancelled:
            writer.cancelled()


def _write_run(job: OldJob, writer: JournalWriter) -> None:
    writer.started(resumed=False)
    keep = job.resume.next_segment if job.resume is not None else 0
    for seg in job.segments:
        if seg.index < keep:
            writer.segment(seg)
    if job.resume is not None:
        position = job.resume.position
        writer.window(WindowDone(job.resume.window_index - 1, 0.0, position, job.resume))
    for seg in job.segments:
        if seg.index >= keep:
            writer.segment(seg)


def _read_order(path: Path) -> list[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [str(x) for x in data] if isinstance(data, list) else []
