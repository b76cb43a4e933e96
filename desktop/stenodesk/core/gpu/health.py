"""The GPU health check: a model really loaded and run on the GPU, in a child process.

``get_supported_compute_types`` does not touch cuBLAS, and a missing cuDNN
or a driver fault aborts the whole process instead of raising, so the only
proof that the GPU path works is to run it, somewhere that may crash. The
child preloads the libraries, checks the driver, loads the model on
``cuda`` and encodes one second of audio; it writes its result as JSON.
A crash, an abort or a timeout of the child is a failure with that reason.

Results are cached per (driver, library versions, CTranslate2 version,
GPU), so start-up stays fast; ``force`` runs the check again.

Run as ``python -m stenodesk.core.gpu.health --model DIR --out FILE``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from stenodesk.core.gpu.faults import classify

log = logging.getLogger(__name__)

CHECK_TIMEOUT = 180.0
"""Seconds: a first run may compile kernels for a new GPU (PTX JIT)."""

CACHE_FILE = "gpu-health.json"
CHILD_FLAG = "--stenodesk-gpu-health-child"
"""Argument that makes a frozen executable run the check (see :func:`child_command`)."""

COMPUTE_PREFERENCE = ("float16", "int8_float16", "float32")


@dataclass(frozen=True)
class HealthResult:
    """The outcome of one health check.

    Attributes:
        ok: the model loaded and encoded audio on the device.
        kind: ``ok``, ``not_run`` or a :class:`~.faults.Fault` kind (with
            ``crashed`` and ``timeout``).
        reason: plain words for a person.
        detail: the error text or the end of the child's stderr.
        compute_types: what CTranslate2 supports on the device.
        compute_type: the one the check used.
        seconds: how long the check took.
        key: what the result is cached under.
        cached: the result came from the cache.
    """

    ok: bool
    kind: str
    reason: str
    detail: str = ""
    compute_types: tuple[str, ...] = ()
    compute_type: str = ""
    seconds: float = 0.0
    key: str = ""
    cached: bool = False

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["compute_types"] = list(self.compute_types)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HealthResult:
        return cls(
            ok=bool(data["ok"]),
            kind=str(data["kind"]),
            reason=str(data["reason"]),
            detail=str(data.get("detail", "")),
            compute_types=tuple(str(t) for t in data.get("compute_types", ())),
            compute_type=str(data.get("compute_type", "")),
            seconds=float(data.get("seconds", 0.0)),
            key=str(data.get("key", "")),
            cached=bool(data.get("cached", False)),
        )


def best_compute_type(supported: Sequence[str]) -> str:
    """float16 first, then int8_float16, then float32 (old cards)."""
    for name in COMPUTE_PREFERENCE:
        if name in supported:
            return name
    return sorted(supported)[0] if supported else "float32"


def health_key(facts: dict[str, Any]) -> str:
    """A short, stable key for the facts the result depends on."""
    blob = json.dumps(facts, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:24]


def child_command(frozen: bool, executable: str = sys.executable) -> list[str]:
    """How to start the child: ``python -m`` here, the executable itself when frozen.

    A frozen build's entry point must call :func:`run_child_if_requested` first.
    """
    if frozen:
        return [executable, CHILD_FLAG]
    return [executable, "-m", "stenodesk.core.gpu.health"]


def read_cached(cache_file: Path, key: str) -> HealthResult | None:
    try:
        data = json.loads(cache_file.read_text(encoding="utf-8"))
        if data.get("key") == key:
            return replace(HealthResult.from_json(data["result"]), cached=True)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return None


def _write_cache(cache_file: Path, key: str, result: HealthResult) -> None:
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(".tmp")
        tmp.write_text(json.dumps({"key": key, "result": result.to_json()}), encoding="utf-8")
        os.replace(tmp, cache_file)
    except OSError as exc:  # a read-only cache only costs the next start some time
        log.info("could not cache the GPU check: %s", exc)


def run_health_check(
    model_dir: Path,
    cache_file: Path,
    key: str,
    *,
    command: Sequence[str],
    force: bool = False,
    timeout: float = CHECK_TIMEOUT,
    device: str = "cuda",
    compute_type: str = "auto",
    system_dirs: Sequence[Path] = (),
    device_index: int = 0,
) -> HealthResult:
    """Run (or recall) the check for the machine described by ``key``.

    Args:
        model_dir: a small CTranslate2 Whisper model (the bundled tiny.en).
        cache_file: where results are remembered.
        key: from :func:`health_key` over the driver, libraries, CTranslate2, GPU.
        command: how to start the child (:func:`child_command`).
        force: run even when a result for ``key`` is cached.
        timeout: seconds before the child is killed.
        device: ``cuda``; ``cpu`` runs the same steps on the CPU (for tests).
        compute_type: ``auto`` picks the best the device supports.
        system_dirs: where the child looks for system CUDA libraries.
        device_index: the GPU to check (the one the ``device.device_index`` setting picks).
    """
    if not force:
        cached = read_cached(cache_file, key)
        if cached is not None:
            return cached
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="stenodesk-gpu-check-") as tmp:
        out = Path(tmp) / "result.json"
        args = [*command, "--model", str(model_dir), "--out", str(out), "--device", device]
        args += ["--compute-type", compute_type]
        for folder in system_dirs:
            args += ["--system-dir", str(folder)]
        if device_index:
            args += ["--device-index", str(device_index)]
        result = _run_child(args, out, timeout)
    result = replace(result, seconds=round(time.monotonic() - started, 3), key=key)
    log.info("GPU check: %s (%s) in %.1fs", result.kind, result.reason, result.seconds)
    _write_cache(cache_file, key, result)
    return result


def _run_child(args: list[str], out: Path, timeout: float) -> HealthResult:
    try:
        proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        tail = _tail(exc.stderr)
        return HealthResult(
            False, "timeout", f"the GPU check did not finish in {timeout:g} s", tail
        )
    except OSError as exc:
        return HealthResult(False, "crashed", f"the GPU check could not start ({exc})", str(exc))
    tail = _tail(proc.stderr)
    if proc.returncode < 0:
        name = _signal_name(-proc.returncode)
        return HealthResult(False, "crashed", f"the GPU check crashed ({name})", tail)
    try:
        data = json.loads(out.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        reason = f"the GPU check exited with code {proc.returncode} without a result"
        return HealthResult(False, "crashed", reason, tail)
    supported = tuple(str(t) for t in data.get("compute_types", ()))
    if data.get("ok"):
        return HealthResult(True, "ok", "the GPU check passed", "", supported, data["compute_type"])
    if data.get("kind"):  # the child classified it already (no driver, missing library)
        return HealthResult(False, str(data["kind"]), str(data["reason"]), tail, supported)
    fault = classify(str(data.get("error", "")))
    return HealthResult(False, fault.kind, fault.reason, fault.detail, supported)


def _tail(stderr: str | bytes | None, lines: int = 20) -> str:
    if isinstance(stderr, bytes):
        stderr = stderr.decode("utf-8", "replace")
    return "\n".join((stderr or "").strip().splitlines()[-lines:])


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


# -- the child -------------------------------------------------------------------


def check(
    model_dir: Path,
    device: str,
    compute_type: str,
    system_dirs: Sequence[Path] = (),
    device_index: int = 0,
) -> dict[str, Any]:
    """The check itself, in the child: returns what goes into the result file."""
    if device == "cuda":
        problem = _prepare_cuda(system_dirs)
        if problem is not None:
            return problem
    import ctranslate2
    import numpy as np

    supported = sorted(ctranslate2.get_supported_compute_types(device, device_index))
    chosen = best_compute_type(supported) if compute_type == "auto" else compute_type
    model = ctranslate2.models.Whisper(
        str(model_dir), device=device, device_index=device_index, compute_type=chosen
    )
    features = _one_second_features(int(model.n_mels))
    encoded = np.asarray(model.encode(ctranslate2.StorageView.from_array(features), to_cpu=True))
    if encoded.ndim != 3 or not np.isfinite(encoded).all():
        return {"ok": False, "error": f"the encoder returned bad values (shape {encoded.shape})"}
    return {"ok": True, "compute_types": supported, "compute_type": chosen}


def _prepare_cuda(system_dirs: Sequence[Path]) -> dict[str, Any] | None:
    from stenodesk.core import paths
    from stenodesk.core.gpu.driver import probe_driver
    from stenodesk.core.gpu.libraries import discover, preload
    from stenodesk.core.gpu.locate import LINUX_SYSTEM_DIRS, LibrarySearch

    bundle = paths.bundle_root()
    if bundle is not None and not system_dirs:
        # A frozen app's parent passes system folders only when it may use them.
        search = LibrarySearch.bundle_only(bundle)
    else:
        dirs = tuple(system_dirs) or (() if sys.platform == "win32" else LINUX_SYSTEM_DIRS)
        search = LibrarySearch(bundle=bundle, system_dirs=dirs)
    report = preload(discover(search), search.windows)
    for lib in (*report.missing, *report.failed):
        reason = f"{lib.name} " + (
            f"could not be loaded: {lib.error}" if lib.error else "not found"
        )
        return {"ok": False, "kind": "library", "reason": reason}
    driver = probe_driver()
    if not driver.found:
        return {"ok": False, "kind": "no_driver", "reason": "no NVIDIA driver found"}
    return None


def _one_second_features(n_mels: int) -> Any:
    import numpy as np
    from faster_whisper.feature_extractor import FeatureExtractor

    t = np.arange(16000, dtype=np.float32) / 16000
    audio = 0.1 * np.sin(2 * np.pi * (220 + 440 * t) * t).astype(np.float32)
    mel = FeatureExtractor(feature_size=n_mels)(audio)
    frames = 3000  # the encoder takes 30-second windows
    mel = np.pad(mel[:, :frames], ((0, 0), (0, max(0, frames - mel.shape[1]))))
    return np.ascontiguousarray(mel[np.newaxis], dtype=np.float32)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="stenodesk-gpu-check")
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--device", default="cuda", choices=("cuda", "cpu"))
    parser.add_argument("--compute-type", default="auto")
    parser.add_argument("--system-dir", type=Path, action="append", default=[])
    parser.add_argument("--device-index", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        result = check(
            args.model, args.device, args.compute_type, args.system_dir, args.device_index
        )
    except Exception as exc:  # everything the check hits is its result
        result = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    args.out.write_text(json.dumps(result), encoding="utf-8")
    return 0 if result.get("ok") else 1


def run_child_if_requested(argv: Sequence[str]) -> None:
    """In a frozen build's entry point: run the check and exit if asked to."""
    if len(argv) > 1 and argv[1] == CHILD_FLAG:
        sys.exit(main(argv[2:]))


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
