"""Interrupted jobs resume to the same transcript; changed files or settings start over."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers import conversations, speech
from tests.helpers.logfail import LogFailHandler

from stenodesk.core.cancel import CancelToken
from stenodesk.core.engine.checkpoint import WindowDone
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.transcriber import Transcriber
from stenodesk.core.engine.windows import WindowPlan
from stenodesk.core.errors import Cancelled, ErrorKind, StenodeskError
from stenodesk.core.jobs.runner import JobResult, JobRunner
from stenodesk.core.jobs.store import JobStore
from stenodesk.core.speakers.pipeline import FROM_THE_START, AnalysisSoFar
from stenodesk.core.speakers.segmentation import RATE
from stenodesk.core.speakers.step import SpeakerStep, Started
from stenodesk.core.speakers.stored import so_far
from stenodesk.core.transcript import Segment, Transcript

OPTIONS = TranscribeOptions(model="tiny.en", cpu_threads=2)
# Small windows, so that an 80-second file has several seams and resume points (30 s
# when decoded in whole chunks, without voice activity detection: about one chunk each).
PLAN = WindowPlan(first_seconds=10.0, seconds=20.0, search_seconds=5.0)


@pytest.fixture(scope="module")
def small_windows(model_cache: Path) -> Transcriber:
    from stenodesk.core.models.resolve import ModelResolver

    return Transcriber(ModelResolver(model_cache), window_plan=PLAN)


@pytest.fixture(scope="module")
def talk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("resume")
    pcm, _ = speech.long_recording(tmp, 80.0, seed=11)
    return speech.write_wav(tmp / "talk.wav", pcm)


@pytest.fixture(scope="module")
def uninterrupted(
    small_windows: Transcriber, talk: Path
) -> Callable[[TranscribeOptions], Transcript]:
    """The transcript of a run nobody stopped, once per options."""
    done: dict[TranscribeOptions, Transcript] = {}

    def get(options: TranscribeOptions) -> Transcript:
        if options not in done:
            done[options] = small_windows.transcribe(talk, options)
        return done[options]

    return get


@pytest.fixture
def runner(small_windows: Transcriber, tmp_path: Path) -> JobRunner:
    return JobRunner(small_windows, JobStore(tmp_path / "jobs"))


def interrupt(
    runner: JobRunner, source: Path, options: TranscribeOptions, *, after_segments: int
) -> list[Segment]:
    """Run until ``after_segments`` segments of the second or later window are out, then stop
    (0: once the first window is done)."""
    token = CancelToken()
    seen: list[Segment] = []
    windows: list[WindowDone] = []

    def on_segment(seg: Segment) -> None:
        seen.append(seg)
        later = [s for s in seen if windows and s.index >= windows[0].resume.next_segment]
        if after_segments and len(later) >= after_segments:
            token.cancel()

    def on_window(done: WindowDone) -> None:
        windows.append(done)
        if after_segments == 0:
            token.cancel()

    with pytest.raises(Cancelled):
        runner.transcribe(source, options, cancel=token, on_segment=on_segment, on_window=on_window)
    return seen


@pytest.mark.parametrize(
    "options", [OPTIONS, OPTIONS.with_(batch_size=4, vad_filter=True)], ids=["seq", "batched"]
)
def test_resumed_job_equals_an_uninterrupted_run(
    runner: JobRunner,
    talk: Path,
    options: TranscribeOptions,
    uninterrupted: Callable[[TranscribeOptions], Transcript],
) -> None:
    whole = uninterrupted(options)
    assert len(whole.segments) > 4
    seen = interrupt(runner, talk, options, after_segments=2)
    [job] = runner.store.unfinished()
    snapshot = runner.store.load(job.id)
    assert snapshot.segments + snapshot.pending == tuple(seen)
    if options.batch_size == 0:  # (batched windows hold one or two segments each)
        assert snapshot.pending, "stopped inside a window, whose segments are journaled too"
    notices: list[str] = []
    new: list[Segment] = []
    result = runner.transcribe(talk, options, on_notice=notices.append, on_segment=new.append)
    assert result.resumed_from == job.position > 0
    assert any("Resuming talk.wav" in n for n in notices), notices
    assert result.transcript.segments == whole.segments
    assert tuple(new) == whole.segments[len(snapshot.segments) :]
    assert runner.store.load(job.id).transcript == result.transcript
    assert runner.store.unfinished() == []


def test_resume_by_job_id_for_a_front_end(
    runner: JobRunner, talk: Path, uninterrupted: Callable[[TranscribeOptions], Transcript]
) -> None:
    interrupt(runner, talk, OPTIONS, after_segments=0)
    [job] = runner.store.unfinished()
    assert 0 < job.fraction < 1 and job.source == talk.absolute() and not job.running
    result = runner.resume(job.id)
    assert result.transcript.segments == uninterrupted(OPTIONS).segments
    assert runner.store.load(job.id).transcript is not None
    assert runner.store.unfinished() == []


def _rerun(runner: JobRunner, talk: Path, options: TranscribeOptions) -> tuple[JobResult, str]:
    notices: list[str] = []
    result = runner.transcribe(talk, options, on_notice=notices.append)
    return result, " ".join(notices)


def test_changed_file_is_not_resumed(runner: JobRunner, talk: Path, tmp_path: Path) -> None:
    copy = tmp_path / "talk.wav"
    copy.write_bytes(talk.read_bytes())
    interrupt(runner, copy, OPTIONS, after_segments=0)
    [old] = runner.store.unfinished()
    st = copy.stat()
    os.utime(copy, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))  # edited since
    result, notices = _rerun(runner, copy, OPTIONS)
    assert result.resumed_from is None
    assert "Not resuming" in notices and "talk.wav has changed" in notices, notices
    assert [j.id for j in runner.store.jobs()] == [result.job_id] != [old.id]


@pytest.mark.parametrize(
    ("change", "resumes"),
    [
        (lambda o: o.with_(beam_size=1), False),
        (lambda o: o.with_(word_timestamps=True), False),
        (lambda o: o.with_(cpu_threads=1), True),  # threads do not change the text
        (lambda o: o.with_(speakers="2"), True),  # speakers are found after decoding
    ],
    ids=["beam", "words", "threads", "speakers"],
)
def test_other_settings_are_not_resumed(
    runner: JobRunner,
    talk: Path,
    change: Callable[[TranscribeOptions], TranscribeOptions],
    resumes: bool,
) -> None:
    interrupt(runner, talk, OPTIONS, after_segments=0)
    [old] = runner.store.unfinished()
    result, notices = _rerun(runner, talk, change(OPTIONS))
    if resumes:
        assert result.resumed_from == old.position and result.job_id == old.id
        return
    assert result.resumed_from is None and result.job_id != old.id
    assert "used other settings" in notices, notices
    # The interrupted job stays, resumable with its own settings.
    assert [j.id for j in runner.store.unfinished()] == [old.id]


def test_no_resume_starts_over(runner: JobRunner, talk: Path) -> None:
    interrupt(runner, talk, OPTIONS, after_segments=0)
    [old] = runner.store.unfinished()
    notices: list[str] = []
    result = runner.transcribe(talk, OPTIONS, resume=False, on_notice=notices.append)
    assert result.resumed_from is None and result.job_id != old.id
    assert "starting over" in " ".join(notices)
    assert [j.id for j in runner.store.jobs()] == [result.job_id]


def test_finished_job_is_reused_until_removed(runner: JobRunner, talk: Path) -> None:
    first = runner.transcribe(talk, OPTIONS)
    again, notices = _rerun(runner, talk, OPTIONS)
    assert again.reused and again.transcript == first.transcript
    assert "finished transcript" in notices
    runner.store.remove(first.job_id)
    assert runner.store.jobs() == []


def test_bad_file_leaves_no_journal(runner: JobRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_text("not audio")
    with pytest.raises(StenodeskError) as err:
        runner.transcribe(bad, OPTIONS)
    assert err.value.kind is ErrorKind.NOT_MEDIA
    assert runner.store.jobs() == []


def test_moved_file_cannot_be_resumed_by_id(runner: JobRunner, talk: Path, tmp_path: Path) -> None:
    copy = tmp_path / "moved.wav"
    copy.write_bytes(talk.read_bytes())
    interrupt(runner, copy, OPTIONS, after_segments=0)
    [job] = runner.store.unfinished()
    copy.rename(tmp_path / "elsewhere.wav")
    with pytest.raises(StenodeskError) as err:
        runner.resume(job.id)
    assert err.value.kind is ErrorKind.JOB_STATE
    assert "moved.wav is no longer where" in str(err.value.message)


class _Watched(SpeakerStep):
    """The real speaker step, noting what each job's pass was given and keeping its handle."""

    def __init__(self) -> None:
        super().__init__()
        self.given: list[AnalysisSoFar] = []
        self.started: list[Started] = []

    def start(
        self, source: Path, options: TranscribeOptions, earlier: AnalysisSoFar = FROM_THE_START
    ) -> Started | None:
        self.given.append(earlier)
        started = super().start(source, options, earlier)
        if started is not None:
            self.started.append(started)
        return started


@pytest.fixture(scope="module")
def dialogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    found = conversations.conversation(2, 60.0, seed=102)
    return speech.write_wav(tmp_path_factory.mktemp("dialogue") / "dialogue.wav", found.pcm)


def test_resumed_job_keeps_the_voices_analysed(
    small_windows: Transcriber, dialogue: Path, tmp_path: Path, logfail: LogFailHandler
) -> None:
    # Greedy, without the fallback to sampling: on these short windows of prompts
    # in two voices, tiny.en falls back to sampling again and again (12-22 s a job
    # here, with beams of five or without; 6 s like this), and the voices are what
    # this test is about. Without the fallback, one decode loops; the loop guard
    # cuts it, and says so, in both runs alike.
    logfail.allow("stenodesk.core.engine.windowloop")
    options = OPTIONS.with_(speakers="2", beam_size=1, temperatures=(0.0,))
    whole = JobRunner(small_windows, JobStore(tmp_path / "whole")).transcribe(dialogue, options)
    step = _Watched()
    runner = JobRunner(small_windows, JobStore(tmp_path / "jobs"), speakers=step)
    token = CancelToken()

    def on_window(_done: WindowDone) -> None:
        # Stop once the voices of the first 20 s were analysed (the pass runs on its own).
        deadline = time.monotonic() + 60
        while step.started[-1].analysis.position < 20.0 and time.monotonic() < deadline:
            time.sleep(0.01)
        token.cancel()

    with pytest.raises(Cancelled):
        runner.transcribe(dialogue, options, cancel=token, on_window=on_window)
    [job] = runner.store.unfinished()
    kept = so_far(runner.store.load(job.id).state.voices)
    assert kept.next_start >= 20.0 * RATE and kept.windows

    result = runner.transcribe(dialogue, options)
    assert result.resumed_from is not None
    assert step.given[-1].next_start == kept.next_start  # went on from there
    assert step.started[-1].analysis.resumed_at == kept.next_start / RATE
    assert result.transcript.segments == whole.transcript.segments  # speakers included
    assert {s.speaker for s in result.transcript.segments} == {0, 1}
    assert runner.store.load(job.id).state.voices == (), "a finished job does not keep them"
