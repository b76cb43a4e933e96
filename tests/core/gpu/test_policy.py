"""The device decision and its messages, over reports built by hand (pure functions)."""

from __future__ import annotations

import pytest

from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.gpu.driver import DriverReport, Gpu
from stenodesk.core.gpu.health import HealthResult
from stenodesk.core.gpu.libraries import CudaLibrary, LibraryReport
from stenodesk.core.gpu.policy import GpuPlanner, decide
from stenodesk.core.gpu.report import GpuReport
from stenodesk.core.gpu.runtime import LazyGpuPlanner

AUTO = TranscribeOptions()
RTX = Gpu(0, "NVIDIA GeForce RTX 3060", 12 << 30, (8, 6))
GOOD_DRIVER = DriverReport(True, "550.54.15", 12040, "nvml", (RTX,), "libcuda.so.1")
CUBLAS = CudaLibrary(
    "libcublas.so.12", True, "libctranslate2.so", "/site/nvidia/cublas/lib/libcublas.so.12",
    "wheel", "12.9.1.4", loaded=True,
)  # fmt: skip
GOOD_LIBS = LibraryReport(("libctranslate2.so",), (CUBLAS,), ("libcublas.so.12",), "", True)
TURING_TYPES = ("bfloat16", "float16", "float32", "int8", "int8_bfloat16", "int8_float16")
PASSED = HealthResult(True, "ok", "the GPU check passed", "", TURING_TYPES, "float16")


def report(
    driver: DriverReport = GOOD_DRIVER,
    libraries: LibraryReport = GOOD_LIBS,
    health: HealthResult | None = PASSED,
) -> GpuReport:
    types = health.compute_types if health is not None else ()
    return GpuReport("4.8.5", driver, libraries, health, types)


def test_no_driver_means_cpu_int8() -> None:
    plan = decide(report(DriverReport(found=False), health=None), AUTO, windows=False)
    assert (plan.device, plan.compute_type) == ("cpu", "int8")
    assert plan.reason == "No NVIDIA driver found; using the CPU (int8)."
    assert "525.60.13" in plan.fix and "528.33" in plan.fix


@pytest.mark.parametrize(("windows", "needed"), [(False, "525.60.13"), (True, "528.33")])
def test_old_driver_names_the_driver_found(windows: bool, needed: str) -> None:
    old = DriverReport(True, "470.57.02", 11040, "nvml", (RTX,), "libcuda.so.1")
    plan = decide(report(old, health=None), AUTO, windows=windows)
    assert (plan.device, plan.compute_type) == ("cpu", "int8")
    assert plan.reason == (
        f"Driver 470.57.02 supports CUDA 11.4; Stenodesk needs {needed} or newer; "
        "using the CPU (int8)."
    )
    assert "Update the NVIDIA driver" in plan.fix


def test_driver_without_libcuda_or_gpu() -> None:
    no_libcuda = DriverReport(True, "550.54.15", 12040, "nvml", (RTX,), "")
    plan = decide(report(no_libcuda, health=None), AUTO, windows=False)
    assert plan.device == "cpu" and "libcuda.so.1 could not be loaded" in plan.reason
    no_gpu = DriverReport(True, "550.54.15", 12040, "nvml", (), "libcuda.so.1")
    plan = decide(report(no_gpu, health=None), AUTO, windows=False)
    assert plan.reason == "The NVIDIA driver 550.54.15 found no GPU; using the CPU (int8)."


def test_missing_library_names_the_file_and_how_to_get_it() -> None:
    missing = LibraryReport(("ct2",), (CudaLibrary("libcublas.so.12", True, "ct2"),))
    plan = decide(report(libraries=missing, health=None), AUTO, windows=False)
    assert (plan.device, plan.compute_type) == ("cpu", "int8")
    assert plan.reason == "The CUDA library libcublas.so.12 was not found; using the CPU (int8)."
    assert 'pip install "stenodesk[gpu]"' in plan.fix
    assert "GPU build" in plan.fix


def test_broken_library_shows_the_loader_error() -> None:
    broken = CudaLibrary(
        "libcublasLt.so.12", True, "libcublas.so.12", "/x/libcublasLt.so.12", "wheel",
        error="/x/libcublasLt.so.12: invalid ELF header",
    )  # fmt: skip
    plan = decide(report(libraries=LibraryReport(("ct2",), (broken,)), health=None), AUTO)
    assert plan.device == "cpu"
    assert "/x/libcublasLt.so.12 could not be loaded" in plan.reason
    assert "invalid ELF header" in plan.reason
    assert "--force-reinstall" in plan.fix


def test_failed_health_check_means_cpu_unless_the_gpu_is_forced() -> None:
    oom = HealthResult(False, "out_of_memory", "the GPU ran out of memory (CUDA failed ...)")
    plan = decide(report(health=oom), AUTO)
    assert (plan.device, plan.compute_type) == ("cpu", "int8")
    assert plan.reason.startswith("The GPU check failed: the GPU ran out of memory")
    assert "stenodesk doctor --recheck" in plan.fix
    forced = decide(report(health=oom), AUTO.with_(device="cuda"))
    assert forced.device == "cuda"
    assert "as chosen in the settings" in forced.reason
    assert "although the GPU check failed (the GPU ran out of memory" in forced.reason


@pytest.mark.parametrize(
    ("supported", "expected"),
    [
        (TURING_TYPES, "float16"),
        (("float32", "int8_float16", "int8"), "int8_float16"),
        (("float32", "int8", "int8_float32"), "float32"),  # Pascal: no fast float16
        (("float32",), "float32"),
    ],
)
def test_compute_type_follows_what_the_gpu_supports(
    supported: tuple[str, ...], expected: str
) -> None:
    health = HealthResult(True, "ok", "passed", "", supported, "")
    plan = decide(report(health=health), AUTO)
    assert (plan.device, plan.compute_type) == ("cuda", expected)
    assert plan.reason == f"Using the GPU (NVIDIA GeForce RTX 3060, {expected})."


def test_overrides_are_respected_and_shown() -> None:
    plan = decide(report(), AUTO.with_(compute_type="int8_float16"))
    assert (plan.device, plan.compute_type) == ("cuda", "int8_float16")
    assert "int8_float16 as chosen in the settings" in plan.reason
    plan = decide(report(), AUTO.with_(compute_type="int8_float32"))
    assert plan.compute_type == "float16"
    assert "int8_float32 is not supported by this GPU, so float16" in plan.reason
    plan = decide(report(), AUTO.with_(device="cpu"))
    assert (plan.device, plan.compute_type) == ("cpu", "int8")
    assert plan.reason == "Using the CPU, as chosen in the settings."
    plan = decide(report(), AUTO.with_(device="cpu", compute_type="float32"))
    assert (plan.compute_type, plan.reason) == (
        "float32",
        "Using the CPU with float32, as chosen in the settings.",
    )
    plan = decide(report(), AUTO.with_(device="cpu", compute_type="float16"))
    assert plan.compute_type == "int8" and "float16 runs only on a GPU" in plan.reason


def test_forcing_the_gpu_cannot_beat_a_missing_driver() -> None:
    plan = decide(report(DriverReport(found=False), health=None), AUTO.with_(device="cuda"))
    assert plan.device == "cpu"
    assert (
        plan.reason == "The GPU was requested, but: No NVIDIA driver found; using the CPU (int8)."
    )
    kept = decide(
        report(DriverReport(found=False), health=None),
        AUTO.with_(device="cuda", compute_type="float32"),
    )
    assert kept.compute_type == "float32", "a CPU-capable compute type the user chose stays"


def test_planners() -> None:
    good = report()
    assert GpuPlanner(good)(AUTO) == decide(good, AUTO)
    calls: list[int] = []

    def prepare() -> GpuReport:
        calls.append(1)
        return good

    lazy = LazyGpuPlanner(prepare)
    assert lazy(AUTO.with_(device="cpu")).device == "cpu"
    assert calls == [], "a CPU job never pays for GPU detection"
    assert lazy(AUTO).device == "cuda"
    assert lazy(AUTO).device == "cuda"
    assert calls == [1], "prepared once"
    assert lazy.report is good
