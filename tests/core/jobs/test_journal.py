"""The journal: written line by line, read back exactly, torn ends tolerated."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stenodesk.core.engine.checkpoint import ResumePoint, WindowDone
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Segment, TranscriptInfo, Word
from stenodesk.core.engine.windows import WindowPlan
from stenodesk.core.jobs.journal import (
    JobHeader,
    JournalBusy,
    JournalError,
    SourceIdentity,
    is_locked,
    read_journal,
)
from stenodesk.core.jobs.writer import JournalWriter

OPTIONS = TranscribeOptions(model="tiny.en", cpu_threads=2, word_timestamps=True)
INFO = TranscriptInfo("en", 1.0, 90.0, "tiny.en", "cpu", "int8")


def seg(i: int, text: str = "", **kw: object) -> Segment:
    start = i * 3.1 + 0.123456789
    words = (
        Word(start, start + 0.4, " Hello", 0.9),
        Word(start + 0.4, start + 1.0, " there.", 0.8),
    )
    return Segment(
        i, start, start + 2.5, text or f" Sentence number {i}.", words, -0.25, 0.01, **kw
    )


def point(position: float, window: int, next_segment: int) -> ResumePoint:
    prev = seg(next_segment - 1) if next_segment else None
    return ResumePoint(position, window, (50257, 50364, 1770, 13), "en", 1.0, next_segment, prev)


@pytest.fixture
def header(tmp_path: Path) -> JobHeader:
    source = tmp_path / "talk.wav"
    source.write_bytes(b"RIFF....")
    return JobHeader(
        "20260101-000000-abcd", "2026-01-01T00:00:00Z", SourceIdentity.of(source), OPTIONS,
        WindowPlan(), 90.0,
    )  # fmt: skip


def resumed(path: Path) -> JournalWriter:
    """The writer a resumed run gets: torn tail cut, the interrupted window dropped."""
    writer = JournalWriter.append_to(path)
    writer.started(resumed=True)
    return writer


def write_two_windows(path: Path, header: JobHeader) -> None:
    with JournalWriter.create(path, header) as journal:
        for i in range(3):
            journal.segment(seg(i))
        journal.window(WindowDone(0, 0.0, 29.5, point(29.5, 1, 3)))
        for i in range(3, 5):
            journal.segment(seg(i))
        journal.window(WindowDone(1, 29.5, 61.0, point(61.0, 2, 5)))
        journal.segment(seg(5))  # the window that was running


def test_round_trip_is_exact(tmp_path: Path, header: JobHeader) -> None:
    path = tmp_path / "job.jsonl"
    write_two_windows(path, header)
    state = read_journal(path)
    assert state.header == header
    assert state.segments == tuple(seg(i) for i in range(5))
    assert state.pending == (seg(5),)
    assert state.resume == point(61.0, 2, 5)
    assert state.finished is None and not state.torn


def test_finished_marks_the_journal(tmp_path: Path, header: JobHeader) -> None:
    path = tmp_path / "job.jsonl"
    write_two_windows(path, header)
    with resumed(path) as journal:
        journal.segment(seg(5))
        journal.window(WindowDone(2, 61.0, 90.0, point(90.0, 3, 6)))
        journal.finished(INFO)
    done = read_journal(path)
    assert done.finished == INFO
    assert done.segments == tuple(seg(i) for i in range(6))


@pytest.mark.parametrize("cut", [1, 17, 40])
def test_torn_last_line_is_dropped_and_resume_truncates_it(
    tmp_path: Path, header: JobHeader, cut: int
) -> None:
    path = tmp_path / "job.jsonl"
    write_two_windows(path, header)
    whole = path.read_bytes()
    last = whole.rstrip(b"\n").rfind(b"\n") + 1
    path.write_bytes(whole[: last + cut])  # a kill in the middle of the last write
    state = read_journal(path)
    assert state.torn
    assert state.segments == tuple(seg(i) for i in range(5))
    assert state.resume.next_segment == 5
    with resumed(path) as journal:
        journal.segment(seg(5, " Again."))
    again = read_journal(path)
    assert not again.torn
    assert again.pending == (seg(5, " Again."),)


def test_garbage_in_the_middle_ends_the_journal_there(tmp_path: Path, header: JobHeader) -> None:
    path = tmp_path / "job.jsonl"
    write_two_windows(path, header)
    lines = path.read_bytes().split(b"\n")
    lines[6] = b'{"type": "segm\x00ent"'  # the line after the first checkpoint
    path.write_bytes(b"\n".join(lines))
    state = read_journal(path)
    assert state.torn
    assert state.segments == tuple(seg(i) for i in range(3))
    assert state.resume == point(29.5, 1, 3)


def test_records_of_a_later_version_are_skipped_not_taken_for_a_torn_end(
    tmp_path: Path, header: JobHeader
) -> None:
    path = tmp_path / "job.jsonl"
    write_two_windows(path, header)
    lines = path.read_bytes().split(b"\n")
    later = b'{"type":"speaker","index":1,"speaker":"A"}'  # a kind this version does not know
    path.write_bytes(b"\n".join([*lines[:3], later, *lines[3:]]))
    state = read_journal(path)
    assert not state.torn
    assert state.segments == tuple(seg(i) for i in range(5))
    assert state.resume == point(61.0, 2, 5)


def test_a_line_that_is_not_a_record_ends_the_journal(tmp_path: Path, header: JobHeader) -> None:
    path = tmp_path / "job.jsonl"
    write_two_windows(path, header)
    lines = path.read_bytes().split(b"\n")
    path.write_bytes(b"\n".join([*lines[:5], b"[1, 2]", *lines[5:]]))
    state = read_journal(path)
    assert state.torn
    assert state.resume == point(29.5, 1, 3)


def test_revised_segment_replaces_the_earlier_line(tmp_path: Path, header: JobHeader) -> None:
    path = tmp_path / "job.jsonl"
    with JournalWriter.create(path, header) as journal:
        journal.segment(seg(0))
        journal.segment(seg(1, " Thank you."))
        revised = seg(1, " Thank you.", repeats_collapsed=3)
        journal.window(WindowDone(0, 0.0, 30.0, point(30.0, 1, 2), revised=(revised,)))
    assert read_journal(path).segments == (seg(0), revised)


def test_revision_after_the_last_checkpoint_does_not_count(
    tmp_path: Path, header: JobHeader
) -> None:
    path = tmp_path / "job.jsonl"
    write_two_windows(path, header)
    with resumed(path) as journal:
        journal.segment(seg(4, repeats_collapsed=2))  # written, then killed before the checkpoint
    assert read_journal(path).segments[4] == seg(4)


@pytest.mark.parametrize("content", [b"", b'{"type": "job", "vers', b"not json\n"])
def test_without_a_header_the_journal_is_unreadable(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "job.jsonl"
    path.write_bytes(content)
    with pytest.raises(JournalError):
        read_journal(path)


def test_another_format_version_is_unreadable(tmp_path: Path, header: JobHeader) -> None:
    path = tmp_path / "job.jsonl"
    JournalWriter.create(path, header).close()
    path.write_bytes(path.read_bytes().replace(b'"version":1', b'"version":99'))
    with pytest.raises(JournalError, match="format"):
        read_journal(path)


def test_each_line_reaches_the_file_before_the_call_returns(
    tmp_path: Path, header: JobHeader
) -> None:
    path = tmp_path / "job.jsonl"
    with JournalWriter.create(path, header) as journal:
        journal.segment(seg(0))
        # Another reader sees it at once: nothing is buffered in the process.
        assert read_journal(path).pending == (seg(0),)


def test_a_running_job_is_locked(tmp_path: Path, header: JobHeader) -> None:
    path = tmp_path / "job.jsonl"
    write_two_windows(path, header)
    assert not is_locked(path)
    with resumed(path):
        assert is_locked(path)
        with pytest.raises(JournalBusy):
            resumed(path)
    assert not is_locked(path)


def test_create_refuses_an_existing_journal(tmp_path: Path, header: JobHeader) -> None:
    path = tmp_path / "job.jsonl"
    path.write_text("keep me")
    with pytest.raises(FileExistsError):
        JournalWriter.create(path, header)
    assert path.read_text() == "keep me"
    assert os.stat(path).st_size == 7
