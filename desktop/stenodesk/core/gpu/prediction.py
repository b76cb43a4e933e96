"""What will happen on this GPU, told from the driver's facts before anything runs.

The compiled architectures and PTX version come from CTranslate2's own
library (:mod:`.fatbin`); the card's compute capability and the CUDA version
the driver supports come from NVML or libcuda. Together they say, without
starting the health check, whether the card is too old for the build, whether
the driver is too old to compile the PTX the card needs, and whether the first
start will wait for the driver to compile kernels.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from stenodesk.core.errors import ErrorKind, user_message
from stenodesk.core.gpu.driver import DriverReport
from stenodesk.core.gpu.fatbin import DeviceCode

JIT_CHECK_TIMEOUT = 900.0
"""Seconds the health check may take when the driver compiles the PTX first: the
compile of CTranslate2's kernels takes minutes on the first start of a new card."""

# PTX ISA version -> (CUDA version the driver must support, as NVML reports it,
# and the first driver branch with it). Facts from NVIDIA's PTX ISA and CUDA
# release notes; a newer PTX than listed is taken as needing a newer driver.
_PTX_DRIVER: dict[tuple[int, int], tuple[int, str]] = {
    (8, 0): (12000, "R525"),
    (8, 1): (12010, "R530"),
    (8, 2): (12020, "R535"),
    (8, 3): (12030, "R545"),
    (8, 4): (12040, "R550"),
    (8, 5): (12050, "R555"),
    (8, 6): (12070, "R565"),
    (8, 7): (12080, "R570"),
    (8, 8): (12090, "R575"),
    (9, 0): (13000, "R580"),
}

PREPARING_FIRST_USE = user_message(ErrorKind.GPU_FIRST_USE).text
"""The notice before the first compile; from the error table, so the window translates it."""


@dataclass(frozen=True)
class Prediction:
    """What the facts say before the health check.

    Attributes:
        kind: ``native`` (machine code for the card), ``jit`` (the driver compiles
            the PTX), or a failure kind that skips the check: ``unsupported_gpu``
            or ``ptx_unsupported`` (the same keys :mod:`.faults` gives the errors).
        reason: plain words ("" for ``native``).
        driver_needed: the driver branch the PTX needs ("R570"; "" when unknown).
    """

    kind: str
    reason: str = ""
    driver_needed: str = ""

    @property
    def blocks(self) -> bool:
        """Whether the GPU cannot work, so the health check is not worth running."""
        return self.kind in ("unsupported_gpu", "ptx_unsupported")


def ptx_driver(version: tuple[int, int]) -> tuple[int, str] | None:
    """The CUDA version and driver branch a PTX ISA version needs (None: unknown)."""
    return _PTX_DRIVER.get(version)


def predict(
    code: DeviceCode | None, driver: DriverReport, device_index: int = 0
) -> Prediction | None:
    """The prediction for the GPU ``device_index`` (else the first), or None when the
    facts are missing."""
    if code is None or not driver.gpus:
        return None
    gpu = next((g for g in driver.gpus if g.index == device_index), driver.gpus[0])
    major, minor = gpu.compute_capability
    cc = gpu.compute_capability_text
    if code.runs_natively(major, minor):
        return Prediction("native")
    built = ", ".join((*code.sm_names, *code.ptx_names))
    if not code.runs_via_ptx(major, minor):
        return Prediction(
            "unsupported_gpu",
            f"{gpu.name} (compute capability {cc}) is older than every architecture "
            f"this CTranslate2 was built for ({built})",
        )
    need = ptx_driver(code.ptx_version)
    if need is not None and driver.cuda_version and driver.cuda_version < need[0]:
        found = driver.version or f"for CUDA {driver.cuda_version_text}"
        return Prediction(
            "ptx_unsupported",
            f"{gpu.name} (compute capability {cc}) runs only the PTX {code.ptx_version_text} "
            f"of this CTranslate2, which needs an NVIDIA driver of the {need[1]} branch or "
            f"newer; driver {found} was found",
            need[1],
        )
    return Prediction("jit", PREPARING_FIRST_USE, need[1] if need else "")


JIT_CACHE_BYTES = 4 << 30
"""CUDA_CACHE_MAXSIZE for the app's processes: the driver's largest. Its default
(256 MiB) can be too small to keep every CTranslate2 kernel compiled from PTX, so
each start of an RTX 50 or H100 would compile them again."""


def jit_cache_env(env: Mapping[str, str]) -> dict[str, str]:
    """What to add to the environment so the driver keeps the kernels it compiles.

    A size or a disabled cache the user chose is left alone.
    """
    if env.get("CUDA_CACHE_MAXSIZE") or env.get("CUDA_CACHE_DISABLE"):
        return {}
    return {"CUDA_CACHE_MAXSIZE": str(JIT_CACHE_BYTES)}
