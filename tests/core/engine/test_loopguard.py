"""A repetition loop is collapsed, flagged, and decoding restarts without the prompt.

The model's output is scripted (fault injection): real tiny.en does not loop
on demand. Everything around it is the real engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from tests.helpers.logfail import LogFailHandler

from stenodesk.core.cancel import CancelToken
from stenodesk.core.engine.checkpoint import Prompt
from stenodesk.core.engine.decoding import Decoded
from stenodesk.core.engine.loopguard import LoopGuard, no_words
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.transcriber import Transcriber
from stenodesk.core.engine.windows import Window
from stenodesk.core.models.resolve import ModelResolver


def raw(start: float, end: float, text: str) -> SimpleNamespace:
    return SimpleNamespace(
        start=start,
        end=end,
        text=text,
        words=None,
        avg_logprob=-0.1,
        no_speech_prob=0.0,
        tokens=[1, 2, 3],
    )


class LoopingDecoder:
    """The first window loops on one sentence; later windows say something else."""

    def __init__(self) -> None:
        self.calls: list[tuple[float, Any]] = []
        self.windows: list[tuple[float, Any]] = []

    def __call__(
        self,
        model: Any,
        window: Window,
        options: TranscribeOptions,
        language: str | None,
        prompt: Prompt | None,
        /,
        *,
        cancel: CancelToken,
    ) -> Decoded:
        self.calls.append((window.start, prompt))
        if window.index >= 0:  # not a span of skipped speech decoded again
            self.windows.append((window.start, prompt))
        return Decoded(self._script(first=len(self.calls) == 1), None)

    @staticmethod
    def _script(*, first: bool) -> Iterator[Any]:
        if first:
            yield raw(0.0, 2.0, " Hello there.")
            for i in range(1, 8):
                yield raw(2.0 * i, 2.0 * i + 2.0, " Thanks for watching!")
        else:
            yield raw(0.0, 1.5, " After the loop.")


class DottingDecoder(LoopingDecoder):
    """The first window writes punctuation alone after its first sentence, as into silence."""

    @staticmethod
    def _script(*, first: bool) -> Iterator[Any]:
        if first:
            yield raw(0.0, 2.0, " Hello there.")
            yield raw(2.0, 4.0, " ...")
            yield raw(4.0, 6.0, " Still here.")
            for i in range(3, 40):
                yield raw(2.0 * i, 2.0 * i + 2.0, " . . ." if i % 2 else " ...")
        else:
            yield raw(0.0, 1.5, " After the dots.")


def _transcribe(
    decoder: LoopingDecoder, audio: Path, model_cache: Path, on_segment: Any = None
) -> Any:
    """The real engine over ``audio``, with ``decoder``'s script as the model's output."""
    engine = Transcriber(ModelResolver(model_cache), decode=decoder)
    options = TranscribeOptions(language="en", initial_prompt="Meeting notes.", cpu_threads=2)
    return engine.transcribe(audio, options, on_segment=on_segment)


def test_loop_is_collapsed_and_flagged(
    speech_wav: Path, model_cache: Path, logfail: LogFailHandler
) -> None:
    logfail.allow("stenodesk.core.engine.windowloop")
    decoder = LoopingDecoder()
    shown: list[str] = []
    result = _transcribe(
        decoder, speech_wav, model_cache, on_segment=lambda s: shown.append(s.text)
    )
    texts = [s.text.strip() for s in result.segments]
    assert texts[:3] == ["Hello there.", "Thanks for watching!", "After the loop."]
    assert result.segments[1].repeats_collapsed == 2
    assert shown.count(" Thanks for watching!") == 1, "repeats are never shown"
    # The window after the loop restarts where the third copy ended, with no prompt.
    assert decoder.calls[0] == (0.0, "Meeting notes.")
    assert decoder.calls[1] == (8.0, None)
    assert result.segments[2].start == 8.0


def test_punctuation_alone_is_dropped_and_a_run_of_it_is_a_loop(
    speech_wav: Path, model_cache: Path, logfail: LogFailHandler
) -> None:
    logfail.allow("stenodesk.core.engine.windowloop")
    decoder = DottingDecoder()
    result = _transcribe(decoder, speech_wav, model_cache)
    texts = [s.text.strip() for s in result.segments]
    assert texts[:3] == ["Hello there.", "Still here.", "After the dots."]
    assert not any(s.repeats_collapsed for s in result.segments), "nothing said was repeated"
    # The third mark in a row (6-12 s; the lone one at 2-4 s does not count) is a loop:
    # decoding goes on after it, without the marks as a prompt.
    assert decoder.windows[:2] == [(0.0, "Meeting notes."), (12.0, None)]
    assert result.segments[2].start == 12.0


def test_punctuation_alone_counts_as_one_sentence() -> None:
    guard = LoopGuard()
    assert not guard.feed(" ...")
    assert not guard.feed(" . . .")
    assert guard.feed("?!")
    assert not no_words(" ♪ ♪") and not no_words("3.") and no_words(" ¿… —")


def test_two_repeats_are_allowed() -> None:
    guard = LoopGuard()
    assert not guard.feed("Yes.")
    assert not guard.feed("yes!")
    assert guard.feed("YES")
    guard.reset()
    assert not guard.feed("yes")
