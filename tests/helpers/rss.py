"""Transcribe a file in a fresh process and report its peak memory.

``python -m tests.helpers.rss FILE OPTIONS_JSON JOBS_DIR OUT_DIR [plain]`` runs
the whole path a user's job takes: a journaled job (decode, windows,
features, model, segments, journal) and the export to SRT, WebVTT, text and
JSON; with ``plain`` it runs faster-whisper on its own instead (the whole
file decoded at once, then its segment generator drained). It prints one
JSON line: peak resident memory (``VmHWM``, the kernel's high-water mark of
this process) at the end, the time to the
first segment (from the start of the job, model already loaded), wall time
and segment count. :func:`measure` runs it and parses the line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Measured:
    peak_mib: float
    loaded_mib: float
    """Resident memory after loading the model, before the job."""
    first_segment: float
    wall: float
    cpu: float
    """CPU seconds of the job (all threads), from its start to its end."""
    segments: int
    text: str
    progress_monotonic: bool = True
    """Progress fractions never went back, and the last one was 1."""
    eta_error: float | None = None
    """At half way, |ETA - the time the rest took| / total time (Stenodesk only)."""


def measure(
    source: Path,
    options: dict[str, Any],
    work: Path,
    *,
    plain: bool = False,
    timeout: float = 1800,
) -> Measured:
    """Run the child on ``source``; ``work`` receives the journal folder and the outputs."""
    (work / "jobs").mkdir(parents=True, exist_ok=True)
    (work / "out").mkdir(parents=True, exist_ok=True)
    args = [str(source), json.dumps(options), str(work / "jobs"), str(work / "out")]
    out = subprocess.run(
        [sys.executable, "-m", "tests.helpers.rss", *args, *(["plain"] if plain else [])],
        cwd=REPO,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Measured(**json.loads(out.stdout.strip().splitlines()[-1]))


def _mib() -> float:
    """Peak resident memory of this process.

    Not ``ru_maxrss``: Linux carries the parent's peak across exec into it, so
    a child started from a large pytest process would report the parent's size
    and every ratio of two children would be about 1.
    """
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    raise RuntimeError("no VmHWM in /proc/self/status")


def _current_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


Run = dict[str, Any]
"""Measured's fields but the peak."""


class _ProgressCheck:
    """Watches the progress reports: order, end, and the ETA given half way."""

    def __init__(self) -> None:
        self.fractions: list[float] = []
        self.half: tuple[float, float] | None = None  # (when, ETA then)

    def __call__(self, progress: Any) -> None:
        self.fractions.append(progress.fraction)
        if self.half is None and progress.fraction >= 0.5 and progress.eta is not None:
            self.half = (time.monotonic(), progress.eta)

    def result(self, ended: float, wall: float) -> dict[str, Any]:
        f = self.fractions
        ordered = bool(f) and f == sorted(f) and f[-1] == 1.0
        error = None if self.half is None else abs(self.half[1] - (ended - self.half[0])) / wall
        return {"progress_monotonic": ordered, "eta_error": error}


def _ours(source: Path, options: Any, jobs: Path, out: Path) -> Run:
    from stenodesk.core.engine.transcriber import Transcriber
    from stenodesk.core.export.writer import export
    from stenodesk.core.jobs.runner import JobRunner
    from stenodesk.core.jobs.store import JobStore
    from stenodesk.core.models.resolve import ModelResolver

    transcriber = Transcriber(ModelResolver(jobs.parent / "cache"))
    transcriber.load(options)
    loaded = _current_mib()
    first: list[float] = []
    progress = _ProgressCheck()
    started, cpu = time.monotonic(), time.process_time()
    runner = JobRunner(transcriber, JobStore(jobs))
    result = runner.transcribe(
        source,
        options,
        resume=False,
        on_segment=lambda _s: first or first.append(time.monotonic() - started),
        on_progress=progress,
    )
    ended = time.monotonic()
    for fmt in ("srt", "vtt", "txt", "json"):
        export(result.transcript, fmt, out / f"{source.stem}.{fmt}", overwrite=True)
    runner.store.remove(result.job_id)
    wall, cpu = time.monotonic() - started, time.process_time() - cpu
    transcript = result.transcript
    return {
        "loaded_mib": loaded,
        "first_segment": (first or [wall])[0],
        "wall": wall,
        "cpu": cpu,
        "segments": len(transcript.segments),
        "text": transcript.text,
        **progress.result(ended, ended - started),
    }


def _plain(source: Path, options: Any) -> Run:
    from faster_whisper import BatchedInferencePipeline, WhisperModel

    from stenodesk.core.models.bundled import TINY_EN

    model = WhisperModel(
        str(TINY_EN.folder()), device="cpu", compute_type="int8", cpu_threads=options.cpu_threads
    )
    loaded = _current_mib()
    common = {
        "beam_size": options.beam_size,
        "temperature": list(options.temperatures),
        "language": "en",
    }
    started, cpu = time.monotonic(), time.process_time()
    if options.batch_size > 0:
        segs, _ = BatchedInferencePipeline(model).transcribe(
            str(source), batch_size=options.batch_size, **common
        )
    else:
        segs, _ = model.transcribe(
            str(source),
            vad_filter=options.vad_filter,
            condition_on_previous_text=options.condition_on_previous_text,
            **common,
        )
    first = 0.0
    texts = []
    for seg in segs:
        if not texts:
            first = time.monotonic() - started
        texts.append(seg.text.strip())
    wall, cpu = time.monotonic() - started, time.process_time() - cpu
    return {
        "loaded_mib": loaded,
        "first_segment": first,
        "wall": wall,
        "cpu": cpu,
        "segments": len(texts),
        "text": " ".join(t for t in texts if t),
        "progress_monotonic": True,
    }


def main(argv: list[str]) -> None:
    from stenodesk.core.engine.options import TranscribeOptions

    source, options_json, jobs, out = Path(argv[0]), argv[1], Path(argv[2]), Path(argv[3])
    values = json.loads(options_json)
    if "temperatures" in values:
        values["temperatures"] = tuple(values["temperatures"])
    options = TranscribeOptions(**values)
    plain = len(argv) > 4 and argv[4] == "plain"
    run = _plain(source, options) if plain else _ours(source, options, jobs, out)
    result = Measured(peak_mib=_mib(), **run)
    print(json.dumps(asdict(result)))


if __name__ == "__main__":
    main(sys.argv[1:])
