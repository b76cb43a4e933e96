"""The NVIDIA driver: its version, the CUDA version it supports, and the GPUs.

NVML (through ``nvidia-ml-py``) gives all of it; when NVML is missing or
fails, ``cuDriverGetVersion`` and the device queries of the driver's
``libcuda`` are used through ctypes. No driver at all is an ordinary
result (``found`` False), never an exception. The libraries to try are
parameters, so tests point them at stand-ins.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

if sys.platform == "win32":  # pragma: no cover - Windows only
    NVML_LIBRARIES: tuple[str, ...] = (
        "C:/Windows/System32/nvml.dll",
        "C:/Program Files/NVIDIA Corporation/NVSMI/nvml.dll",
    )
    CUDA_LIBRARIES: tuple[str, ...] = ("nvcuda.dll",)
else:
    NVML_LIBRARIES = ("libnvidia-ml.so.1",)
    CUDA_LIBRARIES = ("libcuda.so.1",)

_CU_ATTR_CC_MAJOR = 75  # CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR
_CU_ATTR_CC_MINOR = 76


@dataclass(frozen=True)
class Gpu:
    """One GPU as the driver reports it."""

    index: int
    name: str
    memory_total: int
    """Bytes."""
    compute_capability: tuple[int, int]
    memory_free: int = 0
    """Bytes free when the driver was asked (NVML); 0 when unknown (libcuda alone)."""

    @property
    def compute_capability_text(self) -> str:
        return "{}.{}".format(*self.compute_capability)


@dataclass(frozen=True)
class DriverReport:
    """What the NVIDIA driver says about itself and the GPUs.

    Attributes:
        found: some part of the driver (NVML or libcuda) answered.
        version: the driver version ("550.54.15"), "" when only libcuda answered.
        cuda_version: the CUDA API version the driver supports (12040 for
            12.4), as ``cuDriverGetVersion`` reports it; 0 when unknown.
        source: ``nvml`` or ``libcuda``: where the GPU list came from.
        gpus: the GPUs.
        libcuda: the driver library CTranslate2 will use, "" if it cannot be loaded.
        problems: what failed along the way, for the doctor.
    """

    found: bool
    version: str = ""
    cuda_version: int = 0
    source: str = ""
    gpus: tuple[Gpu, ...] = ()
    libcuda: str = ""
    problems: tuple[str, ...] = ()

    @property
    def cuda_version_text(self) -> str:
        """``12.4`` for 12040; "" when unknown."""
        if self.cuda_version <= 0:
            return ""
        return f"{self.cuda_version // 1000}.{self.cuda_version % 1000 // 10}"


def probe_driver(
    nvml_libraries: Sequence[str] = NVML_LIBRARIES,
    cuda_libraries: Sequence[str] = CUDA_LIBRARIES,
) -> DriverReport:
    """Ask NVML, then libcuda, about the driver and the GPUs."""
    problems: list[str] = []
    nvml = _probe_nvml(nvml_libraries, problems)
    cuda = _probe_libcuda(cuda_libraries, problems, want_gpus=nvml is None)
    if nvml is None and cuda is None:
        return DriverReport(found=False, problems=tuple(problems))
    version, nvml_cuda, gpus = nvml if nvml is not None else ("", 0, ())
    libcuda, cuda_version, cuda_gpus = cuda if cuda is not None else ("", 0, ())
    return DriverReport(
        found=True,
        version=version,
        # CTranslate2 checks what libcuda says; NVML's figure is the same on a sane system.
        cuda_version=cuda_version or nvml_cuda,
        source="nvml" if nvml is not None else "libcuda",
        gpus=gpus if nvml is not None else cuda_gpus,
        libcuda=libcuda,
        problems=tuple(problems),
    )


def _load_first(names: Sequence[str], problems: list[str]) -> tuple[str, ctypes.CDLL] | None:
    for name in names:
        try:
            return name, ctypes.CDLL(name)
        except OSError as exc:
            text = str(exc)
            problems.append(text if name in text else f"{name}: {text}")
    return None


def _probe_nvml(
    names: Sequence[str], problems: list[str]
) -> tuple[str, int, tuple[Gpu, ...]] | None:
    # Loading the library first pins the copy pynvml gets: its dlopen by
    # soname returns a library already loaded under that soname.
    if _load_first(names, problems) is None:
        return None
    try:
        import pynvml
    except ImportError as exc:  # the dependency is there, but be defensive
        problems.append(f"nvidia-ml-py: {exc}")
        return None
    try:
        pynvml.nvmlInit()
    except Exception as exc:  # NVMLError or a pynvml version mismatch
        problems.append(f"NVML: {exc}")
        return None
    try:
        return _nvml_facts(pynvml)
    except Exception as exc:
        problems.append(f"NVML: {exc}")
        return None
    finally:
        try:
            pynvml.nvmlShutdown()
        except Exception as exc:
            log.info("nvmlShutdown failed: %s", exc)


def _nvml_facts(nvml: Any) -> tuple[str, int, tuple[Gpu, ...]]:
    version = _text(nvml.nvmlSystemGetDriverVersion())
    cuda_version = int(nvml.nvmlSystemGetCudaDriverVersion())
    gpus = []
    for index in range(int(nvml.nvmlDeviceGetCount())):
        handle = nvml.nvmlDeviceGetHandleByIndex(index)
        major, minor = nvml.nvmlDeviceGetCudaComputeCapability(handle)
        memory = nvml.nvmlDeviceGetMemoryInfo(handle)
        gpus.append(
            Gpu(
                index=index,
                name=_text(nvml.nvmlDeviceGetName(handle)),
                memory_total=int(memory.total),
                compute_capability=(int(major), int(minor)),
                memory_free=int(memory.free),
            )
        )
    return version, cuda_version, tuple(gpus)


def _text(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _probe_libcuda(
    names: Sequence[str], problems: list[str], *, want_gpus: bool
) -> tuple[str, int, tuple[Gpu, ...]] | None:
    loaded = _load_first(names, problems)
    if loaded is None:
        return None
    name, lib = loaded
    version = ctypes.c_int(0)
    try:
        status = lib.cuDriverGetVersion(ctypes.byref(version))
    except AttributeError as exc:
        problems.append(f"{name}: {exc}")
        return None
    if status != 0:
        problems.append(f"{name}: cuDriverGetVersion failed with error {status}")
        return None
    gpus = _cuda_gpus(lib, name, problems) if want_gpus else ()
    return name, version.value, gpus


def _cuda_gpus(lib: ctypes.CDLL, name: str, problems: list[str]) -> tuple[Gpu, ...]:
    try:
        status = lib.cuInit(0)
        count = ctypes.c_int(0)
        if status == 0:
            status = lib.cuDeviceGetCount(ctypes.byref(count))
        if status != 0:
            problems.append(f"{name}: cuInit/cuDeviceGetCount failed with error {status}")
            return ()
        gpus = []
        for index in range(count.value):
            device = ctypes.c_int(0)
            label = ctypes.create_string_buffer(256)
            memory = ctypes.c_size_t(0)
            major, minor = ctypes.c_int(0), ctypes.c_int(0)
            lib.cuDeviceGet(ctypes.byref(device), index)
            lib.cuDeviceGetName(label, len(label), device)
            lib.cuDeviceTotalMem_v2(ctypes.byref(memory), device)
            lib.cuDeviceGetAttribute(ctypes.byref(major), _CU_ATTR_CC_MAJOR, device)
            lib.cuDeviceGetAttribute(ctypes.byref(minor), _CU_ATTR_CC_MINOR, device)
            text = label.value.decode("utf-8", "replace")
            gpus.append(Gpu(index, text, memory.value, (major.value, minor.value)))
        return tuple(gpus)
    except AttributeError as exc:
        problems.append(f"{name}: {exc}")
        return ()
