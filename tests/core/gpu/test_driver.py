"""The driver probe against fake NVML and libcuda libraries (fresh processes)."""

from __future__ import annotations

from pathlib import Path

from tests.core.gpu.conftest import Scenario

GIB = 1 << 30


def test_nvml_gives_driver_cuda_version_and_gpus(built: Path, scenario: Scenario) -> None:
    env = {
        "FAKE_NVML_DRIVER": "550.54.15",
        "FAKE_NVML_CUDA": "12040",
        "FAKE_CUDA_DRIVER_VERSION": "12040",
        "FAKE_GPU_COUNT": "2",
        "FAKE_GPU_NAME": "NVIDIA GeForce RTX 3060",
        "FAKE_CC_MAJOR": "8",
        "FAKE_CC_MINOR": "6",
    }
    args = {"nvml": [str(built / "libnvidia-ml.so.1")], "cuda": [str(built / "libcuda.so.1")]}
    result = scenario("driver", args, env=env)
    driver = result["driver"]
    assert driver["found"] is True
    assert driver["source"] == "nvml"
    assert driver["version"] == "550.54.15"
    assert driver["cuda_version"] == 12040
    assert result["cuda_version_text"] == "12.4"
    assert driver["libcuda"] == str(built / "libcuda.so.1")
    assert [g["name"] for g in driver["gpus"]] == ["NVIDIA GeForce RTX 3060"] * 2
    assert [g["index"] for g in driver["gpus"]] == [0, 1]
    assert driver["gpus"][0]["memory_total"] == 12 * GIB
    assert driver["gpus"][0]["compute_capability"] == [8, 6]
    assert driver["gpus"][0]["memory_free"] == 6 * GIB, "the fake's default: half free"


def test_libcuda_alone_gives_cuda_version_and_gpus(built: Path, scenario: Scenario) -> None:
    env = {"FAKE_CUDA_DRIVER_VERSION": "12020", "FAKE_CC_MAJOR": "7", "FAKE_CC_MINOR": "5"}
    args = {"nvml": ["/nonexistent/libnvidia-ml.so.1"], "cuda": [str(built / "libcuda.so.1")]}
    driver = scenario("driver", args, env=env)["driver"]
    assert (driver["found"], driver["source"], driver["version"]) == (True, "libcuda", "")
    assert driver["cuda_version"] == 12020
    assert driver["gpus"] == [
        {
            "index": 0,
            "name": "NVIDIA Fake GPU",
            "memory_total": 8 * GIB,
            "compute_capability": [7, 5],
            "memory_free": 0,  # libcuda alone does not say
        }
    ]
    assert any("libnvidia-ml.so.1" in p for p in driver["problems"])


def test_old_driver_reports_its_cuda_version(built: Path, scenario: Scenario) -> None:
    env = {
        "FAKE_NVML_DRIVER": "470.57.02",
        "FAKE_NVML_CUDA": "11040",
        "FAKE_CUDA_DRIVER_VERSION": "11040",
    }
    args = {"nvml": [str(built / "libnvidia-ml.so.1")], "cuda": [str(built / "libcuda.so.1")]}
    result = scenario("driver", args, env=env)
    assert result["driver"]["version"] == "470.57.02"
    assert result["driver"]["cuda_version"] == 11040
    assert result["cuda_version_text"] == "11.4"


def test_nvml_that_fails_and_no_libcuda_is_no_driver(built: Path, scenario: Scenario) -> None:
    args = {"nvml": [str(built / "libnvidia-ml.so.1")], "cuda": ["/nonexistent/libcuda.so.1"]}
    driver = scenario("driver", args, env={"FAKE_NVML_INIT_ERROR": "9"})["driver"]
    assert driver["found"] is False
    assert any("Driver Not Loaded" in p for p in driver["problems"]), driver["problems"]


def test_no_driver_is_an_ordinary_result(scenario: Scenario) -> None:
    args = {"nvml": ["/nonexistent/libnvidia-ml.so.1"], "cuda": ["/nonexistent/libcuda.so.1"]}
    driver = scenario("driver", args)["driver"]
    assert driver == {
        "found": False,
        "version": "",
        "cuda_version": 0,
        "source": "",
        "gpus": [],
        "libcuda": "",
        "problems": driver["problems"],
    }
    assert len(driver["problems"]) == 2
