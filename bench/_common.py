"""Shared pieces of the benchmarks: test audio, child processes, summaries."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # for tests.helpers (espeak-ng speech)

from tests.helpers import conversations, longaudio, recordings, speech  # noqa: E402
from tests.helpers.rss import Measured, measure  # noqa: E402

# for the scripts, which cannot import tests.*
__all__ = ["Measured", "conversations", "measure", "recordings", "speech"]


def speech_file(folder: Path, minutes: float) -> Path:
    """``minutes`` of espeak-ng sentences with 0.4-4 s pauses, as a 16 kHz WAV (cached).

    The sentences' text is kept beside it (:func:`reference`).
    """
    path = folder / f"speech-{minutes:g}min.wav"
    if not path.exists():
        part = path.with_suffix(".part")
        placed = longaudio.write_long_recording(part, minutes * 60.0, longaudio.voices(folder))
        path.with_suffix(".txt").write_text(" ".join(t for _, _, t in placed) + "\n")
        part.rename(path)
    return path


def reference(path: Path) -> str:
    """What was said in a file from :func:`speech_file`."""
    return path.with_suffix(".txt").read_text()


def child_env(data_home: Path) -> dict[str, str]:
    """Offline, with the child's data and settings in ``data_home``.

    The cache (where the bundled model's checksum is remembered) is shared by
    all runs of a session, as it is between a user's runs: the first run
    verifies the model, later ones do not.
    """
    return {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "XDG_DATA_HOME": str(data_home / "data"),
        "XDG_CACHE_HOME": str(data_home.parent / "cache"),
        "XDG_CONFIG_HOME": str(data_home / "config"),
    }


@dataclass(frozen=True)
class ChildRun:
    wall: float
    """Seconds from spawning the process to its exit."""
    first_output: float | None
    """Seconds from spawning to the first sign of a segment, when watched."""
    peak_mib: float
    """The child's peak resident memory (ru_maxrss from wait4)."""
    cpu: float
    """CPU seconds the child used (user + system): steadier than wall time on a busy machine."""


def run_child(
    command: Sequence[str],
    env: dict[str, str],
    *,
    first_signal: Callable[[str], bool] | None = None,
    watch: Callable[[], bool] | None = None,
) -> ChildRun:
    """Run ``command``, timing it and reading its own peak memory from wait4.

    ``first_signal`` looks at each stdout line; ``watch`` is polled every
    20 ms; whichever first says True marks the time of the first segment.
    """
    started = time.monotonic()
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    first: float | None = None
    if first_signal is not None and proc.stdout is not None:
        for line in proc.stdout:
            if first is None and first_signal(line):
                first = time.monotonic() - started
    reaped = None
    if watch is not None and first_signal is None:
        # Not proc.poll(): it would reap the child, and wait4 could not read its usage.
        while first is None:
            reaped = os.wait4(proc.pid, os.WNOHANG)
            if reaped[0]:
                break
            reaped = None
            if watch():
                first = time.monotonic() - started
            time.sleep(0.02)
    if proc.stdout is not None:
        proc.stdout.read()
    err = proc.stderr.read() if proc.stderr is not None else ""
    _, status, usage = reaped or os.wait4(proc.pid, 0)
    wall = time.monotonic() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{command[:4]} failed ({proc.returncode}):\n{err[-2000:]}")
    return ChildRun(wall, first, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def spread(values: Sequence[float]) -> str:
    """``median (min..max, +-x%)`` of a few repeats."""
    med = statistics.median(values)
    half = (max(values) - min(values)) / 2 / med * 100 if med else 0.0
    return f"{med:.3f} ({min(values):.3f}..{max(values):.3f}, +-{half:.1f}%)"


def load_note() -> str:
    """The load average, to show how busy the machine was."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return ""
    return f"load average {one:.1f} / {five:.1f} on {os.cpu_count()} CPUs"
