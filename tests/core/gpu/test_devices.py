"""Several GPUs: the device.device_index setting, auto = the one with the most free memory."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from tests.core.gpu import fakes
from tests.core.gpu.conftest import Scenario
from tests.core.gpu.test_doctor import doctor
from tests.core.gpu.test_policy import GOOD_DRIVER, PASSED, RTX, report
from tests.core.gpu.test_runtime import NEW, prepare_args

from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.gpu.devices import choose_gpu, device_order_env, parse_device_index
from stenodesk.core.gpu.driver import Gpu
from stenodesk.core.gpu.policy import decide
from stenodesk.core.models.resolve import ModelResolver
from stenodesk.core.settings import Settings

MIB = 1 << 20
PASSING = (
    "import json, sys; a = sys.argv; json.dump({'ok': True, 'compute_type': 'float16', "
    "'compute_types': ['float16', 'float32', 'int8', 'int8_float16']}, "
    "open(a[a.index('--out') + 1], 'w'))"
)


@pytest.fixture(scope="module")
def tiny_dir(model_cache: Path) -> Path:
    return ModelResolver(model_cache)("tiny.en")


def gpu(index: int, free_mib: int, cc: tuple[int, int] = (8, 6)) -> Gpu:
    return Gpu(index, f"GPU{index}", 12 << 30, cc, memory_free=free_mib * MIB)


@pytest.mark.parametrize(
    ("gpus", "setting", "expected", "note"),
    [
        ((), "auto", None, ""),
        ((gpu(0, 100),), "auto", 0, ""),
        ((gpu(0, 2048), gpu(1, 6144)), "auto", 1, "the most free memory (6144 MiB)"),
        ((gpu(0, 6144), gpu(1, 2048)), "auto", 0, "the most free memory (6144 MiB)"),
        ((gpu(0, 4096), gpu(1, 4096)), "auto", 0, "the most free memory"),  # a tie: the first
        ((gpu(0, 0), gpu(1, 0)), "auto", 0, "free memory unknown"),  # libcuda alone
        ((gpu(0, 2048), gpu(1, 6144)), "0", 0, "GPU 0 as chosen in the settings"),
        ((gpu(0, 2048), gpu(1, 6144)), "3", 0, "GPU 3 was chosen but is not present"),
    ],
)
def test_choose_gpu(gpus: tuple[Gpu, ...], setting: str, expected: int | None, note: str) -> None:
    choice = choose_gpu(gpus, setting)
    assert (choice.gpu.index if choice.gpu else None) == expected
    assert note in choice.note and bool(note) == bool(choice.note)


@pytest.mark.parametrize("bad", ["", "-1", "64", "gpu1", "1.5", "cuda:0"])
def test_a_bad_device_index_is_refused_everywhere(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_device_index(bad)
    with pytest.raises(ValueError):
        TranscribeOptions(device_index=bad).validate()
    with pytest.raises(ValueError):
        Settings().with_value("device.device_index", bad)
    assert parse_device_index("AUTO") is None and parse_device_index("2") == 2
    assert Settings().with_value("device.device_index", "1").device.device_index == "1"


def test_the_plan_names_the_chosen_gpu_and_its_compute_types() -> None:
    """The second card is an RTX 50 (12.0, int8 refused) with the most free memory."""
    gpus = (replace(RTX, memory_free=1024 * MIB), gpu(1, 9000, cc=(12, 0)))
    rep = report(replace(GOOD_DRIVER, gpus=gpus), health=PASSED)
    plan = decide(rep, TranscribeOptions(), windows=False)
    assert (plan.device, plan.device_index, plan.compute_type) == ("cuda", 1, "float16")
    assert plan.reason == (
        "Using the GPU (GPU1, float16); GPU 1, the one with the most free memory (9000 MiB)."
    )
    first = decide(rep, TranscribeOptions(device_index="0"), windows=False)
    assert first.device_index == 0 and first.reason.startswith(f"Using the GPU ({RTX.name}, ")


def test_cuda_numbers_gpus_as_nvml_does() -> None:
    assert device_order_env({}) == {"CUDA_DEVICE_ORDER": "PCI_BUS_ID"}
    assert device_order_env({"CUDA_DEVICE_ORDER": "FASTEST_FIRST"}) == {}


TWO = {**NEW, "FAKE_GPU_COUNT": "2", "FAKE_GPU_FREE_MIB": "2048,6144"}


def test_fake_nvml_with_two_gpus_picks_the_freer_one(
    built: Path,
    tmp_path: Path,
    tiny_dir: Path,
    scenario: Scenario,
) -> None:
    site = fakes.wheel_site(built, tmp_path / "site")
    env = {**TWO, "PYTHONPATH": str(site)}
    found = scenario("driver", {"nvml": [str(built / "libnvidia-ml.so.1")], "cuda": []}, env=env)[
        "driver"
    ]
    assert [(g["index"], g["memory_free"] // MIB) for g in found["gpus"]] == [(0, 2048), (1, 6144)]
    argv = tmp_path / "argv.txt"
    # The stand-in check says which GPU it was asked to check.
    check = [
        sys.executable,
        "-c",
        f"import json, sys; open({str(argv)!r}, 'a').write(repr(sys.argv[1:]) + '\\n'); "
        + PASSING.split("; ", 1)[1],
    ]
    for setting, index in (("auto", 1), ("0", 0)):
        args = prepare_args(
            built, tmp_path, tiny_dir, health_command=check, options={"device_index": setting}
        )
        data = scenario("prepare", args, env=env)
        decision = data["decision"]
        assert (decision["device"], decision["device_index"]) == ("cuda", index), decision
        assert decision["device_index_setting"] == setting
        assert [g["memory_free_mib"] for g in data["gpus"]] == [2048, 6144]
    first, second = argv.read_text().splitlines()
    assert "'--device-index', '1'" in first, "the check runs on the GPU auto picks"
    assert "--device-index" not in second, "GPU 0: the check as before (and its cached result)"


def test_doctor_shows_the_gpus_and_the_choice(built: Path, tmp_path: Path) -> None:
    site = fakes.wheel_site(built, tmp_path / "site")
    env = {**TWO, "PYTHONPATH": str(site), "LD_LIBRARY_PATH": str(built)}
    data = json.loads(doctor(tmp_path, "--json", "--device-index", "0", env=env))
    assert [g["memory_free_mib"] for g in data["gpus"]] == [2048, 6144]
    assert data["decision"]["device_index_setting"] == "0"
    text = doctor(tmp_path, env=env)
    assert "GPU 1         NVIDIA Fake GPU, 12288 MiB (6144 MiB free)" in text
    assert "GPU setting   auto\n" in text
