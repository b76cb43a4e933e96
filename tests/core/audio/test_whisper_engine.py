"""The live engine's decode: a shorter encoder input, and loops cut where they start over.

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
    loop_period,
)
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.transcript import Word

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


def plain(model: Any, pcm: Pcm, prompt: str, *, words: bool = True) -> list[Word]:
    """What faster-whisper itself makes of the audio, with the live engine's settings.

    ``words=False`` skips the word alignment (half the time of a short clip's
    decode) and gives each segment as one "word" without times. The text may
    differ: with word times faster-whisper goes on from the last word's end.
    """
    segments, _ = model.transcribe(
        pcm,
        language="en",
        beam_size=1,
        temperature=0.0,
        word_timestamps=words,
        condition_on_previous_text=False,
        vad_filter=False,
        initial_prompt=prompt or None,
        max_new_tokens=min(200, int(8 * len(pcm) / speech.SR) + 24),
    )
    if not words:
        return [Word(s.start, s.end, s.text, 1.0) for s in segments]
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


def test_the_encoder_sees_twenty_seconds_not_thirty(
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
    words = engine.decode(pcm, sentences[0][0])
    assert speech.wer(sentence, text(words)) == 0
    assert shapes == [2000]  # 20 s for a 3.9-s phrase, not 30
    assert engine.loops == 0


def prompted(decode: Any, clips: Sequence[tuple[str, Pcm]]) -> list[str]:
    """Each clip decoded with the text before it as the prompt, as live decoding runs."""
    said, before = [], ""
    for reference, pcm in clips:
        said.append(text(decode(pcm, before[-200:])))
        before = f"{before} {reference}"
    return said


def english() -> list[tuple[str, Pcm]]:
    return [(r.text, decode_all(recordings.require(r))) for r in recordings.ENGLISH]


def test_a_short_context_is_as_accurate_as_the_full_one(model: Any) -> None:
    # The 27 real recordings, 296 words. Measured: 1.0 % WER on both contexts. The
    # full one runs without word alignment, at half the time; with it, faster-whisper
    # decodes again after the last word's end, and its WER was 5.7 %.
    clips = english()
    engine = WhisperEngine(model, OPTIONS)
    refs = [recordings.normalise(t) for t, _ in clips]
    short = [recordings.normalise(t) for t in prompted(engine.decode, clips)]
    full_text = prompted(lambda a, p: plain(model, a, p, words=False), clips)
    full = [recordings.normalise(t) for t in full_text]
    short_wer, full_wer = jiwer.wer(refs, short), jiwer.wer(refs, full)
    assert full_wer < 0.1  # the reference itself is sound
    assert short_wer <= full_wer + 0.01, (short_wer, full_wer)


def test_a_decode_that_loops_is_cut_where_it_starts_over(model: Any) -> None:
    # With 1 s of padding and no minimum, about half of these decodes loop.
    engine = WhisperEngine(model, OPTIONS, context_pad=1.0, context_min=0.0)
    clips = english()
    said = prompted(engine.decode, clips)
    assert engine.loops >= 3
    for (reference, _), words in zip(clips, said, strict=True):
        assert loop_period(words.split()) is None, words
        assert len(words.split()) <= 2 * len(reference.split()), (reference, words)


def test_silence_gives_no_words(model: Any) -> None:
    engine = WhisperEngine(model, OPTIONS)
    assert engine.decode(np.zeros(2 * speech.SR, dtype=np.float32), "Hello.") == []


@pytest.mark.parametrize(
    ("words", "period"),
    [
        ("a b c a b c", 3),
        ("a b c a b c a", 3),
        ("you are muted . you are muted . you are", 4),  # the full stop stays
        ("press 1 to send press 1 to send press 1 press 1 press", 4),  # a frayed loop
        ("a b c d a b c", 4),
        ("a b c d b c d", None),  # a repeat, but not of the start
        ("a b c d e a b c x y", None),  # the start said again, then something else
        ("no , no , no", None),  # a unit under three words
        ("press one . press two . press three", None),
        ("", None),
    ],
)
def test_loop_period(words: str, period: int | None) -> None:
    assert loop_period(words.split()) == period


def test_heard_tokens_drops_segments_that_start_after_the_audio() -> None:
    ts, eot = 1000, 900  # timestamp tokens from 1000 (0.02 s each); text below 900
    # <0.00> 1 2 <1.00> <1.00> 3 <2.00> <2.96> 4 5 (no closing timestamp), 3 s of audio
    tokens = [ts, 1, 2, ts + 50, ts + 50, 3, ts + 100, ts + 148, 4, 5, eot]
    assert heard_tokens(tokens, ts, eot, 300) == [1, 2, 3]
    assert heard_tokens(tokens, ts, eot, 400) == [1, 2, 3, 4, 5]
    assert heard_tokens([1, 2, eot], ts, eot, 300) == [1, 2]  # no timestamps at all


@pytest.mark.parametrize(
    ("content", "pad", "minimum", "frames"),
    [
        (390, 3.0, 20.0, 2000),
        (1700, 3.0, 20.0, 2000),
        (1701, 3.0, 20.0, 2100),
        (2950, 3.0, 20.0, 3000),
        (120, None, 20.0, 3000),
        (390, 1.0, 0.0, 500),
    ],
)
def test_context_frames(content: int, pad: float | None, minimum: float, frames: int) -> None:
    assert context_frames(content, pad, minimum) == frames
    assert context_frames(content, pad, minimum) <= FULL_FRAMES
