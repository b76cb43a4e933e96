"""The CPU compute type for a model, chosen by a short measurement on first use.

Which of CTranslate2's CPU compute types runs a Whisper model fastest depends
on the processor and the model: on an AMD EPYC without VNNI ``float32``
decoded tiny.en some 35 % faster than ``int8`` (27x against 20x real time),
while Intel processors with VNNI usually favour ``int8``. No rule of thumb
over CPU flags gets this right everywhere, so the first job on a CPU with a
model times one encoder pass and a fixed number of beam-search steps in
each candidate type, keeps the faster one, and remembers it in the user's
cache folder. ``int8`` holds a third of the memory, so ``float32`` must win
clearly to be chosen. One run of each type decides, unless the two are
close to that line; then both run twice more. Measured here with one
thread, as each of a job's two workers has: 2.7 s for tiny.en and 5.1 s
for base, against about 4 s and 8.7 s when every type ran twice.

The remembered choice is tied to the processor's name, the model file (its
path, size and modification time), the CTranslate2 version and the thread
count: a change to any of them measures again. A cache file that cannot be
read or parsed is measured over and replaced.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import platform
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from stenodesk.core.errors import StenodeskError

log = logging.getLogger(__name__)

CANDIDATES: tuple[str, ...] = ("int8", "float32")
"""The CPU compute types compared, the one that holds the least memory first."""
CLEAR_WIN = 0.9
"""A later candidate is chosen only when it takes at most this share of the first's time."""
PROBE_STEPS = 48
"""Beam-search steps timed per probe: about one 30 s chunk's worth of speech."""
UNSURE = 0.15
"""A first run decides unless a later candidate's share of the first's time lies within
this fraction of :data:`CLEAR_WIN`. One run's time varied by up to 8 % here (base, three
runs: int8 1.47-1.56 s, float32 2.25-2.43 s, the first run the slowest)."""
CACHE_VERSION = 1

Measure = Callable[[Path, str, int, int], float]
"""(model folder, compute type, threads, runs) -> the fastest run's seconds."""


@dataclass(frozen=True)
class ProbeKey:
    """What a measured choice depends on."""

    cpu: str
    model: str
    model_size: int
    model_mtime_ns: int
    ctranslate2: str
    threads: int

    def text(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


@dataclass(frozen=True)
class Choice:
    compute_type: str
    seconds: dict[str, float]
    """Seconds each candidate took in the probe (empty when read from the cache)."""
    cached: bool


KERNEL_FLAGS = ("avx2", "avx512f", "avx512bw", "avx512_vnni", "avx_vnni", "amx_int8")
"""The instruction sets CTranslate2's kernels are picked by. A virtual machine shows
one name for several processors: "AMD EPYC" was a CPU without AVX-512 on one host
and one with AVX-512 VNNI, whose int8 kernels differ, on another."""


def cpu_name(cpuinfo: Path = Path("/proc/cpuinfo")) -> str:
    """The processor's model name and kernel flags (Linux), else what the platform says."""
    name, flags = "", set[str]()
    try:
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name" and not name:
                name = value.strip()
            elif key.strip() == "flags" and not flags:
                flags = set(value.split())
            if name and flags:
                break  # the first processor's lines; the file has one block per core
    except OSError:
        pass
    if not name:
        return platform.processor() or platform.machine() or "unknown"
    found = [f for f in KERNEL_FLAGS if f in flags]
    return f"{name} ({' '.join(found)})" if found else name


def probe_key(model_dir: Path, threads: int, *, cpu: str, ctranslate2_version: str) -> ProbeKey:
    st = (model_dir / "model.bin").stat()
    return ProbeKey(
        cpu, str(model_dir.resolve()), st.st_size, st.st_mtime_ns, ctranslate2_version, threads
    )


class ComputeTypeCache:
    """Remembered choices in one JSON file: ``{"version": 1, "choices": {key: type}}``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.info("ignoring the compute type cache %s: %s", self.path, exc)
            return {}
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
            return {}
        choices = data.get("choices")
        if not isinstance(choices, dict):
            return {}
        return {k: v for k, v in choices.items() if isinstance(v, str) and v in CANDIDATES}

    def get(self, key: ProbeKey) -> str | None:
        return self._read().get(key.text())

    def put(self, key: ProbeKey, compute_type: str) -> None:
        """Remember a choice (atomically; a failure to write is logged, not raised)."""
        choices = self._read()
        choices[key.text()] = compute_type
        body = json.dumps({"version": CACHE_VERSION, "choices": choices}, indent=1)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # os.open with 0o666: the user's umask applies, as for any file they save.
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(body)
            os.replace(tmp, self.path)
        except OSError as exc:
            log.warning("could not save the compute type cache %s: %s", self.path, exc)
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)


def pick(seconds: dict[str, float], candidates: Sequence[str] = CANDIDATES) -> str:
    """The first candidate, unless a later one took at most :data:`CLEAR_WIN` of its time."""
    best = candidates[0]
    for other in candidates[1:]:
        if other in seconds and seconds[other] <= CLEAR_WIN * seconds[best]:
            best = other
    return best


def unsure(seconds: dict[str, float], candidates: Sequence[str] = CANDIDATES) -> bool:
    """Whether a later candidate's time is too close to :data:`CLEAR_WIN` of the first's
    for one run of each to tell."""
    first = seconds.get(candidates[0])
    if not first:
        return False
    low, high = CLEAR_WIN * (1 - UNSURE), CLEAR_WIN * (1 + UNSURE)
    return any(low < seconds[c] / first < high for c in candidates[1:] if c in seconds)


def choose_compute_type(
    model_dir: Path,
    threads: int,
    cache: ComputeTypeCache,
    *,
    key: ProbeKey,
    measure: Measure,
    candidates: Sequence[str] = CANDIDATES,
) -> Choice:
    """The remembered choice for ``key``, or a fresh measurement (then remembered).

    Each candidate runs once; when that leaves the choice unsure (:data:`UNSURE`),
    each runs twice more and its fastest run counts. A candidate that fails to
    load is left out; when all fail the first is used.
    """
    known = cache.get(key)
    if known is not None:
        return Choice(known, {}, cached=True)
    seconds: dict[str, float] = {}
    for compute_type in candidates:
        try:
            seconds[compute_type] = measure(model_dir, compute_type, threads, 1)
        except (RuntimeError, ValueError, OSError) as exc:
            log.info("compute type %s cannot run %s: %s", compute_type, model_dir, exc)
    if unsure(seconds, candidates):
        for compute_type in list(seconds):
            again = measure(model_dir, compute_type, threads, 2)
            seconds[compute_type] = min(seconds[compute_type], again)
    chosen = pick(seconds, candidates) if candidates[0] in seconds else candidates[0]
    log.info("CPU compute type for %s: %s (probe seconds %s)", model_dir.name, chosen, seconds)
    cache.put(key, chosen)
    return Choice(chosen, seconds, cached=False)


def measure_whisper(model_dir: Path, compute_type: str, threads: int, runs: int) -> float:
    """Seconds for one encoder pass and :data:`PROBE_STEPS` beam-search steps (the fastest
    of ``runs``).

    The input is noise shaped like log-mel features; the end-of-text token is
    suppressed so that every probe decodes exactly the same number of steps.
    """
    import ctranslate2
    import numpy as np

    model = ctranslate2.models.Whisper(
        str(model_dir), device="cpu", compute_type=compute_type, intra_threads=threads
    )
    tokens = _special_tokens(model_dir)
    rng = np.random.default_rng(0)
    mels = rng.standard_normal((1, model.n_mels, 3000)).astype(np.float32) * 0.5
    features = ctranslate2.StorageView.from_array(mels)
    prompt = [tokens["sot"]] + ([tokens["en"]] if model.is_multilingual else [])
    prompt += [tokens["transcribe"]] if model.is_multilingual else []
    prompt.append(tokens["notimestamps"])
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        encoded = model.encode(features, to_cpu=False)
        model.generate(
            encoded,
            [prompt],
            beam_size=5,
            max_length=PROBE_STEPS + len(prompt),
            suppress_tokens=[tokens["eot"]],
            suppress_blank=False,
        )
        best = min(best, time.perf_counter() - started)
    del model
    return best


def _special_tokens(model_dir: Path) -> dict[str, int]:
    vocab: dict[str, Any] = json.loads((model_dir / "tokenizer.json").read_text("utf-8"))
    added = {t["content"]: int(t["id"]) for t in vocab.get("added_tokens", [])}
    names = {
        "sot": "<|startoftranscript|>",
        "eot": "<|endoftext|>",
        "en": "<|en|>",
        "transcribe": "<|transcribe|>",
        "notimestamps": "<|notimestamps|>",
    }
    return {k: added[v] for k, v in names.items() if v in added}


class CpuTunedPlanner:
    """Wraps a device planner: CPU jobs with compute type ``auto`` get the measured type.

    Args:
        inner: the planner that picks the device (and GPU compute types).
        resolve_model: model name or folder -> ready model folder.
        cache: where choices are remembered.
        measure: the probe (:func:`measure_whisper`; tests may pass a fake).
        cpu: the processor's name (:func:`cpu_name`).
        ctranslate2_version: the installed CTranslate2's version.
    """

    def __init__(
        self,
        inner: Callable[[Any], Any],
        resolve_model: Callable[[str], Path],
        cache: ComputeTypeCache,
        *,
        cpu: str,
        ctranslate2_version: str,
        measure: Measure = measure_whisper,
    ) -> None:
        self._inner = inner
        self._resolve = resolve_model
        self._cache = cache
        self._cpu = cpu
        self._version = ctranslate2_version
        self._measure = measure
        self._known: dict[ProbeKey, str] = {}

    def __call__(self, options: Any) -> Any:
        plan = self._inner(options)
        if plan.device != "cpu" or options.compute_type != "auto":
            return plan
        try:
            folder = self._resolve(options.model)
            key = probe_key(
                folder, options.cpu_threads, cpu=self._cpu, ctranslate2_version=self._version
            )
        except (StenodeskError, OSError) as exc:  # the job's own model load reports it
            log.info("no compute type probe for %s: %s", options.model, exc)
            return plan
        if key not in self._known:
            from stenodesk.core.engine.modelcache import available_cores
            from stenodesk.core.engine.parallel import job_thread_plan

            # Timed with the threads each of the model's workers will have.
            threads, _ = job_thread_plan(options, available_cores())
            self._known[key] = choose_compute_type(
                folder, threads, self._cache, key=key, measure=self._measure
            ).compute_type
        return replace(plan, compute_type=self._known[key])


CACHE_NAME = "cpu-compute-types.json"


def tuned_planner(
    inner: Callable[[Any], Any], resolve_model: Callable[[str], Path], cache_dir: Path
) -> CpuTunedPlanner:
    """``inner`` with measured CPU compute types, remembered in ``cache_dir``."""
    from importlib.metadata import version

    return CpuTunedPlanner(
        inner,
        resolve_model,
        ComputeTypeCache(cache_dir / CACHE_NAME),
        cpu=cpu_name(),
        ctranslate2_version=version("ctranslate2"),
    )
