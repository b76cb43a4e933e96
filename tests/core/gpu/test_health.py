"""The GPU health check: its child process, failures of every kind, and its cache."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from stenodesk.core.gpu.health import child_command, read_cached, run_health_check
from stenodesk.core.models.resolve import ModelResolver


@pytest.fixture(scope="module")
def tiny_dir(model_cache: Path) -> Path:
    return ModelResolver(model_cache)("tiny.en")


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_abort_in_the_child_is_a_failure_with_its_reason(tmp_path: Path, tiny_dir: Path) -> None:
    result = run_health_check(
        tiny_dir, tmp_path / "h.json", "k1", command=python("import os; os.abort()")
    )
    assert (result.ok, result.kind) == (False, "crashed")
    assert result.reason == "the GPU check crashed (SIGABRT)"


def test_a_child_that_hangs_is_killed(tmp_path: Path, tiny_dir: Path) -> None:
    command = python("import time; time.sleep(60)")
    result = run_health_check(tiny_dir, tmp_path / "h.json", "k1", command=command, timeout=1)
    assert (result.ok, result.kind) == (False, "timeout")
    assert result.reason == "the GPU check did not finish in 1 s"
    assert result.seconds < 30


def test_a_child_that_exits_without_a_result(tmp_path: Path, tiny_dir: Path) -> None:
    command = python("import sys; print('boom', file=sys.stderr); sys.exit(3)")
    result = run_health_check(tiny_dir, tmp_path / "h.json", "k1", command=command)
    assert (result.kind, result.reason) == (
        "crashed",
        "the GPU check exited with code 3 without a result",
    )
    assert result.detail == "boom"


def test_result_is_cached_per_key_and_rerun_on_demand(tmp_path: Path, tiny_dir: Path) -> None:
    cache = tmp_path / "cache" / "gpu-health.json"
    first = run_health_check(tiny_dir, cache, "key-a", command=python("import os; os.abort()"))
    assert not first.cached
    # A child that would hang is never started: the cached result for the key stands.
    hang = python("import time; time.sleep(60)")
    again = run_health_check(tiny_dir, cache, "key-a", command=hang, timeout=1)
    assert again.cached and again.kind == "crashed" and again.key == "key-a"
    forced = run_health_check(tiny_dir, cache, "key-a", command=hang, timeout=1, force=True)
    assert (forced.cached, forced.kind) == (False, "timeout")
    other = run_health_check(tiny_dir, cache, "key-b", command=python("import os; os.abort()"))
    assert not other.cached, "a new driver, library or GPU means a new check"
    assert read_cached(cache, "key-a") is None, "only the current machine state is kept"


def test_damaged_cache_is_ignored(tmp_path: Path, tiny_dir: Path) -> None:
    cache = tmp_path / "gpu-health.json"
    cache.write_text("{not json")
    assert read_cached(cache, "k") is None
    result = run_health_check(tiny_dir, cache, "k", command=python("import os; os.abort()"))
    assert result.kind == "crashed" and read_cached(cache, "k") is not None


def test_the_real_child_loads_the_model_and_encodes(tmp_path: Path, tiny_dir: Path) -> None:
    """The same steps on the CPU: proves the child's model loading and encoding work."""
    result = run_health_check(
        tiny_dir, tmp_path / "h.json", "cpu", command=child_command(False), device="cpu"
    )
    assert result.ok, result
    assert result.kind == "ok"
    assert "int8" in result.compute_types
    assert result.compute_type == "float32", "no float16 on a CPU: the next in the preference"


def test_the_real_child_on_cuda_without_libraries(tmp_path: Path, tiny_dir: Path) -> None:
    result = run_health_check(tiny_dir, tmp_path / "h.json", "k", command=child_command(False))
    assert not result.ok
    assert (result.kind, result.reason) == ("library", "libcublas.so.12 not found")


def test_frozen_builds_run_the_child_through_the_executable() -> None:
    assert child_command(True, "/app/Stenodesk") == [
        "/app/Stenodesk",
        "--stenodesk-gpu-health-child",
    ]
