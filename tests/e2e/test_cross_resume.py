"""One job store: a job killed in one front end resumes in the other, with identical exports.

The reference is an uninterrupted command-line run of the same file with the
same settings; JSON segments (times, words, text) must be equal, not just close:
a resumed run decodes the interrupted window again with the same prompt.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tests.core.jobs.test_kill_resume import cli, killed_midway
from tests.e2e.test_desktop import AppProcess, kill_after_a_window, ninety_seconds, running
from tests.helpers import speech
from tests.ui.conftest import open_app

from stenodesk.bridge.jobs import JobState
from stenodesk.core.export.formats import to_json
from stenodesk.core.jobs.store import JobStore
from stenodesk.core.paths import UserDirs

pytestmark = [pytest.mark.gui, pytest.mark.skipif(os.name != "posix", reason="SIGKILL")]

__all__ = ["ninety_seconds", "running"]  # fixtures, shared
ARGS = ["--model", "tiny.en", "--language", "en", "--compute-type", "int8", "--format", "json"]


def cli_env(data: Path) -> dict[str, str]:
    return {**os.environ, "XDG_DATA_HOME": str(data), "HF_HUB_OFFLINE": "1"}


@pytest.fixture(scope="module")
def reference(
    tmp_path_factory: pytest.TempPathFactory, ninety_seconds: tuple[Path, speech.Placed]
) -> list[dict[str, Any]]:
    """The segments of an uninterrupted command-line run (once for both directions)."""
    wav, _ = ninety_seconds
    tmp_path = tmp_path_factory.mktemp("reference")
    out = tmp_path / "whole"
    out.mkdir()
    env = cli_env(tmp_path / "whole-data")
    subprocess.run(cli([str(wav), *ARGS, "--output-dir", str(out)]), env=env, check=True)
    segments: list[dict[str, Any]] = json.loads((out / f"{wav.stem}.json").read_text())["segments"]
    return segments


def test_a_job_killed_in_the_command_line_resumes_in_the_app(
    qtbot: Any,
    tmp_path: Path,
    ninety_seconds: tuple[Path, speech.Placed],
    transcriber: Any,
    reference: list[dict[str, Any]],
) -> None:
    wav, _placed = ninety_seconds
    data = tmp_path / "xdg"
    jobs = data / "stenodesk" / "jobs"
    out = tmp_path / "never"
    killed_midway(cli([str(wav), *ARGS, "--output-dir", str(out)]), cli_env(data), jobs)
    [summary] = JobStore(jobs).unfinished()
    assert summary.position > 0 and summary.header.origin == "cli"

    root = tmp_path / "user"
    dirs = UserDirs(root / "config", data / "stenodesk", root / "cache", root / "logs")
    dirs.ensure()
    desk = open_app(qtbot, dirs, transcriber)
    try:
        [row] = desk.ctx.jobs.model.rows
        assert row.state == JobState.INTERRUPTED and row.job_id == summary.id
        begun: list[int] = []
        desk.ctx.engine.job_begun.connect(lambda _j, kept: begun.append(kept))
        assert desk.ctx.jobs.resume(row.job_id)
        qtbot.waitUntil(lambda: row.state == JobState.FINISHED, timeout=180_000)
        assert begun and begun[0] > 0, "it continued where the command line stopped"
        transcript = desk.ctx.jobs.transcript(row.job_id)
        assert transcript is not None
    finally:
        desk.window.close()
        desk.shutdown()
    shown = json.loads(to_json(transcript))["segments"]
    assert shown == reference


def test_a_job_killed_in_the_app_resumes_in_the_command_line(
    qtbot: Any,
    tmp_path: Path,
    running: list[AppProcess],
    ninety_seconds: tuple[Path, speech.Placed],
    reference: list[dict[str, Any]],
) -> None:
    wav, _placed = ninety_seconds
    root = tmp_path / "user"
    os.environ["APP_SETTINGS"] = "device.compute_type=int8"
    try:
        process = AppProcess(root, wav)
    finally:
        del os.environ["APP_SETTINGS"]
    running.append(process)
    jobs = root / "data" / "jobs"
    kill_after_a_window(qtbot, process, jobs)

    data = tmp_path / "xdg"
    data.mkdir()
    (data / "stenodesk").symlink_to(root / "data")  # the command line's data folder is the app's
    out = tmp_path / "resumed"
    out.mkdir()
    done = subprocess.run(
        cli([str(wav), *ARGS, "--output-dir", str(out)]),
        env=cli_env(data),
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"Resuming {wav.name}" in done.stderr, done.stderr
    resumed = json.loads((out / f"{wav.stem}.json").read_text())["segments"]
    assert resumed == reference
    [summary] = JobStore(jobs).jobs()
    assert summary.finished and summary.header.origin == "app", "the app's job stays, finished"
