"""The engine thread's worker: runs one job at a time and reports through signals.

It lives in the engine QThread (see :class:`stenodesk.bridge.engine.Engine`);
the GUI reaches it only through queued signals. faster-whisper and
CTranslate2 are first imported here, in the engine thread, after the window
is up. Jobs run through :class:`~stenodesk.core.jobs.runner.JobRunner`, the
door the command line uses too, so a job is journaled, resumed, converted
and split by speaker the same way in both. Every job ends in exactly one of
``job_finished``, ``job_failed`` or ``job_cancelled``.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from stenodesk.bridge.jobs import JobError, JobPreparer, JobSpec, as_asked
from stenodesk.core.cancel import CancelToken
from stenodesk.core.engine.result import Progress
from stenodesk.core.engine.transcriber import Transcriber
from stenodesk.core.errors import Cancelled, StenodeskError
from stenodesk.core.jobs.journal import JobFailure
from stenodesk.core.jobs.runner import JobRunner
from stenodesk.core.jobs.store import JobStore
from stenodesk.core.jobs.writer import JournalWriter
from stenodesk.core.transcript import Segment

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.1
"""Seconds between progress signals: about ten a second, whatever the engine reports."""


TranscriberFactory = Callable[[], Transcriber]
"""Builds the transcriber; called once, in the engine thread."""


class Throttle:
    """Lets a call through at most once per ``interval`` seconds (the last one always)."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._interval = interval
        self._clock = clock
        self._last = float("-inf")

    def ready(self, *, final: bool = False) -> bool:
        now = self._clock()
        if final or now - self._last >= self._interval:
            self._last = now
            return True
        return False


class EngineWorker(QObject):
    """Runs transcription jobs in the engine thread."""

    engine_ready = Signal()
    job_started = Signal(str)
    job_begun = Signal(str, int)  # segments below this index are kept
    job_progress = Signal(str, object)  # Progress
    job_segment = Signal(str, object)  # Segment
    job_notice = Signal(str, str)
    job_finished = Signal(str, object)  # Transcript
    job_failed = Signal(str, object)  # JobError
    job_cancelled = Signal(str)
    save_failed = Signal(str, str)  # job id, why (the first failure only)

    def __init__(
        self,
        make_transcriber: TranscriberFactory,
        store: JobStore,
        stopping: threading.Event,
        prepare: JobPreparer = as_asked,
    ) -> None:
        super().__init__()
        self._make_transcriber = make_transcriber
        self._prepare = prepare
        self._runner: JobRunner | None = None
        self._store = store
        self._stopping = stopping
        self._store_failed = False

    def _get_runner(self) -> JobRunner:
        if self._runner is None:
            self._runner = JobRunner(self._make_transcriber(), self._store)
        return self._runner

    @Slot()
    def warm_up(self) -> None:
        """Import the engine's heavy libraries now, so the first job starts sooner."""
        started = time.monotonic()
        try:
            self._get_runner()
            importlib.import_module("faster_whisper")
        except Exception:  # the first job will report it properly
            log.exception("engine warm-up failed")
        else:
            log.info("engine ready in %.2fs", time.monotonic() - started)
        self.engine_ready.emit()

    @Slot(object, object)
    def run_job(self, spec: JobSpec, token: CancelToken) -> None:
        """Run one job to its end; called through a queued signal."""
        job_id = spec.job_id
        if token.cancelled:
            self.job_cancelled.emit(job_id)
            return
        self.job_started.emit(job_id)
        throttle = Throttle(PROGRESS_INTERVAL)

        def on_progress(progress: Progress) -> None:
            if throttle.ready(final=progress.fraction >= 1.0):
                self.job_progress.emit(job_id, progress)

        def on_notice(text: str) -> None:
            self.job_notice.emit(job_id, text)

        def on_segment(segment: Segment) -> None:
            self.job_segment.emit(job_id, segment)

        try:
            prepared = self._prepare(spec.options)
            if prepared.notice:
                on_notice(prepared.notice)
            options = prepared.options
            if options.speakers.strip().lower() != "off":
                # Splitting a segment where the voice changes needs each word's time.
                options = options.with_(word_timestamps=True)
            result = self._get_runner().run(
                job_id,
                options,
                cancel=token,
                on_segment=on_segment,
                on_progress=on_progress,
                on_notice=on_notice,
                on_speakers=on_progress,
                on_begin=lambda kept: self.job_begun.emit(job_id, kept),
                convert=prepared.converter,
            )
        except Cancelled:
            if not self._stopping.is_set():
                # Stopping the app is not cancelling: the job stays open and can be resumed.
                self._guard(job_id, lambda w: w.cancelled())
            self.job_cancelled.emit(job_id)
        except StenodeskError as exc:
            log.info("job %s (%s) failed: %s", job_id, spec.source.name, exc)
            self._end_failed(job_id, JobError.from_exception(exc))
        except Exception as exc:
            log.exception("job %s (%s) failed unexpectedly", job_id, spec.source.name)
            self._end_failed(job_id, JobError.from_exception(exc))
        else:
            self.job_finished.emit(job_id, result.transcript)

    def _end_failed(self, job_id: str, error: JobError) -> None:
        failure = JobFailure(error.kind.value, error.subject, error.detail)
        self._guard(job_id, lambda w: w.failed(failure))
        self.job_failed.emit(job_id, error)

    def _guard(self, job_id: str, write: Callable[[JournalWriter], None]) -> None:
        """Write to the job's journal; a full or broken disk must not stop the app."""
        failed = append_or_say_why(self._store, job_id, write)
        if failed and not self._store_failed:
            self._store_failed = True
            self.save_failed.emit(job_id, failed)


def append_or_say_why(store: JobStore, job_id: str, write: Callable[[JournalWriter], None]) -> str:
    """Add a record to a job's journal; "" when it worked, else why not (also logged)."""
    try:
        store.append(job_id, write)
    except (OSError, StenodeskError) as exc:
        log.warning("cannot save to the journal of %s: %s", job_id, exc)
        return exc.strerror or str(exc) if isinstance(exc, OSError) else exc.message.text
    return ""
