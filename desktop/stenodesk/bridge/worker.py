"""The engine thread's worker: runs one job at a time and reports through signals.

It lives in the engine QThread (see :class:`stenodesk.bridge.engine.Engine`);
the GUI reaches it only through queued signals. faster-whisper and
CTranslate2 are first imported here, in the engine thread, after the window
is up. Every job ends in exactly one of ``job_finished``, ``job_failed`` or
``job_cancelled``.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, Protocol

from PySide6.QtCore import QObject, Signal, Slot

from stenodesk.bridge.jobs import JobError, JobPreparer, JobSpec, PreparedJob, as_asked
from stenodesk.bridge.jobstore import JobStore
from stenodesk.core.cancel import CancelToken
from stenodesk.core.engine.checkpoint import ResumePoint, WindowDone
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Progress, Segment, Transcript
from stenodesk.core.errors import Cancelled, StenodeskError
from stenodesk.core.speakers.models import SpeakerModels

log = logging.getLogger(__name__)
P = ParamSpec("P")

PROGRESS_INTERVAL = 0.1
"""Seconds between progress signals: about ten a second, whatever the engine reports."""


class TranscriberLike(Protocol):
    """What the worker needs of :class:`stenodesk.core.engine.transcriber.Transcriber`."""

    def transcribe(
        self,
        source: str | Path,
        options: TranscribeOptions,
        *,
        cancel: CancelToken = ...,
        on_segment: Callable[[Segment], None] | None = ...,
        on_progress: Callable[[Progress], None] | None = ...,
        on_window: Callable[[WindowDone], None] | None = ...,
        on_notice: Callable[[str], None] | None = ...,
        resume: ResumePoint | None = ...,
    ) -> Transcript: ...


TranscriberFactory = Callable[[], TranscriberLike]
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
    job_progress = Signal(str, object)  # Progress
    job_segment = Signal(str, object)  # Segment
    job_notice = Signal(str, str)
    job_finished = Signal(str, object)  # Transcript
    job_failed = Signal(str, object)  # JobError
    job_cancelled = Signal(str)

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
        self._transcriber: TranscriberLike | None = None
        self._store = store
        self._stopping = stopping
        self._store_failed = False
        self._speaker_models: SpeakerModels | None = None

    def _get_transcriber(self) -> TranscriberLike:
        if self._transcriber is None:
            self._transcriber = self._make_transcriber()
        return self._transcriber

    @Slot()
    def warm_up(self) -> None:
        """Import the engine's heavy libraries now, so the first job starts sooner."""
        started = time.monotonic()
        try:
            self._get_transcriber()
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
        self._guard(self._store.started, spec)
        self.job_started.emit(job_id)
        throttle = Throttle(PROGRESS_INTERVAL)

        def on_progress(progress: Progress) -> None:
            if throttle.ready(final=progress.fraction >= 1.0):
                self.job_progress.emit(job_id, progress)

        def on_notice(text: str) -> None:
            self.job_notice.emit(job_id, text)

        outlet: _Outlet | None = None
        try:
            prepared = self._prepare(spec.options)
            if prepared.notice:
                on_notice(prepared.notice)
            outlet = _Outlet(self, job_id, prepared)
            options = prepared.options
            if options.speakers.strip().lower() != "off":
                # Splitting a segment where the voice changes needs each word's time.
                options = options.with_(word_timestamps=True)
            transcript = self._get_transcriber().transcribe(
                spec.source,
                options,
                cancel=token,
                on_segment=outlet.segment,
                on_progress=on_progress,
                on_window=outlet.window_done,
                on_notice=on_notice,
                resume=spec.resume,
            )
            transcript = outlet.finished(self._with_speakers(spec, transcript, token, on_progress))
        except Cancelled:
            self._end_cancelled(job_id, outlet)
        except StenodeskError as exc:
            log.info("job %s (%s) failed: %s", job_id, spec.source.name, exc)
            self._end_failed(job_id, JobError.from_exception(exc), outlet)
        except Exception as exc:
            log.exception("job %s (%s) failed unexpectedly", job_id, spec.source.name)
            self._end_failed(job_id, JobError.from_exception(exc), outlet)
        else:
            self._guard(self._store.finished, job_id, transcript.info)
            self.job_finished.emit(job_id, transcript)

    def _with_speakers(
        self,
        spec: JobSpec,
        transcript: Transcript,
        token: CancelToken,
        on_progress: Callable[[Progress], None],
    ) -> Transcript:
        """The speaker step after decoding: a second run of the progress bar, cancellable.

        The segments already shown and stored keep no speaker; the finished
        transcript carries them.
        """
        from stenodesk.core.speakers import add_speakers, load_models, parse_speakers

        count = parse_speakers(spec.options.speakers)
        if count is None:
            return transcript
        if self._speaker_models is None:
            self._speaker_models = load_models(threads=spec.options.cpu_threads)
        return add_speakers(
            self._speaker_models,
            spec.source,
            transcript,
            count,
            cancel=token,
            on_progress=on_progress,
        )

    def _end_cancelled(self, job_id: str, outlet: _Outlet | None) -> None:
        if outlet is not None:
            outlet.flush()  # what was heard stays, even if its language was not known yet
        if not self._stopping.is_set():
            # Stopping the app is not cancelling: the job stays open and can be resumed.
            self._guard(self._store.cancelled, job_id)
        self.job_cancelled.emit(job_id)

    def _end_failed(self, job_id: str, error: JobError, outlet: _Outlet | None) -> None:
        if outlet is not None:
            outlet.flush()
        self._guard(self._store.failed, job_id, error)
        self.job_failed.emit(job_id, error)

    def _guard(self, write: Callable[P, None], *args: P.args, **kwargs: P.kwargs) -> None:
        """Write to the job store; a full or broken disk must not stop the transcription."""
        try:
            write(*args, **kwargs)
        except OSError as exc:
            if not self._store_failed:
                log.warning("cannot save job progress (%s); the transcript stays on screen", exc)
            self._store_failed = True


class _Outlet:
    """Where one job's segments go: into the chosen Chinese script, the store, the GUI.

    When a script is chosen and the language is being detected, the first
    window's segments wait until the window ends and the language is known,
    so the screen and the store only ever hold converted text.
    """

    def __init__(self, worker: EngineWorker, job_id: str, prepared: PreparedJob) -> None:
        self._worker = worker
        self._job_id = job_id
        converter = prepared.converter
        self._converter = converter if converter is not None and converter.active else None
        self._language = prepared.options.language
        self._held: list[Segment] = []

    def segment(self, segment: Segment) -> None:
        if self._converter is not None and self._language is None:
            self._held.append(segment)
        else:
            self._send(segment)

    def window_done(self, window: WindowDone) -> None:
        self._learn(window.resume.language)
        for revised in window.revised:  # the same index again: the GUI and the store replace it
            self._send(revised)
        w = self._worker
        w._guard(w._store.window_done, self._job_id, window)  # after the window's segments

    def finished(self, transcript: Transcript) -> Transcript:
        self._learn(transcript.info.language)
        if self._converter is None or not self._converter.applies_to(transcript.info.language):
            return transcript
        segments = tuple(self._converter.segment(s) for s in transcript.segments)
        return Transcript(transcript.info, segments)

    def flush(self) -> None:
        held, self._held = self._held, []
        for segment in held:
            self._send(segment)

    def _learn(self, language: str | None) -> None:
        if self._language is None and language:
            self._language = language
        self.flush()

    def _send(self, segment: Segment) -> None:
        c, language = self._converter, self._language
        if c is not None and language is not None and c.applies_to(language):
            segment = c.segment(segment)
        w = self._worker
        w._guard(w._store.segment, self._job_id, segment)
        w.job_segment.emit(self._job_id, segment)
