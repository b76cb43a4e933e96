"""The Transcriber: faster-whisper run window by window over a media file.

One model stays loaded (:mod:`.modelcache`) and is reused while jobs ask
for the same model, device and compute type. Audio is decoded in blocks and
cut into windows at pauses (see :mod:`.windows`), so memory is bounded and
the first text comes quickly; segments stream out through callbacks as they
are produced, with absolute timestamps. A cancel token is checked between segments.

After each window the engine reports a :class:`WindowDone` whose
:class:`ResumePoint` lets a later run continue from there with the same
result as an uninterrupted one (``core.jobs`` keeps them in a journal).
Where a window had to be cut inside speech, its last segment is not kept:
the next window starts where that segment started, so the words at the seam
are decoded once, whole. Memory is flat over any length: features are
computed a block at a time (:mod:`.features`) and the memory a window freed
goes back to the system before the next (:mod:`.memory`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from stenodesk.core.audio.decode import SAMPLE_RATE, iter_pcm, probe
from stenodesk.core.cancel import NEVER, CancelToken
from stenodesk.core.engine.checkpoint import PROMPT_TOKENS, Prompt, ResumePoint, WindowDone
from stenodesk.core.engine.decoding import (
    Decoded,
    SeamHold,
    decode_window,
    echoes_previous,
    in_trailing_silence,
    to_segment,
)
from stenodesk.core.engine.device import (
    DevicePlan,
    DevicePlanner,
    cpu_only_planner,
    cpu_plan,
    is_gpu_failure,
)
from stenodesk.core.engine.gpufallback import float16_retry
from stenodesk.core.engine.loopguard import LoopGuard
from stenodesk.core.engine.memory import release_free_memory
from stenodesk.core.engine.modelcache import LoadedModel, ModelCache, ModelKey, ModelResolver
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Progress, Segment, Transcript, TranscriptInfo
from stenodesk.core.engine.windows import Window, Windower, WindowPlan
from stenodesk.core.errors import ErrorKind, StenodeskError, user_message

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = logging.getLogger(__name__)

__all__ = ["ModelResolver", "Transcriber"]


@dataclass
class _Run:
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


class Transcriber:
    """Runs transcription jobs, one at a time, with a cached model.

    Args:
        resolve_model: maps a model name or folder to a ready model folder;
            raises StenodeskError (MODEL_MISSING, MODEL_CORRUPT, ...).
        plan_device: picks device and compute type for a job.
        window_plan: window sizes; the defaults suit every model.
    """

    def __init__(
        self,
        resolve_model: ModelResolver,
        plan_device: DevicePlanner = cpu_only_planner,
        window_plan: WindowPlan | None = None,
    ) -> None:
        self._models = ModelCache(resolve_model)
        self._plan_device = plan_device
        self._window_plan = window_plan or WindowPlan()

    # -- models -----------------------------------------------------------

    def load(self, options: TranscribeOptions) -> DevicePlan:
        """Load (or keep) the model the options ask for; return the device plan used."""
        plan = self._plan_device(options)
        return self._load(options, plan).plan

    def _load(self, options: TranscribeOptions, plan: DevicePlan) -> LoadedModel:
        return self._models.get(options, plan)

    def model_for(self, options: TranscribeOptions) -> WhisperModel:
        """The cached model for ``options``, loaded if needed (live transcription uses it)."""
        return self._load(options, self._plan_device(options)).model

    def unload(self) -> None:
        """Drop the cached model and the memory it holds."""
        self._models.unload()

    @property
    def loaded_key(self) -> ModelKey | None:
        return self._models.key

    # -- jobs -------------------------------------------------------------

    def transcribe(
        self,
        source: str | Path,
        options: TranscribeOptions,
        *,
        cancel: CancelToken = NEVER,
        on_segment: Callable[[Segment], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        on_window: Callable[[WindowDone], None] | None = None,
        on_notice: Callable[[str], None] | None = None,
        resume: ResumePoint | None = None,
    ) -> Transcript:
        """Transcribe a media file.

        Args:
            resume: continue a job from this point (from an earlier run's
                :class:`WindowDone`); the returned transcript then holds only
                the segments from there on.
            on_window: called after each window with the point a later run
                could resume from.

        Raises:
            StenodeskError: a bad input file, a missing or broken model, a
                language the model does not speak.
            Cancelled: the token was set; segments already reported stand.
        """
        options.validate()
        source = Path(source)
        media = probe(source)
        plan = self._plan_device(options)
        try:
            loaded = self._load(options, plan)
        except (RuntimeError, OSError) as exc:
            loaded = self._fall_back_to_cpu(options, exc, on_notice, plan)
        resume = resume or ResumePoint()
        language = options.language or resume.language
        if language and language != "en" and not loaded.model.model.is_multilingual:
            raise StenodeskError(
                ErrorKind.LANGUAGE_UNSUPPORTED,
                f"The model {options.model} understands English only, not '{language}'.",
            )
        run = _Run(
            options=options,
            language=language,
            language_probability=1.0 if options.language else resume.language_probability,
            prompt=resume.prompt if resume.position > 0 else options.initial_prompt,
            next_segment=resume.next_segment,
            last=resume.previous,
            revised=[],
            started=time.monotonic(),
            resumed_from=resume.position,
            duration=media.duration,
            notices=[],
            cancel=cancel,
            on_segment=on_segment,
            on_progress=on_progress,
            on_notice=on_notice,
        )
        if media.promised is not None:
            log.info(
                "%s holds %.2f of the %.1f s its header says",
                source,
                media.duration,
                media.promised,
            )
            run.notice(str(user_message(ErrorKind.AUDIO_CUT_OFF, source.name)))
        segments: list[Segment] = []
        loaded, position = self._run_windows(
            source, loaded, run, resume, segments=segments, on_window=on_window
        )
        if not segments and run.next_segment == 0:
            run.notice(str(user_message(ErrorKind.NO_SPEECH, source.name)))
        run.progress(max(position, run.duration))  # all done, whatever the container said
        if run.duration <= 0 or position > run.duration:
            run.duration = position
        info = TranscriptInfo(
            language=run.language or "en",
            language_probability=run.language_probability,
            duration=run.duration,
            model=options.model,
            device=loaded.plan.device,
            compute_type=loaded.plan.compute_type,
            task=options.task,
            device_reason=loaded.plan.reason,
        )
        return Transcript(info, tuple(segments))

    @property
    def window_plan(self) -> WindowPlan:
        """The window sizes this transcriber cuts audio into."""
        return self._window_plan

    def _run_windows(
        self,
        source: Path,
        loaded: LoadedModel,
        run: _Run,
        resume: ResumePoint,
        *,
        segments: list[Segment],
        on_window: Callable[[WindowDone], None] | None,
    ) -> tuple[LoadedModel, float]:
        """Decode window after window; return the model in use and the end position."""
        blocks = iter_pcm(source, start=resume.position, cancel=run.cancel)
        plan = self._window_plan.for_batches(run.options.batch_size)
        windows = Windower(blocks, plan, start=resume.position, index=resume.window_index)
        position = resume.position
        for window in windows:
            run.cancel.raise_if_cancelled()
            loaded, restart_at = self._run_window(loaded, window, run, segments)
            index, start, end = window.index, window.start, window.end
            if restart_at is not None:
                # Whole samples, so a resumed run starts on exactly the same one.
                cut = round(restart_at * SAMPLE_RATE)
                end = window.start + cut / SAMPLE_RATE
                windows.push_back(window.pcm[cut:], end)
            del window
            release_free_memory()
            position = end
            if on_window is not None:
                point = self._resume_point(run, window_index=index + 1, position=end)
                on_window(WindowDone(index, start, end, point, tuple(run.revised)))
            run.revised.clear()
            run.progress(position)
        return loaded, position

    def _resume_point(self, run: _Run, *, window_index: int, position: float) -> ResumePoint:
        return ResumePoint(
            position=position,
            window_index=window_index,
            prompt=run.prompt,
            language=run.language,
            language_probability=run.language_probability,
            next_segment=run.next_segment,
            previous=run.last,
        )

    def _fall_back_to_cpu(
        self,
        options: TranscribeOptions,
        exc: BaseException,
        on_notice: Callable[[str], None] | None,
        failed: DevicePlan | None = None,
    ) -> LoadedModel:
        if not is_gpu_failure(exc):
            raise exc
        self.unload()
        retry = float16_retry(failed, exc) if failed is not None else None
        if retry is not None:  # int8 refused by the card: float16 on the GPU first
            log.warning("int8 refused by the GPU, retrying with float16: %s", exc)
            if on_notice is not None:
                on_notice(retry.reason)
            try:
                return self._load(options, retry)
            except (RuntimeError, OSError) as again:
                exc = again
                self.unload()
        notice = str(user_message(ErrorKind.GPU_FAILED, _first_line(exc)))
        log.warning("GPU failure, falling back to the CPU: %s", exc)
        if on_notice is not None:
            on_notice(notice)
        # CPU int8 whatever GPU compute type the job asked for: the fast CPU choice.
        plan = cpu_plan(options.with_(compute_type="auto"), notice)
        return self._load(options, plan)

    def _run_window(
        self,
        loaded: LoadedModel,
        window: Window,
        run: _Run,
        segments: list[Segment],
    ) -> tuple[LoadedModel, float | None]:
        """Decode one window.

        Returns the model now in use and, when the window was abandoned part
        way (a repetition loop, a GPU failure) or cut inside speech, the
        offset in the window from which the rest must be decoded again.
        """
        guard = LoopGuard()
        tokens: list[int] = []
        held: list[Segment] = []  # repeats of the last sentence, not yet shown
        done = 0.0  # offset in the window up to which text was produced
        try:
            decoded = self._decode(loaded.model, window, run)
            # A batched window ends where its speech chunks do; others may be cut in speech.
            seam = SeamHold(window, enabled=decoded.held_back is None)
            for raw in seam(decoded.segments):
                run.cancel.raise_if_cancelled()
                seg = to_segment(raw, window, run.next_segment)
                if not seg.text.strip() or in_trailing_silence(raw, window):
                    continue
                if echoes_previous(raw, window, run.last):
                    log.info("dropped an echo of the previous segment at %.2fs", seg.start)
                    continue
                tokens.extend(raw.tokens)
                if guard.feed(seg.text):
                    return loaded, self._collapse_loop(segments, held, seg, window, run)
                if held and not _same(held[-1], seg):
                    self._flush(held, segments, run)
                if run.last is not None and _same(run.last, seg):
                    held.append(seg)  # a repeat: it may be the start of a loop
                else:
                    self._emit(seg, segments, run)
                done = seg.end - window.start
                run.progress(seg.end)
        except (RuntimeError, OSError) as exc:
            if loaded.plan.device != "cuda" or not is_gpu_failure(exc):
                raise
            self._flush(held, segments, run)
            return self._fall_back_to_cpu(run.options, exc, run.notice, loaded.plan), done
        self._flush(held, segments, run)
        if run.options.batch_size > 0:
            run.prompt = run.options.initial_prompt  # batched decoding never conditions
        elif run.options.condition_on_previous_text:
            previous = run.prompt if isinstance(run.prompt, tuple) else ()
            run.prompt = (*previous, *tokens)[-PROMPT_TOKENS:] or run.prompt
        else:
            run.prompt = None
        return loaded, decoded.held_back if decoded.held_back is not None else seam.restart_at

    def _collapse_loop(
        self,
        segments: list[Segment],
        held: list[Segment],
        looped: Segment,
        window: Window,
        run: _Run,
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
        run.prompt = None  # the previous text is what feeds a loop
        log.warning(
            "loop guard: %r repeated %d times at %.1fs",
            looped.text.strip(),
            repeats + 1,
            looped.start,
        )
        restart = max(looped.end - window.start, 1.0)
        if restart >= window.end - window.start - 0.5:
            return None  # the loop ran to the end of the window
        return restart

    def _flush(
        self,
        held: list[Segment],
        segments: list[Segment],
        run: _Run,
    ) -> None:
        for seg in held:
            self._emit(seg, segments, run)
        held.clear()

    def _emit(self, seg: Segment, segments: list[Segment], run: _Run) -> None:
        seg = replace(seg, index=run.next_segment)
        run.next_segment += 1
        run.last = seg
        segments.append(seg)
        if run.on_segment is not None:
            run.on_segment(seg)

    def _decode(self, model: WhisperModel, window: Window, run: _Run) -> Decoded:
        decoded = decode_window(model, window, run.options, run.language, run.prompt)
        info = decoded.info
        if run.language is None and info is not None:
            run.language = info.language
            run.language_probability = float(info.language_probability)
            log.info("detected language %s (%.2f)", info.language, info.language_probability)
        return decoded


def _same(a: Segment, b: Segment) -> bool:
    from stenodesk.core.engine.loopguard import normalise

    return normalise(a.text) == normalise(b.text)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
