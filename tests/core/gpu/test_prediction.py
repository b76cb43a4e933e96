"""Predictions from the driver's facts and CTranslate2's device code, before the check."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from tests.core.gpu import fakes
from tests.core.gpu.conftest import REPO, Scenario
from tests.core.gpu.test_runtime import prepare_args, tiny_dir  # noqa: F401 (fixture)

from stenodesk.core.gpu.driver import DriverReport, Gpu
from stenodesk.core.gpu.fatbin import DeviceCode
from stenodesk.core.gpu.health import HealthResult
from stenodesk.core.gpu.libraries import LibraryReport
from stenodesk.core.gpu.prediction import PREPARING_FIRST_USE, jit_cache_env, predict
from stenodesk.core.gpu.report import GpuReport
from stenodesk.core.gpu.runtime import GpuSetup, _checked

WHEEL = DeviceCode((53, 60, 61, 70, 75, 80, 86), (86,), (8, 7))


def driver(cc: tuple[int, int], cuda: int, version: str = "550.54.15") -> DriverReport:
    gpu = Gpu(0, "NVIDIA Test", 16 << 30, cc)
    return DriverReport(True, version, cuda, "nvml", (gpu,), "libcuda.so.1")


@pytest.mark.parametrize(
    ("cc", "cuda", "kind"),
    [
        ((8, 6), 12040, "native"),
        ((8, 9), 12040, "native"),  # RTX 40 runs the sm_86 code
        ((5, 3), 12040, "native"),
        ((5, 2), 12080, "unsupported_gpu"),
        ((3, 5), 12080, "unsupported_gpu"),
        ((9, 0), 12040, "ptx_unsupported"),  # H100 on R550
        ((12, 0), 12020, "ptx_unsupported"),  # RTX 50 on R535 LTS
        ((9, 0), 12080, "jit"),
        ((12, 0), 12090, "jit"),
    ],
)
def test_prediction_table(cc: tuple[int, int], cuda: int, kind: str) -> None:
    prediction = predict(WHEEL, driver(cc, cuda))
    assert prediction is not None and prediction.kind == kind


def test_words_name_the_driver_found_and_the_branch_needed() -> None:
    prediction = predict(WHEEL, driver((12, 0), 12020, "535.183.01"))
    assert prediction is not None and prediction.blocks
    assert prediction.driver_needed == "R570"
    assert "driver 535.183.01 was found" in prediction.reason
    assert "PTX 8.7" in prediction.reason and "R570 branch" in prediction.reason
    old = predict(WHEEL, driver((3, 5), 12080))
    assert old is not None and "sm_53" in old.reason and "compute_86" in old.reason
    jit = predict(WHEEL, driver((9, 0), 12080))
    assert jit is not None and not jit.blocks and jit.reason == PREPARING_FIRST_USE


def test_no_prediction_without_facts() -> None:
    assert predict(None, driver((8, 6), 12040)) is None
    assert predict(WHEEL, DriverReport(True, "550.54.15", 12040, "nvml", (), "x")) is None


@pytest.mark.parametrize(
    ("cc", "cuda", "version", "kind", "fix"),
    [
        ("12", "12040", "550.54.15", "ptx_unsupported", "R570"),
        ("3", "12080", "570.86.10", "unsupported_gpu", "older than every architecture"),
    ],
)
def test_blocking_predictions_skip_the_check(  # noqa: PLR0917 (the table's columns)
    cc: str,
    cuda: str,
    version: str,
    kind: str,
    fix: str,
    built: Path,
    tmp_path: Path,
    tiny_dir: Path,  # noqa: F811 (fixture)
    scenario: Scenario,
) -> None:
    """Fake NVML/libcuda choose the card and driver; the real CTranslate2 library is read."""
    marker = tmp_path / "check-ran"
    check = [sys.executable, "-c", f"open({str(marker)!r}, 'w')"]
    env = {
        "PYTHONPATH": str(fakes.wheel_site(built, tmp_path / "site")),
        "FAKE_CC_MAJOR": cc,
        "FAKE_CC_MINOR": "0" if cc == "12" else "5",
        "FAKE_NVML_CUDA": cuda,
        "FAKE_CUDA_DRIVER_VERSION": cuda,
        "FAKE_NVML_DRIVER": version,
    }
    data = scenario("prepare", prepare_args(built, tmp_path, tiny_dir, health_command=check), env)
    assert data["prediction"]["kind"] == kind
    assert (data["health"]["ok"], data["health"]["kind"]) == (False, kind)
    assert not marker.exists(), "the check is not run when the facts rule the GPU out"
    assert data["decision"]["device"] == "cpu"
    assert fix in data["decision"]["fix"]
    if kind == "ptx_unsupported":
        assert "driver 550.54.15 was found" in data["decision"]["reason"]


def test_first_jit_compile_gets_the_long_timeout(tmp_path: Path, tiny_dir: Path) -> None:  # noqa: F811
    # The stand-in check takes 3 s against a 0.5 s limit: killed unless the limit
    # is raised for the first compile (margins wide for a busy machine).
    slow = (
        "import json, sys, time; time.sleep(3); a = sys.argv; json.dump({'ok': True, "
        "'compute_type': 'float16', 'compute_types': ['float16']}, "
        "open(a[a.index('--out') + 1], 'w'))"
    )
    notices: list[str] = []
    setup = GpuSetup(
        cache_dir=tmp_path,
        model_dir=lambda: tiny_dir,
        health_command=(sys.executable, "-c", slow),
        health_timeout=0.5,
        on_notice=notices.append,
    )
    results: dict[str, HealthResult] = {}
    for cc, cuda in (((8, 6), 12040), ((12, 0), 12080)):
        found = driver(cc, cuda)
        report = GpuReport("4.8.5", found, LibraryReport((), ()), prediction=predict(WHEEL, found))
        assert report.prediction is not None
        results[report.prediction.kind] = _checked(setup, report, force=True)
    assert results["native"].kind == "timeout"
    assert results["jit"].ok
    assert notices == [PREPARING_FIRST_USE], "said once, for the compile only"
    jit = GpuReport("4.8.5", driver((12, 0), 12080), LibraryReport((), ()))
    jit = replace(jit, prediction=predict(WHEEL, jit.driver))
    assert _checked(setup, jit, force=False).cached, "the next start reuses the result"
    assert notices == [PREPARING_FIRST_USE], "and says nothing: nothing is compiled"


def test_jit_cache_size_is_set_unless_the_user_chose_one() -> None:
    assert jit_cache_env({}) == {"CUDA_CACHE_MAXSIZE": str(4 << 30)}
    assert jit_cache_env({"CUDA_CACHE_MAXSIZE": "1000"}) == {}
    assert jit_cache_env({"CUDA_CACHE_DISABLE": "1"}) == {}


def test_cli_processes_get_the_jit_cache_size(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUDA_CACHE")}
    env["PYTHONPATH"] = str(REPO)
    env["XDG_CACHE_HOME"] = str(tmp_path)
    # The CLI sets it in main(): run a real command in a child and read it back.
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import os, sys\n"
        "from stenodesk import cli\n"
        "cli.main(['doctor', '--json'])\n"
        "sys.stderr.write('SIZE=' + os.environ.get('CUDA_CACHE_MAXSIZE', '') + '\\n')\n"
    )
    proc = subprocess.run(
        [sys.executable, str(probe)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert f"SIZE={4 << 30}" in proc.stderr, proc.stderr
