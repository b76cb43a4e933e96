"""Stenodesk's command line against a plain faster-whisper script on one 10-minute file.

Both run as fresh processes with the same settings (tiny.en, int8, 2 CPU
threads, beam 5; then batched 8 with voice activity detection), so both pay
for starting Python and loading the model. Printed per mode: audio seconds
per wall second for each, their ratio (target >= 0.97), each process's peak
resident memory, and the time from spawning the process to its first
segment (the CLI's first segment is seen in its job journal; the script
prints each segment). Runs alternate (Stenodesk, plain, plain, Stenodesk,
...) and repeat, and the spread is printed, because the machine may be busy.

    .venv/bin/python bench/file_throughput.py [--repeat 3] [--minutes 10] [--keep DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from _common import ChildRun, child_env, load_note, run_child, speech_file, spread

PLAIN = """
import sys
from faster_whisper import BatchedInferencePipeline, WhisperModel
from stenodesk.core.models.bundled import TINY_EN
path, batch = sys.argv[1], int(sys.argv[2])
model = WhisperModel(str(TINY_EN.folder()), device="cpu", compute_type="int8", cpu_threads=2)
if batch:
    segments, _ = BatchedInferencePipeline(model).transcribe(path, beam_size=5, batch_size=batch)
else:
    segments, _ = model.transcribe(path, beam_size=5, vad_filter=False)
for segment in segments:
    print("segment", segment.start, segment.text, flush=True)
"""

MODES = {"sequential": 0, "batched 8 + VAD": 8}


def ours(path: Path, batch: int, home: Path) -> ChildRun:
    out = home / "out"
    out.mkdir(parents=True, exist_ok=True)
    jobs = home / "data" / "stenodesk" / "jobs"
    command = [
        sys.executable,
        "-m",
        "stenodesk.cli",
        "transcribe",
        str(path),
        "--format",
        "txt",
        "--output-dir",
        str(out),
        "--overwrite",
        "--no-resume",
        "-q",
        # The plain script's settings: tiny.en (English), no word times. The
        # app's defaults differ (auto language picks the multilingual model,
        # word times are on for subtitles).
        "--model",
        "tiny.en",
        "--language",
        "en",
        "--no-word-timestamps",
        "--threads",
        "2",
        "--beam-size",
        "5",
        "--compute-type",
        "int8",
        "--device",
        "cpu",
        "--batch-size",
        str(batch),
        "--vad" if batch else "--no-vad",
    ]

    def segment_journaled() -> bool:
        return any(b'"segment"' in p.read_bytes() for p in jobs.glob("*.jsonl"))

    return run_child(command, child_env(home), watch=segment_journaled)


def plain(path: Path, batch: int, home: Path) -> ChildRun:
    command = [sys.executable, "-c", PLAIN, str(path), str(batch)]
    return run_child(command, child_env(home), first_signal=lambda s: s.startswith("segment"))


def bench_mode(name: str, batch: int, path: Path, seconds: float, args: argparse.Namespace) -> None:
    runs: dict[str, list[ChildRun]] = {"stenodesk": [], "plain": []}
    order = ("stenodesk", "plain")
    for i in range(args.repeat):
        for who in order if i % 2 == 0 else order[::-1]:
            home = Path(tempfile.mkdtemp(prefix=f"{who}-", dir=args.work))
            run = (ours if who == "stenodesk" else plain)(path, batch, home)
            runs[who].append(run)
            print(
                f"  {name:16} {who:9} run {i + 1}: {seconds / run.wall:6.2f} audio s/s "
                f"({seconds / run.cpu:5.2f} per CPU s), "
                f"{run.peak_mib:6.0f} MiB, first segment {run.first_output or 0:.2f} s"
            )
    pairs = list(zip(runs["stenodesk"], runs["plain"], strict=True))
    print(f"== {name}: {seconds:.0f} s of audio, {args.repeat} runs each ({load_note()})")
    for who, rs in runs.items():
        speed = [seconds / r.wall for r in rs]
        firsts = [r.first_output or 0.0 for r in rs]
        print(
            f"   {who:9} audio s per wall s {spread(speed)}; "
            f"per CPU s {spread([seconds / r.cpu for r in rs])}; "
            f"peak RSS {statistics.median([r.peak_mib for r in rs]):.0f} MiB; "
            f"first segment after process start {statistics.median(firsts):.2f} s"
        )
    print(
        f"   throughput ratio stenodesk / plain, wall time: "
        f"{spread([p.wall / o.wall for o, p in pairs])} (target >= 0.97)"
    )
    print(
        f"   throughput ratio stenodesk / plain, CPU time:  "
        f"{spread([p.cpu / o.cpu for o, p in pairs])}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, alternating")
    parser.add_argument("--minutes", type=float, default=10.0, help="length of the speech file")
    parser.add_argument("--keep", type=Path, help="folder to keep the audio in between runs")
    parser.add_argument("--mode", choices=("all", *MODES), default="all")
    args = parser.parse_args()
    args.work = Path(tempfile.mkdtemp(prefix="stenodesk-bench-"))
    folder = args.keep or args.work
    folder.mkdir(parents=True, exist_ok=True)
    path = speech_file(folder, args.minutes)
    seconds = args.minutes * 60.0
    # One short run of each first: the model's checksum is verified once (as on
    # a user's first run) and both find the model in the page cache.
    short = speech_file(folder, 0.25)
    for who in (ours, plain):
        who(short, 0, Path(tempfile.mkdtemp(prefix="warm-", dir=args.work)))
    print(f"{path.name}: {seconds:.0f} s of espeak-ng speech; tiny.en int8, 2 threads, beam 5")
    for name, batch in MODES.items():
        if args.mode in ("all", name):
            bench_mode(name, batch, path, seconds, args)


if __name__ == "__main__":
    main()
