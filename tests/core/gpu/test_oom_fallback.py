"""Out of memory on the GPU: int8_float16, then smaller batches, then the CPU, each said once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import faster_whisper
import pytest
from tests.helpers import speech
from tests.helpers.logfail import LogFailHandler

from stenodesk.core.engine.decoding import decode_window
from stenodesk.core.engine.device import DevicePlan
from stenodesk.core.engine.gpufallback import gpu_recovery
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.transcriber import Transcriber
from stenodesk.core.errors import ErrorKind, user_message
from stenodesk.core.models.resolve import ModelResolver

OOM = "CUDA failed with error out of memory"
ALLOC = "cuBLAS failed with status CUBLAS_STATUS_ALLOC_FAILED"
REFUSED = "cuBLAS failed with status CUBLAS_STATUS_NOT_SUPPORTED"
F16 = DevicePlan("cuda", "float16")
I8F16 = DevicePlan("cuda", "int8_float16")


@pytest.mark.parametrize(
    ("plan", "text", "batch", "taken", "expected"),
    [
        (F16, OOM, 0, (), ("int8_float16", "int8_float16", 0)),
        (F16, ALLOC, 8, (), ("int8_float16", "int8_float16", 8)),
        (I8F16, OOM, 8, (), ("smaller_batch", "int8_float16", 4)),
        (I8F16, ALLOC, 3, ("smaller_batch",), ("smaller_batch", "int8_float16", 1)),
        (I8F16, OOM, 1, (), None),  # nothing smaller left: the CPU
        (I8F16, OOM, 0, (), None),  # sequential: the CPU
        # float16 ran out of memory, int8_float16 is refused: no going back and forth.
        (F16, OOM, 0, ("float16", "int8_float16"), None),
        (I8F16, REFUSED, 0, ("int8_float16",), ("float16", "float16", 0)),
        (DevicePlan("cpu", "int8"), OOM, 8, (), None),
        (F16, "CUDA failed with error unknown error", 8, (), None),
    ],
)
def test_recovery_chain(
    plan: DevicePlan,
    text: str,
    batch: int,
    taken: tuple[str, ...],
    expected: tuple[str, str, int] | None,
) -> None:
    step = gpu_recovery(plan, RuntimeError(text), batch_size=batch, taken=frozenset(taken))
    if expected is None:
        assert step is None
        return
    assert step is not None
    assert (step.step, step.plan.compute_type, step.batch_size) == expected
    assert step.plan.device == "cuda" and step.plan.reason
    assert step.reload == (step.step != "smaller_batch")


class OomGpu:
    """A stand-in "GPU": the real tiny.en on the CPU that runs out of memory as told.

    Args:
        load_fails: compute types whose load runs out of memory.
        max_batch: the largest batch a "GPU" model decodes; None: none (every
            decode runs out of memory).
    """

    def __init__(self, load_fails: set[str], max_batch: int | None) -> None:
        self.load_fails = load_fails
        self.max_batch = max_batch
        self.loads: list[tuple[str, str]] = []
        self.decodes: list[tuple[str, int]] = []
        self._gpu_models: set[int] = set()
        self._real = faster_whisper.WhisperModel

    def whisper_model(self, path: str, device: str = "auto", **kwargs: Any) -> Any:
        compute = kwargs.pop("compute_type", "default")
        self.loads.append((device, compute))
        if device == "cuda" and compute in self.load_fails:
            raise RuntimeError(OOM)
        model = self._real(path, device="cpu", compute_type="int8", **kwargs)
        if device == "cuda":
            self._gpu_models.add(id(model))
        return model

    def decode(self, model: Any, window: Any, options: TranscribeOptions, *args: Any, **kw: Any):  # type: ignore[no-untyped-def]
        device = "cuda" if id(model) in self._gpu_models else "cpu"
        self.decodes.append((device, options.batch_size))
        if device == "cuda" and (self.max_batch is None or options.batch_size > self.max_batch):
            raise RuntimeError(ALLOC)
        return decode_window(model, window, options, *args, **kw)


def _run(
    monkeypatch: pytest.MonkeyPatch, gpu: OomGpu, model_cache: Path, speech_wav: Path
) -> tuple[Any, list[str]]:
    monkeypatch.setattr(faster_whisper, "WhisperModel", gpu.whisper_model)

    def float16_gpu(options: TranscribeOptions) -> DevicePlan:
        return DevicePlan("cuda", "float16", "Using the GPU (test, float16).")

    transcriber = Transcriber(
        ModelResolver(model_cache), plan_device=float16_gpu, decode=gpu.decode
    )
    notices: list[str] = []
    options = TranscribeOptions(model="tiny.en", cpu_threads=2, vad_filter=True, batch_size=8)
    result = transcriber.transcribe(speech_wav, options, on_notice=notices.append)
    return result, notices


def _said(kind: ErrorKind, subject: str) -> str:
    message = user_message(kind, subject)
    return f"{message.text} {message.fix}"


def test_out_of_memory_goes_on_with_int8_float16_and_a_smaller_batch_on_the_gpu(
    monkeypatch: pytest.MonkeyPatch,
    logfail: LogFailHandler,
    model_cache: Path,
    speech_wav: Path,
    speech_text: str,
) -> None:
    logfail.allow("stenodesk.core.engine.transcriber")
    gpu = OomGpu(load_fails={"float16"}, max_batch=2)
    result, notices = _run(monkeypatch, gpu, model_cache, speech_wav)
    assert gpu.loads == [("cuda", "float16"), ("cuda", "int8_float16")], "never the CPU"
    assert gpu.decodes[:3] == [("cuda", 8), ("cuda", 4), ("cuda", 2)]
    assert {d for d in gpu.decodes[3:]} <= {("cuda", 2)}
    assert (result.info.device, result.info.compute_type) == ("cuda", "int8_float16")
    assert notices == [
        _said(ErrorKind.GPU_OOM_SMALLER_TYPE, OOM),
        _said(ErrorKind.GPU_OOM_SMALLER_BATCH, "4"),  # said once, not again for 2
    ]
    assert speech.wer(speech_text, result.text) <= 0.15, result.text


def test_out_of_memory_with_every_batch_ends_on_the_cpu(
    monkeypatch: pytest.MonkeyPatch,
    logfail: LogFailHandler,
    model_cache: Path,
    speech_wav: Path,
    speech_text: str,
) -> None:
    logfail.allow("stenodesk.core.engine.transcriber")
    gpu = OomGpu(load_fails=set(), max_batch=None)
    result, notices = _run(monkeypatch, gpu, model_cache, speech_wav)
    assert gpu.loads == [("cuda", "float16"), ("cuda", "int8_float16"), ("cpu", "int8")]
    assert [b for d, b in gpu.decodes if d == "cuda"] == [8, 8, 4, 2, 1]
    assert result.info.device == "cpu"
    assert len(notices) == 3
    assert notices[0] == _said(ErrorKind.GPU_OOM_SMALLER_TYPE, ALLOC)
    assert notices[1] == _said(ErrorKind.GPU_OOM_SMALLER_BATCH, "4")
    assert notices[2] == str(user_message(ErrorKind.GPU_FAILED, ALLOC))
    assert speech.wer(speech_text, result.text) <= 0.15, result.text


def test_a_reload_that_runs_out_of_memory_goes_to_the_cpu_without_trying_smaller_batches(
    monkeypatch: pytest.MonkeyPatch,
    logfail: LogFailHandler,
    model_cache: Path,
    speech_wav: Path,
    speech_text: str,
) -> None:
    """float16 loads but runs out of memory decoding; int8_float16 does not even load."""
    logfail.allow("stenodesk.core.engine.transcriber")
    gpu = OomGpu(load_fails={"int8_float16"}, max_batch=None)
    result, notices = _run(monkeypatch, gpu, model_cache, speech_wav)
    assert gpu.loads == [("cuda", "float16"), ("cuda", "int8_float16"), ("cpu", "int8")]
    assert [b for d, b in gpu.decodes if d == "cuda"] == [8]
    assert notices == [
        _said(ErrorKind.GPU_OOM_SMALLER_TYPE, ALLOC),
        str(user_message(ErrorKind.GPU_FAILED, OOM)),
    ]
    assert result.info.device == "cpu"
    assert speech.wer(speech_text, result.text) <= 0.15, result.text
