"""A GPU job that fails goes on on the CPU (int8) from where it stopped; nothing is lost."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import faster_whisper
import pytest
from tests.core.gpu import fakes
from tests.core.gpu.conftest import REPO
from tests.helpers import speech
from tests.helpers.logfail import LogFailHandler

from stenodesk.core.engine.device import DevicePlan
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.transcriber import Transcriber
from stenodesk.core.models.resolve import ModelResolver
from stenodesk.core.transcript import Segment

CUDA_FAULT = "CUDA failed with error an illegal memory access was encountered"
FAIL_AFTER = 3


def _forwarded(name: str) -> Any:
    """An attribute of the real model underneath, read and written there."""
    return property(
        lambda self: getattr(self._inner, name),
        lambda self, value: setattr(self._inner, name, value),
    )


class FailingGpuModel:
    """Fault injection: tiny.en standing in for a GPU model whose decoding dies midway.

    It decodes for real (on the CPU, int8) and raises CTranslate2's CUDA
    error after ``FAIL_AFTER`` segments, the way a GPU fault surfaces from
    faster-whisper's segment generator.
    """

    def __init__(self, path: str, **kwargs: Any) -> None:
        self._inner = REAL_MODEL(path, device="cpu", compute_type="int8", local_files_only=True)
        self.produced = 0

    # The engine adapts a loaded model (its feature extractor, its CTranslate2
    # model); those changes go to the real one underneath.
    feature_extractor = _forwarded("feature_extractor")
    model = _forwarded("model")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def transcribe(self, audio: Any, **kwargs: Any) -> tuple[Iterator[Any], Any]:
        segments, info = self._inner.transcribe(audio, **kwargs)

        def failing() -> Iterator[Any]:
            for seg in segments:
                if self.produced == FAIL_AFTER:
                    raise RuntimeError(CUDA_FAULT)
                self.produced += 1
                yield seg

        return failing(), info


REAL_MODEL = faster_whisper.WhisperModel


def gpu_plan(options: TranscribeOptions) -> DevicePlan:
    return DevicePlan("cuda", "float16", "Using the GPU (test).")


def test_midway_cuda_failure_keeps_the_text_and_finishes_on_the_cpu(
    monkeypatch: pytest.MonkeyPatch,
    logfail: LogFailHandler,
    model_cache: Path,
    speech_wav: Path,
    speech_text: str,
) -> None:
    logfail.allow("stenodesk.core.engine.transcriber")
    models: list[FailingGpuModel] = []

    def whisper_model(path: str, device: str = "auto", **kwargs: Any) -> Any:
        if device == "cuda":
            models.append(FailingGpuModel(path, **kwargs))
            return models[-1]
        return REAL_MODEL(path, device=device, **kwargs)

    monkeypatch.setattr(faster_whisper, "WhisperModel", whisper_model)
    transcriber = Transcriber(ModelResolver(model_cache), plan_device=gpu_plan)
    seen: list[Segment] = []
    notices: list[str] = []
    options = TranscribeOptions(model="tiny.en", cpu_threads=2)
    result = transcriber.transcribe(
        speech_wav, options, on_segment=seen.append, on_notice=notices.append
    )
    assert len(models) == 1 and models[0].produced == FAIL_AFTER, "the GPU model failed midway"
    # Text already produced on the "GPU" stands, unchanged, at the head of the result.
    assert list(result.segments[:FAIL_AFTER]) == seen[:FAIL_AFTER]
    assert seen == list(result.segments)
    assert [s.index for s in result.segments] == list(range(len(result.segments)))
    assert all(a.end <= b.start + 0.01 for a, b in itertools.pairwise(result.segments))
    # The rest was done on the CPU with int8, and the user was told.
    assert (result.info.device, result.info.compute_type) == ("cpu", "int8")
    assert transcriber.loaded_key is not None and transcriber.loaded_key[1:3] == ("cpu", "int8")
    assert len(notices) == 1
    assert CUDA_FAULT in notices[0]
    assert "continued on the CPU (int8)" in notices[0]
    assert "text so far is kept" in notices[0]
    assert result.info.device_reason == notices[0]
    # Nothing lost, nothing doubled: the words are those spoken.
    assert speech.wer(speech_text, result.text) <= 0.15, result.text


def test_cli_with_the_gpu_forced_falls_back_when_cuda_fails_to_load(
    built: Path, tmp_path: Path
) -> None:
    """The whole chain, no stand-in for CTranslate2: preload, driver, check, load, fallback.

    A fake CUDA 12.4 driver lets the GPU be chosen (it is forced); the real
    CTranslate2 then fails to create the model on it, and the job finishes
    on the CPU with the real tiny.en.
    """
    text = "Please open the window because it is very warm in this room."
    clip = speech.write_wav(tmp_path / "clip.wav", speech.say_pcm(text, tmp_path))
    site = fakes.wheel_site(built, tmp_path / "site")
    env = dict(os.environ)
    env.update(
        PYTHONPATH=os.pathsep.join([str(site), str(REPO)]),
        LD_LIBRARY_PATH=str(built),
        FAKE_CUDA_DRIVER_VERSION="12040",
        FAKE_NVML_CUDA="12040",
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    command = [sys.executable, "-m", "stenodesk.cli", "transcribe", str(clip)]
    command += ["--device", "cuda", "--format", "txt", "--threads", "2", "-q"]
    proc = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "The GPU failed during transcription: CUDA failed with error" in proc.stderr
    assert "continued on the CPU (int8)" in proc.stderr
    assert "cpu/int8" in proc.stderr
    written = (tmp_path / "clip.txt").read_text()
    assert speech.wer(text, written) <= 0.2, written
