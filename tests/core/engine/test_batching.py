"""Batched decoding on the GPU by default: the batch size from free memory and the model."""

from __future__ import annotations

from pathlib import Path

import faster_whisper
import pytest
from tests.core.gpu.test_oom_fallback import ALLOC, OomGpu
from tests.helpers import speech
from tests.helpers.logfail import LogFailHandler

from stenodesk.core.engine.batching import AUTO, auto_batch_size, model_bytes
from stenodesk.core.engine.checkpoint import WindowDone
from stenodesk.core.engine.device import DevicePlan
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.transcriber import Transcriber
from stenodesk.core.errors import ErrorKind, user_message
from stenodesk.core.models.resolve import ModelResolver

GIB, MB = 1 << 30, 1_000_000
LARGE = 3_087 * MB  # large-v3's model.bin in float16
SMALL = 484 * MB


@pytest.mark.parametrize(
    ("device", "free", "model", "expected"),
    [
        ("cpu", 24 * GIB, SMALL, 0),  # sequential on the CPU, whatever the GPU has
        ("cuda", 0, LARGE, 4),  # free memory unknown (libcuda alone): a modest batch
        ("cuda", 24 * GIB, LARGE, 16),
        ("cuda", 8 * GIB, LARGE, 8),  # an 8 GB card: faster-whisper's README uses 8 there
        ("cuda", int(4.5 * GIB), LARGE, 2),
        ("cuda", 4 * GIB, LARGE, 0),  # the model barely fits: sequential
        ("cuda", 2 * GIB, LARGE, 0),
        ("cuda", 6 * GIB, SMALL, 16),
        ("cuda", int(1.5 * GIB), 75 * MB, 2),  # tiny: at least 128 MiB a chunk
    ],
)
def test_auto_batch_size(device: str, free: int, model: int, expected: int) -> None:
    assert auto_batch_size(device, free, model) == expected


def test_model_bytes(tmp_path: Path) -> None:
    assert model_bytes(tmp_path) == 0
    (tmp_path / "model.bin").write_bytes(b"x" * 1234)
    assert model_bytes(tmp_path) == 1234


def _transcriber(
    monkeypatch: pytest.MonkeyPatch, gpu: OomGpu, model_cache: Path, plan: DevicePlan
) -> Transcriber:
    monkeypatch.setattr(faster_whisper, "WhisperModel", gpu.whisper_model)
    return Transcriber(ModelResolver(model_cache), plan_device=lambda _o: plan, decode=gpu.decode)


OPTIONS = TranscribeOptions(
    model="tiny.en", cpu_threads=2, vad_filter=True, word_timestamps=True, batch_size=AUTO
)


def test_auto_batches_on_the_gpu_with_word_times(
    monkeypatch: pytest.MonkeyPatch, model_cache: Path, speech_wav: Path, speech_text: str
) -> None:
    """A stand-in GPU with 1.5 GiB free: tiny.en gets batches of 2, words keep their times."""
    gpu = OomGpu(load_fails=set(), max_batch=16)
    plan = DevicePlan("cuda", "float16", "test GPU", memory_free=int(1.5 * GIB))
    result = _transcriber(monkeypatch, gpu, model_cache, plan).transcribe(speech_wav, OPTIONS)
    assert gpu.decodes and {d for d in gpu.decodes} == {("cuda", 2)}
    assert speech.wer(speech_text, result.text) <= 0.15, result.text
    words = [w for seg in result.segments for w in seg.words]
    assert words, "word times in batched mode"
    assert all(
        seg.start <= w.start <= w.end <= seg.end + 0.01
        for seg in result.segments
        for w in seg.words
    )


def test_auto_is_sequential_on_the_cpu(
    monkeypatch: pytest.MonkeyPatch, model_cache: Path, speech_wav: Path, speech_text: str
) -> None:
    gpu = OomGpu(load_fails=set(), max_batch=16)
    plan = DevicePlan("cpu", "int8", "CPU")
    result = _transcriber(monkeypatch, gpu, model_cache, plan).transcribe(speech_wav, OPTIONS)
    assert gpu.decodes and {b for _d, b in gpu.decodes} == {0}
    assert speech.wer(speech_text, result.text) <= 0.15, result.text


def test_auto_leaves_the_gpu_for_sequential_cpu_decoding(
    monkeypatch: pytest.MonkeyPatch,
    logfail: LogFailHandler,
    model_cache: Path,
    speech_wav: Path,
    speech_text: str,
) -> None:
    """Out of memory with every batch: smaller batches, then the CPU, decoding sequentially."""
    logfail.allow("stenodesk.core.engine.transcriber")
    gpu = OomGpu(load_fails=set(), max_batch=None)
    plan = DevicePlan("cuda", "int8_float16", "test GPU", memory_free=8 * GIB)
    notices: list[str] = []
    result = _transcriber(monkeypatch, gpu, model_cache, plan).transcribe(
        speech_wav, OPTIONS, on_notice=notices.append
    )
    assert [b for d, b in gpu.decodes if d == "cuda"] == [16, 8, 4, 2, 1]
    assert {b for d, b in gpu.decodes if d == "cpu"} == {0}
    assert notices[-1] == str(user_message(ErrorKind.GPU_FAILED, ALLOC))
    assert result.info.device == "cpu"
    assert speech.wer(speech_text, result.text) <= 0.15, result.text


@pytest.mark.slow
def test_auto_batched_on_the_gpu_resumes_like_an_uninterrupted_run(
    monkeypatch: pytest.MonkeyPatch, model_cache: Path, tmp_path: Path
) -> None:
    """The journal's resume points hold in batched mode chosen by AUTO (here: batches of 2)."""
    pcm, _ = speech.long_recording(tmp_path, 200.0, seed=5)
    talk = speech.write_wav(tmp_path / "talk.wav", pcm)
    gpu = OomGpu(load_fails=set(), max_batch=16)
    plan = DevicePlan("cuda", "float16", "test GPU", memory_free=int(1.5 * GIB))
    transcriber = _transcriber(monkeypatch, gpu, model_cache, plan)
    windows: list[WindowDone] = []
    whole = transcriber.transcribe(talk, OPTIONS, on_window=windows.append)
    assert {b for _d, b in gpu.decodes} == {2}
    assert len(windows) >= 2 and len(whole.segments) > 4
    point = windows[0].resume
    assert 0 < point.position < whole.info.duration
    rest = transcriber.transcribe(talk, OPTIONS, resume=point)
    assert rest.segments == whole.segments[point.next_segment :]
    assert all(seg.words for seg in rest.segments), "word times after a resume too"


def test_a_bad_batch_size_is_refused() -> None:
    with pytest.raises(ValueError):
        TranscribeOptions(batch_size=-2).validate()
    TranscribeOptions(batch_size=AUTO).validate()
