"""Running transcriptions as journaled jobs that can be resumed after a crash.

The one door both front ends go through. :meth:`JobRunner.transcribe` is
what the command line calls for a file: it continues an interrupted job for
the same file and options when there is one (saying so through
``on_notice``), otherwise starts a new one. :meth:`JobRunner.run` is what the
app calls for a job in its queue: it continues the job when it was
interrupted with the same options, else starts it afresh. :meth:`resume`
continues a job picked from :meth:`JobStore.unfinished`. Jobs started by
either front end are continued by either.

The result of a resumed job equals an uninterrupted run's: the window that
was running when the job stopped is decoded again from its start, with the
same prompt and window boundaries. The transcript a run returns is read back
from the journal, so it is exactly what the other front end would read:
converted to the chosen Chinese script, split by speaker, with the user's
edits.

Journals of finished jobs are kept, marked finished, until the caller
removes them (:meth:`JobStore.remove`); the command line removes a job's
journal once every output file is written, so a failed export can be
retried without transcribing again, and never removes the app's jobs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict, Unpack

from stenodesk.core.audio.decode import probe
from stenodesk.core.cancel import NEVER, CancelToken
from stenodesk.core.engine.checkpoint import WindowDone
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Progress
from stenodesk.core.engine.transcriber import Transcriber
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.jobs import records
from stenodesk.core.jobs.journal import JobHeader, JournalState
from stenodesk.core.jobs.outlet import Outlet, SegmentConverter
from stenodesk.core.jobs.prepare import clock
from stenodesk.core.jobs.store import JobSnapshot, JobStore, JobSummary, check_resumable
from stenodesk.core.jobs.writer import JournalWriter
from stenodesk.core.speakers.pipeline import FROM_THE_START, AnalysisSoFar
from stenodesk.core.speakers.step import SpeakerStep
from stenodesk.core.speakers.stored import so_far
from stenodesk.core.transcript import Segment, Transcript

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
    origin: str = "cli"
    """Who made the job (the command line removes only its own journals)."""


def _voices_so_far(state: JournalState | None) -> AnalysisSoFar:
    """What an interrupted run analysed for the speaker step (nothing for a fresh start)."""
    if state is None or not state.voices:
        return FROM_THE_START
    try:
        return so_far(state.voices)
    except (ValueError, KeyError, TypeError) as exc:
        log.warning("the voices analysed before cannot be read (%s); analysing again", exc)
        return FROM_THE_START


class RunHooks(TypedDict, total=False):
    """What a front end hands a run, all optional.

    ``on_segment`` sees only the segments decoded by this run (converted);
    ``on_speakers`` the progress of the speaker step; ``convert`` rewrites
    segments into the chosen Chinese script before they are journaled;
    ``on_begin`` (:meth:`JobRunner.run`) is told, before decoding, the index
    from which this run produces segments (0: it starts afresh).
    """

    cancel: CancelToken
    on_segment: Callable[[Segment], None]
    on_progress: Callable[[Progress], None]
    on_window: Callable[[WindowDone], None]
    on_notice: Callable[[str], None]
    on_speakers: Callable[[Progress], None]
    on_begin: Callable[[int], None]
    convert: SegmentConverter | None


@dataclass
class _Callbacks:
    cancel: CancelToken
    on_segment: Callable[[Segment], None] | None
    on_progress: Callable[[Progress], None] | None
    on_window: Callable[[WindowDone], None] | None
    on_notice: Callable[[str], None] | None
    convert: SegmentConverter | None = None
    on_speakers: Callable[[Progress], None] | None = None
    on_begin: Callable[[int], None] | None = None

    @classmethod
    def of(cls, hooks: RunHooks) -> _Callbacks:
        return cls(
            hooks.get("cancel", NEVER),
            hooks.get("on_segment"),
            hooks.get("on_progress"),
            hooks.get("on_window"),
            hooks.get("on_notice"),
            hooks.get("convert"),
            hooks.get("on_speakers"),
            hooks.get("on_begin"),
        )

    def notice(self, text: str) -> None:
        log.info("%s", text)
        if self.on_notice is not None:
            self.on_notice(text)


class JobRunner:
    """Runs transcriptions through a :class:`Transcriber`, journaled in a :class:`JobStore`.

    Args:
        speakers: the speaker step alongside and after decoding, run when the options ask
            for speakers (the voices it analyses and its result are journaled, so a
            resumed job goes on from the voices analysed, and a reused job keeps
            the speakers found).
    """

    def __init__(
        self,
        transcriber: Transcriber,
        store: JobStore,
        *,
        speakers: SpeakerStep | None = None,
    ) -> None:
        self.transcriber = transcriber
        self.store = store
        self.speakers = speakers or SpeakerStep()

    def transcribe(
        self,
        source: str | Path,
        options: TranscribeOptions,
        *,
        resume: bool = True,
        **hooks: Unpack[RunHooks],
    ) -> JobResult:
        """Transcribe ``source`` as a job, continuing an interrupted one if there is one.

        With ``resume`` false, an interrupted job for the same file and
        options is discarded and the file is transcribed from the start.
        ``hooks``: see :class:`RunHooks`.

        Raises:
            StenodeskError: as :meth:`Transcriber.transcribe`.
            Cancelled: the token was set; the journal keeps what was done.
        """
        source = Path(source)
        calls = _Callbacks.of(hooks)
        media = probe(source)  # a bad file fails here, before any journal exists
        match = self._match(source, options, resume, calls)
        if match is not None:
            summary, state = match
            if state.finished is not None:
                calls.notice(f"{source.name}: using the finished transcript of an earlier run.")
                return self._reused(summary.id, state)
            calls.notice(
                f"Resuming {source.name} at {clock(state.resume.position)}, "
                "where an interrupted run stopped."
            )
            writer = self.store.reopen(summary.id)
            return self._run(source, options, state.header, writer, state=state, calls=calls)
        header, writer = self.store.create(
            source, options, self.transcriber.window_plan, media.duration
        )
        return self._run(source, options, header, writer, state=None, calls=calls)

    def run(
        self,
        job_id: str,
        options: TranscribeOptions,
        **hooks: Unpack[RunHooks],
    ) -> JobResult:
        """Run a job of the store with ``options``: continue it where an interrupted run
        stopped when it can be, else start it afresh (its id stays).

        ``result.resumed_from`` says which: show ``JobStore.load(job_id).segments``
        before running when it may resume; ``on_segment`` sees only the new ones.

        Raises:
            StenodeskError: JOB_STATE when there is no such job or another
                process runs it; otherwise as :meth:`Transcriber.transcribe`.
            Cancelled: the token was set; the journal keeps what was done.
        """
        calls = _Callbacks.of(hooks)
        snapshot = self.store.load(job_id)
        state, header = snapshot.state, snapshot.state.header
        source = Path(header.source.path)
        if state.finished is not None and not records.options_differ(header.options, options):
            return self._reused(job_id, state)
        kept = self._continuable(snapshot, options)
        if calls.on_begin is not None:
            calls.on_begin(kept.resume.next_segment if kept is not None else 0)
        if kept is not None:
            writer = self.store.reopen(job_id)
            return self._run(source, options, header, writer, state=kept, calls=calls)
        media = probe(source)
        plan = self.transcriber.window_plan
        header, writer = self.store.create(
            source, options, plan, media.duration, job_id=job_id, origin=header.origin
        )
        return self._run(source, options, header, writer, state=None, calls=calls)

    def _continuable(
        self, snapshot: JobSnapshot, options: TranscribeOptions
    ) -> JournalState | None:
        """The interrupted run :meth:`run` continues, or None when it starts afresh."""
        state = snapshot.state
        if state.finished is not None or state.resume.window_index == 0:
            return None
        blocked = check_resumable(snapshot.summary, options, self.transcriber.window_plan)
        return state if blocked is None else None

    def resume(
        self,
        job_id: str,
        **hooks: Unpack[RunHooks],
    ) -> JobResult:
        """Continue an interrupted job with the options it was started with.

        Show ``JobStore.load(job_id).segments`` first: ``on_segment`` sees
        only the segments decoded from the resume point on.

        Raises:
            StenodeskError: JOB_STATE when the job cannot be resumed (the
                file changed or moved, another process runs it); otherwise as
                :meth:`Transcriber.transcribe`.
        """
        calls = _Callbacks.of(hooks)
        snapshot = self.store.load(job_id)
        state = snapshot.state
        if state.finished is not None:
            return self._reused(job_id, state)
        blocked = check_resumable(snapshot.summary, None, self.transcriber.window_plan)
        if blocked is not None:
            raise StenodeskError(
                ErrorKind.JOB_STATE, f"The job cannot be resumed: {blocked.reason}"
            )
        source = Path(state.header.source.path)
        writer = self.store.reopen(job_id)
        options = state.header.options
        return self._run(source, options, state.header, writer, state=state, calls=calls)

    def _reused(self, job_id: str, state: JournalState) -> JobResult:
        assert state.finished is not None
        transcript = Transcript(state.finished, state.segments, state.speaker_names.named)
        origin = state.header.origin
        return JobResult(job_id, transcript, state.resume.position, reused=True, origin=origin)

    def _match(
        self,
        source: Path,
        options: TranscribeOptions,
        resume: bool,
        calls: _Callbacks,
    ) -> tuple[JobSummary, JournalState] | None:
        """The job to continue for this file and options, if any; removes dead journals.

        Jobs waiting in the app's queue are left alone: the app runs them.
        """
        plan = self.transcriber.window_plan
        for summary in self.store.for_source(source):
            if not summary.started:
                continue
            app_job = summary.header.origin != "cli"
            blocked = check_resumable(summary, options, plan)
            if blocked is None:
                state = self.store.load(summary.id).state
                if not resume or (state.finished is None and state.resume.window_index == 0):
                    if app_job:
                        continue  # the app's job keeps its place in the app's queue
                    # Starting over, or nothing was done before the interruption.
                    if not summary.finished and state.resume.window_index > 0:
                        calls.notice(f"{source.name}: starting over, as asked.")
                    self.store.remove(summary.id)
                    continue
                return summary, state
            if summary.finished:
                continue  # done with other settings or an older version of the file
            calls.notice(f"Not resuming the interrupted job of {source.name}: {blocked.reason}")
            if blocked.permanent and not app_job:
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
        outlet = Outlet(writer, calls.convert, options.language, calls.on_segment)
        pending = self.speakers.start(source, options, _voices_so_far(state))  # alongside decoding

        def save_voices() -> None:
            record = pending.take() if pending is not None else None
            if record is not None:
                writer.voices(record)

        def on_window(done: WindowDone) -> None:
            done = outlet.window(done)
            save_voices()
            if calls.on_window is not None:
                calls.on_window(done)

        try:
            writer.started(resumed=state is not None)
            run = self.transcriber.transcribe(
                source,
                options,
                resume=state.resume if state else None,
                cancel=calls.cancel,
                on_segment=outlet.segment,
                on_progress=calls.on_progress,
                on_window=on_window,
                on_notice=calls.on_notice,
            )
            outlet.learn(run.info.language)
            if pending is not None:
                decoded = Transcript(run.info, self.store.load(header.id).state.all_segments)
                on_speakers = calls.on_speakers or (lambda _: None)
                found = self.speakers.finish(pending, decoded, calls.cancel, on_speakers)
                writer.speakers(found.segments)
            writer.finished(run.info)
        except BaseException:
            outlet.flush()  # what was heard stays, even if its language was not known yet
            if pending is not None:
                pending.stop()
                save_voices()  # a resumed job goes on from them
            raise
        finally:
            if pending is not None:
                pending.stop()  # no thread outlives its job
            self.store.release(writer)
        state_now = self.store.load(header.id).state
        resumed_from = state.resume.position if state else None
        transcript = Transcript(run.info, state_now.segments, state_now.speaker_names.named)
        return JobResult(header.id, transcript, resumed_from, origin=header.origin)
