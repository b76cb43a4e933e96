"""``stenodesk doctor``: the JSON parses, carries the documented keys, and tells the truth."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.core.gpu import fakes
from tests.core.gpu.conftest import REPO

TOP_KEYS = {
    "version", "stenodesk", "os", "python", "ctranslate2", "driver", "gpus", "libraries",
    "load_order", "compute_types", "prediction", "health", "decision",
}  # fmt: skip


def doctor(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> str:
    full = dict(os.environ)
    full.update(XDG_CACHE_HOME=str(tmp_path / "cache"), **(env or {}))
    full["PYTHONPATH"] = os.pathsep.join(filter(None, [full.get("PYTHONPATH"), str(REPO)]))
    proc = subprocess.run(
        [sys.executable, "-m", "stenodesk.cli", "doctor", *args],
        capture_output=True,
        text=True,
        env=full,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def key_paths(data: dict[str, Any], prefix: str = "") -> set[str]:
    """Every documented key: top level, inside objects, and inside list items."""
    paths = set()
    for key, value in data.items():
        path = prefix + key
        paths.add(path)
        if isinstance(value, dict) and key != "health":
            paths |= key_paths(value, path + ".")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            paths |= key_paths(value[0], path + "[].")
    return paths


def readme_gpu_section() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## GPU\n(.*?)(?=^## )", text, re.MULTILINE | re.DOTALL)
    assert match, "README.md needs a '## GPU' section"
    return match.group(1)


def test_doctor_json_without_a_driver(tmp_path: Path) -> None:
    data = json.loads(doctor(tmp_path, "--json"))
    assert set(data) == TOP_KEYS
    assert data["driver"]["found"] is False
    assert data["gpus"] == []
    assert data["ctranslate2"]["version"]
    ct2 = data["ctranslate2"]
    assert ct2["architectures"][0] == "sm_53" and ct2["architectures"][-1] == "sm_86"
    assert (ct2["ptx"], ct2["ptx_version"]) == (["compute_86"], "8.7")
    assert "libctranslate2" in ct2["device_code_file"]
    cublas = next(lib for lib in data["libraries"] if lib["name"] == "libcublas.so.12")
    assert (cublas["needed"], cublas["found"], cublas["loaded"]) == (True, False, False)
    assert "int8" in data["compute_types"]["cpu"]
    assert data["decision"]["device"] == "cpu"
    assert data["decision"]["compute_type"] == "int8"
    assert data["decision"]["reason"] == "No NVIDIA driver found; using the CPU (int8)."


def test_doctor_with_an_old_driver_and_wheels(built: Path, tmp_path: Path) -> None:
    site = fakes.wheel_site(built, tmp_path / "site")
    env = {
        "PYTHONPATH": str(site),
        "LD_LIBRARY_PATH": str(built),
        "FAKE_NVML_DRIVER": "470.57.02",
        "FAKE_NVML_CUDA": "11040",
        "FAKE_CUDA_DRIVER_VERSION": "11040",
    }
    data = json.loads(doctor(tmp_path, "--json", env=env))
    assert data["driver"]["version"] == "470.57.02"
    assert data["driver"]["cuda_version"] == 11040
    assert data["gpus"][0]["name"] == "NVIDIA Fake GPU"
    assert data["gpus"][0]["compute_capability"] == "8.6"
    libs = {lib["name"]: lib for lib in data["libraries"]}
    wheel = site / "nvidia" / "cublas" / "lib"
    for name in ("libcublas.so.12", "libcublasLt.so.12"):
        assert libs[name]["path"] == str(wheel / name)
        assert libs[name]["loaded"] is True, "the doctor loads them to show that they load"
        assert libs[name]["version"] == "12.9.1.4"
    assert data["load_order"] == ["libcublasLt.so.12", "libcublas.so.12", "libnvrtc.so.12"]
    assert data["decision"]["reason"].startswith(
        "Driver 470.57.02 supports CUDA 11.4; Stenodesk needs 525.60.13 or newer"
    )
    # Every key it printed is documented in the README.
    documented = readme_gpu_section()
    missing = sorted(p for p in key_paths(data) if f"`{p}`" not in documented)
    assert not missing, f"document these doctor keys in README.md: {missing}"
    text = doctor(tmp_path, env=env)
    assert "470.57.02 (CUDA 11.4, via nvml)" in text
    assert "sm_80, sm_86; PTX compute_86 (8.7)" in text
    assert f"wheel: {wheel / 'libcublas.so.12'}" in text
    assert "Fix: Update the NVIDIA driver" in text


def test_health_keys_are_documented() -> None:
    from stenodesk.core.gpu.health import HealthResult

    keys = set(HealthResult(True, "ok", "").to_json())
    documented = readme_gpu_section()
    assert not sorted(k for k in keys if f"`health.{k}`" not in documented)


def test_readme_lists_every_scenario_with_its_kind_and_fix() -> None:
    """The GPU section's table: one row per scenario, its health.kind, and the error table's fix."""
    from stenodesk.core.errors import message_template
    from stenodesk.core.gpu.diagnosis import error_kind

    rows = [r for r in readme_gpu_section().splitlines() if r.startswith("| ") and "`" in r]
    kinds = ("unsupported_gpu", "ptx_unsupported", "int8_unsupported", "after_suspend",
             "wsl_driver", "no_device", "out_of_memory", "init_error")  # fmt: skip
    for kind in kinds:
        row = next((r for r in rows if f"| `{kind}` |" in r), None)
        assert row is not None, f"README's GPU table needs a row for {kind}"
        assert error_kind(kind, "") is not None and message_template(error_kind(kind, ""))
    assert any("`jit`" in r and "Preparing the GPU for first use" in r for r in rows)
    assert any("R570" in r for r in rows if "`ptx_unsupported`" in r)
    assert any("nvidia_uvm" in r for r in rows if "`after_suspend`" in r)
