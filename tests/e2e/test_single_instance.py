"""Two real launches of the app: the second hands its file to the first and exits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from stenodesk.core.paths import sample_audio

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parent.parent.parent
LAUNCH = "import sys; from stenodesk.cli import main; sys.exit(main())"


def _env(home: Path) -> dict[str, str]:
    folders = {f"XDG_{k}_HOME": str(home / k.lower()) for k in ("CONFIG", "DATA", "CACHE", "STATE")}
    return {**os.environ, **folders, "QT_QPA_PLATFORM": "offscreen", "HF_HUB_OFFLINE": "1"}


def _launch(home: Path, *files: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", LAUNCH, "--open", *map(str, files)],
        cwd=REPO,
        env=_env(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _queued(home: Path) -> str:
    return "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in (home / "data" / "stenodesk" / "jobs").glob("*.jsonl")
    )


def test_a_second_launch_queues_its_file_in_the_running_app(tmp_path: Path, qtbot: Any) -> None:
    home = tmp_path / "home"
    second_file = tmp_path / "second take.wav"
    second_file.write_bytes(sample_audio().read_bytes())
    first = _launch(home, sample_audio())
    try:
        qtbot.waitUntil(lambda: str(sample_audio()) in _queued(home), timeout=120_000)
        second = _launch(home, second_file)
        assert second.wait(timeout=120) == 0
        qtbot.waitUntil(lambda: str(second_file) in _queued(home), timeout=60_000)
        assert first.poll() is None, "the first app keeps running"
    finally:
        if first.poll() is None:
            first.send_signal(signal.SIGTERM)  # closes the window as a user would
        assert first.wait(timeout=120) == 0
