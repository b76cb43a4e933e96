"""Speech the decoder skipped is decoded again: a gap between segments, a stretched word.

The skips are injected (the real tiny.en does not skip on demand): a decoder
that drops a segment of the real decoder's output, or stretches a word over
the next one. The speech, the voice activity model and the second decoding
are real.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from tests.helpers import speech
from tests.helpers.recordings import ENGLISH, require, wer

from stenodesk.core.audio import vad
from stenodesk.core.audio.decode import SAMPLE_RATE
from stenodesk.core.cancel import CancelToken
from stenodesk.core.engine.decoding import Decoded, decode_window
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.recovery import CONTEXT_SECONDS, Recovery, SpeechMap
from stenodesk.core.engine.transcriber import Transcriber
from stenodesk.core.engine.windows import Window
from stenodesk.core.models.resolve import ModelResolver
from stenodesk.core.transcript import Segment, Word

SPOKEN = "The weather was cold and rainy all day long."


@pytest.fixture(scope="module")
def said(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    """2 s of silence, a sentence, 3 s of silence: about 8 s."""
    voice = speech.say_pcm(SPOKEN, tmp_path_factory.mktemp("said"))
    return np.concatenate([speech.silence(2.0), voice, speech.silence(3.0)])


def reader(pcm: np.ndarray) -> Any:
    def read(start: float, end: float) -> np.ndarray:
        return pcm[max(0, round(start * SAMPLE_RATE)) : round(end * SAMPLE_RATE)]

    return read


def raw_word(start: float, end: float, text: str) -> SimpleNamespace:
    return SimpleNamespace(start=start, end=end, word=text, probability=0.9)


def raw(words: list[SimpleNamespace]) -> SimpleNamespace:
    return SimpleNamespace(
        start=words[0].start,
        end=words[-1].end,
        text="".join(w.word for w in words),
        words=words,
        avg_logprob=-0.2,
        no_speech_prob=0.0,
        tokens=[1],
    )


def seg(words: list[tuple[float, float, str]]) -> Segment:
    ws = tuple(Word(a, b, t, 0.9) for a, b, t in words)
    return Segment(0, ws[0].start, ws[-1].end, "".join(w.text for w in ws), ws)


class Spans:
    """A decoder for spans: records each window and answers with scripted words (window times)."""

    def __init__(self, words: list[tuple[float, float, str]]) -> None:
        self.words = words
        self.windows: list[Window] = []

    def __call__(self, window: Window) -> list[Any]:
        self.windows.append(window)
        if not self.words:
            return []
        return [raw([raw_word(a - window.start, b - window.start, t) for a, b, t in self.words])]


def test_a_gap_that_holds_speech_is_decoded_again_in_context(said: np.ndarray) -> None:
    end = len(said) / SAMPLE_RATE
    speech_end = end - 3.0
    # What the decoder "heard" again, in file times: a word of the text before the gap
    # (in its context), the skipped words, and a word of the segment after it.
    spans = Spans([(1.6, 1.9, " before"), (2.1, 2.6, " The"), (2.6, 3.0, " weather"),
                   (speech_end + 0.2, speech_end + 0.5, " after")])  # fmt: skip
    recovery = Recovery(SpeechMap(reader(said)), reader(said), spans, end, words=True)
    after = seg([(speech_end + 0.1, speech_end + 0.6, " After.")])
    parts = recovery.repair(1.9, after)
    assert [p.text for p in parts] == [" The weather", " After."]
    assert parts[0].start == 2.1 and parts[0].end == 3.0
    window = spans.windows[0]
    assert window.start == max(0.0, 1.9 - CONTEXT_SECONDS)  # context, within the file
    assert window.end == pytest.approx(min(end, speech_end + 0.1 + CONTEXT_SECONDS), abs=1e-3)
    assert len(window.pcm) == round((window.end - window.start) * SAMPLE_RATE)
    assert recovery.recovered == 1


def test_a_gap_without_speech_is_left_alone(said: np.ndarray) -> None:
    spans = Spans([(0.5, 1.0, " ghost")])
    recovery = Recovery(SpeechMap(reader(said)), reader(said), spans, 8.0, words=True)
    end = len(said) / SAMPLE_RATE
    after = seg([(end - 0.5, end - 0.2, " end")])
    last = end - 3.0  # the sentence ends here; three silent seconds follow
    assert recovery.repair(last + 0.05, after) == [after]
    assert recovery.after_last(last + 0.05, end) == []
    assert spans.windows == [] and recovery.recovered == 0


def test_a_word_stretched_over_speech_is_replaced_by_what_is_said_there(said: np.ndarray) -> None:
    end = len(said) / SAMPLE_RATE
    speech_end = end - 3.0
    spans = Spans([(2.1, 2.6, " The"), (2.6, speech_end, " weather was cold")])
    recovery = Recovery(SpeechMap(reader(said)), reader(said), spans, end, words=False)
    stretched = seg([(1.0, 1.5, " So"), (1.5, 2.0, " um"), (2.0, speech_end, " the"),
                     (speech_end, speech_end + 0.3, " end")])  # fmt: skip
    parts = recovery.repair(0.0, stretched)
    assert [p.text for p in parts] == [" So um", " The weather was cold", " end"]
    assert parts[1].words == ()  # the job has no word times
    assert parts[0].words == stretched.words[:2] and parts[2].words == stretched.words[3:]
    assert parts[0].end == 2.0 and parts[2].start == speech_end


def test_what_the_second_decoding_does_not_find_stays_as_it_was(said: np.ndarray) -> None:
    end = len(said) / SAMPLE_RATE
    recovery = Recovery(SpeechMap(reader(said)), reader(said), Spans([]), end, words=True)
    stretched = seg([(1.5, end - 3.0, " hmm")])
    assert recovery.repair(0.0, stretched) == [stretched]
    assert recovery.recovered == 0


def test_speech_map_scores_by_blocks_as_the_whole_file(tmp_path: Path) -> None:
    pcm, placed = speech.long_recording(tmp_path, 130.0, seed=4)
    blocks = SpeechMap(reader(pcm))
    whole = SpeechMap(reader(pcm))
    whole.use(vad.speech_probabilities([pcm]))
    for start, end, _ in placed[:: max(1, len(placed) // 8)]:
        a, b = blocks.seconds(start, end), whole.seconds(start, end)
        assert a == pytest.approx(b, abs=0.2)  # blocks start the model afresh each minute
        assert a >= 0.6 * (end - start)
    assert blocks.seconds(50.0, 130.0) == pytest.approx(whole.seconds(50.0, 130.0), abs=0.5)
    assert blocks.seconds(5.0, 5.0) == 0.0
    # A stretch of the file on its own (a window's audio), counted from where it starts.
    at = 40.0
    part = pcm[round(at * SAMPLE_RATE) :]
    window = SpeechMap(
        lambda a, b: part[round((a - at) * SAMPLE_RATE) : round((b - at) * SAMPLE_RATE)], origin=at
    )
    for start, end, _ in placed:
        if start > at + 1.0:
            assert window.seconds(start, end) == pytest.approx(whole.seconds(start, end), abs=0.2)
    assert not blocks.whole and whole.whole


@pytest.fixture(scope="module")
def prompts_wav(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Six real prompts, 1 s apart, as a WAV file, and their text."""
    from faster_whisper.audio import decode_audio

    parts = []
    for recording in ENGLISH[:6]:
        parts += [speech.silence(1.0), decode_audio(str(require(recording)))]
    pcm = np.concatenate([*parts, speech.silence(1.0)])
    path = speech.write_wav(tmp_path_factory.mktemp("recovery") / "prompts.wav", pcm)
    return path, " ".join(r.text for r in ENGLISH[:6])


class Skipping:
    """The real decoder, but the windows' segments lose one (``drop``) or have a word
    stretched over the next segment, which is then lost (``stretch``)."""

    def __init__(self, how: str) -> None:
        self.how = how
        self.skipped: list[str] = []

    def __call__(self, *args: Any, cancel: CancelToken) -> Decoded:
        decoded = decode_window(*args, cancel=cancel)  # model, window, options, language, prompt
        window: Window = args[1]
        if window.index < 0:  # a span decoded again: as it is
            return decoded
        decoded.segments = self._skip(decoded.segments)
        return decoded

    def _skip(self, segments: Iterator[Any]) -> Iterator[Any]:
        held = list(segments)
        if len(held) >= 4 and not self.skipped:
            victim = held[2]
            self.skipped.append(victim.text)
            if self.how == "stretch":
                before = held[1]
                last = dataclasses.replace(before.words[-1], end=victim.end)
                held[1] = dataclasses.replace(
                    before, end=victim.end, words=[*before.words[:-1], last]
                )
            del held[2]
        yield from held


@pytest.mark.parametrize(
    ("how", "threads"),
    [("drop", 0), ("stretch", 0), ("drop", 2)],  # threads 2: one stream, windows keep audio
)
def test_a_skipped_sentence_comes_back(
    how: str,
    threads: int,
    model_cache: Path,
    prompts_wav: tuple[Path, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, "stenodesk.core.engine.recovery")
    path, text = prompts_wav
    skipping = Skipping(how)
    engine = Transcriber(ModelResolver(model_cache), decode=skipping)
    options = TranscribeOptions(
        model="tiny.en",
        device="cpu",
        compute_type="int8",
        vad_filter=True,
        word_timestamps=True,
        cpu_threads=threads,
    )
    result = engine.transcribe(path, options)
    assert skipping.skipped, "the decoder gave too few segments to skip one"
    got = " ".join(s.text for s in result.segments)
    assert "decoded again" in caplog.text
    # The lost sentence is back (tiny.en's WER on these prompts whole: 3-8 %).
    assert wer(text, got) <= 0.12, got
    lost = [w for w in speech.normalise(skipping.skipped[0]).split() if len(w) > 3]
    assert sum(w in speech.normalise(got).split() for w in lost) >= 0.7 * len(lost)
    starts = [s.start for s in result.segments]
    assert starts == sorted(starts)
