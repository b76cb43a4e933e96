"""Speaker diarization on conversations of real voices: DER, speaker count, speed.

    .venv/bin/python bench/speakers.py [--seconds 120] [--seeds 2] [--threads 2]
        [--threshold T] [--step S] [--keep DIR]
    .venv/bin/python bench/speakers.py --long 120
    .venv/bin/python bench/speakers.py --overhead 3 [--repeats 2] [--folder DIR]
    .venv/bin/python bench/speakers.py --memory [--short 10] [--long-minutes 120] [--folder DIR]

Conversations of 1 to 5 voices from Debian's Asterisk prompt packages
(tests/helpers/conversations.py), each with reference turns. For each one it
prints the number of speakers (true and found without being told), the DER
(collar 0.25 s, overlapping speech scored; our scorer in
stenodesk.core.speakers.score) with its parts, the DER of a one-speaker guess
for scale, and the real-time factor (wall seconds and CPU seconds per second
of audio). Targets (issue 15): DER <= 0.10 on 2 to 5 voices, the right count,
real-time factor <= 0.05 on 2 cores.

``--overhead``: the same tiny.en job (``stenodesk transcribe``, 2 threads)
run as fresh processes with ``--speakers auto`` and ``--speakers off`` (word
times on in both, since the speaker step turns them on) on an English
dialogue of Allison's recorded prompts and espeak-ng sentences; the ratios of
the medians of wall and CPU time (target: at most 1.15).

``--memory``: the speaker step alone (models loaded, the file decoded block
by block and diarized) in a fresh process per file, on a 4-voice
conversation of ``--short`` and of ``--long-minutes`` minutes. Each child
reports its own peak resident memory from ``VmHWM`` in /proc (``ru_maxrss``
would carry the parent's peak across exec). The ratio long/short (target:
at most 1.2).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from _common import REPO, child_env, conversations, load_note, recordings, run_child, speech
from stenodesk.core.speakers import DiarizeOptions, Turn, diarize, load_models, score, write_rttm


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--threshold", type=float, default=DiarizeOptions().threshold)
    parser.add_argument("--step", type=float, default=DiarizeOptions().step)
    parser.add_argument("--keep", type=Path, help="write each conversation's RTTM files here")
    parser.add_argument("--long", type=float, metavar="MINUTES", help="one long 4-voice talk")
    parser.add_argument("--overhead", type=float, metavar="MINUTES", help="cost in a tiny.en job")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument(
        "--job-threads", type=int, default=2, help="--overhead's job threads (0: the default)"
    )
    parser.add_argument("--memory", action="store_true", help="peak memory, long vs short file")
    parser.add_argument("--short", type=float, default=10.0)
    parser.add_argument("--long-minutes", type=float, default=120.0)
    parser.add_argument("--folder", type=Path, help="keep the audio here between runs")
    parser.add_argument("--peak", type=Path, help=argparse.SUPPRESS)  # the memory child
    return parser


def main() -> None:
    args = _parser().parse_args()
    if args.peak:
        peak_child(args.peak)
        return
    if args.long:
        long_talk(args.long, args.threads)
        return
    if args.overhead or args.memory:
        with tempfile.TemporaryDirectory() as tmp:
            folder = args.folder or Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            if args.memory:
                memory(folder, args.short, args.long_minutes)
            else:
                overhead(folder, args.overhead, args.repeats, args.job_threads)
        return
    table(args)


def table(args: argparse.Namespace) -> None:
    """DER, count and speed on conversations of 1 to 5 voices."""
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


def _hwm_mib() -> float:
    """This process's peak resident memory so far, from the kernel's own count."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def dialogue(path: Path, minutes: float) -> Path:
    """Allison's prompts taking turns with espeak-ng sentences, as a 16 kHz WAV (cached)."""
    if path.exists():
        return path
    with tempfile.TemporaryDirectory() as tmp:
        robot = [conversations.trimmed(speech.say_pcm(s, Path(tmp))) for s in speech.SENTENCES]
    human = [conversations.load_prompt(recordings.require(r)) for r in recordings.ENGLISH]
    gap = np.zeros(int(0.6 * speech.SR), dtype=np.float32)
    parts, length, k = [gap], 0, 0
    while length < minutes * 60 * speech.SR:
        for pcm in (human[k % len(human)], robot[k % len(robot)], gap):
            parts += [pcm, gap]
            length += len(pcm) + len(gap)
        k += 1
    return speech.write_wav(path, np.concatenate(parts))


def job(path: Path, speakers: str, home: Path, threads: int = 2) -> tuple[float, float]:
    """Wall and CPU seconds of one tiny.en job in a fresh process (threads 0: the default)."""
    out = home / "out"
    out.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "stenodesk.cli", "transcribe", str(path),
        "--format", "txt", "--output-dir", str(out), "--overwrite", "--no-resume", "-q",
        "--model", "tiny.en", "--language", "en", "--word-timestamps", "--threads", str(threads),
        "--device", "cpu", "--compute-type", "int8", "--speakers", speakers,
    ]  # fmt: skip
    run = run_child(command, child_env(home))
    return run.wall, run.cpu


def overhead(folder: Path, minutes: float, repeats: int, threads: int) -> None:
    wav = dialogue(folder / f"dialogue-{minutes:g}min.wav", minutes)
    how = f"{threads} threads" if threads else "automatic threads (two windows at once)"
    print(f"{wav.name}: {minutes:g} min, 2 voices; tiny.en int8, {how}, word times on")
    times: dict[str, list[tuple[float, float]]] = {"off": [], "auto": []}
    job(wav, "auto", folder / "home", threads)  # warm the file cache and the model checksum
    for _ in range(repeats):
        for speakers in ("off", "auto"):  # interleaved: load changes hit both alike
            times[speakers].append(job(wav, speakers, folder / "home", threads))
    for speakers, runs in times.items():
        print(
            f"--speakers {speakers:4s}: wall {statistics.median(r[0] for r in runs):6.1f} s, "
            f"CPU {statistics.median(r[1] for r in runs):6.1f} s  (median of {repeats})"
        )
    wall = [statistics.median(r[i] for r in times["auto"]) for i in (0, 1)]
    base = [statistics.median(r[i] for r in times["off"]) for i in (0, 1)]
    print(
        f"speaker step overhead: wall x{wall[0] / base[0]:.3f}, CPU x{wall[1] / base[1]:.3f} "
        f"(target <= 1.15); {load_note()}"
    )


def peak_child(path: Path) -> None:
    """Child: load the models, diarize ``path`` block by block, print peaks as JSON."""
    from stenodesk.core.speakers import diarize_file, load_models

    models = load_models(threads=2)
    loaded = _hwm_mib()
    started = time.perf_counter()
    found = diarize_file(models, path)
    wall = time.perf_counter() - started
    got = {"loaded": loaded, "peak": _hwm_mib(), "wall": wall}
    print(json.dumps({**got, "speakers": found.speakers, "duration": found.duration}))


def memory(folder: Path, short: float, long: float) -> None:
    peaks = {}
    for minutes in (short, long):
        wav = folder / f"talk4-{minutes:g}min.wav"
        if not wav.exists():
            talk = conversations.conversation(4, minutes * 60.0, seed=42)
            speech.write_wav(wav, talk.pcm)
            del talk
        out = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--peak", str(wav)],
            cwd=REPO, env=child_env(folder / "home"), check=True, capture_output=True, text=True,
        )  # fmt: skip
        peaks[minutes] = got = json.loads(out.stdout.strip().splitlines()[-1])
        rtf = got["wall"] / got["duration"]
        print(
            f"{minutes:6g} min: {got['speakers']} speakers, peak {got['peak']:.0f} MiB "
            f"({got['loaded']:.0f} MiB with the models loaded), RTF {rtf:.3f}"
        )
    a, b = peaks[short], peaks[long]
    grew = [p["peak"] - p["loaded"] for p in (a, b)]
    print(
        f"peak memory {long:g} min / {short:g} min: x{b['peak'] / a['peak']:.3f} (target <= 1.2); "
        f"growth over the loaded models {grew[0]:.0f} -> {grew[1]:.0f} MiB"
    )


if __name__ == "__main__":
    main()
