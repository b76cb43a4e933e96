"""The engine's short journal writes from the window: edits, cancels, and what a failure says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stenodesk.bridge.engine import Engine
from stenodesk.bridge.jobs import JobSpec
from stenodesk.core.editing.edit import single
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Segment
from stenodesk.core.jobs.store import JobStore
from stenodesk.core.paths import sample_audio

pytestmark = pytest.mark.gui

OPTIONS = TranscribeOptions(model="tiny.en", cpu_threads=2)


def never() -> Any:
    raise AssertionError("no job runs in these tests")


def test_a_waiting_job_is_on_disk_and_its_cancel_is_kept(tmp_path: Path, qtbot: Any) -> None:
    engine = Engine(never, JobStore(tmp_path / "jobs"))  # the thread is not started
    engine.submit(JobSpec("w", sample_audio(), OPTIONS))
    [summary] = engine.store.jobs()
    assert summary.id == "w" and not summary.started and summary.header.origin == "app"
    assert (summary.journal.stat().st_mode & 0o777) == 0o600
    with qtbot.waitSignal(engine.job_cancelled):
        engine.cancel("w")
    assert engine.store.load("w").state.cancelled


def test_an_edit_that_cannot_be_saved_is_said(tmp_path: Path, qtbot: Any, logfail: Any) -> None:
    logfail.allow("stenodesk.bridge.worker")
    engine = Engine(never, JobStore(tmp_path / "jobs"))
    engine.submit(JobSpec("e", sample_audio(), OPTIONS))
    journal = engine.store.jobs()[0].journal
    journal.unlink()
    journal.mkdir()  # stands in for a disk that refuses the write (root ignores permissions)
    seg = Segment(0, 0.0, 1.0, " Hello.")
    edit = single("Edit line {line}", 0, (seg,), (seg.with_text(" Hi."),))
    with qtbot.waitSignal(engine.save_failed) as blocker:
        engine.save_edit("e", edit)
    assert blocker.args == ["e", "Is a directory"]


def test_an_edit_of_a_job_that_is_gone_is_said(tmp_path: Path, qtbot: Any, logfail: Any) -> None:
    logfail.allow("stenodesk.bridge.worker")
    engine = Engine(never, JobStore(tmp_path / "jobs"))
    seg = Segment(0, 0.0, 1.0, " Hello.")
    edit = single("Edit line {line}", 0, (seg,), (seg.with_text(" Hi."),))
    with qtbot.waitSignal(engine.save_failed) as blocker:
        engine.save_edit("gone", edit)
    assert blocker.args == ["gone", "No such file or directory"]
