"""Which device and compute type a job runs on.

The engine asks a ``DevicePlanner`` (a plain callable) for a :class:`DevicePlan`.
The default planner here knows nothing about GPUs; ``core.gpu.policy`` builds
the real one from the driver check and the CUDA libraries, and the front ends
pass it in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from stenodesk.core.engine.options import TranscribeOptions


@dataclass(frozen=True)
class DevicePlan:
    """The device and compute type chosen for a job, and why, in plain words.

    ``device_index`` is the GPU's (CTranslate2's ``device_index``); 0 on the CPU.
    ``memory_free`` is the bytes free on that GPU when it was planned (0: unknown),
    for the batch size (core/engine/batching.py).
    """

    device: str
    compute_type: str
    reason: str = ""
    fix: str = ""
    device_index: int = 0
    memory_free: int = 0


DevicePlanner = Callable[[TranscribeOptions], DevicePlan]

CPU_COMPUTE_TYPE = "int8"


def cpu_plan(options: TranscribeOptions, reason: str = "", fix: str = "") -> DevicePlan:
    compute = options.compute_type if options.compute_type != "auto" else CPU_COMPUTE_TYPE
    if compute in ("float16", "int8_float16", "bfloat16", "int8_bfloat16"):
        compute = CPU_COMPUTE_TYPE  # GPU-only types; int8 is the fast CPU choice
    return DevicePlan("cpu", compute, reason or "Running on the CPU.", fix)


def cpu_only_planner(options: TranscribeOptions) -> DevicePlan:
    """The planner for builds and tests without GPU support: always the CPU."""
    if options.device == "cuda":
        return cpu_plan(options, "GPU support is not available in this setup; using the CPU.")
    return cpu_plan(options)


def is_gpu_failure(exc: BaseException) -> bool:
    """True for errors CTranslate2 raises when the GPU or its libraries fail mid-job."""
    if not isinstance(exc, RuntimeError | OSError):
        return False
    text = str(exc).lower()
    return any(
        marker in text
        for marker in ("cuda", "cublas", "cudnn", "out of memory", "no kernel image", "gpu")
    )
