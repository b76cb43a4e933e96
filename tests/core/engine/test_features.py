"""Block-wise features equal faster-whisper's own, with scratch memory that does not grow."""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
from faster_whisper.feature_extractor import FeatureExtractor
from tests.helpers import speech

from stenodesk.core.engine.features import BlockFeatureExtractor


@pytest.fixture(scope="module")
def talk(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    tmp = tmp_path_factory.mktemp("features")
    pcm, _ = speech.long_recording(tmp, 75.0)
    return pcm


# The same arithmetic on blocks and on the whole array is not bitwise equal on
# every CPU: numpy's FFT and BLAS pick kernels by shape and processor, and one
# machine of ours differed in 980 of 600,080 values by one float32 unit
# (1.19e-07). Features lie in about [-1.5, 1.5]; 1e-6 is under ten units there
# and a thousand times below what changes a decode (the text is compared
# below).
FEATURE_ATOL = 1e-6


@pytest.mark.parametrize("seconds", [75.0, 30.0, 7.3, 1.0, 0.02, 0.006])
def test_features_equal_faster_whispers(talk: np.ndarray, seconds: float) -> None:
    pcm = talk[: int(seconds * speech.SR)]
    expected = FeatureExtractor()(pcm, chunk_length=30)
    got = BlockFeatureExtractor()(pcm, chunk_length=30)
    assert got.dtype == np.float32
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=0, atol=FEATURE_ATOL)


def test_padding_argument_is_honoured(talk: np.ndarray) -> None:
    pcm = talk[: 10 * speech.SR]
    got, expected = BlockFeatureExtractor()(pcm, padding=0), FeatureExtractor()(pcm, padding=0)
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=0, atol=FEATURE_ATOL)


def test_the_decoded_text_is_the_same(talk: np.ndarray, model_cache: Path) -> None:
    from faster_whisper import WhisperModel

    from stenodesk.core.models.resolve import ModelResolver

    model = WhisperModel(
        str(ModelResolver(model_cache)("tiny.en")), device="cpu", compute_type="int8", cpu_threads=2
    )
    pcm = talk[: 40 * speech.SR]

    def text() -> str:
        segments, _ = model.transcribe(pcm, beam_size=1)
        return " ".join(s.text.strip() for s in segments)

    theirs = text()
    model.feature_extractor = BlockFeatureExtractor(**model.feat_kwargs)
    ours = text()
    assert theirs.strip()
    assert ours == theirs


def _scratch_bytes(extractor: FeatureExtractor, pcm: np.ndarray) -> int:
    """Peak memory numpy allocates during one call (numpy reports to tracemalloc)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        extractor(pcm)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_300_second_window_needs_a_fraction_of_the_scratch_memory() -> None:
    pcm = np.random.default_rng(1).standard_normal(300 * speech.SR).astype(np.float32) * 0.1
    whole = _scratch_bytes(FeatureExtractor(), pcm)
    block = _scratch_bytes(BlockFeatureExtractor(), pcm)
    # faster-whisper's needs about 290 MB for 300 s; ours the padded input,
    # the result and one block of 3000 frames: about 60 MB.
    assert whole > 200 << 20, whole
    assert block < whole / 4, (block, whole)


def test_the_engine_uses_it(transcriber, speech_wav: Path) -> None:  # type: ignore[no-untyped-def]
    from stenodesk.core.engine.options import TranscribeOptions

    options = TranscribeOptions(model="tiny.en", cpu_threads=2)
    transcriber.transcribe(speech_wav, options.with_(beam_size=1))
    key = transcriber.loaded_key
    assert key is not None
    model = transcriber.model_for(options)
    assert transcriber.loaded_key == key  # the model the job used, not a new one
    assert isinstance(model.feature_extractor, BlockFeatureExtractor)


def test_importing_stenodesk_gives_numpys_blas_one_thread_unless_the_user_chose() -> None:
    """The mel product's float32 rounding follows how many threads BLAS splits it over
    (in 75 s of speech, 1 and 2 threads gave different features). Both front ends set
    one thread on import, so a job killed in one resumes in the other with the same
    features; a user's own setting is kept."""
    code = "import os, stenodesk; print(os.environ['OPENBLAS_NUM_THREADS'])"
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}

    def seen(extra: dict[str, str]) -> str:
        done = subprocess.run(
            [sys.executable, "-c", code],
            env={**env, **extra},
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    assert seen({}) == "1"
    assert seen({"OPENBLAS_NUM_THREADS": "3"}) == "3"
