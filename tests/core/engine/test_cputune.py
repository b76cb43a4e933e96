"""The CPU compute type probe: its choice, its cache, and the planner hook (not timed)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from tests.helpers.logfail import LogFailHandler

from stenodesk.core.engine import cputune
from stenodesk.core.engine.cputune import (
    ComputeTypeCache,
    CpuTunedPlanner,
    choose_compute_type,
    pick,
    probe_key,
)
from stenodesk.core.engine.device import cpu_only_planner
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.models.bundled import TINY_EN


class Timings:
    """A stand-in for the probe that returns set seconds and counts its calls.

    A list gives each call's seconds in turn; ``runs`` notes how many runs each asked for.
    """

    def __init__(self, **seconds: float | list[float]) -> None:
        self.seconds = seconds
        self.calls: list[tuple[str, int]] = []
        self.runs: list[int] = []

    def __call__(self, folder: Path, compute_type: str, threads: int, runs: int) -> float:
        self.calls.append((compute_type, threads))
        self.runs.append(runs)
        given = self.seconds[compute_type]
        value = given.pop(0) if isinstance(given, list) else given
        if value < 0:
            raise RuntimeError(f"{compute_type} is not supported on this CPU")
        return value


@pytest.fixture
def model_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"x" * 100)
    return folder


def key_for(
    folder: Path, threads: int = 0, cpu: str = "CPU A", ct2: str = "4.0"
) -> cputune.ProbeKey:
    return probe_key(folder, threads, cpu=cpu, ctranslate2_version=ct2)


def test_pick_keeps_int8_unless_float32_wins_clearly() -> None:
    assert pick({"int8": 1.0, "float32": 0.95}) == "int8"  # within noise: the smaller model
    assert pick({"int8": 1.0, "float32": 0.7}) == "float32"
    assert pick({"int8": 1.0}) == "int8"


def test_choice_is_measured_once_then_read_from_the_cache(tmp_path: Path, model_dir: Path) -> None:
    cache = ComputeTypeCache(tmp_path / "cache" / "ct.json")
    timings = Timings(int8=1.0, float32=0.6)
    first = choose_compute_type(model_dir, 2, cache, key=key_for(model_dir, 2), measure=timings)
    assert (first.compute_type, first.cached) == ("float32", False)
    assert timings.calls == [("int8", 2), ("float32", 2)]
    assert timings.runs == [1, 1], "a clear difference: one run each"
    again = choose_compute_type(model_dir, 2, cache, key=key_for(model_dir, 2), measure=timings)
    assert (again.compute_type, again.cached) == ("float32", True)
    assert len(timings.calls) == 2


@pytest.mark.parametrize(
    ("float32", "chosen"),
    [([0.85, 0.84], "float32"), ([0.95, 0.92], "int8"), ([0.79, 0.95], "float32")],
    ids=["wins-again", "not-clearly", "fastest-run-counts"],
)
def test_a_close_first_run_times_both_again(
    tmp_path: Path, model_dir: Path, float32: list[float], chosen: str
) -> None:
    cache = ComputeTypeCache(tmp_path / "ct.json")
    timings = Timings(int8=[1.0, 1.0], float32=list(float32))
    choice = choose_compute_type(model_dir, 1, cache, key=key_for(model_dir, 1), measure=timings)
    assert choice.compute_type == chosen
    assert timings.calls == [("int8", 1), ("float32", 1)] * 2
    assert timings.runs == [1, 1, 2, 2]
    assert choice.seconds == {"int8": 1.0, "float32": min(float32)}


def test_unsure_only_near_the_line() -> None:
    assert not cputune.unsure({"int8": 1.0, "float32": 0.6})
    assert not cputune.unsure({"int8": 1.0, "float32": 1.5})
    assert cputune.unsure({"int8": 1.0, "float32": 0.8})
    assert cputune.unsure({"int8": 1.0, "float32": 1.0})
    assert not cputune.unsure({"int8": 1.0}), "nothing to compare"
    assert not cputune.unsure({"float32": 1.0}), "the first failed: it is used"


def test_cache_file_has_normal_permissions(tmp_path: Path, model_dir: Path) -> None:
    path = tmp_path / "ct.json"
    old = os.umask(0o022)
    try:
        ComputeTypeCache(path).put(key_for(model_dir), "int8")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ct.json", "model"]  # no temp file


@pytest.mark.parametrize("change", ["cpu", "ct2", "threads", "model file"])
def test_a_changed_cpu_model_or_library_measures_again(
    tmp_path: Path, model_dir: Path, change: str
) -> None:
    cache = ComputeTypeCache(tmp_path / "ct.json")
    timings = Timings(int8=1.0, float32=0.5)
    choose_compute_type(model_dir, 0, cache, key=key_for(model_dir), measure=timings)
    if change == "model file":
        (model_dir / "model.bin").write_bytes(b"y" * 120)
        key = key_for(model_dir)
    else:
        key = key_for(
            model_dir,
            threads=4 if change == "threads" else 0,
            cpu="CPU B" if change == "cpu" else "CPU A",
            ct2="4.1" if change == "ct2" else "4.0",
        )
    timings.seconds = {"int8": 0.5, "float32": 1.0}
    again = choose_compute_type(model_dir, 0, cache, key=key, measure=timings)
    assert (again.compute_type, again.cached) == ("int8", False)
    assert len(timings.calls) == 4


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[1, 2]",
        json.dumps({"version": 99, "choices": {}}).encode(),
        json.dumps({"version": 1, "choices": []}).encode(),
    ],
)
def test_a_bad_cache_file_is_measured_over_and_replaced(
    tmp_path: Path, model_dir: Path, content: bytes
) -> None:
    path = tmp_path / "ct.json"
    path.write_bytes(content)
    timings = Timings(int8=1.0, float32=0.5)
    choice = choose_compute_type(
        model_dir, 0, ComputeTypeCache(path), key=key_for(model_dir), measure=timings
    )
    assert choice.compute_type == "float32"
    data = json.loads(path.read_text())
    assert data["version"] == 1 and list(data["choices"].values()) == ["float32"]


def test_a_cached_value_that_is_no_candidate_is_ignored(tmp_path: Path, model_dir: Path) -> None:
    path = tmp_path / "ct.json"
    key = key_for(model_dir)
    path.write_text(json.dumps({"version": 1, "choices": {key.text(): "float16"}}))
    choice = choose_compute_type(
        model_dir, 0, ComputeTypeCache(path), key=key, measure=Timings(int8=1.0, float32=2.0)
    )
    assert (choice.compute_type, choice.cached) == ("int8", False)


def test_a_candidate_that_fails_is_left_out(tmp_path: Path, model_dir: Path) -> None:
    cache = ComputeTypeCache(tmp_path / "ct.json")
    choice = choose_compute_type(
        model_dir, 0, cache, key=key_for(model_dir), measure=Timings(int8=1.0, float32=-1)
    )
    assert choice.compute_type == "int8" and set(choice.seconds) == {"int8"}


def test_an_unwritable_cache_still_gives_a_choice(
    tmp_path: Path, model_dir: Path, logfail: LogFailHandler
) -> None:
    logfail.allow("stenodesk.core.engine.cputune")
    blocker = tmp_path / "file"
    blocker.write_text("")
    cache = ComputeTypeCache(blocker / "ct.json")  # its folder is a file
    choice = choose_compute_type(
        model_dir, 0, cache, key=key_for(model_dir), measure=Timings(int8=1.0, float32=0.5)
    )
    assert choice.compute_type == "float32"


def test_cpu_name_reads_the_model_name(tmp_path: Path) -> None:
    info = tmp_path / "cpuinfo"
    info.write_text("processor\t: 0\nmodel name\t: Some CPU 9000\nflags\t\t: fpu sse avx\n")
    assert cputune.cpu_name(info) == "Some CPU 9000"
    assert cputune.cpu_name(tmp_path / "missing")  # falls back to the platform's answer


def test_one_name_with_other_kernels_is_another_cpu(tmp_path: Path) -> None:
    """A virtual machine's "AMD EPYC" may run on hosts with and without AVX-512."""
    older, newer = tmp_path / "older", tmp_path / "newer"
    flags = "fpu sse avx avx2 fma"
    older.write_text(f"model name\t: AMD EPYC\nflags\t\t: {flags}\n")
    newer.write_text(f"model name\t: AMD EPYC\nflags\t\t: {flags} avx512f avx512bw avx512_vnni\n")
    assert cputune.cpu_name(older) == "AMD EPYC (avx2)"
    assert cputune.cpu_name(newer) == "AMD EPYC (avx2 avx512f avx512bw avx512_vnni)"


def planner(tmp_path: Path, folder: Path, timings: Timings) -> CpuTunedPlanner:
    def resolve(name: str) -> Path:
        if name != "tiny.en":
            raise StenodeskError(ErrorKind.MODEL_MISSING, name)
        return folder

    return CpuTunedPlanner(
        cpu_only_planner,
        resolve,
        ComputeTypeCache(tmp_path / "ct.json"),
        cpu="CPU A",
        ctranslate2_version="4.0",
        measure=timings,
    )


def test_planner_sets_the_measured_type_for_auto_on_the_cpu(
    tmp_path: Path, model_dir: Path
) -> None:
    timings = Timings(int8=1.0, float32=0.5)
    plan_device = planner(tmp_path, model_dir, timings)
    assert plan_device(TranscribeOptions(compute_type="auto")).compute_type == "float32"
    assert plan_device(TranscribeOptions(compute_type="auto")).compute_type == "float32"
    assert len(timings.calls) == 2  # measured once per process and key
    # A compute type the user chose is kept as it is.
    assert plan_device(TranscribeOptions(compute_type="int8")).compute_type == "int8"


def test_planner_leaves_a_model_it_cannot_find_to_the_job(tmp_path: Path, model_dir: Path) -> None:
    timings = Timings(int8=1.0, float32=0.5)
    plan = planner(tmp_path, model_dir, timings)(TranscribeOptions(model="nope"))
    assert plan.device == "cpu" and not timings.calls


def test_real_probe_times_both_types_on_tiny_en() -> None:
    folder = TINY_EN.folder()
    assert folder is not None
    for compute_type in cputune.CANDIDATES:
        seconds = cputune.measure_whisper(folder, compute_type, 2, 1)
        assert 0.0 < seconds < 60.0
