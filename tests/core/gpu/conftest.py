"""Fixtures for the GPU tests: the fake libraries, and one fresh process per scenario."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from tests.core.gpu import fakes

SCENARIO = Path(__file__).with_name("scenario.py")
REPO = Path(__file__).resolve().parents[3]

Scenario = Callable[..., dict[str, Any]]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every fake library, compiled once per session."""
    return fakes.build_all(tmp_path_factory.mktemp("fakes"))


@pytest.fixture
def scenario(tmp_path: Path) -> Scenario:
    """Run ``scenario.py ACTION ARGS`` in a fresh interpreter and return its JSON."""

    def run(action: str, args: dict[str, Any], env: Mapping[str, str] | None = None) -> Any:
        full = dict(os.environ)
        full["FAKE_LOAD_LOG"] = str(tmp_path / "load.log")
        full["PYTHONPATH"] = os.pathsep.join(
            [*(env or {}).get("PYTHONPATH", "").split(os.pathsep), str(REPO)]
        ).strip(os.pathsep)
        full.update({k: v for k, v in (env or {}).items() if k != "PYTHONPATH"})
        proc = subprocess.run(
            [sys.executable, str(SCENARIO), action, json.dumps(args)],
            capture_output=True,
            text=True,
            env=full,
            timeout=120,
            check=False,
        )
        if proc.returncode != 0:
            pytest.fail(f"scenario {action} failed ({proc.returncode}):\n{proc.stderr}")
        return json.loads(proc.stdout.strip().splitlines()[-1])

    return run
