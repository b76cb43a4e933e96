"""Each GPU failure the issue lists: its health kind, its words and its fix."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from tests.core.gpu import fakes
from tests.core.gpu.conftest import Scenario
from tests.core.gpu.test_policy import GOOD_DRIVER, report
from tests.core.gpu.test_runtime import NEW, prepare_args, tiny_dir  # noqa: F401 (fixture)

from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.errors import ErrorKind
from stenodesk.core.gpu.diagnosis import error_kind, health_kind
from stenodesk.core.gpu.faults import classify
from stenodesk.core.gpu.health import HealthResult
from stenodesk.core.gpu.policy import decide

WSL_LIBCUDA = "/usr/lib/wsl/lib/libcuda.so.1"

# (error text, health kind, a phrase of the fix)
CASES = [
    ("CUDA failed with error cudaErrorUnsupportedPtxVersion: the provided PTX was compiled "
     "with an unsupported toolchain", "ptx_unsupported", "R570"),
    ("CUDA failed with error no kernel image is available for execution on the device",
     "unsupported_gpu", "older than every architecture"),
    ("cuBLAS failed with status CUBLAS_STATUS_NOT_SUPPORTED", "int8_unsupported", "float16"),
    ("CUDA failed with error unknown error", "after_suspend", "nvidia_uvm"),
    ("CUDA failed with error no CUDA-capable device is detected", "no_device", "--gpus all"),
    ("CUDA failed with error out of memory", "out_of_memory", "int8_float16"),
    ("cuBLAS failed with status CUBLAS_STATUS_ALLOC_FAILED", "out_of_memory", "smaller model"),
    ("CUDA failed with error initialization error", "init_error", "Restart the computer"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "fix"), CASES)
def test_each_text_has_a_kind_and_a_fix(text: str, kind: str, fix: str) -> None:
    assert classify(text).kind == kind
    assert error_kind(kind) is not ErrorKind.GPU_CHECK_FAILED, "each has its own entry"
    failed = HealthResult(False, kind, classify(text).reason)
    plan = decide(report(health=failed), TranscribeOptions(), windows=False)
    assert plan.device == "cpu"
    assert text in plan.reason, "the first line of the original text is shown"
    assert fix in plan.fix


@pytest.mark.parametrize("kind", ["no_device", "init_error", "driver_too_old", "cuda_error"])
def test_wsl_driver_is_named_when_libcuda_comes_from_windows(kind: str) -> None:
    assert health_kind(kind, WSL_LIBCUDA) == "wsl_driver"
    assert health_kind(kind, "/usr/lib/x86_64-linux-gnu/libcuda.so.1") == kind
    driver = replace(GOOD_DRIVER, libcuda=WSL_LIBCUDA)
    failed = HealthResult(False, kind, "CUDA failed with error initialization error")
    plan = decide(report(driver, health=failed), TranscribeOptions(), windows=False)
    assert "under WSL" in plan.reason
    assert "update it in Windows" in plan.fix


def test_out_of_memory_under_wsl_stays_out_of_memory() -> None:
    assert health_kind("out_of_memory", WSL_LIBCUDA) == "out_of_memory"


@pytest.mark.parametrize("case", CASES, ids=[c[1] for c in CASES])
def test_each_kind_through_a_failing_gpu_check(
    case: tuple[str, str, str],
    built: Path,
    tmp_path: Path,
    tiny_dir: Path,  # noqa: F811 (fixture)
    scenario: Scenario,
) -> None:
    """A fresh process: fake driver and libraries, a check that fails with the text."""
    text, kind, fix = case
    failing = (
        "import json, sys; a = sys.argv; "
        f"json.dump({{'ok': False, 'error': {text!r}}}, open(a[a.index('--out') + 1], 'w'))"
    )
    site = fakes.wheel_site(built, tmp_path / "site")
    args = prepare_args(built, tmp_path, tiny_dir, health_command=[sys.executable, "-c", failing])
    data = scenario("prepare", args, env={**NEW, "PYTHONPATH": str(site)})
    assert (data["health"]["ok"], data["health"]["kind"]) == (False, kind)
    assert data["decision"]["device"] == "cpu"
    assert text in data["decision"]["reason"]
    assert fix in data["decision"]["fix"]
