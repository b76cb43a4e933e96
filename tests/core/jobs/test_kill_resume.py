"""`stenodesk transcribe` killed with SIGKILL part way resumes to the same transcript."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.helpers import speech

from stenodesk.core.jobs.store import JobStore

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def cli(args: list[str]) -> list[str]:
    # int8 as given, not measured: each test's fresh data folder holds a fresh copy of
    # the built-in model, whose first job would time both compute types (5 s for base;
    # that probe has its own tests in test_cputune).
    return [sys.executable, "-m", "stenodesk.cli", "transcribe", "--compute-type", "int8", *args]


def killed_midway(command: list[str], env: dict[str, str], jobs: Path) -> None:
    """Start the command; SIGKILL it once a window is done and two more segments are out."""
    proc = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline:
            assert proc.poll() is None, "finished before it could be killed: " + str(
                proc.communicate()[1]
            )
            lines = [
                json.loads(line)["type"]
                for journal in jobs.glob("*.jsonl")
                for line in journal.read_text().splitlines()
                if line.endswith("}")
            ]
            if "window" in lines:
                after = lines[len(lines) - lines[::-1].index("window") :]
                if after.count("segment") >= 2:
                    return
            time.sleep(0.05)
        pytest.fail("no window was finished in time")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate()


def test_sigkill_then_resume_gives_the_uninterrupted_transcript(tmp_path: Path) -> None:
    pcm, placed = speech.long_recording(tmp_path, 60.0, seed=5)
    wav = speech.write_wav(tmp_path / "lecture.wav", pcm)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1"}
    jobs = tmp_path / "data" / "stenodesk" / "jobs"
    whole_dir, resumed_dir = tmp_path / "whole", tmp_path / "resumed"
    whole_dir.mkdir()
    resumed_dir.mkdir()
    args = [str(wav), "--format", "txt,json", "--threads", "2"]

    subprocess.run(cli([*args, "--output-dir", str(whole_dir)]), env=env, check=True)
    assert not list(jobs.glob("*.jsonl")), "a finished job's journal is removed"

    killed_midway(cli([*args, "--output-dir", str(resumed_dir)]), env, jobs)
    [job] = JobStore(jobs).unfinished()
    assert job.position > 0 and not job.running
    assert not (resumed_dir / "lecture.txt").exists()

    done = subprocess.run(
        cli([*args, "--output-dir", str(resumed_dir)]),
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert "Resuming lecture.wav" in done.stderr, done.stderr
    whole = (whole_dir / "lecture.txt").read_text()
    assert (resumed_dir / "lecture.txt").read_text() == whole
    segments = json.loads((resumed_dir / "lecture.json").read_text())["segments"]
    assert segments == json.loads((whole_dir / "lecture.json").read_text())["segments"]
    assert speech.wer(" ".join(t for _, _, t in placed), whole) < 0.1  # real speech came out
    assert not list(jobs.glob("*.jsonl"))


def test_no_resume_starts_over(tmp_path: Path) -> None:
    pcm, _ = speech.long_recording(tmp_path, 60.0, seed=5)
    wav = speech.write_wav(tmp_path / "short.wav", pcm)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1"}
    jobs = tmp_path / "data" / "stenodesk" / "jobs"
    args = [str(wav), "--format", "txt", "--threads", "2", "--beam-size", "1"]
    killed_midway(cli(args), env, jobs)
    [old] = JobStore(jobs).unfinished()
    done = subprocess.run(
        cli([*args, "--no-resume"]), env=env, check=True, capture_output=True, text=True
    )
    assert "Resuming" not in done.stderr and "starting over" in done.stderr, done.stderr
    assert "resumed at" not in done.stderr
    assert not (jobs / f"{old.id}.jsonl").exists()
