"""The real ``nvidia-cublas-cu12`` wheel, preloaded without a driver, from both layouts.

``scripts/setup`` installs the wheel for the tests in ``.venv/cuda-wheels``,
apart from the environment, so that every other test sees a machine without
CUDA libraries. cuBLAS loads without an NVIDIA driver (it asks for the driver
only when a GPU call is made), so preloading, and a later ``dlopen`` by
soname getting the preloaded copy, can be proven on any Linux machine. One
fresh process per layout: preloading changes a process for good.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from tests.core.gpu.conftest import Scenario

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="the Linux wheel's libraries"),
]

WHEELS = Path(sys.prefix) / "cuda-wheels"
NAMES = ("libcublas.so.12", "libcublasLt.so.12")


@pytest.fixture(scope="module")
def wheels() -> Path:
    lib = WHEELS / "nvidia" / "cublas" / "lib"
    if not (lib / "libcublas.so.12").exists():
        pytest.fail(f"the cuBLAS wheel is not in {WHEELS}: run scripts/setup test")
    return WHEELS


def _check(result: dict, folder: Path, source: str) -> None:  # type: ignore[type-arg]
    for name in NAMES:
        lib = result["libraries"][name]
        assert (lib["source"], lib["path"], lib["loaded"]) == (source, str(folder / name), True)
        assert lib["error"] == ""
        later = result["later"][name]
        assert later["already_loaded"] and later["same_handle"], later
        assert later["from"] == str(folder / name), "a dlopen by soname gets the preloaded copy"
    order = result["load_order"]
    assert order.index("libcublasLt.so.12") < order.index("libcublas.so.12"), "dependency first"
    assert result["cublas_major"] == 12
    assert result["lt_version"] >= 120000


def test_real_cublas_preloaded_from_the_wheel(wheels: Path, scenario: Scenario) -> None:
    result = scenario("real_cublas", {}, env={"PYTHONPATH": str(wheels)})
    _check(result, wheels / "nvidia" / "cublas" / "lib", "wheel")
    assert result["libraries"]["libcublas.so.12"]["version"].startswith("12.")


def test_real_cublas_preloaded_from_a_bundle(
    wheels: Path, tmp_path: Path, scenario: Scenario
) -> None:
    """The files where PyInstaller's nvidia hooks put them; linked, not copied (850 MB)."""
    inside = tmp_path / "bundle" / "nvidia" / "cublas" / "lib"
    inside.mkdir(parents=True)
    for name in NAMES:
        source = wheels / "nvidia" / "cublas" / "lib" / name
        try:
            os.link(source, inside / name)
        except OSError:  # another file system: a copy is the same to the loader
            import shutil

            shutil.copy2(source, inside / name)
    result = scenario("real_cublas", {"bundle": str(tmp_path / "bundle")})
    _check(result, inside, "bundle")
