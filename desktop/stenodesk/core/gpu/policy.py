"""The decision: GPU or CPU, which compute type, why, and how to fix it.

Rules, in order: the user's choice of the CPU wins; then anything that makes
the GPU impossible (no driver, a driver older than CUDA 12, no GPU, a CUDA
library missing or broken) means CPU int8 with that reason, even when the
GPU was asked for; then a failed health check means CPU int8, unless the
user forced the GPU; otherwise the GPU with the best compute type it
supports (float16, then int8_float16, then float32 on old cards) or the one
the user chose. Every plan says why in plain words.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from stenodesk.core.engine.device import DevicePlan, cpu_plan
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.errors import ErrorKind, UserMessage, user_message
from stenodesk.core.gpu.devices import choose_gpu
from stenodesk.core.gpu.diagnosis import error_kind
from stenodesk.core.gpu.driver import Gpu
from stenodesk.core.gpu.health import best_compute_type
from stenodesk.core.gpu.report import GpuReport

MIN_CUDA_API = 12000
"""``cuDriverGetVersion`` CTranslate2 4.x with CUDA 12 needs."""
INT8_BROKEN_MAJOR = 12
"""Compute capability major version whose int8 cuBLAS calls fail (RTX 50)."""

MIN_DRIVER_LINUX = "525.60.13"
MIN_DRIVER_WINDOWS = "528.33"


@dataclass(frozen=True)
class Blocker:
    """Why the GPU cannot be used at all."""

    kind: ErrorKind
    subject: str

    @property
    def message(self) -> UserMessage:
        return user_message(self.kind, self.subject)


def blocker(report: GpuReport, windows: bool = sys.platform == "win32") -> Blocker | None:
    """The first thing that makes the GPU impossible, or None."""
    driver = report.driver
    if not driver.found:
        return Blocker(ErrorKind.GPU_NO_DRIVER, "")
    if 0 < driver.cuda_version < MIN_CUDA_API:
        version = driver.version or "(version unknown)"
        needed = MIN_DRIVER_WINDOWS if windows else MIN_DRIVER_LINUX
        subject = (
            f"{version} supports CUDA {driver.cuda_version_text}; Stenodesk needs {needed} or newer"
        )
        return Blocker(ErrorKind.GPU_DRIVER_OLD, subject)
    if not driver.libcuda:
        name = "nvcuda.dll" if windows else "libcuda.so.1"
        return Blocker(ErrorKind.GPU_DRIVER_BROKEN, f"{name} could not be loaded")
    if not driver.gpus:
        return Blocker(ErrorKind.GPU_NO_DEVICE, driver.version)
    missing = report.libraries.missing
    if missing:
        return Blocker(ErrorKind.GPU_LIBRARY_MISSING, ", ".join(lib.name for lib in missing))
    failed = report.libraries.failed
    if failed:
        lib = failed[0]
        return Blocker(ErrorKind.GPU_LIBRARY_BROKEN, f"{lib.path} could not be loaded: {lib.error}")
    return None


def decide(
    report: GpuReport, options: TranscribeOptions, windows: bool = sys.platform == "win32"
) -> DevicePlan:
    """The device plan for a job with these options on this machine."""
    if options.device == "cpu":
        return cpu_by_choice(options)
    forced = options.device == "cuda"
    stop = blocker(report, windows)
    if stop is not None:
        message = stop.message
        reason = f"The GPU was requested, but: {message.text}" if forced else message.text
        return cpu_plan(options, reason, message.fix)
    health = report.health
    if health is None or not health.ok:
        why = health.reason if health is not None else "it could not be run"
        kind = error_kind(health.kind, report.driver.libcuda) if health else None
        message = user_message(kind or ErrorKind.GPU_CHECK_FAILED, why)
        if not forced:
            return cpu_plan(options, message.text, message.fix)
        return _gpu_plan(report, options, f"the GPU check failed ({why})")
    return _gpu_plan(report, options, "")


def cpu_by_choice(options: TranscribeOptions) -> DevicePlan:
    """The plan when the user chose the CPU: their compute type if the CPU has it."""
    plan = cpu_plan(options)
    asked = options.compute_type
    if asked not in ("auto", plan.compute_type):
        return DevicePlan(
            "cpu",
            plan.compute_type,
            f"Using the CPU, as chosen in the settings; {asked} runs only on a GPU, "
            f"so {plan.compute_type} is used.",
        )
    chosen = f" with {asked}" if asked != "auto" else ""
    return DevicePlan(
        "cpu", plan.compute_type, f"Using the CPU{chosen}, as chosen in the settings."
    )


def _gpu_plan(report: GpuReport, options: TranscribeOptions, warning: str) -> DevicePlan:
    supported = report.compute_types
    choice = choose_gpu(report.driver.gpus, options.device_index)
    gpu = choice.gpu
    names = gpu.name if gpu is not None else "the GPU"
    asked = options.compute_type
    note = ""
    if asked == "auto":
        compute = best_compute_type(_auto_types(gpu, supported))
    elif asked in supported or not supported:
        compute = asked
        note = f" ({asked} as chosen in the settings)"
    else:
        compute = best_compute_type(_auto_types(gpu, supported))
        note = f" ({asked} is not supported by this GPU, so {compute})"
    if options.device == "cuda":
        lead = f"Using the GPU ({names}, {compute}), as chosen in the settings"
    else:
        lead = f"Using the GPU ({names}, {compute})"
    which = f"; {choice.note}" if choice.note else ""
    reason = lead + note + which + (f", although {warning}" if warning else "") + "."
    fix = "If transcription fails, choose the CPU in the settings." if warning else ""
    if gpu is None:
        return DevicePlan("cuda", compute, reason, fix)
    return DevicePlan("cuda", compute, reason, fix, gpu.index, gpu.memory_free)


def _auto_types(gpu: Gpu | None, supported: tuple[str, ...]) -> tuple[str, ...]:
    """The types ``auto`` may pick on ``gpu``: no int8 on compute capability 12.x, where
    several CTranslate2 releases fail it with CUBLAS_STATUS_NOT_SUPPORTED (CTranslate2 #1865)."""
    if gpu is not None and gpu.compute_capability[0] == INT8_BROKEN_MAJOR:
        return tuple(t for t in supported if not t.startswith("int8")) or ("float16",)
    return supported


class GpuPlanner:
    """A :data:`~stenodesk.core.engine.device.DevicePlanner` over a GPU report."""

    def __init__(self, report: GpuReport, windows: bool = sys.platform == "win32") -> None:
        self.report = report
        self._windows = windows

    def __call__(self, options: TranscribeOptions) -> DevicePlan:
        return decide(self.report, options, self._windows)
