"""scripts/gpu-check with a plain interpreter and PYTHONPATH (no virtual environment)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

from tests.core.gpu import fakes
from tests.core.gpu.conftest import REPO

SCRIPT = REPO / "scripts" / "gpu-check"


def gpu_check(tmp_path: Path, *args: str, env: dict[str, str]) -> tuple[int, dict[str, Any]]:
    full = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    full.update(env, XDG_CACHE_HOME=str(tmp_path / "cache"))
    out = tmp_path / "report.json"
    # -S: no site-packages of this interpreter; everything comes from PYTHONPATH.
    proc = subprocess.run(
        [sys.executable, "-S", str(SCRIPT), "--out", str(out), *args],
        capture_output=True,
        text=True,
        env=full,
        timeout=300,
        check=False,
    )
    assert out.exists(), proc.stderr
    return proc.returncode, json.loads(out.read_text())


def packages() -> str:
    return sysconfig.get_paths()["purelib"]


def test_no_gpu_gives_a_clear_message(tmp_path: Path) -> None:
    code, data = gpu_check(tmp_path, env={"PYTHONPATH": packages()})
    assert code == 2
    assert data["message"].startswith("No usable NVIDIA GPU here: No NVIDIA driver found;")
    assert "525.60.13" in data["message"]
    assert data["transcription"] is None


def test_forced_gpu_run_records_libraries_fallback_speed_and_wer(
    built: Path, tmp_path: Path
) -> None:
    """A fake CUDA 12.4 driver and the fake wheels: the real CTranslate2 refuses the GPU,
    the job falls back, and the report says so with the figures of the CPU run."""
    site = fakes.wheel_site(built, tmp_path / "site")
    env = {
        "PYTHONPATH": os.pathsep.join([str(site), packages()]),
        "LD_LIBRARY_PATH": str(built),
        "FAKE_CUDA_DRIVER_VERSION": "12040",
        "FAKE_NVML_CUDA": "12040",
    }
    code, data = gpu_check(tmp_path, "--device", "cuda", "--seconds", "10", env=env)
    assert code == 3, "chosen GPU, finished on the CPU"
    wheel = site / "nvidia" / "cublas" / "lib"
    assert str(wheel / "libcublas.so.12") in data["mapped_cuda_files"]
    assert str(wheel / "libcublasLt.so.12") in data["mapped_cuda_files"]
    assert data["health"]["kind"] == "driver_too_old"
    assert data["decision"]["device"] == "cuda"
    run = data["transcription"]["gpu"]
    assert "CUDA failed" in run["load_error"]
    assert (run["device"], run["compute_type"]) == ("cpu", "int8")
    assert run["notices"] and run["notices"][0].startswith("The GPU failed during transcription")
    assert run["audio_seconds"] > 5 and run["speed"] > 0
    assert run["wer"] <= 0.2
