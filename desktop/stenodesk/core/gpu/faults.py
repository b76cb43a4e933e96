"""What a CUDA error from CTranslate2 means, in words a person can act on.

CTranslate2 raises ``RuntimeError`` with the CUDA runtime's text ("CUDA
failed with error CUDA driver version is insufficient for CUDA runtime
version"), cuBLAS's status names, or the loader's text for a library it
could not open. The classification drives the decision and the message;
it is never used to detect cancellation.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fault:
    """A classified GPU failure.

    Attributes:
        kind: a stable key (``ptx_unsupported``, ``driver_too_old``, ``no_device``,
            ``out_of_memory``, ``unsupported_gpu``, ``int8_unsupported``, ``init_error``,
            ``after_suspend``, ``library``, ``crashed``, ``timeout``, ``cuda_error``;
            :func:`~.diagnosis.error_kind` adds ``wsl_driver`` from the driver's place).
        reason: plain words, with the first line of the original text.
        detail: the original text.
    """

    kind: str
    reason: str
    detail: str = ""


# (kind, markers in the lower-cased text, plain words). First match wins, so
# the specific cuBLAS statuses come before the catch-all "library" rule.
_RULES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (
        "ptx_unsupported",
        ("unsupported toolchain", "unsupportedptxversion", "unsupported_ptx_version"),
        "the NVIDIA driver is too old to compile this CTranslate2's PTX for this GPU",
    ),
    (
        "driver_too_old",
        ("driver version is insufficient", "not supported in the installed cuda driver"),
        "the NVIDIA driver is too old for this CTranslate2 build",
    ),
    ("no_device", ("no cuda-capable device",), "no CUDA-capable GPU was detected"),
    (
        "out_of_memory",
        ("out of memory", "cublas_status_alloc_failed"),
        "the GPU ran out of memory",
    ),
    (
        "unsupported_gpu",
        ("no kernel image", "cublas_status_arch_mismatch", "invalid device function"),
        "this GPU is not supported by this CTranslate2 build (no kernel image for it)",
    ),
    (
        "int8_unsupported",
        ("cublas_status_not_supported",),
        "this GPU refused an int8 operation of cuBLAS",
    ),
    ("init_error", ("initialization error",), "CUDA could not initialise the GPU"),
    # CTranslate2 prints "CUDA failed with error unknown error"; after a suspend
    # and resume it stays so until nvidia_uvm is reloaded (CTranslate2 issue reports).
    ("after_suspend", ("unknown error",), "CUDA reports an unknown error, as after a suspend"),
    (
        "library",
        ("cannot open shared object", "cublas", "cudnn", "error loading", "could not load"),
        "a CUDA library could not be loaded or failed",
    ),
)


def classify(text: str) -> Fault:
    """Classify the text of a CUDA-related exception."""
    lowered = text.lower()
    first = first_line(text)
    for kind, markers, words in _RULES:
        if any(m in lowered for m in markers):
            return Fault(kind, f"{words} ({first})", text)
    return Fault("cuda_error", f"CUDA error ({first})" if first else "CUDA error", text)


def first_line(text: str) -> str:
    return (text.strip().splitlines() or [""])[0].strip()
