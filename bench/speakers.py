"""Speaker diarization on conversations of real voices: DER, speaker count, speed.

    .venv/bin/python bench/speakers.py [--seconds 120] [--seeds 2] [--threads 2]
        [--threshold T] [--step S] [--keep DIR]
    .venv/bin/python bench/speakers.py --long 120

Conversations of 1 to 5 voices from Debian's Asterisk prompt packages
(tests/helpers/conversations.py), each with reference turns. For each one it
prints the number of speakers (true and found without being told), the DER
(collar 0.25 s, overlapping speech scored; our scorer in
stenodesk.core.speakers.score) with its parts, the DER of a one-speaker guess
for scale, and the real-time factor (wall seconds and CPU seconds per second
of audio). Targets (issue 15): DER <= 0.10 on 2 to 5 voices, the right count,
real-time factor <= 0.05 on 2 cores.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path

from _common import conversations
from stenodesk.core.speakers import DiarizeOptions, Turn, diarize, load_models, score, write_rttm


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--threshold", type=float, default=DiarizeOptions().threshold)
    parser.add_argument("--step", type=float, default=DiarizeOptions().step)
    parser.add_argument("--keep", type=Path, help="write each conversation's RTTM files here")
    parser.add_argument("--long", type=float, metavar="MINUTES", help="one long 4-voice talk")
    args = parser.parse_args()
    if args.long:
        long_talk(args.long, args.threads)
        return

    models = load_models(threads=args.threads)
    options = DiarizeOptions(step=args.step, threshold=args.threshold)
    print(f"threshold {options.threshold}, step {options.step} s, {args.threads} threads")
    print("voices  seed  found  DER    miss   fa     conf   one-speaker  RTF wall  RTF cpu")
    ders, rtfs, cpus, right, total = [], [], [], 0, 0
    for speakers in (1, 2, 3, 4, 5):
        for seed in range(args.seeds):
            talk = conversations.conversation(speakers, args.seconds, seed=1000 * seed + speakers)
            wall, cpu = time.perf_counter(), _cpu()
            found = diarize(models, [talk.pcm], options)
            wall, cpu = time.perf_counter() - wall, _cpu() - cpu
            result = score(talk.turns, found.turns)
            one = score(talk.turns, [Turn(0.0, talk.duration, 0)])
            parts = [result.missed, result.false_alarm, result.confusion]
            parts = [p / result.reference for p in parts]
            print(
                f"{speakers:6d}  {seed:4d}  {found.speakers:5d}  {result.der:.3f}  "
                + "  ".join(f"{p:.3f}" for p in parts)
                + f"  {one.der:11.3f}  {wall / talk.duration:8.3f}  {cpu / talk.duration:7.3f}"
            )
            if speakers >= 2:
                ders.append(result.der)
            rtfs.append(wall / talk.duration)
            cpus.append(cpu / talk.duration)
            right += found.speakers == speakers
            total += 1
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                name = f"talk-{speakers}-{seed}"
                write_rttm(args.keep / f"{name}.ref.rttm", talk.turns, name)
                write_rttm(args.keep / f"{name}.hyp.rttm", found.turns, name)
    print(f"2-5 voices: DER mean {statistics.mean(ders):.3f}, max {max(ders):.3f} (target <= 0.10)")
    print(f"speaker count right: {right}/{total}")
    print(
        f"real-time factor: wall median {statistics.median(rtfs):.3f}, max {max(rtfs):.3f}; "
        f"CPU median {statistics.median(cpus):.3f} (target <= 0.05 on 2 cores)"
    )


def long_talk(minutes: float, threads: int) -> None:
    """A long conversation fed in 30 s blocks: DER, count, speed and memory growth."""
    models = load_models(threads=threads)
    talk = conversations.conversation(4, minutes * 60.0, seed=42)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    block = 30 * conversations.SR
    wall = time.perf_counter()
    found = diarize(models, (talk.pcm[i : i + block] for i in range(0, len(talk.pcm), block)))
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{minutes:g} min, 4 voices: found {found.speakers}, "
        f"DER {score(talk.turns, found.turns).der:.3f}, RTF {wall / talk.duration:.3f}, "
        f"peak RSS {before:.0f} MiB before diarizing (audio held by the bench), "
        f"{after:.0f} MiB after"
    )


if __name__ == "__main__":
    main()
