"""The one door to faster-whisper's internals.

faster-whisper's public API is ``WhisperModel``, ``BatchedInferencePipeline``,
``decode_audio``, ``available_models`` and the ``transcribe`` methods. The
live engine, the windowed decoder, the features and the model catalogue
also use parts of it that carry no promise between releases: the model's
``encode``, ``get_prompt``, ``find_alignment`` and ``feat_kwargs``, the
CTranslate2 model's ``generate``, the tokenizer, the VAD helpers and the
model table. Every such use goes through this module, and
tests/core/engine/test_fw_internals.py checks, against the installed
faster-whisper and the real tiny.en, that each behaves as assumed here;
pyproject.toml caps faster-whisper to the versions that test has passed.

faster-whisper is imported on first use (it takes a while), except
``FeatureExtractor``, which is looked up when first asked for.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from stenodesk.core.audio import silero

if TYPE_CHECKING:
    from faster_whisper import WhisperModel
    from faster_whisper.tokenizer import Tokenizer
    from faster_whisper.vad import VadOptions

log = logging.getLogger(__name__)

__all__ = [
    "CHUNK_FRAMES",
    "FRAMES_PER_SECOND",
    "PartialChunk",
    "alignment",
    "bound_vad_memory",
    "collect_chunks",
    "encode",
    "feature_kwargs",
    "generate",
    "get_speech_timestamps",
    "load_vad",
    "merge_punctuations",
    "model_table",
    "pad_or_trim",
    "prompt_tokens",
    "restore_speech_timestamps",
    "suppressed_tokens",
    "tokenizer",
    "vad_model_path",
    "vad_options",
    "vad_session",
    "whole_chunks_only",
]


def __getattr__(name: str) -> Any:
    # A base class is needed when a subclass is defined, so it cannot hide
    # behind a function; looking it up here keeps the import lazy.
    if name == "FeatureExtractor":
        from faster_whisper.feature_extractor import FeatureExtractor

        return FeatureExtractor
    raise AttributeError(name)


def model_table() -> dict[str, str]:
    """Each model name faster-whisper can fetch, and its Hugging Face repository."""
    from faster_whisper import utils

    table: dict[str, str] = dict(utils._MODELS)
    return {name: table[name] for name in utils.available_models() if name in table}


def feature_kwargs(model: WhisperModel) -> dict[str, Any]:
    """The arguments the model built its feature extractor with."""
    return dict(model.feat_kwargs)


def tokenizer(model: WhisperModel, task: str, language: str | None) -> Tokenizer:
    """The model's tokenizer for one task and language."""
    from faster_whisper.tokenizer import Tokenizer

    return Tokenizer(model.hf_tokenizer, model.model.is_multilingual, task=task, language=language)


def pad_or_trim(features: npt.NDArray[np.float32], frames: int) -> npt.NDArray[np.float32]:
    """Features padded with zeros or cut to ``frames`` frames (the last axis)."""
    from faster_whisper.audio import pad_or_trim as upstream

    return np.asarray(upstream(features, frames), dtype=np.float32)


def encode(model: WhisperModel, features: npt.NDArray[np.float32]) -> Any:
    """The encoder's output for one input (a CTranslate2 ``StorageView``)."""
    return model.encode(features)


def prompt_tokens(model: WhisperModel, tok: Tokenizer, previous: Sequence[int]) -> list[int]:
    """The decoder's start: ``<|startofprev|> previous <|startoftranscript|>`` and task tokens."""
    return list(model.get_prompt(tok, list(previous)))


def suppressed_tokens(tok: Tokenizer) -> list[int]:
    """The tokens faster-whisper suppresses by default (``suppress_tokens=[-1]``)."""
    from faster_whisper.transcribe import get_suppressed_tokens

    return list(get_suppressed_tokens(tok, (-1,)))


def generate(model: WhisperModel, encoder_output: Any, prompt: list[int], **kwargs: Any) -> Any:
    """One ``WhisperGenerationResult`` of the CTranslate2 model for one prompt."""
    return model.model.generate(encoder_output, [prompt], **kwargs)[0]


def alignment(
    model: WhisperModel, tok: Tokenizer, text: list[int], encoder_output: Any, frames: int
) -> list[dict[str, Any]]:
    """Words of ``text``: word, start and end (seconds), tokens, probability."""
    return list(model.find_alignment(tok, [text], encoder_output, frames)[0])


def merge_punctuations(words: list[dict[str, Any]], prepend: str, append: str) -> None:
    """Attach punctuation to the word before or after it, in place."""
    from faster_whisper.transcribe import merge_punctuations as upstream

    upstream(words, prepend, append)


def vad_options(**kwargs: Any) -> VadOptions:
    """faster-whisper's VAD settings."""
    from faster_whisper.vad import VadOptions

    return VadOptions(**kwargs)


def get_speech_timestamps(
    pcm: npt.NDArray[np.float32], options: VadOptions
) -> list[dict[str, int]]:
    """Speech spans of 16 kHz audio, ``start`` and ``end`` in samples."""
    from faster_whisper.vad import get_speech_timestamps as upstream

    bound_vad_memory()
    return list(upstream(pcm, options))


VAD_FRAME = 512
"""Samples the voice activity model scores at a time (32 ms)."""
VAD_CONTEXT = 64
"""Samples of the frame before that it sees with each frame."""
VAD_BATCH_FRAMES = 1000
"""Frames the voice activity model runs on at once (32 s).

faster-whisper runs it on up to 10,000 frames (320 s) at once: a 300 s
window took 90 MB more at its peak, a 150 s window 50 MB, and a job's peak
then depended on whether two such peaks met (two windows are decoded at
once). In batches of 1,000 frames the probabilities measured identical (the
model's state is carried from batch to batch, as upstream does between its
batches) and a little faster: 0.54 s against 0.62 s for 300 s on one thread.
"""


class _BoundedVad:
    """The Silero model (:func:`vad_session`), run ``VAD_BATCH_FRAMES`` frames at a time."""

    def __init__(self, session: Any) -> None:
        self.session = session

    def __call__(self, audio: npt.NDArray[np.float32], *_: Any) -> npt.NDArray[np.float32]:
        frames = audio.reshape(-1, VAD_FRAME)
        h = np.zeros((1, 1, 128), dtype=np.float32)
        c = np.zeros((1, 1, 128), dtype=np.float32)
        out = []
        for first in range(0, len(frames), VAD_BATCH_FRAMES):
            part = frames[first : first + VAD_BATCH_FRAMES]
            lead = np.zeros((len(part), VAD_CONTEXT), dtype=np.float32)
            if first > 0:
                lead[0] = frames[first - 1, -VAD_CONTEXT:]
            lead[1:] = part[:-1, -VAD_CONTEXT:]
            inputs = {"input": np.concatenate([lead, part], axis=1), "h": h, "c": c}
            probabilities, h, c = self.session.run(None, inputs)
            out.append(probabilities)
        return np.concatenate(out) if out else np.zeros((0, 1), dtype=np.float32)


def bound_vad_memory() -> None:
    """Make faster-whisper's voice activity detection, its ``vad_filter`` included,
    use :func:`vad_session` on batches of ``VAD_BATCH_FRAMES`` frames (once per process)."""
    from faster_whisper import vad

    if getattr(vad.get_vad_model, "stenodesk_bounded", False):
        return
    model = _BoundedVad(vad_session())

    def bounded() -> _BoundedVad:
        return model

    bounded.stenodesk_bounded = True  # type: ignore[attr-defined]
    vad.get_vad_model = bounded


def collect_chunks(
    pcm: npt.NDArray[np.float32], speech: list[dict[str, int]], max_duration: float
) -> list[npt.NDArray[np.float32]]:
    """The speech spans' audio, packed into chunks of up to ``max_duration`` seconds."""
    from faster_whisper.vad import collect_chunks as upstream

    chunks, _ = upstream(pcm, speech, max_duration=max_duration)
    return list(chunks)


def restore_speech_timestamps(segments: Any, speech: list[dict[str, int]], rate: int) -> Any:
    """Segments of the speech-only audio, with times of the original audio."""
    from faster_whisper.transcribe import restore_speech_timestamps as upstream

    return upstream(segments, speech, rate)


VAD_FILE = "silero_vad_v6.onnx"
"""The Silero model among faster-whisper's assets (what its ``get_vad_model`` loads)."""


def vad_model_path() -> Path:
    """The Silero model file faster-whisper ships."""
    from faster_whisper.utils import get_assets_path

    return Path(get_assets_path()) / VAD_FILE


@functools.cache
def vad_session() -> Any:
    """The Silero VAD (``run(None, {"input", "h", "c"})``), one per process.

    The NumPy model of :mod:`stenodesk.core.audio.silero` when the file is the
    one it knows, which spares a transcription onnxruntime's memory; else
    faster-whisper's onnxruntime session on the file.
    """
    return load_vad(vad_model_path())


def load_vad(path: Path) -> Any:
    """The Silero VAD in ``path`` (see :func:`vad_session`)."""
    try:
        return silero.SileroVad.load(path)
    except silero.UnknownModel as exc:
        log.info("Voice activity through onnxruntime: %s", exc)
    from faster_whisper import vad

    return vad.SileroVADModel(str(path)).session


CHUNK_FRAMES = 3000
"""Feature frames in one 30 s chunk: what one encoder pass sees."""
FRAMES_PER_SECOND = 100
"""Feature frames per second (a hop of 160 samples at 16 kHz)."""
EDGE_FRAMES = 3
"""Frames at the end of a window whose features are not the whole file's.

A frame is the spectrum of the 400 samples around its centre; near the end of
a window it is computed from the reflected audio instead of what follows."""


class PartialChunk(Exception):  # noqa: N818  # a signal, not an error
    """Raised where faster-whisper was about to decode a chunk the window cannot fill."""

    def __init__(self, seek: int) -> None:
        super().__init__(f"chunk at frame {seek} runs past the window")
        self.seek = seek
        """The chunk's first frame: where the next window must start."""


class _WholeChunks(np.ndarray):
    """Features that refuse to hand out a chunk past their end, after the first.

    faster-whisper's sequential loop takes each 30 s chunk as
    ``features[:, seek : seek + size]``, ``size`` cut short where the input
    ends. A window of a longer file ends where the file does not: the chunk
    plain faster-whisper would decode there holds audio of the next window.
    Taking it raises :class:`PartialChunk` with its seek instead; the next
    window starts there, so the chunks are the ones one run over the whole
    file decodes. Any other slice is an ordinary array.
    """

    def __getitem__(self, key: Any) -> Any:
        if (
            isinstance(key, tuple)
            and len(key) == 2
            and isinstance(key[0], slice)
            and key[0] == slice(None)
            and isinstance(key[1], slice)
        ):
            seek = key[1].start or 0
            content = self.shape[-1] - 1
            if seek > 0 and seek + CHUNK_FRAMES > content - EDGE_FRAMES:
                raise PartialChunk(seek)
        return np.asarray(np.ndarray.__getitem__(self, key))


def whole_chunks_only(features: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """``features`` that faster-whisper's ``transcribe`` decodes in whole chunks only.

    Its segments then stop with :class:`PartialChunk` where a chunk would run
    past the end of ``features`` (the first chunk is always decoded).
    """
    return features.view(_WholeChunks)
