"""Playback time-stretching speed: how many times faster than real time, on one core.

    .venv/bin/python bench/stretch.py [--seconds 60] [--repeat 3]

Speaks the test sentences (espeak-ng) into ``--seconds`` of 16 kHz audio and
feeds it to :class:`TimeStretcher` in quarter-second blocks, as the player
does, at 0.5x, 1x and 2x. The process is pinned to one CPU. Printed per
speed: audio seconds per CPU second (steady on a busy machine) and per wall
second, with their spread over the repeats; and, as a reference measured in
the same run, a plain linear-interpolation speed change of the same audio
(no pitch kept), the cheapest thing a player could do. Playback keeps up
when the stretcher runs at least 1x real time on the core it gets; the
target is 10x, so that it keeps up with 2 cores shared by several programs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the speech helpers live in tests/

from tests.helpers import speech  # noqa: E402

from stenodesk.core.audio.stretch import TimeStretcher  # noqa: E402

SR = speech.SR
BLOCK = SR // 4
TARGET = 10.0


def test_audio(seconds: float) -> np.ndarray:
    with tempfile.TemporaryDirectory() as tmp:
        spoken = [speech.say_pcm(s, Path(tmp)) for s in speech.SENTENCES]
    parts, total, i = [], 0, 0
    while total < seconds * SR:
        parts += [spoken[i % len(spoken)], speech.silence(0.5)]
        total += len(parts[-2]) + len(parts[-1])
        i += 1
    return np.concatenate(parts)[: int(seconds * SR)].astype(np.float32)


def run_stretcher(pcm: np.ndarray, speed: float) -> tuple[float, float]:
    """(CPU seconds, wall seconds) to stretch ``pcm`` block by block."""
    stretcher = TimeStretcher(speed)
    cpu, wall = time.process_time(), time.perf_counter()
    for i in range(0, len(pcm), BLOCK):
        stretcher.process(pcm[i : i + BLOCK])
    stretcher.flush()
    return time.process_time() - cpu, time.perf_counter() - wall


def run_interp(pcm: np.ndarray, speed: float) -> tuple[float, float]:
    """The reference: resampling each block by linear interpolation."""
    cpu, wall = time.process_time(), time.perf_counter()
    for i in range(0, len(pcm), BLOCK):
        block = pcm[i : i + BLOCK]
        x = np.arange(0.0, len(block) - 1, speed)
        np.interp(x, np.arange(len(block)), block).astype(np.float32)
    return time.process_time() - cpu, time.perf_counter() - wall


def spread(values: list[float]) -> str:
    mid = float(np.median(values))
    return f"{mid:8.1f}x ({min(values):.1f}..{max(values):.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    pcm = test_audio(args.seconds)
    audio = len(pcm) / SR
    print(f"{audio:.0f} s of speech, {BLOCK} sample blocks, one CPU")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print("speed  WSOLA per CPU s     per wall s         interp per CPU s   WSOLA/interp cost")
    slowest = float("inf")
    for speed in (0.5, 1.0, 2.0):
        ours = [run_stretcher(pcm, speed) for _ in range(args.repeat)]
        ref = [run_interp(pcm, speed) for _ in range(args.repeat)]
        cpu = [audio / max(c, 1e-9) for c, _ in ours]
        wall = [audio / max(w, 1e-9) for _, w in ours]
        ref_cpu = [audio / max(c, 1e-9) for c, _ in ref]
        cost = float(np.median(ref_cpu) / np.median(cpu))
        slowest = min(slowest, float(np.median(cpu)))
        print(f"{speed:4.1f}x  {spread(cpu)}  {spread(wall)}  {spread(ref_cpu)}  {cost:6.1f}x")
    verdict = "keeps up" if slowest >= TARGET else "TOO SLOW"
    print(f"slowest {slowest:.1f}x real time per CPU second (target >= {TARGET:.0f}x): {verdict}")


if __name__ == "__main__":
    main()
