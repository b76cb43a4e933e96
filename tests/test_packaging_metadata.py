"""Installing the project builds cleanly: no setuptools warnings a new user reads as errors."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_builds_without_warnings_and_holds_the_resources(tmp_path: Path) -> None:
    # The machine's pip configuration is left out: only the build's own words count.
    env = dict(os.environ, PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1")
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    done = subprocess.run(
        [*pip_wheel, "-w", str(tmp_path), str(ROOT)],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    output = done.stdout + done.stderr
    assert "warning" not in output.lower(), output[-3000:]
    (wheel,) = tmp_path.glob("stenodesk-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for folder in ("icons/hicolor/scalable/apps", "sample", "translations"):
        assert any(n.startswith(f"stenodesk/resources/{folder}/") for n in names), folder
