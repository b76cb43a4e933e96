"""The Transcribe page's logic: files in, jobs through the engine, transcripts out.

It keeps the queue table (:class:`JobQueueModel`) and one
:class:`TranscriptDocument` per job in step with the engine's signals, and
restores both from the job store on start.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from stenodesk.bridge.engine import Engine
from stenodesk.bridge.intake import Rejected, collect
from stenodesk.bridge.jobs import JobError, JobSpec, JobState, new_job_id
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Progress, Segment, Transcript, TranscriptInfo
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.jobs.journal import JobFailure
from stenodesk.core.jobs.store import JobSnapshot
from stenodesk.ui.queue_model import JobQueueModel, JobRow
from stenodesk.ui.transcript_model import TranscriptDocument

log = logging.getLogger(__name__)


class JobsViewModel(QObject):
    """Adds, runs, cancels, retries, reorders and restores jobs.

    Signals:
        file_rejected(str, object): a path that was not queued and its JobError.
        job_ended(str): a job finished, failed or was cancelled.
    """

    file_rejected = Signal(str, object)
    job_ended = Signal(str)

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.model = JobQueueModel(self)
        self.documents: dict[str, TranscriptDocument] = {}
        self._resume_points: dict[str, JobSpec] = {}
        engine.job_started.connect(self._on_engine_job_started)
        engine.job_begun.connect(self._on_engine_job_begun)
        engine.job_progress.connect(self._on_engine_job_progress)
        engine.job_segment.connect(self._on_engine_job_segment)
        engine.job_notice.connect(self._on_engine_job_notice)
        engine.job_finished.connect(self._on_engine_job_finished)
        engine.job_failed.connect(self._on_engine_job_failed)
        engine.job_cancelled.connect(self._on_engine_job_cancelled)

    # -- adding -------------------------------------------------------------

    def add_paths(self, paths: Iterable[Path], options: TranscribeOptions) -> list[str]:
        """Queue every media file among ``paths`` (folders are searched); returns new job ids.

        Rejected paths are listed in the queue with their reason.
        """
        intake = collect(paths)
        added = []
        open_sources = {r.source for r in self.model.rows if r.state.is_open}
        for path in intake.accepted:
            if path in open_sources:
                self._reject(Rejected(path, JobError(ErrorKind.ALREADY_QUEUED, path.name)))
                continue
            spec = JobSpec(new_job_id(), path, options)
            try:
                self.engine.submit(spec)
            except (OSError, StenodeskError) as exc:
                log.warning("cannot queue %s: %s", path, exc)
                self._reject(Rejected(path, JobError.from_exception(exc)))
                continue
            self._add_row(spec, JobState.WAITING)
            added.append(spec.job_id)
        for rejected in intake.rejected:
            self._reject(rejected)
        if added:
            self._save_order()
        return added

    def _reject(self, rejected: Rejected) -> None:
        row = JobRow(
            new_job_id(),
            rejected.path,
            TranscribeOptions(),
            state=JobState.REJECTED,
            error=rejected.error,
        )
        self.model.append(row)
        log.info("not queued: %s (%s)", rejected.path, rejected.error.kind.value)
        self.file_rejected.emit(str(rejected.path), rejected.error)

    def _add_row(self, spec: JobSpec, state: JobState) -> TranscriptDocument:
        doc = TranscriptDocument(
            spec.job_id, spec.source, on_edit=self.engine.save_edit, parent=self
        )
        self.documents[spec.job_id] = doc
        self.model.append(JobRow(spec.job_id, spec.source, spec.options, state=state))
        return doc

    # -- restoring ----------------------------------------------------------

    def restore(self) -> list[str]:
        """Show every job saved on disk, the command line's too; returns the interrupted ones."""
        interrupted = []
        for snapshot in self.engine.store.snapshots():
            job = restored_job(snapshot)
            if job is None or job.spec.job_id in self.documents:
                continue
            doc = self._add_row(job.spec, job.state)
            doc.replace_all(job.segments)
            doc.info = job.info
            row = self.model.job(job.spec.job_id)
            assert row is not None
            row.error = job.error
            if job.state == JobState.FINISHED and job.info is not None:
                row.progress = Progress(job.info.duration, job.info.duration, 0.0)
            elif job.segments and job.spec.resume is not None:
                position = job.spec.resume.position
                row.progress = Progress(position, snapshot.summary.header.duration, 0.0)
            if job.state == JobState.INTERRUPTED:
                self._resume_points[job.spec.job_id] = job.spec
                interrupted.append(job.spec.job_id)
        return interrupted

    # -- actions ------------------------------------------------------------

    def cancel(self, job_id: str) -> None:
        row = self.model.job(job_id)
        if row is not None and row.state.is_open:
            self.engine.cancel(job_id)

    def retry(self, job_id: str, options: TranscribeOptions | None = None) -> bool:
        """Run a failed, cancelled or interrupted job again from the start."""
        row = self.model.job(job_id)
        if row is None or not (row.state.can_retry or row.state == JobState.FINISHED):
            return False
        if options is not None:
            row.options = options
        self._resume_points.pop(job_id, None)
        self.documents[job_id].replace_all(())
        self.documents[job_id].info = None
        self._set_state(row, JobState.WAITING, error=None, progress=None)
        self.engine.retry(JobSpec(job_id, row.source, row.options))
        return True

    def resume(self, job_id: str) -> bool:
        """Continue an interrupted job from its last complete window (or start over)."""
        row = self.model.job(job_id)
        spec = self._resume_points.pop(job_id, None)
        if row is None or row.state != JobState.INTERRUPTED or spec is None:
            return False
        if spec.resume is None:
            return self.retry(job_id)
        self.documents[job_id].truncate(spec.resume.next_segment)
        self._set_state(row, JobState.WAITING, error=None)
        self.engine.resume(spec)
        return True

    def interrupted_jobs(self) -> list[str]:
        return [r.job_id for r in self.model.rows if r.state == JobState.INTERRUPTED]

    def remove(self, job_id: str) -> None:
        row = self.model.job(job_id)
        if row is None:
            return
        if row.state != JobState.REJECTED:
            self.engine.remove(job_id)
        self.model.remove(job_id)
        doc = self.documents.pop(job_id, None)
        if doc is not None:
            doc.deleteLater()
        self._resume_points.pop(job_id, None)
        self._save_order()

    def clear_finished(self) -> None:
        for row in self.model.rows:
            if row.state in (JobState.FINISHED, JobState.REJECTED):
                self.remove(row.job_id)

    def move(self, job_id: str, delta: int) -> bool:
        moved = self.model.move(job_id, delta)
        if moved:
            self.engine.reorder(self._stored_ids())
        return moved

    def set_options(self, job_id: str, options: TranscribeOptions) -> bool:
        """New options for a job that has not started; False otherwise."""
        row = self.model.job(job_id)
        if row is None or row.state != JobState.WAITING:
            return False
        if self.engine.set_options(job_id, options):
            row.options = options
            self.model.changed(job_id)
            return True
        return False

    def transcript(self, job_id: str) -> Transcript | None:
        """The job's transcript with corrections (partial while it runs)."""
        row, doc = self.model.job(job_id), self.documents.get(job_id)
        if row is None or doc is None:
            return None
        return doc.transcript(row.options)

    def _stored_ids(self) -> list[str]:
        return [r.job_id for r in self.model.rows if r.state != JobState.REJECTED]

    def _save_order(self) -> None:
        try:
            self.engine.store.save_order(self._stored_ids())
        except OSError as exc:
            log.warning("cannot save the queue order: %s", exc)

    def _set_state(self, row: JobRow, state: JobState, **changes: object) -> None:
        row.state = state
        for name, value in changes.items():
            setattr(row, name, value)
        self.model.changed(row.job_id)

    # -- engine signals -----------------------------------------------------

    @Slot(str)
    def _on_engine_job_started(self, job_id: str) -> None:
        row = self.model.job(job_id)
        if row is not None:
            self._set_state(row, JobState.RUNNING, notice="")

    @Slot(str, int)
    def _on_engine_job_begun(self, job_id: str, kept: int) -> None:
        doc = self.documents.get(job_id)
        if doc is not None:
            doc.truncate(kept)  # an interrupted run is continued, or it starts afresh

    @Slot(str, object)
    def _on_engine_job_progress(self, job_id: str, progress: Progress) -> None:
        row = self.model.job(job_id)
        if row is not None:
            row.progress = progress
            self.model.changed(job_id)

    @Slot(str, object)
    def _on_engine_job_segment(self, job_id: str, segment: Segment) -> None:
        doc = self.documents.get(job_id)
        if doc is not None:
            doc.put(segment)

    @Slot(str, str)
    def _on_engine_job_notice(self, job_id: str, text: str) -> None:
        row = self.model.job(job_id)
        if row is not None:
            row.notice = text
            self.model.changed(job_id)

    @Slot(str, object)
    def _on_engine_job_finished(self, job_id: str, transcript: Transcript) -> None:
        row, doc = self.model.job(job_id), self.documents.get(job_id)
        if row is None or doc is None:
            return
        doc.info = transcript.info
        if transcript.segments != doc.segments:
            doc.replace_all(transcript.segments)  # split by speaker, read back from the journal
        elapsed = row.progress.elapsed if row.progress is not None else 0.0
        self._set_state(row, JobState.FINISHED, elapsed=elapsed)
        self.job_ended.emit(job_id)

    @Slot(str, object)
    def _on_engine_job_failed(self, job_id: str, error: JobError) -> None:
        row = self.model.job(job_id)
        if row is not None:
            self._set_state(row, JobState.FAILED, error=error)
            self.job_ended.emit(job_id)

    @Slot(str)
    def _on_engine_job_cancelled(self, job_id: str) -> None:
        row = self.model.job(job_id)
        if row is not None:
            self._set_state(row, JobState.CANCELLED)
            self.job_ended.emit(job_id)


@dataclass(frozen=True)
class RestoredJob:
    """A job read back from its journal, as the queue shows it."""

    spec: JobSpec
    state: JobState
    segments: tuple[Segment, ...]
    info: TranscriptInfo | None
    error: JobError | None


def restored_job(snapshot: JobSnapshot) -> RestoredJob | None:
    """How the queue shows a saved job; None for one another process is running now."""
    summary, state = snapshot.summary, snapshot.state
    if summary.running:
        return None
    header = state.header
    resume = state.resume if state.resume.window_index > 0 else None
    spec = JobSpec(header.id, Path(header.source.path), header.options, resume)
    error = None
    if state.finished is not None:
        kind, segments = JobState.FINISHED, state.segments
    elif state.failure is not None:
        kind, segments, error = JobState.FAILED, state.all_segments, _job_error(state.failure)
    elif state.cancelled:
        kind, segments = JobState.CANCELLED, state.all_segments
    else:  # waiting or running when Stenodesk stopped
        kind, segments = JobState.INTERRUPTED, state.all_segments
    return RestoredJob(spec, kind, segments, state.finished, error)


def _job_error(failure: JobFailure) -> JobError:
    try:
        kind = ErrorKind(failure.kind)
    except ValueError:  # a kind of a later version
        kind = ErrorKind.INTERNAL
    return JobError(kind, failure.subject, failure.detail)
