"""A stream scored block by block gives the probabilities of the whole audio at once."""

from __future__ import annotations

import numpy as np
import pytest
from tests.helpers import speech

from stenodesk.core.audio import vad
from stenodesk.core.engine import fw_internals as fw


def test_speech_of_a_stream_scores_as_the_whole_audio_at_once(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Blocks of any length, the file's tail not a whole frame: the same probabilities as
    the model run over the padded audio at once, one per frame, the last one included."""
    pcm, placed = speech.long_recording(tmp_path_factory.mktemp("stream"), 70.0, seed=5)
    pcm = pcm[: len(pcm) - 100]  # not a whole number of frames
    padded = np.pad(pcm, (0, -len(pcm) % fw.VAD_FRAME))
    whole = fw._BoundedVad(fw.vad_session())(padded).reshape(-1)
    sizes = [7_001, 16_000, 333, 120_000]
    blocks = []
    at = 0
    for n in range(len(pcm)):
        if at >= len(pcm):
            break
        size = sizes[n % len(sizes)]
        blocks.append(pcm[at : at + size])
        at += size
    streamed = vad.speech_probabilities(iter(blocks))
    assert streamed.shape == whole.shape == (len(padded) // fw.VAD_FRAME,)
    # The same model, frames and state; batches start at other frames, so the matrix
    # products round differently (1.8e-5 at most measured, tests/core/audio/test_live.py).
    assert np.allclose(streamed, whole, atol=1e-4)
    # And it finds the sentences: most frames inside them are speech, few outside.
    frame = fw.VAD_FRAME / 16000
    inside = np.zeros(len(streamed), dtype=bool)
    for start, end, _ in placed:
        inside[int(start / frame) : int(end / frame)] = True
    assert (streamed[inside] >= 0.5).mean() > 0.8
    assert (streamed[~inside] >= 0.5).mean() < 0.2
    assert vad.speech_probabilities(iter([])).shape == (0,)
