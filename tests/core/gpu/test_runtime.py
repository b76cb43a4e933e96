"""Start-up end to end: fake driver and libraries, the real CTranslate2, fresh processes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from tests.core.gpu import fakes
from tests.core.gpu.conftest import Scenario

from stenodesk.core.models.resolve import ModelResolver

OLD = {
    "FAKE_NVML_DRIVER": "470.57.02",
    "FAKE_NVML_CUDA": "11040",
    "FAKE_CUDA_DRIVER_VERSION": "11040",
}
NEW = {
    "FAKE_NVML_DRIVER": "550.54.15",
    "FAKE_NVML_CUDA": "12040",
    "FAKE_CUDA_DRIVER_VERSION": "12040",
}


@pytest.fixture(scope="module")
def tiny_dir(model_cache: Path) -> Path:
    return ModelResolver(model_cache)("tiny.en")


def prepare_args(built: Path, tmp_path: Path, tiny_dir: Path, **more: Any) -> dict[str, Any]:
    return {
        "nvml": [str(built / "libnvidia-ml.so.1")],
        "cuda": [str(built / "libcuda.so.1")],
        "cache_dir": str(tmp_path / "cache"),
        "model_dir": str(tiny_dir),
        **more,
    }


@pytest.mark.parametrize(
    ("version", "kind", "text"),
    [
        ("11040", "driver_too_old", "CUDA driver version is insufficient for CUDA runtime version"),
        ("12040", "driver_too_old", "API call is not supported in the installed CUDA driver"),
    ],
)
def test_real_ctranslate2_under_a_fake_driver_is_classified(
    built: Path, scenario: Scenario, version: str, kind: str, text: str
) -> None:
    env = {"LD_LIBRARY_PATH": str(built), "FAKE_CUDA_DRIVER_VERSION": version}
    result = scenario("ctranslate2_cuda", {}, env=env)
    assert "libcuda.so.1" in result["load_log"], "CTranslate2 asked the fake driver"
    assert text in result["error"]
    assert result["kind"] == kind
    assert result["reason"].startswith("the NVIDIA driver is too old for this CTranslate2 build")


def test_old_driver_decides_cpu_and_names_the_driver(
    built: Path, tmp_path: Path, tiny_dir: Path, scenario: Scenario
) -> None:
    site = fakes.wheel_site(built, tmp_path / "site")
    data = scenario(
        "prepare", prepare_args(built, tmp_path, tiny_dir), env={**OLD, "PYTHONPATH": str(site)}
    )
    assert data["driver"]["version"] == "470.57.02"
    assert data["driver"]["cuda_version_text"] == "11.4"
    assert data["decision"] == {
        "device": "cpu",
        "compute_type": "int8",
        "device_index": 0,
        "device_index_setting": "auto",
        "reason": "Driver 470.57.02 supports CUDA 11.4; Stenodesk needs 525.60.13 or newer; "
        "using the CPU (int8).",
        "fix": "Update the NVIDIA driver (Linux 525.60.13 or newer, Windows 528.33 or newer), "
        "then restart Stenodesk.",
    }
    assert data["health"] is None, "no check when the driver rules the GPU out"
    assert not any(lib["loaded"] for lib in data["libraries"]), "nothing preloaded for nothing"


def test_missing_cublas_decides_cpu_and_says_how_to_install_it(
    built: Path, tmp_path: Path, tiny_dir: Path, scenario: Scenario
) -> None:
    data = scenario("prepare", prepare_args(built, tmp_path, tiny_dir), env=NEW)
    assert data["decision"]["device"] == "cpu"
    assert data["decision"]["reason"] == (
        "The CUDA library libcublas.so.12 was not found; using the CPU (int8)."
    )
    assert 'pip install "stenodesk[gpu]"' in data["decision"]["fix"]


def test_working_libraries_but_a_failing_gpu_check(
    built: Path, tmp_path: Path, tiny_dir: Path, scenario: Scenario
) -> None:
    """Everything but the GPU is there: the real child runs the real CTranslate2 and fails."""
    site = fakes.wheel_site(built, tmp_path / "site")
    env = {**NEW, "PYTHONPATH": str(site), "LD_LIBRARY_PATH": str(built)}
    data = scenario("prepare", prepare_args(built, tmp_path, tiny_dir), env=env)
    loaded = {lib["name"]: lib["loaded"] for lib in data["libraries"]}
    assert loaded["libcublas.so.12"] and loaded["libcublasLt.so.12"]
    assert data["load_order"] == ["libcublasLt.so.12", "libcublas.so.12", "libnvrtc.so.12"]
    health = data["health"]
    assert (health["ok"], health["kind"], health["cached"]) == (False, "driver_too_old", False)
    assert "API call is not supported" in health["reason"]
    assert data["decision"]["device"] == "cpu"
    assert data["decision"]["reason"].startswith(
        "The GPU check failed: the NVIDIA driver is too old for this CTranslate2 build"
    )
    # The next start reuses the result; forcing the GPU is respected and the risk shown.
    args = prepare_args(built, tmp_path, tiny_dir, options={"device": "cuda"})
    again = scenario("prepare", args, env=env)
    assert again["health"]["cached"] is True
    assert again["decision"]["device"] == "cuda"
    assert "although the GPU check failed" in again["decision"]["reason"]


def test_a_passing_check_chooses_the_gpu(
    built: Path, tmp_path: Path, tiny_dir: Path, scenario: Scenario
) -> None:
    """The success path, with a stand-in child (there is no GPU here to pass the real one)."""
    passing = (
        "import json, sys; a = sys.argv; json.dump({'ok': True, 'compute_type': 'float16', "
        "'compute_types': ['float16', 'float32', 'int8', 'int8_float16']}, "
        "open(a[a.index('--out') + 1], 'w'))"
    )
    site = fakes.wheel_site(built, tmp_path / "site")
    args = prepare_args(built, tmp_path, tiny_dir, health_command=[sys.executable, "-c", passing])
    data = scenario("prepare", args, env={**NEW, "PYTHONPATH": str(site)})
    assert data["health"]["ok"] is True
    assert data["compute_types"]["cuda"] == ["float16", "float32", "int8", "int8_float16"]
    assert data["decision"] == {
        "device": "cuda",
        "compute_type": "float16",
        "device_index": 0,
        "device_index_setting": "auto",
        "reason": "Using the GPU (NVIDIA Fake GPU, float16).",
        "fix": "",
    }
