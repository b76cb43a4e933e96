"""The contract with faster-whisper's internals: each behaves as fw_internals assumes.

Against the installed faster-whisper and the real tiny.en, on real speech
(espeak-ng). pyproject.toml caps faster-whisper to the versions this
module has passed; a new release that fails here needs the door changed,
not the callers.
"""

from __future__ import annotations

import inspect
from typing import Any

import numpy as np
import pytest
from tests.helpers import speech

from stenodesk.core.audio import silero
from stenodesk.core.audio.decode import Pcm
from stenodesk.core.engine import fw_internals as fw
from stenodesk.core.engine.features import BlockFeatureExtractor
from stenodesk.core.engine.options import TranscribeOptions

OPTIONS = TranscribeOptions(model="tiny.en", compute_type="int8", cpu_threads=2, language="en")
SENTENCE = "Thank you very much for your help with this problem."


@pytest.fixture(scope="module")
def model(transcriber: Any) -> Any:
    return transcriber.model_for(OPTIONS)


@pytest.fixture(scope="module")
def said(tmp_path_factory: pytest.TempPathFactory) -> Pcm:
    pad = speech.silence(1.0)
    return np.concatenate([pad, speech.say_pcm(SENTENCE, tmp_path_factory.mktemp("say")), pad])


def _features(model: Any, pcm: Pcm) -> tuple[Any, int]:
    features = model.feature_extractor(pcm)
    content = features.shape[-1] - 1
    return fw.encode(model, fw.pad_or_trim(features[:, :content], 3000)), content


def test_model_table_names_the_systran_repositories() -> None:
    table = fw.model_table()
    assert table["tiny.en"] == "Systran/faster-whisper-tiny.en"
    assert {"tiny", "base.en", "small", "medium", "large-v2", "large-v3"} <= set(table)
    assert all("/" in repo for repo in table.values())


def test_feature_kwargs_rebuild_the_same_features(model: Any, said: Pcm) -> None:
    kwargs = fw.feature_kwargs(model)
    # Read from the model's preprocessor_config.json; tiny.en has none.
    assert set(kwargs) <= set(inspect.signature(fw.FeatureExtractor).parameters)
    ours = BlockFeatureExtractor(**kwargs)(said)
    theirs = fw.FeatureExtractor(**kwargs)(said)
    # One frame per 160 samples of the audio and its 160 samples of padding.
    assert ours.shape == theirs.shape == (80, (len(said) + 160) // 160)
    assert isinstance(ours, np.ndarray)
    with pytest.raises(AttributeError):
        fw.NoSuchThing  # noqa: B018


def test_pad_or_trim_sets_the_frame_count() -> None:
    features = np.ones((80, 250), dtype=np.float32)
    assert fw.pad_or_trim(features, 1000).shape == (80, 1000)
    assert fw.pad_or_trim(features, 1000)[:, 250:].sum() == 0
    assert fw.pad_or_trim(features, 100).shape == (80, 100)


def test_prompt_is_previous_text_then_the_start_of_transcript(model: Any) -> None:
    tok = fw.tokenizer(model, "transcribe", "en")
    previous = tok.encode(" Hello there.")
    prompt = fw.prompt_tokens(model, tok, previous)
    assert prompt == [tok.sot_prev, *previous, *tok.sot_sequence]
    assert fw.prompt_tokens(model, tok, []) == list(tok.sot_sequence)
    assert tok.timestamp_begin > tok.eot


def test_suppressed_tokens_hold_the_special_tokens(model: Any) -> None:
    tok = fw.tokenizer(model, "transcribe", "en")
    suppressed = fw.suppressed_tokens(tok)
    assert {tok.transcribe, tok.translate, tok.sot, tok.sot_prev} <= set(suppressed)
    assert tok.eot not in suppressed
    assert all(isinstance(t, int) for t in suppressed)


def test_encoder_output_halves_the_frames(model: Any, said: Pcm) -> None:
    features = model.feature_extractor(said)
    output = fw.encode(model, fw.pad_or_trim(features, 2000))
    assert tuple(output.shape) == (1, 1000, 384)  # tiny: 384 wide


def test_generate_then_align_gives_timed_words(model: Any, said: Pcm) -> None:
    tok = fw.tokenizer(model, "transcribe", "en")
    encoder_output, content = _features(model, said)
    start = fw.prompt_tokens(model, tok, [])
    result = fw.generate(
        model,
        encoder_output,
        start,
        max_length=len(start) + 100,
        return_scores=True,
        return_no_speech_prob=True,
        suppress_blank=True,
        suppress_tokens=fw.suppressed_tokens(tok),
        max_initial_timestamp_index=50,
        beam_size=1,
    )
    tokens = list(result.sequences_ids[0])
    assert isinstance(result.scores[0], float)
    assert 0.0 <= result.no_speech_prob < 0.5
    assert tokens[0] >= tok.timestamp_begin  # generation runs with timestamps
    text = [t for t in tokens if t < tok.eot]
    words = fw.alignment(model, tok, text, encoder_output, content)
    assert speech.wer(SENTENCE, "".join(w["word"] for w in words)) < 0.2
    assert {"word", "start", "end", "probability", "tokens"} <= set(words[0])
    assert [t for w in words for t in w["tokens"]] == text
    starts = [w["start"] for w in words]
    assert starts == sorted(starts)
    assert starts[0] >= 0.0 and 2.0 < words[-1]["end"] <= content / 100
    assert all(w["start"] <= w["end"] for w in words)


def test_merge_punctuations_joins_marks_to_their_words() -> None:
    def word(text: str, token: int) -> dict[str, Any]:
        return {"word": text, "tokens": [token], "start": 0.0, "end": 0.1, "probability": 1.0}

    words = [word(" Hello", 1), word(",", 2), word(' "there', 3), word(".", 4)]
    fw.merge_punctuations(words, "\"'“¿([{-", "\"'.。,，!！?？:：”)]}、")
    assert [w["word"] for w in words] == [" Hello,", "", ' "there.', ""]
    assert words[0]["tokens"] == [1, 2]


def test_vad_finds_the_speech_and_packs_it(said: Pcm) -> None:
    spans = fw.get_speech_timestamps(said, fw.vad_options(min_silence_duration_ms=160))
    assert spans and spans[0]["start"] >= 8000 and spans[-1]["end"] <= len(said) - 8000
    assert all(isinstance(s["start"], int) and isinstance(s["end"], int) for s in spans)
    chunks = fw.collect_chunks(said, spans, 30)
    assert sum(len(c) for c in chunks) == sum(s["end"] - s["start"] for s in spans)


def test_restore_speech_timestamps_maps_back_to_the_audio(model: Any, said: Pcm) -> None:
    spans = fw.get_speech_timestamps(said, fw.vad_options())
    speech_only = np.concatenate(fw.collect_chunks(said, spans, 30))
    segments, _ = model.transcribe(speech_only, language="en", beam_size=1)
    restored = list(fw.restore_speech_timestamps(segments, spans, 16000))
    assert restored and restored[0].start >= spans[0]["start"] / 16000 - 0.1
    assert restored[-1].end <= spans[-1]["end"] / 16000 + 0.1


def test_vad_session_takes_blocks_with_context_and_state() -> None:
    session = fw.vad_session()
    state = np.zeros((1, 1, 128), dtype=np.float32)
    batch = np.zeros((3, 512 + 64), dtype=np.float32)
    out, h, c = session.run(None, {"input": batch, "h": state, "c": state})
    assert np.asarray(out).size == 3
    assert h.shape == c.shape == (1, 1, 128)


def test_vad_is_the_numpy_model_of_faster_whisper_s_file() -> None:
    from faster_whisper import vad

    assert fw.vad_model_path().is_file()
    assert f'"{fw.VAD_FILE}"' in inspect.getsource(vad)  # the file its get_vad_model loads
    assert isinstance(fw.vad_session(), silero.SileroVad)
    assert fw.vad_session() is fw.vad_session()


def test_vad_of_another_file_runs_on_onnxruntime(tmp_path: Any) -> None:
    """A faster-whisper release with another Silero file still gets voice activity."""
    import onnxruntime

    changed = tmp_path / fw.VAD_FILE
    data = bytearray(fw.vad_model_path().read_bytes())
    data[-100] ^= 1
    changed.write_bytes(bytes(data))
    session = fw.load_vad(changed)
    assert isinstance(session, onnxruntime.InferenceSession)
    state = np.zeros((1, 1, 128), dtype=np.float32)
    out, *_ = session.run(None, {"input": np.zeros((2, 576), np.float32), "h": state, "c": state})
    assert np.asarray(out).size == 2


def test_bounded_vad_scores_as_upstream_does(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Over 40 s of speech (more than one of our batches), the probabilities of the
    model run in batches equal faster-whisper's own run over all the frames at once."""
    from faster_whisper import vad

    pcm, _ = speech.long_recording(tmp_path_factory.mktemp("vad"), 40.0, seed=3)
    pcm = pcm[: len(pcm) // fw.VAD_FRAME * fw.VAD_FRAME]
    assert len(pcm) // fw.VAD_FRAME > fw.VAD_BATCH_FRAMES
    fw.bound_vad_memory()
    ours = vad.get_vad_model()  # what faster-whisper's transcribe(vad_filter=True) now uses
    assert isinstance(ours, fw._BoundedVad)
    upstream = vad.SileroVADModel.__new__(vad.SileroVADModel)
    upstream.session = ours.session
    theirs = upstream(pcm.copy())
    got = ours(pcm)
    assert got.shape == theirs.shape
    # One model, the same frames and state; the batch sizes differ, so the matrix
    # products round differently (1.8e-5 at most measured, tests/core/audio/test_live.py).
    assert np.allclose(got, theirs, atol=1e-4)
    fw.bound_vad_memory()  # once only
    assert vad.get_vad_model() is ours


def test_words_split_as_the_live_engine_groups_them(model: Any) -> None:
    tok = fw.tokenizer(model, "transcribe", "en")
    tokens = tok.encode(" Thank you, very much.")
    words, groups = tok.split_to_word_tokens(tokens)
    assert "".join(words) == " Thank you, very much."
    assert [t for g in groups for t in g] == tokens
    assert len(words) == len(groups)


class _Counting:
    """Stands in for the CTranslate2 model, counting the calls decoding.py's trimmer wraps."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.calls: list[str] = []

    def encode(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append("encode")
        return self.inner.encode(*args, **kwargs)

    def generate(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append("generate")
        return self.inner.generate(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def test_transcribe_goes_through_the_models_it_holds(model: Any, said: Pcm) -> None:
    """decoding.py swaps ``feature_extractor`` and ``model`` on a loaded model."""
    ct2, features = model.model, model.feature_extractor
    counting = _Counting(ct2)
    model.model = counting
    model.feature_extractor = BlockFeatureExtractor(**fw.feature_kwargs(model))
    try:
        segments, _ = model.transcribe(said, language="en", beam_size=1)
        text = "".join(s.text for s in segments)
    finally:
        model.model, model.feature_extractor = ct2, features
    assert speech.wer(SENTENCE, text) < 0.2
    assert "encode" in counting.calls and "generate" in counting.calls


def test_whole_chunks_stop_before_the_chunk_a_window_cannot_fill(
    model: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """faster-whisper takes each chunk as ``features[:, seek : seek + size]``."""
    pcm, placed = speech.long_recording(tmp_path_factory.mktemp("chunks"), 50.0, seed=3)
    content = model.feature_extractor(pcm).shape[-1] - 1
    features = model.feature_extractor
    extractor = BlockFeatureExtractor(**fw.feature_kwargs(model))
    model.feature_extractor = extractor
    try:
        with extractor.whole_chunks():
            segments, _ = model.transcribe(pcm, language="en", beam_size=1)
        kept = []
        with pytest.raises(fw.PartialChunk) as stopped:
            for segment in segments:
                kept.append(segment)
        everything, _ = model.transcribe(pcm, language="en", beam_size=1)
        everything = list(everything)
    finally:
        model.feature_extractor = features
    seek = stopped.value.seek
    assert seek > 0 and seek + fw.CHUNK_FRAMES > content - fw.EDGE_FRAMES
    # The same segments as a run over all of it, up to the part filled chunk it
    # goes on to decode from there.
    assert kept and [(s.seek, s.text) for s in kept] == [
        (s.seek, s.text) for s in everything if s.seek < seek
    ]
    assert min(s.seek for s in everything if s.seek >= seek) == seek
    assert speech.wer(" ".join(t for *_, t in placed), " ".join(s.text for s in everything)) < 0.1
