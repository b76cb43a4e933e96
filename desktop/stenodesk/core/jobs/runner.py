"""Running transcriptions as journaled jobs that can be resumed after a crash.

:meth:`JobRunner.transcribe` is what front ends call for a file: it
continues an interrupted job for the same file and options when there is
one (saying so through ``on_notice``), otherwise starts a new one, and keeps
the job's journal as it goes. :meth:`JobRunner.resume` continues a job
picked from :meth:`JobStore.unfinished`. The result of a resumed job equals
an uninterrupted run's: the window that was running when the job stopped is
decoded again from its start, with the same prompt and window boundaries.

Journals of finished jobs are kept, marked finished, until the caller
removes them (:meth:`JobStore.remove`); the command line removes a job's
journal once every output file is written, so a failed export can be
retried without transcribing again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stenodesk.core.audio.decode import probe
from stenodesk.core.cancel import NEVER, CancelToken
from stenodesk.core.engine.checkpoint import WindowDone
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Progress, Segment, Transcript
from stenodesk.core.engine.transcriber import Transcriber
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.jobs.journal import JobHeader, JournalBusy, JournalState, JournalWriter
from stenodesk.core.jobs.prepare import clock
from stenodesk.core.jobs.store import JobStore, JobSummary, check_resumable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobResult:
    """What a job produced."""

    job_id: str
    transcript: Transcript
    """Every segment of the job, from the start of the file."""
    resumed_from: float | None = None
    """Seconds of audio taken over from an interrupted run; None for a fresh start."""
    reused: bool = False
    """The job had finished before: its transcript was read back, nothing was decoded."""


@dataclass
class _Callbacks:
    cancel: CancelToken
    on_segment: Callable[[Segment], None] | None
    on_progress: Callable[[Progress], None] | None
    on_window: Callable[[WindowDone], None] | None
    on_notice: Callable[[str], None] | None

    def notice(self, text: str) -> None:
        log.info("%s", text)
        if self.on_notice is not None:
            self.on_notice(text)


class JobRunner:
    """Runs transcriptions through a :class:`Transcriber`, journaled in a :class:`JobStore`."""

    def __init__(self, transcriber: Transcriber, store: JobStore) -> None:
        self.transcriber = transcriber
        self.store = store

    def transcribe(
        self,
        source: str | Path,
        options: TranscribeOptions,
        *,
        resume: bool = True,
        cancel: CancelToken = NEVER,
        on_segment: Callable[[Segment], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        on_window: Callable[[WindowDone], None] | None = None,
        on_notice: Callable[[str], None] | None = None,
    ) -> JobResult:
        """Transcribe ``source`` as a job, continuing an interrupted one if there is one.

        With ``resume`` false, an interrupted job for the same file and
        options is discarded and the file is transcribed from the start.
        ``on_segment`` sees only the segments decoded by this call.

        Raises:
            StenodeskError: as :meth:`Transcriber.transcribe`.
            Cancelled: the token was set; the journal keeps what was done.
        """
        source = Path(source)
        calls = _Callbacks(cancel, on_segment, on_progress, on_window, on_notice)
        media = probe(source)  # a bad file fails here, before any journal exists
        match = self._match(source, options, resume, calls)
        if match is not None:
            summary, state = match
            if state.finished is not None:
                calls.notice(f"{source.name}: using the finished transcript of an earlier run.")
                transcript = Transcript(state.finished, state.segments)
                return JobResult(summary.id, transcript, state.resume.position, reused=True)
            calls.notice(
                f"Resuming {source.name} at {clock(state.resume.position)}, "
                "where an interrupted run stopped."
            )
            writer = self._reopen(summary, state)
            return self._run(source, options, state.header, writer, state=state, calls=calls)
        header, writer = self.store.create(
            source, options, self.transcriber.window_plan, media.duration
        )
        return self._run(source, options, header, writer, state=None, calls=calls)

    def resume(
        self,
        job_id: str,
        *,
        cancel: CancelToken = NEVER,
        on_segment: Callable[[Segment], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        on_window: Callable[[WindowDone], None] | None = None,
        on_notice: Callable[[str], None] | None = None,
    ) -> JobResult:
        """Continue an interrupted job with the options it was started with.

        Show ``JobStore.load(job_id).segments`` first: ``on_segment`` sees
        only the segments decoded from the resume point on.

        Raises:
            StenodeskError: JOB_STATE when the job cannot be resumed (the
                file changed or moved, another process runs it); otherwise as
                :meth:`Transcriber.transcribe`.
        """
        calls = _Callbacks(cancel, on_segment, on_progress, on_window, on_notice)
        snapshot = self.store.load(job_id)
        state = snapshot.state
        if state.finished is not None:
            transcript = Transcript(state.finished, state.segments)
            return JobResult(job_id, transcript, state.resume.position, reused=True)
        blocked = check_resumable(snapshot.summary, None, self.transcriber.window_plan)
        if blocked is not None:
            raise StenodeskError(
                ErrorKind.JOB_STATE, f"The job cannot be resumed: {blocked.reason}"
            )
        source = Path(state.header.source.path)
        writer = self._reopen(snapshot.summary, state)
        options = state.header.options
        return self._run(source, options, state.header, writer, state=state, calls=calls)

    def _reopen(self, summary: JobSummary, state: JournalState) -> JournalWriter:
        try:
            return JournalWriter.reopen(summary.journal, state)
        except JournalBusy as exc:
            raise StenodeskError(
                ErrorKind.JOB_STATE, "The job is running in another Stenodesk process."
            ) from exc

    def _match(
        self,
        source: Path,
        options: TranscribeOptions,
        resume: bool,
        calls: _Callbacks,
    ) -> tuple[JobSummary, JournalState] | None:
        """The job to continue for this file and options, if any; removes dead journals."""
        plan = self.transcriber.window_plan
        for summary in self.store.for_source(source):
            blocked = check_resumable(summary, options, plan)
            if blocked is None:
                state = self.store.load(summary.id).state
                if not resume or (state.finished is None and state.resume.window_index == 0):
                    # Starting over, or nothing was done before the interruption.
                    if not summary.finished and state.resume.window_index > 0:
                        calls.notice(f"{source.name}: starting over, as asked.")
                    self.store.remove(summary.id)
                    continue
                return summary, state
            if summary.finished:
                continue  # done with other settings or an older version of the file
            calls.notice(f"Not resuming the interrupted job of {source.name}: {blocked.reason}")
            if blocked.permanent:
                self.store.remove(summary.id)
        return None

    def _run(
        self,
        source: Path,
        options: TranscribeOptions,
        header: JobHeader,
        writer: JournalWriter,
        *,
        state: JournalState | None,
        calls: _Callbacks,
    ) -> JobResult:
        kept = list(state.segments) if state else []
        revised: dict[int, Segment] = {}

        def on_segment(seg: Segment) -> None:
            writer.segment(seg)
            if calls.on_segment is not None:
                calls.on_segment(seg)

        def on_window(done: WindowDone) -> None:
            writer.window(done)
            revised.update((seg.index, seg) for seg in done.revised)
            if calls.on_window is not None:
                calls.on_window(done)

        with writer:
            run = self.transcriber.transcribe(
                source,
                options,
                resume=state.resume if state else None,
                cancel=calls.cancel,
                on_segment=on_segment,
                on_progress=calls.on_progress,
                on_window=on_window,
                on_notice=calls.on_notice,
            )
            writer.finished(run.info)
        by_index = {seg.index: seg for seg in kept}
        by_index.update((seg.index, seg) for seg in run.segments)
        by_index.update(revised)
        segments = tuple(by_index[i] for i in sorted(by_index))
        resumed_from = state.resume.position if state else None
        return JobResult(header.id, Transcript(run.info, segments), resumed_from)
