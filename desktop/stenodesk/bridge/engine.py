"""The engine thread and the job queue, as the GUI sees them.

:class:`Engine` lives in the GUI thread. It owns one QThread with an
:class:`~stenodesk.bridge.worker.EngineWorker` moved into it, keeps the
waiting jobs in order, and hands the worker one job at a time through a
queued signal. Cancellation goes through each job's :class:`CancelToken`;
the thread is never terminated. Every job is a journal in the
:class:`~stenodesk.core.jobs.store.JobStore` that the command line uses too,
written as it goes, so nothing is lost if Stenodesk stops, and a job
interrupted in either front end continues in either.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QObject, Signal, Slot

from stenodesk.bridge.jobs import JobError, JobPreparer, JobSpec, as_asked
from stenodesk.bridge.threads import SHUTDOWN_TIMEOUT_MS, WorkerThread
from stenodesk.bridge.worker import EngineWorker, TranscriberFactory, append_or_say_why
from stenodesk.core.cancel import CancelToken
from stenodesk.core.editing.edit import Edit
from stenodesk.core.editing.records import edit_to_record
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Transcript
from stenodesk.core.errors import StenodeskError
from stenodesk.core.jobs.store import JobStore
from stenodesk.core.jobs.writer import JournalWriter

log = logging.getLogger(__name__)


class Engine(QObject):
    """One engine thread, a queue of jobs, and typed signals about them.

    Signals carry a job id (str) and a frozen value: ``job_progress``
    (:class:`~stenodesk.core.engine.result.Progress`), ``job_segment``
    (:class:`~stenodesk.core.engine.result.Segment`: a new one, or a revision
    of one sent before, with the same index), ``job_finished``
    (:class:`~stenodesk.core.engine.result.Transcript`), ``job_failed``
    (:class:`~stenodesk.bridge.jobs.JobError`).
    """

    engine_ready = Signal()
    job_queued = Signal(str)
    job_started = Signal(str)
    job_begun = Signal(str, int)
    """The run's start: segments below this index are kept from an interrupted run."""
    job_progress = Signal(str, object)
    job_segment = Signal(str, object)
    job_notice = Signal(str, str)
    job_finished = Signal(str, object)
    job_failed = Signal(str, object)
    job_cancelled = Signal(str)
    save_failed = Signal(str, str)
    """A job's journal could not be written (job id, why): the screen keeps the change."""
    _run_requested = Signal(object, object)
    _warm_up_requested = Signal()

    def __init__(
        self,
        make_transcriber: TranscriberFactory,
        store: JobStore,
        parent: QObject | None = None,
        *,
        prepare: JobPreparer = as_asked,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._pending: list[JobSpec] = []
        self._running: JobSpec | None = None
        self._removed: set[str] = set()
        self._token = CancelToken()
        self._stopping = threading.Event()
        self._worker = EngineWorker(make_transcriber, store, self._stopping, prepare)
        self.worker_thread = WorkerThread(
            "stenodesk-engine", self._worker, on_stop=self._on_stop, on_stopped=store.close
        )
        self._connect_worker()

    def _connect_worker(self) -> None:
        w = self._worker
        self._run_requested.connect(w.run_job)
        self._warm_up_requested.connect(w.warm_up)
        w.engine_ready.connect(self.engine_ready)
        w.job_started.connect(self.job_started)
        w.job_begun.connect(self.job_begun)
        w.job_progress.connect(self.job_progress)
        w.job_segment.connect(self.job_segment)
        w.job_notice.connect(self.job_notice)
        w.save_failed.connect(self.save_failed)
        w.job_finished.connect(self._on_worker_job_finished)
        w.job_failed.connect(self._on_worker_job_failed)
        w.job_cancelled.connect(self._on_worker_job_cancelled)

    # -- life ---------------------------------------------------------------

    def start(self, *, warm_up: bool = True) -> None:
        """Start the engine thread (call once the window is showing)."""
        if self.worker_thread.running or not self.worker_thread.ensure_started():
            return
        if warm_up:
            self._warm_up_requested.emit()
        self._dispatch()

    @property
    def is_running(self) -> bool:
        return self.worker_thread.running

    def shutdown(self, timeout_ms: int = SHUTDOWN_TIMEOUT_MS) -> bool:
        """Stop the running job and the thread; open jobs stay open for next time.

        The app stops all its threads together (:func:`~.threads.stop_together`);
        this stops the engine's alone.

        Returns:
            True if the thread stopped within ``timeout_ms``.
        """
        return self.worker_thread.stop(timeout_ms)

    def _on_stop(self) -> None:
        self._stopping.set()
        self._pending.clear()
        self._token.cancel()

    # -- queue --------------------------------------------------------------

    @property
    def running_job(self) -> str | None:
        return self._running.job_id if self._running else None

    @property
    def pending_jobs(self) -> tuple[str, ...]:
        return tuple(spec.job_id for spec in self._pending)

    def submit(self, spec: JobSpec) -> None:
        """Queue a new job (its journal is created now, waiting).

        Raises:
            OSError: the file cannot be read, or the journal not written.
        """
        self.store.add(spec.source, spec.options, spec.job_id)
        self._enqueue(spec)

    def retry(self, spec: JobSpec) -> None:
        """Queue a finished, failed or cancelled job again from the start."""
        self._reset(spec)
        self._enqueue(replace(spec, resume=None))

    def _reset(self, spec: JobSpec) -> None:
        """Start the job's journal afresh; a file that went away fails when the job runs."""
        try:
            self.store.add(spec.source, spec.options, spec.job_id)
        except (OSError, StenodeskError) as exc:
            log.warning("cannot reset the journal of %s: %s", spec.job_id, exc)

    def resume(self, spec: JobSpec) -> None:
        """Queue an interrupted job from ``spec.resume`` (its last complete window)."""
        self._enqueue(spec)

    def _enqueue(self, spec: JobSpec) -> None:
        if self.running_job == spec.job_id or spec.job_id in self.pending_jobs:
            raise ValueError(f"job {spec.job_id} is queued already")
        self._pending.append(spec)
        self.job_queued.emit(spec.job_id)
        self._dispatch()

    def set_options(self, job_id: str, options: TranscribeOptions) -> bool:
        """Change the options of a waiting job; False if it is not waiting."""
        for n, spec in enumerate(self._pending):
            if spec.job_id == job_id:
                self._pending[n] = replace(spec, options=options)
                self._reset(self._pending[n])
                return True
        return False

    def cancel(self, job_id: str) -> None:
        """Stop a running job (at its next segment) or take a waiting one off the queue."""
        if self.running_job == job_id:
            self._token.cancel()
            return
        spec = self._take_pending(job_id)
        if spec is not None:
            self._record(job_id, lambda w: w.cancelled())
            self.job_cancelled.emit(job_id)

    def remove(self, job_id: str) -> None:
        """Forget a job entirely: cancel it if it runs, and delete its file."""
        self._take_pending(job_id)
        if self.running_job != job_id:
            self.store.remove(job_id)
        else:
            self._token.cancel()  # its file goes when the worker reports back
            self._removed.add(job_id)

    def reorder(self, order: Sequence[str]) -> None:
        """Run waiting jobs in the order of ``order`` (ids not in it keep their place last)."""
        rank = {job_id: n for n, job_id in enumerate(order)}
        self._pending.sort(key=lambda spec: rank.get(spec.job_id, len(rank)))
        self.store.save_order(list(order))

    def save_edit(self, job_id: str, edit: Edit) -> None:
        """Record an edit made in the transcript view (undo sends the inverse edit)."""
        record = edit_to_record(edit)
        self._record(job_id, lambda w: w.edit(record))

    def _record(self, job_id: str, write: Callable[[JournalWriter], None]) -> None:
        """Add a record to a job's journal; the screen keeps the change if that fails."""
        failed = append_or_say_why(self.store, job_id, write)
        if failed:
            self.save_failed.emit(job_id, failed)

    def _take_pending(self, job_id: str) -> JobSpec | None:
        for n, spec in enumerate(self._pending):
            if spec.job_id == job_id:
                return self._pending.pop(n)
        return None

    def _dispatch(self) -> None:
        if self._running is not None or not self._pending or not self.worker_thread.running:
            return
        if self._stopping.is_set():
            return
        spec = self._pending.pop(0)
        self._running = spec
        self._token = CancelToken()
        self._run_requested.emit(spec, self._token)

    def _job_ended(self, job_id: str) -> bool:
        """Bookkeeping when the worker reports an end; False if the job was removed."""
        if self._running is not None and self._running.job_id == job_id:
            self._running = None
        removed = job_id in self._removed
        if removed:
            self._removed.discard(job_id)
            self.store.remove(job_id)
        return not removed

    @Slot(str, object)
    def _on_worker_job_finished(self, job_id: str, transcript: Transcript) -> None:
        if self._job_ended(job_id):
            self.job_finished.emit(job_id, transcript)
        self._dispatch()

    @Slot(str, object)
    def _on_worker_job_failed(self, job_id: str, error: JobError) -> None:
        if self._job_ended(job_id):
            self.job_failed.emit(job_id, error)
        self._dispatch()

    @Slot(str)
    def _on_worker_job_cancelled(self, job_id: str) -> None:
        if self._job_ended(job_id):
            self.job_cancelled.emit(job_id)
        self._dispatch()
