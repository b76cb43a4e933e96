"""Two halves of a window decoded at once: order, times, words, cancel, errors (not timed)."""

from __future__ import annotations

import logging
import threading
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from tests.helpers.recordings import ENGLISH, require, wer

from stenodesk.core.audio.decode import SAMPLE_RATE
from stenodesk.core.cancel import CancelToken
from stenodesk.core.engine.modelcache import available_cores
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.parallel import decode_halves, split_point, thread_plan
from stenodesk.core.engine.transcriber import Transcriber
from stenodesk.core.errors import Cancelled
from stenodesk.core.models.bundled import TINY_EN

GAP = 1.2


@pytest.fixture(scope="module")
def prompts() -> tuple[np.ndarray, str, list[float]]:
    """About 150 s of real prompts, 1.2 s apart: audio, text, each prompt's start."""
    from faster_whisper.audio import decode_audio

    parts, starts, at = [], [], 0
    for recording in ENGLISH:
        voice = decode_audio(str(require(recording)))
        parts += [np.zeros(int(GAP * SAMPLE_RATE), np.float32), voice]
        starts.append((at + int(GAP * SAMPLE_RATE)) / SAMPLE_RATE)
        at += int(GAP * SAMPLE_RATE) + len(voice)
    return np.concatenate(parts), " ".join(r.text for r in ENGLISH), starts


@pytest.fixture(scope="module")
def two_workers() -> Any:
    from faster_whisper import WhisperModel

    folder = TINY_EN.folder()
    assert folder is not None
    return WhisperModel(
        str(folder), device="cpu", compute_type="int8", cpu_threads=1, num_workers=2
    )


def transcriber_for(model: Any) -> Any:
    def transcribe(pcm: Any, language: str | None, prompt: Any) -> tuple[Any, Any]:
        return model.transcribe(
            pcm, language=language, initial_prompt=prompt, beam_size=5, word_timestamps=True
        )

    return transcribe


def helpers_alive() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "stenodesk-second-half"]


def test_thread_plan() -> None:
    assert thread_plan(0, 2, halves=True) == (1, 2)
    assert thread_plan(0, 8, halves=True) == (4, 2)
    assert thread_plan(0, 1, halves=True) == (0, 1)
    assert thread_plan(3, 8, halves=True) == (3, 1)  # the user's own count: one stream
    assert thread_plan(0, 8, halves=False) == (0, 1)  # no VAD: whole windows


def test_split_point_lies_in_a_pause_near_the_middle(
    prompts: tuple[np.ndarray, str, list[float]],
) -> None:
    pcm, _, _ = prompts
    cut = split_point(pcm)
    assert cut is not None
    assert abs(cut - len(pcm) // 2) <= 15 * SAMPLE_RATE
    assert float(np.abs(pcm[cut - 800 : cut + 800]).max()) < 0.01  # silence around it
    assert split_point(pcm[: 30 * SAMPLE_RATE]) is None  # short windows stay whole


def halves_at_the_pause(
    two_workers: Any, pcm: np.ndarray, cancel: CancelToken
) -> tuple[Iterator[Any], Any, int]:
    """:func:`decode_halves` of ``pcm`` split in its middle pause: (segments, info, cut)."""
    cut = split_point(pcm)
    assert cut is not None
    segments, info = decode_halves(
        transcriber_for(two_workers),
        pcm,
        cut,
        language="en",
        prompt=None,
        second_prompt=None,
        cancel=cancel,
    )
    return segments, info, cut


def test_halves_give_the_words_in_order_with_file_times(
    two_workers: Any, prompts: tuple[np.ndarray, str, list[float]]
) -> None:
    pcm, text, _ = prompts
    segments, info, cut = halves_at_the_pause(two_workers, pcm, CancelToken())
    got = list(segments)
    assert info.language == "en"
    starts = [s.start for s in got]
    assert starts == sorted(starts)
    assert any(s.start > cut / SAMPLE_RATE for s in got)
    for s in got:
        assert all(s.start - 0.5 <= w.start <= s.end + 0.5 for w in s.words)
    # Whole-file decoding of these prompts measured 4-6 %; the halves must not lose words.
    assert wer(text, " ".join(s.text for s in got)) <= 0.10
    assert not helpers_alive()


def test_cancel_stops_the_second_half(
    two_workers: Any, prompts: tuple[np.ndarray, str, list[float]]
) -> None:
    pcm, _, _ = prompts
    cancel = CancelToken()
    segments, _, _ = halves_at_the_pause(two_workers, pcm, cancel)
    next(segments)
    cancel.cancel()
    with pytest.raises(Cancelled):
        list(segments)
    assert not helpers_alive()


def test_an_error_in_the_second_half_reaches_the_caller(
    prompts: tuple[np.ndarray, str, list[float]],
) -> None:
    pcm, _, _ = prompts
    cut = len(pcm) // 3

    class Info:
        language = "en"

    def transcribe(part: Any, language: str | None, prompt: Any) -> tuple[Iterator[Any], Any]:
        if len(part) != cut:  # the second half: its decoder fails (fault injection)
            raise RuntimeError("out of memory in the second worker")
        return iter(()), Info()

    segments, _ = decode_halves(
        transcribe, pcm, cut, language=None, prompt=None, second_prompt=None, cancel=CancelToken()
    )
    with pytest.raises(RuntimeError, match="second worker"):
        list(segments)


def test_a_known_language_starts_the_second_half_first(
    two_workers: Any, prompts: tuple[np.ndarray, str, list[float]]
) -> None:
    """Each half's speech detection and features (done before faster-whisper returns
    its generator) run at the same time, not one after the other."""
    pcm, text, _ = prompts
    cut = split_point(pcm)
    assert cut is not None
    real = transcriber_for(two_workers)
    calls: list[tuple[str, int]] = []
    lock = threading.Lock()

    def spied(part: Any, language: str | None, prompt: Any) -> tuple[Any, Any]:
        with lock:
            calls.append(("begins", len(part)))
        try:
            return real(part, language, prompt)  # type: ignore[no-any-return]
        finally:
            with lock:
                calls.append(("returns", len(part)))

    segments, _ = decode_halves(
        spied, pcm, cut, language="en", prompt=None, second_prompt=None, cancel=CancelToken()
    )
    got = list(segments)
    first, second = cut, len(pcm) - cut
    assert calls.index(("begins", second)) < calls.index(("returns", first)), calls
    assert wer(text, " ".join(s.text for s in got)) <= 0.10
    assert not helpers_alive()


def test_an_error_in_the_first_half_stops_the_second(
    prompts: tuple[np.ndarray, str, list[float]],
) -> None:
    pcm, _, _ = prompts
    cut = len(pcm) // 3
    second_began = threading.Event()

    class Info:
        language = "en"

    def transcribe(part: Any, language: str | None, prompt: Any) -> tuple[Iterator[Any], Any]:
        if len(part) == cut:  # the first half fails (fault injection)
            second_began.wait(5)
            raise RuntimeError("out of memory in the first worker")
        second_began.set()
        return iter([object()] * 1000), Info()

    with pytest.raises(RuntimeError, match="first worker"):
        decode_halves(
            transcribe, pcm, cut, language="en", prompt=None, second_prompt=None,
            cancel=CancelToken(),
        )  # fmt: skip
    assert second_began.is_set()
    assert not helpers_alive()


def test_leaving_early_joins_the_helper(
    two_workers: Any, prompts: tuple[np.ndarray, str, list[float]]
) -> None:
    pcm, _, _ = prompts
    segments, _, _ = halves_at_the_pause(two_workers, pcm, CancelToken())
    next(segments)
    segments.close()  # type: ignore[attr-defined]  # what dropping the generator does
    assert not helpers_alive()


def test_transcriber_with_automatic_threads_splits_and_keeps_accuracy(
    tmp_path: Path,
    model_cache: Path,
    prompts: tuple[np.ndarray, str, list[float]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, "stenodesk.core.engine.decoding")
    pcm, text, _ = prompts
    path = tmp_path / "prompts.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes((np.clip(pcm, -1, 1) * 32767).astype("<i2").tobytes())
    from stenodesk.core.models.resolve import ModelResolver

    engine = Transcriber(ModelResolver(model_cache))
    options = TranscribeOptions(
        model="tiny.en",
        device="cpu",
        compute_type="int8",
        language="en",
        vad_filter=True,
        word_timestamps=True,
    )
    result = engine.transcribe(path, options)
    assert engine.model_for(options).model.num_workers == (2 if available_cores() >= 2 else 1)
    assert wer(text, " ".join(s.text for s in result.segments)) <= 0.10
    ends = [s.end for s in result.segments]
    assert ends == sorted(ends)
    if available_cores() >= 2:  # the 120 s second window was split
        assert "window 1: two halves" in caplog.text


def test_live_gets_one_worker_with_all_threads(model_cache: Path) -> None:
    from stenodesk.core.audio.engine import WhisperEngine
    from stenodesk.core.models.resolve import ModelResolver

    options = TranscribeOptions(model="tiny.en", device="cpu", compute_type="int8", vad_filter=True)
    engine = Transcriber(ModelResolver(model_cache))
    WhisperEngine.from_transcriber(engine, options)
    assert engine.loaded_key is not None and engine.loaded_key[4] == 1
    engine.model_for(options)  # a file job with the same options: two workers on 2+ cores
    assert engine.loaded_key is not None
    assert engine.loaded_key[4] == (2 if available_cores() >= 2 else 1)
