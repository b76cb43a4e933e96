"""CUDA error texts, as CTranslate2 and the loader write them, classified."""

from __future__ import annotations

import pytest

from stenodesk.core.engine.device import is_gpu_failure
from stenodesk.core.gpu.faults import classify


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("CUDA failed with error CUDA driver version is insufficient for CUDA runtime version",
         "driver_too_old"),
        ("CUDA failed with error API call is not supported in the installed CUDA driver",
         "driver_too_old"),
        ("CUDA failed with error no CUDA-capable device is detected", "no_device"),
        ("CUDA failed with error out of memory", "out_of_memory"),
        ("cuBLAS failed with status CUBLAS_STATUS_ALLOC_FAILED", "out_of_memory"),
        ("CUDA failed with error no kernel image is available for execution on the device",
         "unsupported_gpu"),
        ("libcublas.so.12: cannot open shared object file: No such file or directory", "library"),
        ("cuBLAS failed with status CUBLAS_STATUS_EXECUTION_FAILED", "library"),
        ("CUDA failed with error an illegal memory access was encountered", "cuda_error"),
        ("cudaErrorUnsupportedPtxVersion: the provided PTX was compiled with an unsupported "
         "toolchain", "ptx_unsupported"),
        ("cuBLAS failed with status CUBLAS_STATUS_NOT_SUPPORTED", "int8_unsupported"),
        ("CUDA failed with error unknown error", "after_suspend"),
        ("CUDA failed with error initialization error", "init_error"),
    ],
)  # fmt: skip
def test_classify(text: str, kind: str) -> None:
    fault = classify(text + "\nmore detail")
    assert fault.kind == kind
    assert text in fault.reason, "the original first line is kept for the curious"
    assert "more detail" not in fault.reason
    assert is_gpu_failure(RuntimeError(text)), "the engine falls back on each of them"
