"""Block-wise features equal faster-whisper's own, with scratch memory that does not grow."""

from __future__ import annotations

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


@pytest.mark.parametrize("seconds", [75.0, 30.0, 7.3, 1.0, 0.02, 0.006])
def test_features_equal_faster_whispers(talk: np.ndarray, seconds: float) -> None:
    pcm = talk[: int(seconds * speech.SR)]
    expected = FeatureExtractor()(pcm, chunk_length=30)
    got = BlockFeatureExtractor()(pcm, chunk_length=30)
    assert got.dtype == np.float32
    np.testing.assert_array_equal(got, expected)


def test_padding_argument_is_honoured(talk: np.ndarray) -> None:
    pcm = talk[: 10 * speech.SR]
    np.testing.assert_array_equal(
        BlockFeatureExtractor()(pcm, padding=0), FeatureExtractor()(pcm, padding=0)
    )


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
    assert transcriber.loaded_key is not None
    model = transcriber._loaded.model
    assert isinstance(model.feature_extractor, BlockFeatureExtractor)
