"""The live engine's decode: a short encoder input, and the full one when that loops.

Real tiny.en on real speech: espeak-ng sentences and Asterisk's English
prompts (studio recordings). Plain faster-whisper on the same audio is the
reference.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import jiwer
import numpy as np
import pytest
from tests.helpers import recordings, speech

from stenodesk.core.audio.decode import Pcm, decode_all
from stenodesk.core.audio.engine import (
    FULL_FRAMES,
    WhisperEngine,
    context_frames,
    heard_tokens,
    looped,
)
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Word

OPTIONS = TranscribeOptions(
    model="tiny.en", compute_type="int8", cpu_threads=2, language="en", beam_size=1
)


@pytest.fixture(scope="module")
def model(transcriber: Any) -> Any:
    return transcriber.model_for(OPTIONS)


@pytest.fixture(scope="module")
def sentences(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Pcm]]:
    """Each test sentence alone, with the padding the live policy cuts a phrase with."""
    tmp = tmp_path_factory.mktemp("say")
    pad = speech.silence(0.2)
    return [(s, np.concatenate([pad, speech.say_pcm(s, tmp), pad])) for s in speech.SENTENCES]


def plain(model: Any, pcm: Pcm, prompt: str) -> list[Word]:
    """What faster-whisper itself makes of the audio, with the live engine's settings."""
    segments, _ = model.transcribe(
        pcm,
        language="en",
        beam_size=1,
        temperature=0.0,
        word_timestamps=True,
        condition_on_previous_text=False,
        vad_filter=False,
        initial_prompt=prompt or None,
        max_new_tokens=min(200, int(8 * len(pcm) / speech.SR) + 24),
    )
    return [Word(w.start, w.end, w.word, w.probability) for s in segments for w in s.words]


def text(words: Sequence[Word]) -> str:
    return "".join(w.text for w in words)


def test_on_the_full_context_it_decodes_as_faster_whisper_does(
    model: Any, sentences: list[tuple[str, Pcm]]
) -> None:
    full = WhisperEngine(model, OPTIONS, context_pad=None)
    for i, (_, pcm) in enumerate(sentences[:6]):
        prompt = sentences[i - 1][0] if i else ""
        ours, theirs = full.decode(pcm, prompt), plain(model, pcm, prompt)
        assert [w.text for w in ours] == [w.text for w in theirs]
        for a, b in zip(ours, theirs, strict=True):
            assert abs(a.start - b.start) <= 0.02 and abs(a.end - b.end) <= 0.02, (a, b)


def test_the_encoder_sees_the_audio_and_a_second_more(
    model: Any, sentences: list[tuple[str, Pcm]], monkeypatch: pytest.MonkeyPatch
) -> None:
    shapes: list[int] = []
    encode = model.encode

    def spy(features: np.ndarray) -> Any:
        shapes.append(features.shape[-1])
        return encode(features)

    monkeypatch.setattr(model, "encode", spy)
    engine = WhisperEngine(model, OPTIONS)
    sentence, pcm = sentences[1]
    words = engine.decode(pcm, "")
    assert speech.wer(sentence, text(words)) == 0
    seconds = len(pcm) / speech.SR
    assert shapes == [100 * int(np.ceil(seconds + 1.0))]  # 5 s for a 3.9-s phrase, not 30
    assert engine.full_context_decodes == 0


def test_a_short_context_is_as_accurate_as_the_full_one(
    model: Any, sentences: list[tuple[str, Pcm]]
) -> None:
    clips = [(r.text, decode_all(recordings.require(r))) for r in recordings.ENGLISH]
    clips += sentences
    engine = WhisperEngine(model, OPTIONS)
    refs = [recordings.normalise(t) for t, _ in clips]
    short = [recordings.normalise(text(engine.decode(pcm, ""))) for _, pcm in clips]
    full = [recordings.normalise(text(plain(model, pcm, ""))) for _, pcm in clips]
    short_wer, full_wer = jiwer.wer(refs, short), jiwer.wer(refs, full)
    assert full_wer < 0.1  # the reference itself is sound
    assert short_wer <= full_wer + 0.01, (short_wer, full_wer)
    # Some short decodes loop on these prompts and are run again (3 of 39 here).
    assert engine.full_context_decodes < len(clips) // 4


def test_a_decode_that_loops_is_run_again_on_the_full_context(
    model: Any, sentences: list[tuple[str, Pcm]], monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = WhisperEngine(model, OPTIONS)
    decode = WhisperEngine._decode
    pads: list[float | None] = []

    def loops_when_short(self: WhisperEngine, *args: Any) -> list[Word]:
        *_, pad = args
        pads.append(pad)
        words = decode(self, *args)
        return words + words if pad is not None else words  # the phrase, twice

    monkeypatch.setattr(WhisperEngine, "_decode", loops_when_short)
    sentence, pcm = sentences[2]
    words = engine.decode(pcm, "")
    assert pads == [1.0, None]
    assert engine.full_context_decodes == 1
    assert speech.wer(sentence, text(words)) == 0


def test_silence_gives_no_words(model: Any) -> None:
    engine = WhisperEngine(model, OPTIONS)
    assert engine.decode(np.zeros(2 * speech.SR, dtype=np.float32), "Hello.") == []


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("a b c a b c", True),
        ("a b c a b c a", True),
        ("you are muted. you are muted. you are", True),
        ("a b c d a b c", True),
        ("a b c d b c d", False),  # a repeat, but not of the start
        ("no, no, no", False),  # a unit under three words
        ("press one. press two. press three", False),
        ("", False),
    ],
)
def test_looped(words: str, expected: bool) -> None:
    assert looped([Word(0, 0, " " + w, 1.0) for w in words.split()]) is expected


def test_heard_tokens_drops_segments_that_start_after_the_audio() -> None:
    ts, eot = 1000, 900  # timestamp tokens from 1000 (0.02 s each); text below 900
    # <0.00> 1 2 <1.00> <1.00> 3 <2.00> <2.96> 4 5 (no closing timestamp), 3 s of audio
    tokens = [ts, 1, 2, ts + 50, ts + 50, 3, ts + 100, ts + 148, 4, 5, eot]
    assert heard_tokens(tokens, ts, eot, 300) == [1, 2, 3]
    assert heard_tokens(tokens, ts, eot, 400) == [1, 2, 3, 4, 5]
    assert heard_tokens([1, 2, eot], ts, eot, 300) == [1, 2]  # no timestamps at all


@pytest.mark.parametrize(
    ("content", "pad", "frames"),
    [(390, 1.0, 500), (400, 1.0, 500), (401, 1.0, 600), (2950, 1.0, 3000), (120, None, 3000)],
)
def test_context_frames(content: int, pad: float | None, frames: int) -> None:
    assert context_frames(content, pad) == frames
    assert context_frames(content, pad) <= FULL_FRAMES
