"""int8 on compute capability 12.x: never chosen by auto, and float16 on the GPU when refused."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import faster_whisper
import pytest
from tests.core.gpu.test_policy import GOOD_DRIVER, PASSED, RTX, report
from tests.helpers import speech
from tests.helpers.logfail import LogFailHandler

from stenodesk.core.engine.device import DevicePlan
from stenodesk.core.engine.gpufallback import float16_retry
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.transcriber import Transcriber
from stenodesk.core.gpu.policy import decide
from stenodesk.core.models.resolve import ModelResolver

REFUSED = "cuBLAS failed with status CUBLAS_STATUS_NOT_SUPPORTED"
INT8_ONLY = ("int8", "int8_float16", "int8_float32")


@pytest.mark.parametrize(
    ("cc", "types", "expected"),
    [
        ((12, 0), ("float16", "float32", "int8", "int8_float16"), "float16"),
        ((12, 0), INT8_ONLY, "float16"),  # never int8 on 12.x, even if it is all it lists
        ((8, 6), INT8_ONLY, "int8_float16"),
        ((8, 6), ("float16", "int8_float16"), "float16"),
    ],
)
def test_auto_never_picks_int8_on_compute_capability_12(
    cc: tuple[int, int], types: tuple[str, ...], expected: str
) -> None:
    driver = replace(GOOD_DRIVER, gpus=(replace(RTX, compute_capability=cc),))
    health = replace(PASSED, compute_types=types)
    plan = decide(report(driver, health=health), TranscribeOptions(), windows=False)
    assert (plan.device, plan.compute_type) == ("cuda", expected)


@pytest.mark.parametrize(
    ("plan", "text", "retried"),
    [
        (DevicePlan("cuda", "int8_float16", ""), REFUSED, True),
        (DevicePlan("cuda", "int8", ""), REFUSED, True),
        (DevicePlan("cuda", "float16", ""), REFUSED, False),
        (DevicePlan("cuda", "int8", ""), "CUDA failed with error out of memory", False),
        (DevicePlan("cpu", "int8", ""), REFUSED, False),
    ],
)
def test_float16_retry_only_for_a_refused_int8(plan: DevicePlan, text: str, retried: bool) -> None:
    retry = float16_retry(plan, RuntimeError(text))
    assert (retry is not None) == retried
    if retry is not None:
        assert (retry.device, retry.compute_type) == ("cuda", "float16")
        assert REFUSED in retry.reason and "float16" in retry.reason


def test_refused_int8_goes_on_with_float16_on_the_gpu(
    monkeypatch: pytest.MonkeyPatch,
    logfail: LogFailHandler,
    model_cache: Path,
    speech_wav: Path,
    speech_text: str,
) -> None:
    """Fault injection: a "GPU" that refuses int8 at load; float16 there is the real tiny.en."""
    logfail.allow("stenodesk.core.engine.transcriber")
    real = faster_whisper.WhisperModel
    loads: list[tuple[str, str]] = []

    def whisper_model(path: str, device: str = "auto", **kwargs: Any) -> Any:
        compute = kwargs.pop("compute_type", "default")
        loads.append((device, compute))
        if device == "cuda" and compute.startswith("int8"):
            raise RuntimeError(REFUSED)
        return real(path, device="cpu", compute_type="int8", **kwargs)

    monkeypatch.setattr(faster_whisper, "WhisperModel", whisper_model)

    def int8_gpu(options: TranscribeOptions) -> DevicePlan:
        return DevicePlan("cuda", "int8_float16", "Using the GPU (test, int8_float16).")

    transcriber = Transcriber(ModelResolver(model_cache), plan_device=int8_gpu)
    notices: list[str] = []
    options = TranscribeOptions(model="tiny.en", cpu_threads=2)
    result = transcriber.transcribe(speech_wav, options, on_notice=notices.append)
    assert loads == [("cuda", "int8_float16"), ("cuda", "float16")], "never the CPU"
    assert (result.info.device, result.info.compute_type) == ("cuda", "float16")
    assert len(notices) == 1 and REFUSED in notices[0] and "float16" in notices[0]
    assert speech.wer(speech_text, result.text) <= 0.15, result.text
