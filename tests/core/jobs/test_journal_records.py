"""The journal's records for the app: edits, speakers, ends, waiting jobs, fresh starts."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from tests.core.jobs.test_journal import INFO, header, point, resumed, seg, write_two_windows

from stenodesk.core.editing.edit import single
from stenodesk.core.editing.records import edit_to_record
from stenodesk.core.editing.structure import merge_with_next, split_line
from stenodesk.core.engine.checkpoint import WindowDone
from stenodesk.core.jobs.journal import JobFailure, JobHeader, JournalBusy, read_journal
from stenodesk.core.jobs.writer import JournalWriter

__all__ = ["header"]  # the fixture, shared


def finished_journal(path: Path, header: JobHeader) -> None:
    write_two_windows(path, header)
    with resumed(path) as journal:
        journal.segment(seg(5))
        journal.window(WindowDone(2, 61.0, 90.0, point(90.0, 3, 6)))
        journal.finished(INFO)


def test_a_header_alone_is_a_waiting_job(tmp_path: Path, header: JobHeader) -> None:
    path = tmp_path / "job.jsonl"
    JournalWriter.create(path, replace(header, origin="app")).close()
    state = read_journal(path)
    assert not state.started and state.header.origin == "app"
    assert state.segments == () and state.finished is None


def test_edits_after_the_end_are_replayed_in_order(tmp_path: Path, header: JobHeader) -> None:
    path = tmp_path / "job.jsonl"
    finished_journal(path, header)
    shown = read_journal(path).segments
    text = single("Edit line {line}", 1, (shown[1],), (shown[1].with_text(" Fixed."),))
    after_text = text.apply(shown)
    split = split_line(after_text, 2, 5)
    assert split is not None
    after_split = split.apply(after_text)
    merge = merge_with_next(after_split, 4)
    assert merge is not None
    with JournalWriter.append_to(path) as journal:
        for edit in (text, split, merge, merge.inverse()):
            journal.edit(edit_to_record(edit))
    state = read_journal(path)
    assert state.segments == after_split
    assert state.edits == 4 and state.finished == INFO


def test_an_edit_that_does_not_fit_is_skipped_whole(
    tmp_path: Path, header: JobHeader, caplog: pytest.LogCaptureFixture, logfail: Any
) -> None:
    logfail.allow("stenodesk.core.jobs.journal")
    path = tmp_path / "job.jsonl"
    finished_journal(path, header)
    shown = read_journal(path).segments
    stale = single("Edit line {line}", 1, (seg(1, " Not what is there."),), (seg(1, " X."),))
    good = single("Edit line {line}", 0, (shown[0],), (shown[0].with_text(" Kept."),))
    with JournalWriter.append_to(path) as journal:
        journal.edit(edit_to_record(stale))
        journal.edit({"version": 99})
        journal.edit(edit_to_record(good))
    state = read_journal(path)
    assert state.segments[0].text == " Kept." and state.segments[1:] == shown[1:]
    assert state.edits == 1
    assert "cannot be replayed" in caplog.text


def test_the_speaker_step_replaces_the_segments(tmp_path: Path, header: JobHeader) -> None:
    path = tmp_path / "job.jsonl"
    write_two_windows(path, header)
    split = (replace(seg(0), speaker=0), replace(seg(1), speaker=1), replace(seg(6), speaker=1))
    with resumed(path) as journal:
        journal.segment(seg(5))
        journal.window(WindowDone(2, 61.0, 90.0, point(90.0, 3, 6)))
        journal.speakers(split)
        journal.finished(INFO)
    assert read_journal(path).segments == split


def test_failed_and_cancelled_runs_are_read_and_a_new_run_clears_them(
    tmp_path: Path, header: JobHeader
) -> None:
    path = tmp_path / "job.jsonl"
    write_two_windows(path, header)
    with JournalWriter.append_to(path) as journal:
        journal.failed(JobFailure("model_missing", "base.en", "gone"))
    assert read_journal(path).failure == JobFailure("model_missing", "base.en", "gone")
    with resumed(path) as journal:
        journal.cancelled()
    state = read_journal(path)
    assert state.failure is None and state.cancelled
    assert state.segments == tuple(seg(i) for i in range(5))


def test_a_torn_tail_is_cut_before_an_edit_is_appended(tmp_path: Path, header: JobHeader) -> None:
    path = tmp_path / "job.jsonl"
    finished_journal(path, header)
    shown = read_journal(path).segments
    with path.open("ab") as fh:
        fh.write(b'{"type":"edit","ed')  # a kill in the middle of a write
    assert read_journal(path).torn
    edit = single("Edit line {line}", 0, (shown[0],), (shown[0].with_text(" Kept."),))
    with JournalWriter.append_to(path) as journal:
        journal.edit(edit_to_record(edit))
    state = read_journal(path)
    assert not state.torn and state.segments[0].text == " Kept."


def test_replace_starts_afresh_and_refuses_a_running_job(tmp_path: Path, header: JobHeader) -> None:
    path = tmp_path / "job.jsonl"
    write_two_windows(path, header)
    with JournalWriter.append_to(path), pytest.raises(JournalBusy):
        JournalWriter.replace(path, header)
    assert read_journal(path).segments == tuple(seg(i) for i in range(5))
    JournalWriter.replace(path, replace(header, origin="app")).close()
    state = read_journal(path)
    assert state.header.origin == "app" and state.segments == () and not state.started
    assert sorted(p.name for p in tmp_path.iterdir()) == ["job.jsonl", "talk.wav"]
    assert path.stat().st_mode & 0o777 == 0o600
    assert json.loads(path.read_text().splitlines()[0])["origin"] == "app"


def test_an_edit_racing_the_end_of_a_run_is_still_saved(tmp_path: Path, header: JobHeader) -> None:
    """The app's edit finds the run's writer, which closes before the edit is written."""
    from stenodesk.core.jobs.store import JobStore

    store = JobStore(tmp_path / "jobs")
    source = Path(header.source.path)
    _, writer = store.create(source, header.options, header.windows, 90.0, job_id="race")
    writer.started(resumed=False)
    writer.segment(seg(0))
    writer.finished(INFO)
    shown = store.load("race").state.segments
    edit = single("Edit line {line}", 0, (shown[0],), (shown[0].with_text(" Kept."),))

    def late(w: JournalWriter) -> None:
        writer.close()  # the run ends between the lookup and the write
        w.edit(edit_to_record(edit))

    store.append("race", late)
    assert store.load("race").state.segments[0].text == " Kept."


def test_speaker_names_and_a_merge_are_replayed(tmp_path: Path, header: JobHeader) -> None:
    from stenodesk.core.editing.edit import SpeakerNames
    from stenodesk.core.editing.speakers import merge_speakers, rename_speaker

    path = tmp_path / "job.jsonl"
    write_two_windows(path, header)
    voices = (replace(seg(0), speaker=0), replace(seg(1), speaker=1), replace(seg(2), speaker=1))
    with resumed(path) as journal:
        journal.speakers(voices)
        journal.finished(INFO)
    rename = rename_speaker(SpeakerNames(), 1, "Diane")
    assert rename is not None
    merge = merge_speakers(voices, SpeakerNames(((1, "Diane"),)), 0, 1)
    assert merge is not None
    with JournalWriter.append_to(path) as journal:
        journal.edit(edit_to_record(rename))
        journal.edit(edit_to_record(merge))
    state = read_journal(path)
    assert [s.speaker for s in state.segments] == [0, 0, 0]
    assert state.speaker_names == SpeakerNames(), "the merged voice's name is forgotten"
    with JournalWriter.append_to(path) as journal:
        journal.edit(edit_to_record(merge.inverse()))
    state = read_journal(path)
    assert state.speaker_names == SpeakerNames(((1, "Diane"),))
    assert state.segments == voices


def test_window_plans_read_back_and_older_ones_cut_in_pauses() -> None:
    from stenodesk.core.engine.windows import WindowPlan
    from stenodesk.core.jobs.records import plan_from_json, plan_to_json

    exact = WindowPlan(first_seconds=10.0).for_whole_chunks()
    assert plan_from_json(json.loads(json.dumps(plan_to_json(exact)))) == exact
    older = {k: v for k, v in plan_to_json(WindowPlan()).items() if k != "pauses"}
    assert plan_from_json(older) == WindowPlan() and WindowPlan().pauses
