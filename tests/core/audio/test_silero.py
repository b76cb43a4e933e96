"""The Silero voice activity model in NumPy scores as onnxruntime does on the same file.

The reference is onnxruntime running faster-whisper's own ``silero_vad_v6.onnx``
on real recorded speech (the Asterisk prompts, with real silences between them).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from tests.helpers.recordings import ENGLISH, SPANISH, require

from stenodesk.core.audio import silero
from stenodesk.core.audio.decode import decode_all
from stenodesk.core.engine import fw_internals as fw

FRAME, CONTEXT = 512, 64


@pytest.fixture(scope="module")
def batch() -> np.ndarray:
    """About 40 s of prompts, a second of silence after each, as the model's input rows."""
    gap = np.zeros(16000, dtype=np.float32)
    parts = []
    for recording in (*ENGLISH[:4], SPANISH):
        parts += [decode_all(require(recording)), gap]
    pcm = np.concatenate(parts)
    frames = pcm[: len(pcm) // FRAME * FRAME].reshape(-1, FRAME)
    lead = np.zeros((len(frames), CONTEXT), dtype=np.float32)
    lead[1:] = frames[:-1, -CONTEXT:]
    return np.concatenate([lead, frames], axis=1)


@pytest.fixture(scope="module")
def reference() -> Any:
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(
        str(fw.vad_model_path()), providers=["CPUExecutionProvider"], sess_options=options
    )


def _zeros() -> np.ndarray:
    return np.zeros((1, 1, 128), dtype=np.float32)


def test_scores_real_speech_as_onnxruntime(batch: np.ndarray, reference: Any) -> None:
    model = silero.SileroVad.load(fw.vad_model_path())
    feeds = {"input": batch, "h": _zeros(), "c": _zeros()}
    theirs, their_h, their_c = reference.run(None, feeds)
    ours, h, c = model.run(None, feeds)
    assert ours.shape == theirs.shape == (len(batch),)
    assert ours.dtype == np.float32 and h.shape == c.shape == (1, 1, 128)
    # Two implementations of the same arithmetic in float32, summed in other orders:
    # 1.4e-5 at most over 150 s of Spanish, 4e-6 here; 1e-4 leaves room for other CPUs' kernels.
    assert np.abs(ours - theirs).max() < 1e-4
    # The state after 1,300 rows carries their rounding: 1.8e-4 at most in c (values up to 2.3).
    assert np.allclose(h, their_h, rtol=1e-3, atol=1e-3)
    assert np.allclose(c, their_c, rtol=1e-3, atol=1e-3)
    assert 0.2 < (theirs > 0.5).mean() < 0.9  # the clip holds both speech and silence
    for threshold in (0.5, 0.35):  # faster-whisper's start and end of speech
        clear = np.abs(theirs - threshold) > 1e-3
        assert np.array_equal((ours > threshold)[clear], (theirs > threshold)[clear])


def test_state_carries_from_call_to_call(batch: np.ndarray) -> None:
    model = silero.SileroVad.load(fw.vad_model_path())
    whole, *_ = model.run(None, {"input": batch, "h": _zeros(), "c": _zeros()})
    h, c, parts = _zeros(), _zeros(), []
    for rows in np.array_split(batch, [1, 700, 701]):
        out, h, c = model.run(None, {"input": rows, "h": h, "c": c})
        parts.append(out)
    # Other batch sizes round the matrix products differently: 1.8e-5 at most measured.
    assert np.allclose(np.concatenate(parts), whole, atol=1e-4)
    empty, h2, c2 = model.run(None, {"input": batch[:0], "h": h, "c": c})
    assert empty.shape == (0,) and np.array_equal(h2, h) and np.array_equal(c2, c)


def test_another_file_is_not_taken_for_the_model(tmp_path: Path) -> None:
    changed = tmp_path / "silero_vad_v6.onnx"
    shutil.copyfile(fw.vad_model_path(), changed)
    data = bytearray(changed.read_bytes())
    data[-100] ^= 1  # one bit of a weight
    changed.write_bytes(bytes(data))
    with pytest.raises(silero.UnknownModel, match="SHA-256"):
        silero.SileroVad.load(changed)
    with pytest.raises(silero.UnknownModel, match="cannot be read"):
        silero.SileroVad.load(tmp_path / "missing.onnx")


def test_reader_refuses_a_cut_message() -> None:
    data = fw.vad_model_path().read_bytes()
    weights = silero.read_initializers(data)
    assert weights["encoder.conv_layers.0.weight"].shape == (128, 129, 3)
    with pytest.raises(ValueError, match="ends inside"):
        silero.read_initializers(data[: len(data) // 2])


def test_the_licence_notice_names_the_file_taken() -> None:
    from importlib import resources

    notice = (resources.files("stenodesk.resources") / "NOTICE-silero-vad.txt").read_text()
    assert silero.SHA256 in notice and "MIT License" in notice
