"""From a classified GPU failure to the user's message and fix.

:mod:`.faults` names what the error text says; this module adds what the
machine says (a driver from WSL's Windows side) and picks the entry of the
error table in :mod:`stenodesk.core.errors` with the fix for it.
"""

from __future__ import annotations

from stenodesk.core.errors import ErrorKind

WSL_DRIVER_DIR = "/usr/lib/wsl/"
"""Where WSL2 maps the Windows driver's libcuda and NVML into Linux."""

_BY_FAULT = {
    "ptx_unsupported": ErrorKind.GPU_PTX_UNSUPPORTED,
    "unsupported_gpu": ErrorKind.GPU_TOO_OLD,
    "int8_unsupported": ErrorKind.GPU_INT8_UNSUPPORTED,
    "after_suspend": ErrorKind.GPU_AFTER_SUSPEND,
    "no_device": ErrorKind.GPU_NOT_VISIBLE,
    "out_of_memory": ErrorKind.GPU_OUT_OF_MEMORY,
    "init_error": ErrorKind.GPU_INIT_ERROR,
    "wsl_driver": ErrorKind.GPU_WSL_DRIVER,
}

# Under WSL these failures come from the Windows driver or from a Linux driver
# installed inside WSL by mistake: the WSL fix is the one that works.
_WSL_FAULTS = frozenset({"no_device", "init_error", "driver_too_old", "cuda_error", "library"})


def is_wsl_driver(libcuda: str) -> bool:
    """Whether the libcuda in use is the one WSL2 maps from the Windows driver."""
    return libcuda.startswith(WSL_DRIVER_DIR)


def health_kind(fault_kind: str, libcuda: str) -> str:
    """The stable ``health.kind`` for a fault seen with this libcuda."""
    if fault_kind in _WSL_FAULTS and is_wsl_driver(libcuda):
        return "wsl_driver"
    return fault_kind


def error_kind(fault_kind: str, libcuda: str = "") -> ErrorKind:
    """The error table entry for a failed GPU check of this kind."""
    return _BY_FAULT.get(health_kind(fault_kind, libcuda), ErrorKind.GPU_CHECK_FAILED)
