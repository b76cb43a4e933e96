"""Finding and preloading the CUDA libraries CTranslate2 names (fakes, fresh processes)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from tests.core.gpu import fakes
from tests.core.gpu.conftest import Scenario

CUBLAS = ("libcublas.so.12", "libcublasLt.so.12", "libnvblas.so.12")


def libs(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {lib["name"]: lib for lib in result["report"]["libraries"]}


def test_wheels_are_found_and_preloaded_in_dependency_order(
    built: Path, tmp_path: Path, scenario: Scenario
) -> None:
    site = fakes.wheel_site(built, tmp_path / "site")
    wheel = site / "nvidia" / "cublas" / "lib"
    result = scenario("libraries", {"probe": CUBLAS}, env={"PYTHONPATH": str(site)})
    found = libs(result)
    # The real CTranslate2 build names libcublas.so.12; the fake cuBLAS links cuBLASLt.
    assert any("libctranslate2" in f for f in result["report"]["ctranslate2_files"])
    cublas, lt = found["libcublas.so.12"], found["libcublasLt.so.12"]
    assert cublas["named_by"].startswith("libctranslate2")
    assert lt["named_by"] == "libcublas.so.12"
    for lib in (cublas, lt):
        assert lib["needed"] and lib["loaded"] and not lib["error"]
        assert lib["source"] == "wheel"
        assert lib["path"] == str(wheel / lib["name"])
        assert lib["version"] == "12.9.1.4", "from the wheel's metadata"
    # NVRTC, which cuBLAS opens by name, is optional: preloaded from its wheel when there.
    nvrtc = found["libnvrtc.so.12"]
    assert (nvrtc["needed"], nvrtc["loaded"], nvrtc["named_by"]) == (
        False,
        True,
        "libcublasLt.so.12",
    )
    assert nvrtc["path"] == str(site / "nvidia" / "cuda_nvrtc" / "lib" / "libnvrtc.so.12")
    assert nvrtc["version"] == "12.9.86"
    order = ["libcublasLt.so.12", "libcublas.so.12", "libnvrtc.so.12"]
    assert result["report"]["load_order"] == order
    assert result["load_log"] == order
    # CTranslate2's later dlopen("libcublas.so.12") gets the preloaded copy.
    assert result["by_soname"]["libcublas.so.12"] == {
        "loaded": True,
        "path": str(wheel / "libcublas.so.12"),
    }
    # nvblas sits in the same wheel: listed, never loaded (it would replace numpy's BLAS).
    assert found["libnvblas.so.12"]["needed"] is False
    assert found["libnvblas.so.12"]["loaded"] is False
    assert result["by_soname"]["libnvblas.so.12"]["loaded"] is False
    # NCCL is named too, but only tensor parallelism needs it.
    assert found["libnccl.so.2"]["needed"] is False


def test_without_preload_the_soname_is_not_found(
    built: Path, tmp_path: Path, scenario: Scenario
) -> None:
    """The control: the wheel folder is not on the loader's path, so the preload is what works."""
    site = fakes.wheel_site(built, tmp_path / "site")
    result = scenario(
        "libraries", {"probe": CUBLAS, "preload": False}, env={"PYTHONPATH": str(site)}
    )
    assert libs(result)["libcublas.so.12"]["found"] is True
    assert libs(result)["libcublas.so.12"]["loaded"] is False
    assert result["by_soname"]["libcublas.so.12"]["loaded"] is False
    assert result["load_log"] == []


def test_bundle_comes_before_wheels(built: Path, tmp_path: Path, scenario: Scenario) -> None:
    site = fakes.wheel_site(built, tmp_path / "site")
    root = fakes.bundle(built, tmp_path / "bundle")
    result = scenario(
        "libraries",
        {"bundle": str(root), "probe": CUBLAS},
        env={"PYTHONPATH": str(site)},
    )
    inside = root / "nvidia" / "cublas" / "lib"
    for name in ("libcublas.so.12", "libcublasLt.so.12"):
        lib = libs(result)[name]
        assert (lib["source"], lib["path"], lib["loaded"]) == ("bundle", str(inside / name), True)
        assert lib["version"] == "12", "no wheel metadata in a bundle: the soname's version"
    assert result["by_soname"]["libcublas.so.12"]["path"] == str(inside / "libcublas.so.12")


def test_system_folder_is_the_last_resort(built: Path, tmp_path: Path, scenario: Scenario) -> None:
    folder = fakes.system_dir(built, tmp_path / "usr-lib", version="12.4.5.8")
    result = scenario("libraries", {"system_dirs": [str(folder)], "probe": CUBLAS})
    cublas = libs(result)["libcublas.so.12"]
    assert cublas["source"] == "system"
    assert cublas["path"] == str(folder / "libcublas.so.12")
    assert cublas["version"] == "12.4.5.8", "from the file the soname link points to"
    assert result["report"]["load_order"] == ["libcublasLt.so.12", "libcublas.so.12"]
    assert result["by_soname"]["libcublas.so.12"]["loaded"] is True
    nvrtc = libs(result)["libnvrtc.so.12"]
    assert (nvrtc["found"], nvrtc["needed"]) == (False, False), "optional: no reason to stop"
    assert [n for n, lib in libs(result).items() if lib["needed"] and not lib["found"]] == []


def test_missing_library_is_reported_not_loaded(scenario: Scenario) -> None:
    result = scenario("libraries", {"probe": CUBLAS})
    cublas = libs(result)["libcublas.so.12"]
    assert cublas["needed"] is True
    assert (cublas["path"], cublas["loaded"], cublas["error"]) == ("", False, "")
    assert result["report"]["load_order"] == []


def test_broken_library_reports_the_loader_error(
    built: Path, tmp_path: Path, scenario: Scenario
) -> None:
    site = fakes.wheel_site(built, tmp_path / "site")
    broken = site / "nvidia" / "cublas" / "lib" / "libcublasLt.so.12"
    shutil.copy(built / "libcublasLt-broken.so.12", broken)
    result = scenario("libraries", {"probe": CUBLAS}, env={"PYTHONPATH": str(site)})
    lt, cublas = libs(result)["libcublasLt.so.12"], libs(result)["libcublas.so.12"]
    assert lt["found"] and not lt["loaded"]
    assert "invalid ELF header" in lt["error"] or "too short" in lt["error"], lt["error"]
    assert not cublas["loaded"]
    assert "libcublasLt.so.12" in cublas["error"], cublas["error"]
    assert "libcublasLt.so.12" in result["report"]["error"], "the unreadable file is named"


def test_cudnn_era_build_preloads_cudnn_sub_libraries_in_order(
    built: Path, tmp_path: Path, scenario: Scenario
) -> None:
    site = fakes.wheel_site(built, tmp_path / "site", cudnn=True)
    ct2 = str(built / fakes.CT2_CUDNN.soname)
    probe = ("libcudnn.so.9", "libcudnn_ops.so.9", "libcudnn_cnn.so.9")
    result = scenario(
        "libraries",
        {"ctranslate2_files": [ct2], "probe": probe},
        env={"PYTHONPATH": str(site)},
    )
    found = libs(result)
    assert found["libcudnn.so.9"]["named_by"] == fakes.CT2_CUDNN.soname
    for sub in ("libcudnn_graph.so.9", "libcudnn_ops.so.9", "libcudnn_cnn.so.9"):
        assert found[sub]["named_by"] == "libcudnn.so.9", "read from the dispatcher's strings"
        assert found[sub]["loaded"] and found[sub]["version"] == "9.1.0.70"
    assert "libcuda.so.1" not in found, "the driver's library is not ours to preload"
    order = result["report"]["load_order"]
    assert order.index("libcudnn_graph.so.9") < order.index("libcudnn_ops.so.9")
    assert order.index("libcudnn_ops.so.9") < order.index("libcudnn_cnn.so.9")
    assert order.index("libcublasLt.so.12") < order.index("libcublas.so.12")
    assert result["load_log"] == order
    cudnn_dir = site / "nvidia" / "cudnn" / "lib"
    for name in probe:
        assert result["by_soname"][name] == {"loaded": True, "path": str(cudnn_dir / name)}
