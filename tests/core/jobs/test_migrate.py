"""The old app queue (format 2) moves into the job journals once, losing nothing."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from stenodesk.core.errors import ErrorKind
from stenodesk.core.jobs.journal import JobFailure
from stenodesk.core.jobs.migrate import MIGRATED, migrate_queue
from stenodesk.core.jobs.store import JobStore
from stenodesk.core.paths import sample_audio

FORMAT2 = Path(__file__).parent / "data" / "queue_format2"


def format2_queue(folder: Path) -> Path:
    """A copy of the format-2 queue fixture whose media is a copy of the sample."""
    media, queue = folder / "media", folder / "queue"
    media.mkdir(parents=True)
    queue.mkdir()
    shutil.copy(sample_audio(), media / "sample-en.wav")
    for path in FORMAT2.iterdir():
        text = path.read_text(encoding="utf-8").replace("@MEDIA@", str(media))
        (queue / path.name).write_text(text, encoding="utf-8")
    return queue


def test_every_old_job_becomes_a_journal_in_the_queue_order(tmp_path: Path) -> None:
    queue = format2_queue(tmp_path)
    store = JobStore(tmp_path / "jobs")
    assert migrate_queue(queue, store) == 5
    assert not queue.exists() and (tmp_path / MIGRATED / "0a-finished.jsonl").exists()
    snapshots = list(store.snapshots())
    ids = [s.summary.id for s in snapshots]
    assert ids == ["0b-interrupted", "0e-waiting", "0a-finished", "0c-failed", "0d-cancelled"]
    by_id = {s.summary.id: s.state for s in snapshots}

    finished = by_id["0a-finished"]
    assert finished.finished is not None and finished.finished.model == "tiny.en"
    assert finished.segments[0].text == "An edited first sentence."

    interrupted = by_id["0b-interrupted"]
    assert interrupted.finished is None and interrupted.started
    assert interrupted.resume.next_segment == 2 and interrupted.resume.window_index == 1
    assert [s.index for s in interrupted.segments] == [0, 1]
    assert [s.index for s in interrupted.pending] == [2], "past the checkpoint: shown, redone"

    failed = by_id["0c-failed"].failure
    assert isinstance(failed, JobFailure) and failed.kind == ErrorKind.MODEL_MISSING.value
    assert by_id["0d-cancelled"].cancelled
    waiting = by_id["0e-waiting"]
    assert not waiting.started and waiting.header.options.model == "base.en"
    assert all(s.header.origin == "app" for s in by_id.values())


def test_it_runs_once_and_keeps_a_file_it_cannot_read(tmp_path: Path, logfail: Any) -> None:
    logfail.allow("stenodesk.core.jobs.migrate")
    queue = format2_queue(tmp_path)
    (queue / "junk.jsonl").write_text("not a job\n", encoding="utf-8")
    store = JobStore(tmp_path / "jobs")
    migrate_queue(queue, store)
    assert (tmp_path / MIGRATED / "junk.jsonl").read_text(encoding="utf-8") == "not a job\n"
    assert migrate_queue(queue, store) == 0, "the old folder is gone: nothing to do"
    assert len(store.jobs()) == 5


def test_a_job_whose_file_went_away_shows_but_never_resumes(tmp_path: Path) -> None:
    queue = format2_queue(tmp_path)
    (tmp_path / "media" / "sample-en.wav").unlink()
    store = JobStore(tmp_path / "jobs")
    migrate_queue(queue, store)
    from stenodesk.core.jobs.store import check_resumable

    summary = store.load("0b-interrupted").summary
    blocked = check_resumable(summary, None, None)
    assert blocked is not None and blocked.permanent
