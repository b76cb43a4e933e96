"""An app bundle uses its own CUDA libraries and, unless allowed, never the system's."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tests.core.gpu import fakes

from stenodesk.core.gpu.libraries import CudaLibrary, discover
from stenodesk.core.gpu.runtime import GpuSetup


def bundle_with_ctranslate2(root: Path) -> Path:
    """A folder laid out like the frozen app: CTranslate2 (the real one, linked) at its top."""
    spec = importlib.util.find_spec("ctranslate2")
    assert spec is not None and spec.submodule_search_locations
    package = Path(next(iter(spec.submodule_search_locations)))
    root.mkdir(parents=True, exist_ok=True)
    (root / "ctranslate2").symlink_to(package, target_is_directory=True)
    libs = package.parent / "ctranslate2.libs"
    if libs.is_dir():
        (root / "ctranslate2.libs").symlink_to(libs, target_is_directory=True)
    return root


def cublas(root: Path, env: dict[str, str], *, system_libraries: bool = False) -> CudaLibrary:
    setup = GpuSetup.default(
        root / "cache", None, bundle=root, env=env, system_libraries=system_libraries
    )
    report = discover(setup.search)
    assert report.error == "", report.error
    assert any(Path(f).is_relative_to(root) for f in report.ctranslate2_files)
    return next(lib for lib in report.libraries if lib.name == "libcublas.so.12")


def test_a_bundle_ignores_the_system_copy(built: Path, tmp_path: Path) -> None:
    system = fakes.system_dir(built, tmp_path / "usr-lib")
    root = bundle_with_ctranslate2(tmp_path / "app")
    env = {"LD_LIBRARY_PATH": str(system)}
    lib = cublas(root, env)
    assert (lib.needed, lib.found) == (True, False), "the system's cuBLAS must stay unused"
    allowed = cublas(root, env, system_libraries=True)
    assert (allowed.source, allowed.path) == ("system", str(system / "libcublas.so.12"))


def test_a_bundle_uses_its_own_copy_first(built: Path, tmp_path: Path) -> None:
    system = fakes.system_dir(built, tmp_path / "usr-lib")
    root = fakes.bundle(built, bundle_with_ctranslate2(tmp_path / "app"))
    inside = root / "nvidia" / "cublas" / "lib" / "libcublas.so.12"
    for allowed in (False, True):
        lib = cublas(root, {"LD_LIBRARY_PATH": str(system)}, system_libraries=allowed)
        assert (lib.source, lib.path) == ("bundle", str(inside))
