"""The job store keeps every segment, edit and resume point across a crash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stenodesk.bridge.jobs import JobError, JobSpec, JobState
from stenodesk.bridge.jobstore import JobStore
from stenodesk.core.engine.checkpoint import ResumePoint, WindowDone
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Segment, TranscriptInfo, Word
from stenodesk.core.errors import ErrorKind

OPTIONS = TranscribeOptions(model="tiny.en", language="en", word_timestamps=True)


def seg(i: int, text: str) -> Segment:
    word = Word(i * 2.0, i * 2.0 + 0.5, text, 0.9)
    return Segment(i, i * 2.0, i * 2.0 + 1.5, f" {text}", (word,))


def test_a_finished_job_reads_back_with_its_edits(tmp_path: Path) -> None:
    store = JobStore(tmp_path)
    spec = JobSpec("a1", tmp_path / "talk.wav", OPTIONS)
    store.create(spec)
    store.started(spec)
    for i, text in enumerate(["hello there", "good morning"]):
        store.segment("a1", seg(i, text))
    store.edited("a1", 1, " good evening")
    info = TranscriptInfo("en", 1.0, 4.0, "tiny.en", "cpu", "int8")
    store.finished("a1", info)
    [job] = store.load_all()
    assert job.state == JobState.FINISHED
    assert job.spec.options == OPTIONS and job.spec.source == tmp_path / "talk.wav"
    assert [s.text for s in job.segments] == [" hello there", " good evening"]
    assert job.segments[0].words == seg(0, "hello there").words
    assert job.info == info


def test_a_killed_job_is_interrupted_with_its_resume_point(tmp_path: Path) -> None:
    store = JobStore(tmp_path)
    spec = JobSpec("k1", tmp_path / "long.wav", OPTIONS)
    store.create(spec)
    store.started(spec)
    store.segment("k1", seg(0, "first"))
    point = ResumePoint(30.0, 1, (50257, 1234), "en", 0.98, 1)
    store.window_done("k1", WindowDone(0, 0.0, 30.0, point))
    store.segment("k1", seg(1, "second, after the window"))
    # The process dies while writing a line: the torn line is skipped.
    with store.path("k1").open("a", encoding="utf-8") as fh:
        fh.write('{"t": "seg", "segment": {"index": 2, "sta')
    store.close()
    store = JobStore(tmp_path)  # the next start
    job = store.load(store.path("k1"))
    assert job is not None
    assert job.state == JobState.INTERRUPTED
    assert [s.index for s in job.segments] == [0, 1], "partial text is shown"
    assert job.spec.resume == point, "the prompt tokens survive as a tuple"

    # Resuming drops what came after the window; the engine produces it again.
    store.started(job.spec)
    store.segment("k1", seg(1, "second again"))
    again = store.load(store.path("k1"))
    assert again is not None
    assert [s.text for s in again.segments] == [" first", " second again"]
    store.close()


def test_waiting_failed_and_cancelled_jobs_and_the_order(tmp_path: Path) -> None:
    store = JobStore(tmp_path)
    for name in ("w", "f", "c"):
        store.create(JobSpec(name, tmp_path / f"{name}.wav", OPTIONS))
    store.failed("f", JobError(ErrorKind.DECODE_FAILED, "f.wav", "bad packets"))
    store.cancelled("c")
    store.save_order(["c", "w", "f"])
    store.close()
    jobs = JobStore(tmp_path).load_all()
    assert [j.spec.job_id for j in jobs] == ["c", "w", "f"]
    assert [j.state for j in jobs] == [JobState.CANCELLED, JobState.INTERRUPTED, JobState.FAILED]
    assert jobs[2].error == JobError(ErrorKind.DECODE_FAILED, "f.wav", "bad packets")


def test_retry_resets_results_and_options(tmp_path: Path) -> None:
    store = JobStore(tmp_path)
    spec = JobSpec("r", tmp_path / "r.wav", OPTIONS)
    store.create(spec)
    store.started(spec)
    store.segment("r", seg(0, "wrong language"))
    store.failed("r", JobError(ErrorKind.LANGUAGE_UNSUPPORTED, "x"))
    other = OPTIONS.with_(model="base", language="de")
    store.reset("r", other)
    store.close()
    job = store.load(store.path("r"))
    assert job is not None
    assert job.state == JobState.INTERRUPTED and job.segments == () and job.error is None
    assert job.spec.options == other


def test_a_file_without_a_header_is_ignored_with_a_warning(tmp_path: Path, logfail) -> None:  # type: ignore[no-untyped-def]
    logfail.allow("stenodesk.bridge.jobstore")
    (tmp_path / "junk.jsonl").write_text("not json\n")
    store = JobStore(tmp_path)
    store.create(JobSpec("ok", tmp_path / "ok.wav", OPTIONS))
    assert [j.spec.job_id for j in store.load_all()] == ["ok"]
    store.delete("ok")
    assert store.load_all() == []


FORMAT2 = Path(__file__).parent / "data" / "queue_format2"


def format2_queue(folder: Path) -> Path:
    """A copy of the format-2 queue fixture whose media is a copy of the sample."""
    import shutil

    from stenodesk.core.paths import sample_audio

    media, queue = folder / "media", folder / "queue"
    media.mkdir(parents=True)
    queue.mkdir()
    shutil.copy(sample_audio(), media / "sample-en.wav")
    for path in FORMAT2.iterdir():
        text = path.read_text(encoding="utf-8").replace("@MEDIA@", str(media))
        (queue / path.name).write_text(text, encoding="utf-8")
    return queue


def test_the_format2_fixture_reads_back_as_written(tmp_path: Path) -> None:
    jobs = JobStore(format2_queue(tmp_path)).load_all()
    states = {job.spec.job_id: job.state for job in jobs}
    assert [job.spec.job_id for job in jobs] == [
        "0b-interrupted",
        "0e-waiting",
        "0a-finished",
        "0c-failed",
        "0d-cancelled",
    ]
    assert states == {
        "0a-finished": JobState.FINISHED,
        "0b-interrupted": JobState.INTERRUPTED,
        "0c-failed": JobState.FAILED,
        "0d-cancelled": JobState.CANCELLED,
        "0e-waiting": JobState.INTERRUPTED,
    }
    interrupted, waiting, finished, failed = jobs[:4]
    assert interrupted.resume is not None and interrupted.resume.next_segment == 2
    assert len(interrupted.segments) == 3, "the segment past the checkpoint is kept on screen"
    assert finished.segments[0].text == "An edited first sentence."
    assert finished.info is not None and finished.info.model == "tiny.en"
    assert failed.error is not None and failed.error.kind is ErrorKind.MODEL_MISSING
    assert waiting.spec.options.model == "base.en" and waiting.resume is None


def test_structural_edits_and_speaker_names_replay_in_order(tmp_path: Path, logfail: Any) -> None:
    from stenodesk.core.editing import structure
    from stenodesk.core.editing.edit import SpeakerNames
    from stenodesk.core.editing.speakers import rename_speaker, set_speaker

    store = JobStore(tmp_path)
    spec = JobSpec("e1", tmp_path / "talk.wav", OPTIONS)
    store.create(spec)
    store.started(spec)
    lines = tuple(seg(i, text) for i, text in enumerate(["hello there", "good morning"]))
    for line in lines:
        store.segment("e1", line)
    store.finished("e1", TranscriptInfo("en", 1.0, 4.0, "tiny.en", "cpu", "int8"))
    shown = lines
    names = SpeakerNames()
    stale = structure.split_line(lines, 0, 6)  # made for the lines as they were at first
    for make in (
        lambda s: structure.split_line(s, 0, 6),
        lambda s: structure.merge_with_next(s, 1),
        lambda s: set_speaker(s, 0, 1),
    ):
        edit = make(shown)
        assert edit is not None
        store.edit("e1", edit.to_record())
        shown = edit.apply(shown)
    rename = rename_speaker(names, 1, "Diane")
    assert rename is not None
    store.edit("e1", rename.to_record())
    names = rename.apply_names(names)
    store.close()
    job = JobStore(tmp_path).load(store.path("e1"))
    assert job is not None
    assert job.segments == shown and job.speaker_names == names
    assert [s.text for s in job.segments] == [" hello", " there good morning"]

    # An edit that does not fit (a damaged file) is left out with a log line, not a crash.
    logfail.allow("stenodesk.bridge.jobstore")
    store = JobStore(tmp_path)
    store.edit("e1", stale.to_record())
    store.edit("e1", {"version": 99})
    store.close()
    again = JobStore(tmp_path).load(store.path("e1"))
    assert again is not None and again.segments == shown
