"""The live policy over real speech and the real tiny.en, fed in pieces as a microphone would."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
from tests.helpers import pulse, speech

from stenodesk.core.audio.decode import Pcm
from stenodesk.core.audio.engine import LiveEngine, WhisperEngine
from stenodesk.core.audio.live import LiveOptions, LiveTranscriber
from stenodesk.core.audio.vad import WINDOW, StreamingVad
from stenodesk.core.audio.words import agreed_prefix, fresh_words
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.transcript import Word

SR = speech.SR


def make_talk(tmp: Path, sentences: Sequence[str], pause: float) -> pulse.Clip:
    return pulse.make_clip(tmp / "talk.wav", tuple(sentences), pause=pause)


@pytest.fixture(scope="module")
def talk(tmp_path_factory: pytest.TempPathFactory) -> pulse.Clip:
    return make_talk(tmp_path_factory.mktemp("talk"), speech.SENTENCES[:3], pause=1.2)


@dataclass
class Recorder:
    """The real engine, with a note of what it was asked (not a fake: it decodes)."""

    engine: LiveEngine
    calls: list[tuple[float, str]] = field(default_factory=list)
    drafts: int = 0

    def decode(self, pcm: Pcm, prompt: str, *, draft: bool = False) -> Sequence[Word]:
        self.calls.append((len(pcm) / SR, prompt))
        self.drafts += draft
        return self.engine.decode(pcm, prompt, draft=draft)


@pytest.fixture(scope="module")
def engine(transcriber: object) -> WhisperEngine:
    options = TranscribeOptions(compute_type="int8", cpu_threads=2, language="en")
    return WhisperEngine.from_transcriber(transcriber, options)  # type: ignore[arg-type]


def test_phrases_commit_at_pauses_and_agreement_commits_while_speaking(
    talk: pulse.Clip, engine: WhisperEngine
) -> None:
    spy = Recorder(engine)
    # A hypothesis every second of audio, however long decoding takes on this machine.
    live = LiveTranscriber(spy, LiveOptions(busy_share=0.0))
    tentative, commits = [], []
    for i in range(0, len(talk.pcm), SR // 10):  # 100 ms at a time, as from a microphone
        live.feed(talk.pcm[i : i + SR // 10])
        update = live.step()
        if update is not None:
            commits += update.committed
            tentative.append(update.tentative)
    commits += live.finish().committed
    assert speech.wer(talk.text, live.text) <= 0.2, live.text
    assert [c.text for c in commits] == [c.text for c in live.committed]
    assert any(tentative)
    # Hypotheses while speaking were drafts; phrases were decoded in full at their pauses.
    assert 0 < spy.drafts < len(spy.calls)

    m = live.metrics()
    assert len(m.phrases) == len(talk.placed)
    for phrase, (start, end, _) in zip(m.phrases, talk.placed, strict=True):
        assert abs(phrase.start - start) <= 0.3
        assert abs(phrase.end - end) <= 0.3
        # Committed after its speech ended, once the pause was long enough.
        assert 0 <= phrase.latency <= live.options.end_silence + 0.5
    for c in commits:  # every commit lies within its sentence
        assert any(s - 0.3 <= c.start <= c.end <= e + 0.3 for s, e, _ in talk.placed), c
    # LocalAgreement committed part of a sentence before the sentence was over.
    assert any(c.committed_at < e for c in commits for s, e, _ in talk.placed if s <= c.start)
    # Committed text became the prompt of later decodes.
    first = talk.placed[0][2].split()[-1].strip(".").lower()
    assert any(first in prompt.lower() for _, prompt in spy.calls[1:])
    assert all(seconds <= live.options.max_window for seconds, _ in spy.calls)


def test_a_backlog_is_decoded_in_long_steps_not_dropped(
    tmp_path: Path, engine: WhisperEngine
) -> None:
    """An engine that could not keep up: all audio waits, then goes in a few long decodes."""
    talk = make_talk(tmp_path, speech.SENTENCES[3:10], pause=0.8)
    spy = Recorder(engine)
    live = LiveTranscriber(spy)
    live.feed(talk.pcm)  # everything arrived while the engine was busy
    update = live.finish()
    assert speech.wer(talk.text, live.text) <= 0.2, live.text
    assert len(talk.pcm) / SR > live.options.max_window  # more than one window's worth
    assert 2 <= len(spy.calls) <= 3
    assert all(s <= live.options.max_window for s, _ in spy.calls)
    # One commit per phrase, even when one decode held several.
    assert len(update.committed) == len(talk.placed)
    assert len(live.metrics().phrases) == len(talk.placed)


def test_silence_and_noise_are_never_decoded(engine: WhisperEngine) -> None:
    spy = Recorder(engine)
    live = LiveTranscriber(spy)
    rng = np.random.default_rng(3)
    for _ in range(60):  # 6 s of faint noise
        live.feed((rng.standard_normal(SR // 10) * 0.002).astype(np.float32))
        assert live.step() is None
    assert live.finish().committed == ()
    assert spy.calls == []
    assert live.metrics().audio_seconds == pytest.approx(6.0)


@pytest.mark.parametrize("streamed", [True, False])
def test_a_phrase_longer_than_a_window_is_cut_without_losing_words(
    tmp_path: Path, engine: WhisperEngine, streamed: bool
) -> None:
    """Cut at committed text while streaming; cut at a window's end for a backlog."""
    talk = make_talk(tmp_path, speech.SENTENCES[:4], pause=0.2)  # pauses too short to end phrases
    spy = Recorder(engine)
    live = LiveTranscriber(spy, LiveOptions(max_window=6.0, trim_seconds=4.0))
    piece = SR // 5 if streamed else len(talk.pcm)
    for i in range(0, len(talk.pcm), piece):
        live.feed(talk.pcm[i : i + piece])
        live.step()
    live.finish()
    assert speech.wer(talk.text, live.text) <= 0.2, live.text
    assert max(s for s, _ in spy.calls) <= 6.0


def test_streaming_vad_equals_faster_whisper_on_the_whole(talk: pulse.Clip) -> None:
    from faster_whisper.vad import get_vad_model

    n = len(talk.pcm) // WINDOW * WINDOW
    whole = np.asarray(get_vad_model()(talk.pcm[:n])).reshape(-1)
    vad = StreamingVad()
    rng = np.random.default_rng(5)
    i = 0
    while i < n:
        step = int(rng.integers(1, 3000))
        vad.feed(talk.pcm[i : min(n, i + step)])
        i += step
    assert vad.windows == n // WINDOW
    spans = vad.spans(0, n, min_silence=0.5)
    assert [s.closed for s in spans] == [True] * len(talk.placed)
    for span, (start, end, _) in zip(spans, talk.placed, strict=True):
        assert abs(span.seconds[0] - start) <= 0.2
        assert abs(span.seconds[1] - end) <= 0.2
    # The same model over other batch sizes: its matrix products round differently
    # (1.8e-5 at most measured here), which moves no decision.
    assert np.allclose(vad.probabilities, whole, atol=1e-4)


def w(text: str, start: float, end: float) -> Word:
    return Word(start, end, text, 0.9)


def test_local_agreement_commits_the_common_prefix() -> None:
    before = [w(" Good", 0.0, 0.3), w(" morning,", 0.3, 0.7), w(" every", 0.7, 1.0)]
    now = [w(" good", 0.0, 0.3), w(" morning", 0.3, 0.7), w(" everyone.", 0.7, 1.2)]
    assert agreed_prefix(before, now, cut=2.0) == 2
    # A word that ran to the end of the audio it was heard in may be cut short.
    assert agreed_prefix(before, now, cut=1.1) == 2
    assert agreed_prefix(before, now, cut=0.8) == 1
    assert agreed_prefix([], now, cut=2.0) == 0


def test_fresh_words_drop_what_was_committed() -> None:
    committed = [w(" We", 1.0, 1.2), w(" will", 1.2, 1.4), w(" talk", 1.4, 1.8)]
    again = [w(" We", 1.0, 1.2), w(" will", 1.2, 1.4), w(" talk", 1.4, 1.8), w(" about", 1.8, 2.1)]
    assert [x.text for x in fresh_words(committed, again)] == [" about"]
    # Timestamps that moved: the repeated words are recognised by text at the seam.
    shifted = [w(" will", 1.7, 1.85), w(" talk", 1.85, 2.0), w(" about", 2.0, 2.3)]
    assert [x.text for x in fresh_words(committed, shifted)] == [" about"]
    assert [x.text for x in fresh_words([], again)] == [x.text for x in again]
