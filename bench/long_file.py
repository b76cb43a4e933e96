"""Long files: peak memory, first text and throughput against plain faster-whisper.

For each length (10 minutes, 1 hour and 2 hours of espeak-ng speech; with
``--quick`` 2, 5 and 10 minutes) two fresh processes run the same audio with
the same settings (tiny.en, int8, 2 threads, beam 5): a Stenodesk job (the
whole path: decoding, windows, model, journal, export to four formats) and
plain faster-whisper (the file decoded whole, then its segments drained).
Printed per length: each one's peak resident memory (``ru_maxrss``), time to
the first segment from the start of the job (model already loaded), audio
seconds per wall second and per CPU second, the ratio of the two, and the
word error rate of each. Then the targets: peak memory 2 h / 10 min <= 1.2,
first segment <= 1.5 s, throughput >= 0.97 of plain faster-whisper.

Plain faster-whisper holds the whole file and its features in memory; it is
skipped for a length when its estimated peak (from the shortest length)
would not fit in the memory available.

    .venv/bin/python bench/long_file.py [--quick] [--batched] [--keep DIR]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from _common import Measured, load_note, measure, reference, speech, speech_file

OPTIONS = {"model": "tiny.en", "cpu_threads": 2, "beam_size": 5, "compute_type": "int8"}


def available_mib() -> float:
    with open("/proc/meminfo") as fh:
        for line in fh:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024
    return float("inf")


def describe(who: str, run: Measured, seconds: float, said: str) -> str:
    return (
        f"   {who:9} peak {run.peak_mib:7.0f} MiB (model loaded: {run.loaded_mib:4.0f}), "
        f"first segment {run.first_segment:6.2f} s, "
        f"{seconds / run.wall:5.1f} audio s per wall s, {seconds / run.cpu:5.1f} per CPU s, "
        f"WER {speech.wer(said, run.text):.2%}"
        + ("" if run.eta_error is None else f", ETA at half way off by {run.eta_error:.0%}")
    )


def run_length(
    minutes: float, options: dict[str, object], args: argparse.Namespace, flip: bool
) -> tuple[Measured, Measured | None]:
    path = speech_file(args.folder, minutes)
    seconds, said = minutes * 60.0, reference(path)
    work = Path(tempfile.mkdtemp(prefix=f"{minutes:g}min-", dir=args.work))
    estimate = args.plain_mib_per_minute * minutes
    skip_plain = estimate > 0.6 * available_mib()
    order = ["plain", "stenodesk"] if flip else ["stenodesk", "plain"]
    runs: dict[str, Measured] = {}
    for who in order:
        if who == "plain" and skip_plain:
            continue
        runs[who] = measure(path, options, work / who, plain=who == "plain", timeout=4 * 3600)
    ours, plain = runs["stenodesk"], runs.get("plain")
    print(f"== {minutes:g} minutes ({load_note()})")
    print(describe("stenodesk", ours, seconds, said))
    if plain is None:
        print(f"   plain     skipped: about {estimate:.0f} MiB needed, more than fits now")
        return ours, None
    print(describe("plain", plain, seconds, said))
    print(
        f"   throughput stenodesk / plain: {plain.wall / ours.wall:.3f} by wall time, "
        f"{plain.cpu / ours.cpu:.3f} by CPU time; memory {ours.peak_mib / plain.peak_mib:.2f}x"
    )
    if minutes == min(args.lengths):
        args.plain_mib_per_minute = plain.peak_mib / minutes
    return ours, plain


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="2, 5 and 10 minutes")
    parser.add_argument("--lengths", type=float, nargs="+", help="lengths in minutes")
    parser.add_argument("--batched", action="store_true", help="batch size 8 with VAD instead")
    parser.add_argument("--keep", type=Path, help="folder to keep the audio in between runs")
    args = parser.parse_args()
    args.lengths = sorted(args.lengths or ([2.0, 5.0, 10.0] if args.quick else [10.0, 60.0, 120.0]))
    args.work = Path(tempfile.mkdtemp(prefix="stenodesk-long-"))
    args.folder = args.keep or args.work
    args.folder.mkdir(parents=True, exist_ok=True)
    args.plain_mib_per_minute = 0.0
    options = dict(OPTIONS)
    if args.batched:
        options.update(batch_size=8, vad_filter=True)
    mode = "batched 8 + VAD" if args.batched else "sequential"
    print(f"tiny.en int8, 2 threads, beam 5, {mode}; espeak-ng speech with 0.4-4 s pauses")
    results = {m: run_length(m, options, args, i % 2 == 1) for i, m in enumerate(args.lengths)}
    short, long = min(results), max(results)
    ratio = results[long][0].peak_mib / results[short][0].peak_mib
    firsts = [ours.first_segment for ours, _ in results.values()]
    throughput = [p.wall / o.wall for o, p in results.values() if p is not None]
    by_cpu = [p.cpu / o.cpu for o, p in results.values() if p is not None]
    print("== targets")
    print(f"   peak memory {long:g} min / {short:g} min: {ratio:.2f} (target <= 1.2)")
    print(f"   first segment: {statistics.median(firsts):.2f} s median (target <= 1.5 s)")
    if throughput:
        print(
            f"   throughput against plain faster-whisper: {min(throughput):.3f} worst by wall "
            f"time, {min(by_cpu):.3f} worst by CPU time (target >= 0.97)"
        )


if __name__ == "__main__":
    main()
