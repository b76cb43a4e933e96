"""The desktop app as a process: startup order, the smoke test, a kill mid-job."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from tests.helpers import speech
from tests.ui.conftest import make_dirs, open_app

from stenodesk.bridge.jobs import JobState
from stenodesk.ui.dialogs import RecoveryDialog

pytestmark = pytest.mark.gui

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def child_env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HF_HUB_OFFLINE": "1"}


class AppProcess:
    """tests/e2e/app_process.py running with its own user folders."""

    def __init__(self, root: Path, *files: Path) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.stderr = root / "stderr.txt"
        with self.stderr.open("w") as err:
            self.proc = subprocess.Popen(
                [sys.executable, str(HERE / "app_process.py"), str(root), *map(str, files)],
                cwd=REPO,
                env=child_env(),
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
            )

    def stderr_tail(self) -> str:
        """The end of what the app wrote on stderr (a native crash's stack, say)."""
        return self.stderr.read_text(errors="replace")[-3000:]

    def wait(self, timeout: float = 30) -> int:
        """The exit code (assert on it with :meth:`stderr_tail` as the message)."""
        return self.proc.wait(timeout=timeout)

    def next_event(self) -> dict[str, Any]:
        out: IO[str] | None = self.proc.stdout
        assert out is not None
        line = out.readline()
        assert line, f"the app exited with {self.proc.wait(timeout=30)}: {self.stderr_tail()}"
        event: dict[str, Any] = json.loads(line)
        return event

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=30)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def kill_after_a_window(qtbot: Any, process: AppProcess, jobs: Path) -> None:
    """SIGKILL the app once a window is complete and more text came after it."""

    def journal() -> str:
        files = list(jobs.glob("*.jsonl"))
        return files[0].read_text(encoding="utf-8") if files else ""

    qtbot.waitUntil(
        lambda: (
            '"type":"window"' in journal()
            and journal().rsplit('"type":"window"', 1)[1].count('"type":"segment"') >= 1
        ),
        timeout=180_000,
    )
    process.proc.send_signal(signal.SIGKILL)
    assert process.proc.wait(timeout=30) == -signal.SIGKILL


@pytest.fixture
def running(tmp_path: Path) -> Iterator[list[AppProcess]]:
    started: list[AppProcess] = []
    yield started
    for process in started:
        process.stop()


def test_the_window_shows_before_the_engine_libraries_load(
    tmp_path: Path, running: list[AppProcess]
) -> None:
    process = AppProcess(tmp_path / "user")
    running.append(process)
    assert process.next_event() == {"event": "shown", "loaded": []}
    ready = process.next_event()
    assert ready["event"] == "engine_ready"
    assert set(ready["loaded"]) == {"faster_whisper", "ctranslate2"}, "loaded by the engine"
    process.proc.send_signal(signal.SIGTERM)
    assert process.next_event()["event"] == "stopped"
    assert process.wait() == 0, process.stderr_tail()


def test_smoke_test_exits_zero(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "stenodesk.cli", "--smoke-test"],
        cwd=tmp_path,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "smoke test passed" in done.stdout


@pytest.fixture(scope="module")
def ninety_seconds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, speech.Placed]:
    tmp = tmp_path_factory.mktemp("long")
    pcm, placed = speech.long_recording(tmp, 90.0)
    return speech.write_wav(tmp / "ninety.wav", pcm), placed


def test_a_killed_app_shows_the_partial_transcript_and_resumes(
    qtbot: Any,
    tmp_path: Path,
    running: list[AppProcess],
    ninety_seconds: tuple[Path, speech.Placed],
    transcriber: Any,
) -> None:
    recording, placed = ninety_seconds
    root = tmp_path / "user"
    process = AppProcess(root, recording)
    running.append(process)
    kill_after_a_window(qtbot, process, root / "data" / "jobs")

    desk = open_app(qtbot, make_dirs(root), transcriber)
    try:
        [row] = desk.ctx.jobs.model.rows
        assert row.state == JobState.INTERRUPTED
        doc = desk.ctx.jobs.documents[row.job_id]
        partial = doc.segments
        assert partial, "the partial transcript is shown"
        assert desk.window.transcribe.transcript.model.document is doc
        said = " ".join(t for _s, e, t in placed if e <= partial[-1].end + 0.5)
        assert speech.wer(said, " ".join(s.text for s in partial)) <= 0.25

        dialog = desk.window.findChild(RecoveryDialog)
        assert dialog is not None and dialog.list.count() == 1
        dialog.resume_button.click()
        qtbot.waitUntil(lambda: row.state == JobState.FINISHED, timeout=180_000)
        done = doc.segments
        assert [s.index for s in done] == list(range(len(done)))
        assert all(a.start <= b.start for a, b in itertools.pairwise(done))
        everything = " ".join(t for _s, _e, t in placed)
        assert speech.wer(everything, " ".join(s.text for s in done)) <= 0.2
    finally:
        desk.window.close()
        desk.shutdown()
