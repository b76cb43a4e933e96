"""One window decoded into segments: seams, echoes, loops, prompts and GPU failures.

The :class:`~.transcriber.Transcriber` cuts a file into windows and hands each
to :meth:`WindowLoop.run_window` with the job's :class:`JobRun` (the state
carried from window to window). Decoding itself goes through a
:data:`DecodeWindow` callable, :func:`~.decoding.decode_window` unless the
caller gives another: tests script the model's output through it to inject
faults (a repetition loop) that a real model does not produce on demand.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal, Protocol

from stenodesk.core.audio.decode import SAMPLE_RATE, Pcm
from stenodesk.core.cancel import CancelToken
from stenodesk.core.engine.checkpoint import PROMPT_TOKENS, Prompt, ResumePoint
from stenodesk.core.engine.decoding import (
    Decoded,
    SeamHold,
    decode_window,
    echoes_previous,
    in_trailing_silence,
    to_segment,
)
from stenodesk.core.engine.device import DevicePlan, is_gpu_failure
from stenodesk.core.engine.loopguard import LoopGuard, no_words, normalise
from stenodesk.core.engine.modelcache import LoadedModel
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.recovery import ReadSpan, Recovery, SpeechMap
from stenodesk.core.engine.result import Progress
from stenodesk.core.engine.windows import Window
from stenodesk.core.transcript import Segment

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = logging.getLogger(__name__)


class DecodeWindow(Protocol):
    """Starts decoding one window: model, window, options, language (None: detect) and prompt.

    ``cancel`` lets a decoder that works in parts stop between them.
    """

    def __call__(
        self,
        model: WhisperModel,
        window: Window,
        options: TranscribeOptions,
        language: str | None,
        prompt: Prompt | None,
        /,
        *,
        cancel: CancelToken,
    ) -> Decoded: ...


FallBack = Callable[
    [TranscribeOptions, BaseException, Callable[[str], None], DevicePlan],
    tuple[LoadedModel, TranscribeOptions],
]
"""Called with a GPU failure during a window and the plan that failed; returns the model and
options to go on with (on the GPU with float16, int8_float16 or a smaller batch where that
helps, else the CPU)."""


@dataclass
class JobRun:
    """The mutable state of one job while it runs."""

    options: TranscribeOptions
    language: str | None
    language_probability: float
    prompt: Prompt | None
    next_segment: int
    last: Segment | None
    """The last segment reported, possibly from a window before a resume."""
    revised: list[Segment]
    started: float
    resumed_from: float
    duration: float
    notices: list[str]
    cancel: CancelToken
    on_segment: Callable[[Segment], None] | None
    on_progress: Callable[[Progress], None] | None
    on_notice: Callable[[str], None] | None
    read: ReadSpan | None = None
    """The file's audio between two times, to decode again what the decoder skipped
    (see ``recovery``); None: not looked for."""
    speech: SpeechMap | None = None
    """Where the file's speech is (with ``read``)."""
    reached: float = 0.0
    """The furthest position reported: a progress bar never moves back, even
    when a segment's end runs past the cut its window is decoded again from."""

    def progress(self, position: float) -> None:
        self.reached = position = max(self.reached, position)
        if self.on_progress is not None:
            elapsed = time.monotonic() - self.started
            duration = max(self.duration, position)
            self.on_progress(Progress(position, duration, elapsed, start=self.resumed_from))

    def notice(self, text: str) -> None:
        self.notices.append(text)
        if self.on_notice is not None:
            self.on_notice(text)

    def resume_point(self, *, window_index: int, position: float) -> ResumePoint:
        """Where a later run would continue from, after the window just done."""
        return ResumePoint(
            position=position,
            window_index=window_index,
            prompt=self.prompt,
            language=self.language,
            language_probability=self.language_probability,
            next_segment=self.next_segment,
            previous=self.last,
        )


class WindowLoop:
    """Turns one window's decoder output into the job's segments.

    Args:
        decode: starts decoding a window (the real decoder when None).
        fall_back: recovers from a GPU failure part way through a window.
    """

    def __init__(self, decode: DecodeWindow | None, fall_back: FallBack) -> None:
        self._decode_window: DecodeWindow = decode or decode_window
        self._fall_back = fall_back

    def run_window(
        self,
        loaded: LoadedModel,
        window: Window,
        run: JobRun,
        segments: list[Segment],
        decoded: Decoded | None = None,
    ) -> tuple[LoadedModel, float | None]:
        """Decode one window (``decoded``: already started elsewhere, see ``parallel.WindowPool``).

        Returns the model now in use and, when the window was abandoned part
        way (a repetition loop, a GPU failure) or cut inside speech, the
        offset in the window from which the rest must be decoded again.
        """
        guard = LoopGuard()
        tokens: list[int] = []
        reset = False  # a chunk decoded at a high temperature: the prompt starts again after it
        held: list[Segment] = []  # repeats of the last sentence, not yet shown
        done = 0.0  # offset in the window up to which text was produced
        try:
            if decoded is None:
                decoded = self._decode(loaded.model, window, run)
            else:
                _note_language(run, decoded.info)
            # A batched or whole-chunk window ends where the decoder chose; others may be cut
            # in speech.
            seam = SeamHold(window, decided_end=lambda: decoded.held_back)
            recovery = self._recovery(loaded, window, run, tokens)
            after = window.start + (window.speech_start or 0.0)  # the end of the text so far
            for raw in seam(decoded.segments):
                run.cancel.raise_if_cancelled()
                seg = to_segment(raw, window, run.next_segment)
                verdict = _screen(raw, seg, window, run, guard)
                if verdict == "loop":
                    _flush(held, segments, run)
                    return loaded, _restart_after(seg, window, run, "punctuation alone")
                if verdict == "drop":
                    continue
                parts = recovery.repair(after, seg) if recovery is not None else [seg]
                reset = _take_tokens(tokens, raw) or reset
                for part in parts:
                    if guard.feed(part.text):
                        return loaded, _collapse_loop(segments, held, part, window, run)
                    _show(part, held, segments, run)
                after = max(after, seg.end)
                done = seg.end - window.start
                run.progress(seg.end)
            restart = decoded.held_back if decoded.held_back is not None else seam.restart_at
            if recovery is not None and restart is None and window.speech_end is not None:
                for part in recovery.after_last(after, window.start + window.speech_end):
                    _show(part, held, segments, run)
        except (RuntimeError, OSError) as exc:
            if loaded.plan.device != "cuda" or not is_gpu_failure(exc):
                raise
            _flush(held, segments, run)
            loaded, run.options = self._fall_back(run.options, exc, run.notice, loaded.plan)
            return loaded, done
        _flush(held, segments, run)
        _carry_prompt(run, tokens, reset=reset)
        return loaded, restart

    def _recovery(
        self, loaded: LoadedModel, window: Window, run: JobRun, tokens: list[int]
    ) -> Recovery | None:
        """What decodes again the speech this window's decoder skips (see ``recovery``).

        Where the speech is: the whole file's scores when the windows were planned
        with them, else the window's own audio while it holds it (one stream),
        else the file read again a block at a time (two streams drop it).
        """
        if run.read is None or run.speech is None:
            return None
        speech = run.speech
        if not speech.whole and len(window.pcm) == window.samples:
            speech = SpeechMap(functools.partial(_audio_of, window), origin=window.start)
        options = run.options.with_(vad_filter=False, batch_size=0, word_timestamps=True)

        def decode(span: Window) -> Any:
            prompt = carried_prompt(run.options, run.prompt, tokens, reset=False)
            decoded = self._decode_window(
                loaded.model, span, options, run.language, prompt, cancel=run.cancel
            )
            return decoded.segments

        return Recovery(speech, run.read, decode, window.end, words=run.options.word_timestamps)

    def start(
        self, model: Any, window: Window, run: JobRun, language: str | None, prompt: Prompt | None
    ) -> Decoded:
        """Start decoding ``window`` from ``language`` and ``prompt`` (in a worker's thread
        for ``parallel.WindowPool``)."""
        return self._decode_window(model, window, run.options, language, prompt, cancel=run.cancel)

    def _decode(self, model: Any, window: Window, run: JobRun) -> Decoded:
        decoded = self.start(model, window, run, run.language, run.prompt)
        _note_language(run, decoded.info)
        return decoded


def _screen(
    raw: Any, seg: Segment, window: Window, run: JobRun, guard: LoopGuard
) -> Literal["keep", "drop", "loop"]:
    """Whether to keep a segment, drop it, or stop at a loop of punctuation alone."""
    if not seg.text.strip() or in_trailing_silence(raw, window):
        return "drop"
    if no_words(seg.text):
        # Not speech: never shown nor carried as a prompt; a run of them is a loop.
        return "loop" if guard.feed(seg.text) else "drop"
    if echoes_previous(raw, window, run.last):
        log.info("dropped an echo of the previous segment at %.2fs", seg.start)
        return "drop"
    return "keep"


def _note_language(run: JobRun, info: Any | None) -> None:
    """The job's language, once a window's decoder has detected it."""
    if run.language is None and info is not None:
        run.language = info.language
        run.language_probability = float(info.language_probability)
        log.info("detected language %s (%.2f)", info.language, info.language_probability)


PROMPT_RESET_TEMPERATURE = 0.5
"""faster-whisper's ``prompt_reset_on_temperature``: after a chunk decoded hotter than
this, the next chunk starts without the text before it."""


def _carry_prompt(run: JobRun, tokens: list[int], *, reset: bool) -> None:
    """The prompt the next window starts with, as faster-whisper would carry it.

    ``tokens``: the window's since its last reset, if ``reset``.
    """
    run.prompt = carried_prompt(run.options, run.prompt, tokens, reset=reset)


def carried_prompt(
    options: TranscribeOptions, previous: Prompt | None, tokens: list[int], *, reset: bool
) -> Prompt | None:
    """The prompt after a window that started from ``previous`` and gave ``tokens``."""
    if options.batch_size > 0:
        return options.initial_prompt  # batched decoding never conditions
    if not options.condition_on_previous_text:
        return None
    before = previous if isinstance(previous, tuple) and not reset else ()
    carried = (*before, *tokens)[-PROMPT_TOKENS:]
    return carried or (None if reset else previous)


def prompt_after(options: TranscribeOptions, previous: Prompt | None, raw: list[Any]) -> Any:
    """:func:`carried_prompt` from a window's decoder output (for ``parallel.WindowPool``)."""
    tokens: list[int] = []
    reset = False
    for segment in raw:
        if segment.text.strip():
            reset = _take_tokens(tokens, segment) or reset
    return carried_prompt(options, previous, tokens, reset=reset)


def _take_tokens(tokens: list[int], raw: Any) -> bool:
    """Add a segment's tokens to the prompt being carried; True when it resets it (hot)."""
    tokens.extend(raw.tokens)
    if (getattr(raw, "temperature", None) or 0.0) > PROMPT_RESET_TEMPERATURE:
        tokens.clear()
        return True
    return False


def _collapse_loop(
    segments: list[Segment],
    held: list[Segment],
    looped: Segment,
    window: Window,
    run: JobRun,
) -> float | None:
    """Keep one copy of the looping sentence, flag it, restart after the loop."""
    repeats = len(held) + 1
    if run.last is not None:
        first = run.last
        run.last = replace(first, repeats_collapsed=first.repeats_collapsed + repeats)
        run.revised.append(run.last)
        if segments and segments[-1].index == first.index:
            segments[-1] = run.last
    held.clear()
    return _restart_after(looped, window, run, f"repeated {repeats + 1} times")


def _restart_after(looped: Segment, window: Window, run: JobRun, why: str) -> float | None:
    """Where the window is decoded again after a loop, without the text before it."""
    run.prompt = None  # the previous text is what feeds a loop
    log.warning("loop guard: %r %s at %.1fs", looped.text.strip(), why, looped.start)
    restart = max(looped.end - window.start, 1.0)
    if restart >= window.end - window.start - 0.5:
        return None  # the loop ran to the end of the window
    return restart


def _audio_of(window: Window, start: float, end: float) -> Pcm:
    """``window``'s audio between two times of the file."""
    first = max(0, round((start - window.start) * SAMPLE_RATE))
    return window.pcm[first : round((end - window.start) * SAMPLE_RATE)]


def _show(seg: Segment, held: list[Segment], segments: list[Segment], run: JobRun) -> None:
    """Report ``seg``, or hold it while it repeats the last one (it may start a loop)."""
    if held and not _same(held[-1], seg):
        _flush(held, segments, run)
    if run.last is not None and _same(run.last, seg):
        held.append(seg)
    else:
        _emit(seg, segments, run)


def _flush(held: list[Segment], segments: list[Segment], run: JobRun) -> None:
    for seg in held:
        _emit(seg, segments, run)
    held.clear()


def _emit(seg: Segment, segments: list[Segment], run: JobRun) -> None:
    seg = replace(seg, index=run.next_segment)
    run.next_segment += 1
    run.last = seg
    segments.append(seg)
    if run.on_segment is not None:
        run.on_segment(seg)


def _same(a: Segment, b: Segment) -> bool:
    return normalise(a.text) == normalise(b.text)
