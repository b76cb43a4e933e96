"""Stenodesk's defaults against plain faster-whisper's, on real recorded speech, on the CPU.

The audio is real: Debian's Asterisk prompt recordings (studio speech with
the breaths and pauses of a speaker reading), joined in a fixed shuffled
order with the pauses a recording of a person has: mostly 0.3-3 s, now and
then 6-20 s where nobody speaks (a faint noise floor, not digital zero).
English (``en_US_f_Allison``, at least 10 minutes) is run with ``tiny.en``;
Spanish (``es_MX_f_Allison``) and French (``fr_CA_f_June``) with the
multilingual built-in model.

Four whole commands per language, each a fresh process (start-up, model
load, decoding, writing the output), alternated in rotating order over
several rounds because the machine may be shared:

- ``stenodesk transcribe FILE --model M``: Stenodesk's defaults;
- plain faster-whisper's defaults: ``WhisperModel(M, device="cpu",
  compute_type="int8")`` and ``transcribe(FILE, beam_size=5)``;
- ``stenodesk transcribe FILE --model M --no-vad --no-word-timestamps
  --beam-size 5 --compute-type int8``: the same settings as plain;
- plain again, paired with the run above.

Printed: each run with the load average at its start, then per language the
median throughput ratios (plain wall time / Stenodesk wall time; targets
>= 1.5 for the defaults, >= 1.0 for the same settings), each command's word
error rate against the recordings' published transcripts (target: ours no
more than 0.3 points above plain's), words of segments wholly inside the
long pauses (target 0; Stenodesk's from its JSON output, as its subtitles
split segments), and peak resident memory.

With ``--before REV`` a fifth command runs in each round: ``stenodesk
transcribe FILE --model M`` as the package was at git revision REV (for
issue 19, the commit before the work on speed: 90e5379), extracted from the
repository and run with the same Python and libraries. The issue's memory
target (peak not above Stenodesk's before the work) is then the ratio of
two peaks measured in the same run, like the speed targets.

    .venv/bin/python bench/cpu_speed.py [--rounds 3] [--minutes 10] [--languages en es]
                                        [--before REV]
"""

from __future__ import annotations

import argparse
import compileall
import gzip
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from _common import REPO, ChildRun, recordings, run_child

SOUNDS, wer = recordings.SOUNDS, recordings.wer

SR = 16000
VOICES = {"en": "en_US_f_Allison", "es": "es_MX_f_Allison", "fr": "fr_CA_f_June"}
MODELS = {"en": "tiny.en", "es": "base", "fr": "base"}
DOCS = Path("/usr/share/doc")

PLAIN = """
import sys
from faster_whisper import WhisperModel
model = WhisperModel(sys.argv[1], device="cpu", compute_type="int8")
segments, info = model.transcribe(sys.argv[2], beam_size=5)
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for s in segments:
        out.write(f"{s.start:.2f}\\t{s.end:.2f}\\t{s.text.strip()}\\n")
"""


@dataclass(frozen=True)
class Speech:
    path: Path
    text: str
    seconds: float
    pauses: tuple[tuple[float, float], ...]
    """The long pauses (start, end), in seconds: nothing should be written there."""
    starts: tuple[float, ...] = ()
    """Where each prompt's recording starts, in seconds."""


def transcripts(language: str) -> dict[str, str]:
    """Prompt name -> published transcript, for prompts of real words."""
    pkg = f"asterisk-core-sounds-{language}"
    with gzip.open(DOCS / pkg / f"core-sounds-{language}.txt.gz", "rt", encoding="utf-8") as fh:
        text = fh.read()
    found = {}
    for line in text.splitlines():
        name, sep, said = line.partition(":")
        said = said.strip()
        if not sep or line.startswith(";") or "/" in name or not said or "[" in said:
            continue
        if len(said.split()) >= 2:
            found[name.strip()] = said
    return found


def build(language: str, folder: Path, minutes: float) -> Speech:
    """At least ``minutes`` of one speaker's prompts with pauses, as a 16 kHz WAV (cached)."""
    from faster_whisper.audio import decode_audio

    path = folder / f"{language}-{minutes:g}min.wav"
    rng = np.random.default_rng(19)
    texts = transcripts(language)
    names = sorted(n for n in texts if (SOUNDS / VOICES[language] / f"{n}.g722").is_file())
    rng.shuffle(names)
    parts: list[np.ndarray] = []
    said: list[str] = []
    pauses: list[tuple[float, float]] = []
    starts: list[float] = []
    total = 0
    for i, name in enumerate(names):
        if total >= minutes * 60 * SR:
            break
        long_pause = i % 9 == 4
        gap = int((rng.uniform(6.0, 20.0) if long_pause else rng.uniform(0.3, 3.0)) * SR)
        if long_pause:
            pauses.append((total / SR, (total + gap) / SR))
        parts.append((rng.standard_normal(gap) * 3e-4).astype(np.float32))
        voice = decode_audio(str(SOUNDS / VOICES[language] / f"{name}.g722"))
        starts.append((total + gap) / SR)
        parts.append(voice)
        said.append(texts[name])
        total += gap + len(voice)
    audio = np.concatenate(parts)
    if not path.exists():
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(SR)
            w.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
    return Speech(path, " ".join(said), len(audio) / SR, tuple(pauses), tuple(starts))


def srt_segments(path: Path) -> list[tuple[float, float, str]]:
    """(start, end, text) of each cue of an SRT file."""
    cues = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        lines = block.splitlines()
        m = re.match(r"(\d+):(\d+):(\d+),(\d+) --> (\d+):(\d+):(\d+),(\d+)", lines[1])
        if not m:
            continue
        v = [int(x) for x in m.groups()]
        start = v[0] * 3600 + v[1] * 60 + v[2] + v[3] / 1000
        end = v[4] * 3600 + v[5] * 60 + v[6] + v[7] / 1000
        cues.append((start, end, " ".join(lines[2:])))
    return cues


def json_segments(path: Path) -> list[tuple[float, float, str]]:
    """(start, end, text) of each segment of Stenodesk's JSON output."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(float(s["start"]), float(s["end"]), str(s["text"])) for s in data["segments"]]


def tsv_segments(path: Path) -> list[tuple[float, float, str]]:
    rows = [line.split("\t", 2) for line in path.read_text(encoding="utf-8").splitlines()]
    return [(float(a), float(b), t) for a, b, t in rows]


def start_error(segments: list[tuple[float, float, str]], starts: tuple[float, ...]) -> float:
    """Median seconds from each prompt's start to the nearest segment or cue start (within 3 s).

    A prompt's recording begins with a little silence, so the first word
    comes some 0.1-0.5 s after it: the figure compares the two programs, it
    is not an absolute error.
    """
    found = []
    for start in starts:
        near = [s - start for s, _, _ in segments if abs(s - start) <= 3.0]
        if near:
            found.append(min(near, key=abs))
    return statistics.median(found) if found else float("nan")


def in_pauses(segments: list[tuple[float, float, str]], pauses: tuple[tuple[float, float], ...]):
    """Words of segments lying wholly inside a long pause (with 0.5 s of slack each side)."""
    return sum(
        len(t.split())
        for s, e, t in segments
        if any(a + 0.5 <= s and e <= b - 0.5 for a, b in pauses)
    )


@dataclass(frozen=True)
class Result:
    run: ChildRun
    load: float
    wer: float
    in_pauses: int
    start: float
    """Median seconds from a prompt's start to the segment start nearest it."""


@dataclass(frozen=True)
class Before:
    """Stenodesk's package as it was at a git revision, to run beside today's."""

    revision: str
    desktop: Path
    """The revision's source root (``desktop``), extracted from the repository."""
    options: tuple[str, ...]
    """Options the revision's ``transcribe`` needs to match ours (``--no-resume`` if it has it)."""


def extract_before(revision: str, folder: Path) -> Before:
    """The package at ``revision``, extracted under ``folder`` (no worktree is registered)."""
    sha = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", f"{revision}^{{commit}}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    root = folder / f"before-{sha}"
    if not (root / "desktop" / "stenodesk").is_dir():
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", "--format=tar", sha, "desktop"],
            capture_output=True,
            check=True,
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(root, filter="data")
    desktop = root / "desktop"
    usage = subprocess.run(
        [sys.executable, "-m", "stenodesk.cli", "transcribe", "--help"],
        env={**os.environ, "PYTHONPATH": str(desktop)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return Before(sha, desktop, ("--no-resume",) if "--no-resume" in usage else ())


def run_one(
    kind: str,
    speech: Speech,
    model: str,
    folder: Path,
    env: dict[str, str],
    *,
    before: Before | None = None,
) -> Result:
    load = os.getloadavg()[0]
    if kind.startswith("plain"):
        out = folder / f"{speech.path.stem}.plain.tsv"
        command = [
            sys.executable,
            "-c",
            PLAIN,
            str(folder / "models" / model),
            str(speech.path),
            str(out),
        ]
        run = run_child(command, env)
        segments = tsv_segments(out)
    else:
        out = speech.path.with_suffix(".srt")
        out.unlink(missing_ok=True)
        out.with_suffix(".json").unlink(missing_ok=True)
        command = [
            sys.executable,
            "-m",
            "stenodesk.cli",
            "transcribe",
            str(speech.path),
            "--model",
            model,
            "--format",
            "srt,json",
        ]
        if kind == "before default":
            assert before is not None
            command += before.options
            env = {**env, "PYTHONPATH": str(before.desktop)}
        else:
            command.append("--no-resume")  # a run cut short earlier must not finish here
        if kind == "ours same":
            command += [
                "--no-vad",
                "--no-word-timestamps",
                "--beam-size",
                "5",
                "--compute-type",
                "int8",
            ]
        run = run_child(command, env)
        segments = srt_segments(out)
        # Words in pauses are counted on segments, as plain's are: a subtitle cut from
        # a segment without word times is placed by its share of the characters, and
        # one from a segment that runs across a pause can land inside it.
        decoded = json_segments(out.with_suffix(".json"))
    text = " ".join(t for _, _, t in segments)
    return Result(
        run,
        load,
        wer(speech.text, text),
        in_pauses(decoded if not kind.startswith("plain") else segments, speech.pauses),
        start_error(segments, speech.starts),
    )


def span(values: list[float], spec: str) -> str:
    """``min..max`` of ``values``, each formatted with ``spec``."""
    return f"{min(values):{spec}}..{max(values):{spec}}"


def model_folders(language: str, folder: Path, env: dict[str, str]) -> None:
    """Links under ``folder/models`` to the model folders Stenodesk uses (after a first run)."""
    from stenodesk.core.models.bundled import TINY_EN

    links = folder / "models"
    links.mkdir(exist_ok=True)
    tiny = links / "tiny.en"
    if not tiny.exists():
        tiny.symlink_to(TINY_EN.folder())
    base = links / "base"
    if language != "en" and not base.exists():
        data = Path(env["XDG_DATA_HOME"])
        found = [p.parent for p in data.rglob("model.bin") if p.parent.name == "base"]
        base.symlink_to(found[0])


def bench_language(
    language: str, args: argparse.Namespace, env: dict[str, str], before: Before | None
) -> None:
    model = MODELS[language]
    speech = build(language, args.folder, args.minutes)
    short = build(language, args.folder, 0.3)
    # First runs: the model is assembled and verified once, as on a user's first
    # run, and any cached choice (the compute type) is made; all find the files in
    # the page cache.
    run_one("ours default", short, model, args.folder, env)
    model_folders(language, args.folder, env)
    run_one("plain", short, model, args.folder, env)
    if before is not None:
        run_one("before default", short, model, args.folder, env, before=before)
    print(
        f"== {language}: {speech.path.name}, {speech.seconds / 60:.1f} min, "
        f"{len(speech.pauses)} long pauses, model {model}"
    )
    kinds = ["ours default", "plain default", "ours same", "plain same"]
    if before is not None:
        kinds.append("before default")
    results: dict[str, list[Result]] = {k: [] for k in kinds}
    for r in range(args.rounds):
        for kind in kinds[r % len(kinds) :] + kinds[: r % len(kinds)]:
            res = run_one(kind, speech, model, args.folder, env, before=before)
            results[kind].append(res)
            print(
                f"   round {r + 1} {kind:13} {res.run.wall:6.1f} s wall "
                f"({speech.seconds / res.run.wall:5.1f}x real time), {res.run.cpu:6.1f} CPU s, "
                f"{res.run.peak_mib:5.0f} MiB, WER {res.wer:.2%}, "
                f"{res.in_pauses} words in pauses, load {res.load:.2f}",
                flush=True,
            )
    for mode in ("default", "same"):
        ours, plain = results[f"ours {mode}"], results[f"plain {mode}"]
        ratios = [p.run.wall / o.run.wall for o, p in zip(ours, plain, strict=True)]
        target = 1.5 if mode == "default" else 1.0
        print(
            f"   {mode:7} settings: throughput ratio {statistics.median(ratios):.2f} median "
            f"({span(ratios, '.2f')}; target >= {target}); "
            f"WER ours {statistics.median(x.wer for x in ours):.2%} "
            f"plain {statistics.median(x.wer for x in plain):.2%}; "
            f"words in pauses ours {max(x.in_pauses for x in ours)} "
            f"plain {max(x.in_pauses for x in plain)}; "
            f"peak MiB ours {statistics.median(x.run.peak_mib for x in ours):.0f} "
            f"plain {statistics.median(x.run.peak_mib for x in plain):.0f}; "
            f"text starts after a prompt starts: "
            f"ours {statistics.median(x.start for x in ours):+.2f} s "
            f"plain {statistics.median(x.start for x in plain):+.2f} s"
        )
    if before is not None:
        ours, then = results["ours default"], results["before default"]
        peaks = [o.run.peak_mib / b.run.peak_mib for o, b in zip(ours, then, strict=True)]
        faster = [b.run.wall / o.run.wall for o, b in zip(ours, then, strict=True)]
        print(
            f"   defaults against Stenodesk at {before.revision}: "
            f"peak MiB ours {span([x.run.peak_mib for x in ours], '.0f')} "
            f"before {span([x.run.peak_mib for x in then], '.0f')}, "
            f"ratio {statistics.median(peaks):.2f} median ({span(peaks, '.2f')}; "
            f"target <= 1.0); throughput ratio {statistics.median(faster):.2f}; "
            f"WER before {statistics.median(x.wer for x in then):.2%}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--rounds", type=int, default=4, help="rounds of the commands (four; five with --before)"
    )
    parser.add_argument("--minutes", type=float, default=10.0, help="length of each file")
    parser.add_argument(
        "--languages", nargs="+", default=["en", "es", "fr"], choices=sorted(VOICES)
    )
    parser.add_argument("--keep", type=Path, help="folder to keep audio, models and cache in")
    parser.add_argument(
        "--before", metavar="REV", help="also run Stenodesk's defaults as at this git revision"
    )
    args = parser.parse_args()
    args.folder = args.keep or Path(tempfile.mkdtemp(prefix="stenodesk-cpu-"))
    args.folder.mkdir(parents=True, exist_ok=True)
    before = extract_before(args.before, args.folder) if args.before is not None else None
    home = args.folder / "home"
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "PYTHONPATH": str(REPO / "desktop"),
    }
    # Importing stenodesk here set it for this process; plain runs with NumPy's default.
    env.pop("OPENBLAS_NUM_THREADS", None)
    # Our modules (and the earlier revision's) compiled ahead, as they run on a user's
    # machine (Python keeps the bytecode after the first start; the bundle ships it) and
    # as plain's run from site-packages: where PYTHONDONTWRITEBYTECODE is set, every run
    # of ours would compile them again (0.13 s of each command here).
    for desktop in [REPO / "desktop"] + ([before.desktop] if before is not None else []):
        compileall.compile_dir(desktop / "stenodesk", quiet=1)
    print(f"{os.cpu_count()} CPUs; {args.rounds} rounds; audio and models in {args.folder}")
    for language in args.languages:
        bench_language(language, args, env, before)


if __name__ == "__main__":
    main()
