"""The Transcriber: faster-whisper run window by window over a media file.

One model stays loaded (:mod:`.modelcache`) and is reused while jobs ask
for the same model, device and compute type. Audio is decoded in blocks and
cut into windows at pauses, or where a 30 s chunk no longer fits when voice
activity detection is off (see :mod:`.windows`), so memory is bounded and
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

import contextlib
import functools
import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from stenodesk.core.audio.decode import SAMPLE_RATE, Pcm, iter_pcm, probe
from stenodesk.core.cancel import NEVER, CancelToken
from stenodesk.core.engine import balance
from stenodesk.core.engine.batching import AUTO, auto_batch_size, model_bytes
from stenodesk.core.engine.checkpoint import ResumePoint, WindowDone
from stenodesk.core.engine.decoding import Decoded, decodes_whole_chunks
from stenodesk.core.engine.device import (
    DevicePlan,
    DevicePlanner,
    cpu_only_planner,
    cpu_plan,
    is_gpu_failure,
)
from stenodesk.core.engine.gpufallback import gpu_recovery
from stenodesk.core.engine.memory import HeapGuard, release_free_memory
from stenodesk.core.engine.modelcache import LoadedModel, ModelCache, ModelKey, ModelResolver
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.parallel import WindowPool, decodes_in_parallel, one_stream_fits
from stenodesk.core.engine.recovery import SpeechMap
from stenodesk.core.engine.result import Progress
from stenodesk.core.engine.windowloop import DecodeWindow, JobRun, WindowLoop, prompt_after
from stenodesk.core.engine.windows import Window, Windower, WindowPlan
from stenodesk.core.errors import ErrorKind, StenodeskError, user_message
from stenodesk.core.transcript import Segment, Transcript, TranscriptInfo

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = logging.getLogger(__name__)

__all__ = ["ModelResolver", "Transcriber"]


class Transcriber:
    """Runs transcription jobs, one at a time, with a cached model.

    Args:
        models: the model cache to load models through, shared with whatever
            else decodes (the live recorder), so one model sits in memory; or
            a resolver (a model name or folder to a ready model folder,
            raising StenodeskError MODEL_MISSING, MODEL_CORRUPT, ...) for a
            cache of this transcriber's own.
        plan_device: picks device and compute type for a job.
        window_plan: window sizes; the defaults suit every model.
        decode: starts decoding one window; the real decoder when None
            (tests script a model's output through it).
    """

    def __init__(
        self,
        models: ModelCache | ModelResolver,
        plan_device: DevicePlanner = cpu_only_planner,
        window_plan: WindowPlan | None = None,
        *,
        decode: DecodeWindow | None = None,
    ) -> None:
        self._models = models if isinstance(models, ModelCache) else ModelCache(models)
        self._plan_device = plan_device
        self._window_plan = window_plan or WindowPlan()
        self._loop = WindowLoop(decode, self._recover)
        self._taken: set[str] = set()
        """The GPU recovery steps taken in the job running (each said once)."""
        self._auto_batch = False
        """The job running left the batch size to the device (batching.AUTO)."""
        self._one_stream = False
        """The job running is short enough to decode as one stream (parallel.one_stream_fits)."""

    # -- models -----------------------------------------------------------

    def load(self, options: TranscribeOptions) -> DevicePlan:
        """Load (or keep) the model the options ask for; return the device plan used."""
        plan = self._plan_device(options)
        return self._load(options, plan).plan

    def _load(
        self, options: TranscribeOptions, plan: DevicePlan, *, one_stream: bool = False
    ) -> LoadedModel:
        return self._models.get(options, plan, one_stream=one_stream)

    def model_for(self, options: TranscribeOptions) -> WhisperModel:
        """The cached model for ``options``, loaded if needed (live transcription uses it)."""
        return self._load(options, self._plan_device(options)).model

    def unload(self) -> None:
        """Drop the cached model and the memory it holds."""
        self._models.unload()

    @property
    def loaded_key(self) -> ModelKey | None:
        return self._models.key

    @property
    def models(self) -> ModelCache:
        """The model cache this transcriber loads through."""
        return self._models

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
        self._taken = set()
        self._auto_batch = options.batch_size == AUTO
        self._one_stream = one_stream_fits(media.duration, self._window_plan)
        if self._auto_batch and plan.device == "cpu":
            options = options.with_(batch_size=0)  # before loading: the CPU's worker count
        try:
            loaded = self._load(options, plan, one_stream=self._one_stream)
        except (RuntimeError, OSError) as exc:
            # Loading does not depend on the batch: no smaller-batch step here.
            loaded, _ = self._recover(options.with_(batch_size=0), exc, on_notice, plan)
        options = self._batch_for(options, loaded)
        resume = resume or ResumePoint()
        language = options.language or resume.language
        if language and language != "en" and not loaded.model.model.is_multilingual:
            raise StenodeskError(
                ErrorKind.LANGUAGE_UNSUPPORTED,
                f"The model {options.model} understands English only, not '{language}'.",
            )
        run = JobRun(
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

    def _batch_for(self, options: TranscribeOptions, loaded: LoadedModel) -> TranscribeOptions:
        """``options`` with the batch size AUTO resolved for the device the model is on."""
        if options.batch_size != AUTO:
            return options
        plan = loaded.plan
        size = auto_batch_size(plan.device, plan.memory_free, model_bytes(loaded.key[0]))
        log.info("batch size %d on %s (%d MiB free)", size, plan.device, plan.memory_free >> 20)
        return options.with_(batch_size=size)

    @property
    def window_plan(self) -> WindowPlan:
        """The window sizes this transcriber cuts audio into."""
        return self._window_plan

    def _run_windows(
        self,
        source: Path,
        loaded: LoadedModel,
        run: JobRun,
        resume: ResumePoint,
        *,
        segments: list[Segment],
        on_window: Callable[[WindowDone], None] | None,
    ) -> tuple[LoadedModel, float]:
        """Decode window after window; return the model in use and the end position."""

        def read_from(at: float) -> Iterator[Pcm]:
            return iter_pcm(source, start=at, cancel=run.cancel)

        run.read = functools.partial(read_span, read_from)
        run.speech = SpeechMap(run.read)

        plan = self._window_plan.for_batches(run.options.batch_size)
        if decodes_whole_chunks(run.options):
            plan = plan.for_whole_chunks()
        # Two CPU workers (voice activity detection on, see .parallel): two windows at once.
        workers = getattr(loaded.model.model, "num_workers", 1)
        parallel = loaded.plan.device == "cpu" and workers > 1 and decodes_in_parallel(run.options)
        ends = None
        if parallel:
            plan = plan.for_workers(workers)
            if 0 < run.duration <= balance.LIMIT_SECONDS:
                ends = functools.partial(
                    balance.balanced_ends, read_from(0.0), plan, workers, scored=run.speech.use
                )
        windows = Windower(
            read_from(resume.position),
            plan,
            start=resume.position,
            index=resume.window_index,
            reopen=read_from,
            ends=ends,
        )
        position = resume.position
        pool: WindowPool | None = None
        decoding: Iterator[tuple[Window, Decoded | None]] = ((w, None) for w in windows)
        if parallel:
            log.info("%d windows at a time on the CPU", workers)
            pool = WindowPool(
                windows,
                lambda w, lang, prompt: self._loop.start(loaded.model, w, run, lang, prompt),
                lambda prompt, raw: prompt_after(run.options, prompt, raw),
                language=run.language,
                prompt=run.prompt,
                initial_prompt=run.options.initial_prompt,
                cancel=run.cancel,
                workers=workers,
            )
            decoding = iter(pool)
        # Two streams leave free heap between their runs; one stream's peak is far lower.
        with pool or contextlib.nullcontext(), HeapGuard() if pool else contextlib.nullcontext():
            for window, decoded in decoding:
                run.cancel.raise_if_cancelled()
                loaded, restart_at = self._loop.run_window(loaded, window, run, segments, decoded)
                if pool is not None and restart_at is None:
                    run.prompt = pool.prompt_after(window)  # what the next window starts from
                index, start, end = window.index, window.start, window.end
                if restart_at is not None:
                    # Whole samples, so a resumed run starts on exactly the same one.
                    cut = round(restart_at * SAMPLE_RATE)
                    end = window.start + cut / SAMPLE_RATE
                    if pool is not None:
                        pool.restart(window, restart_at, run.prompt)
                    else:
                        windows.push_back(window.pcm[cut:], end)
                del window, decoded
                release_free_memory()
                position = end
                if on_window is not None:
                    point = run.resume_point(window_index=index + 1, position=end)
                    on_window(WindowDone(index, start, end, point, tuple(run.revised)))
                run.revised.clear()
                run.progress(position)
        return loaded, position

    def _recover(
        self,
        options: TranscribeOptions,
        exc: BaseException,
        on_notice: Callable[[str], None] | None,
        failed: DevicePlan,
    ) -> tuple[LoadedModel, TranscribeOptions]:
        """Go on after the GPU failed ``failed``, or re-raise a non-GPU error.

        The recovery chain (:mod:`.gpufallback`) is walked on the GPU first:
        float16 where int8 is refused; int8_float16, then smaller batches, when
        out of memory; then the CPU. Each step is said once per job.

        Returns:
            The model to go on with and the options (the batch size may be smaller).
        """
        if not is_gpu_failure(exc):
            raise exc
        batch = options.batch_size  # what the failure happened with
        while True:
            step = gpu_recovery(failed, exc, batch_size=batch, taken=frozenset(self._taken))
            if step is None:
                break
            log.warning("GPU failure, %s on the GPU next: %s", step.step, exc)
            if step.step not in self._taken and on_notice is not None:
                on_notice(step.plan.reason)
            self._taken.add(step.step)
            options = options.with_(batch_size=step.batch_size)
            if not step.reload and self._models.key is not None:
                return self._models.get(options, failed, one_stream=self._one_stream), options
            self.unload()
            try:
                return self._load(options, step.plan, one_stream=self._one_stream), options
            except (RuntimeError, OSError) as again:
                # Loading failed: a smaller batch would not help it.
                exc, failed, batch = again, step.plan, 0
        self.unload()
        if self._auto_batch:
            options = options.with_(batch_size=0)  # the CPU's default: sequential
        notice = str(user_message(ErrorKind.GPU_FAILED, _first_line(exc)))
        log.warning("GPU failure, falling back to the CPU: %s", exc)
        if on_notice is not None:
            on_notice(notice)
        # CPU int8 whatever GPU compute type the job asked for: the fast CPU choice.
        plan = cpu_plan(options.with_(compute_type="auto"), notice)
        return self._load(options, plan, one_stream=self._one_stream), options


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def read_span(read_from: Callable[[float], Iterator[Pcm]], start: float, end: float) -> Pcm:
    """The audio from ``start`` to ``end`` (seconds) of what ``read_from`` reads."""
    want = max(0, round((end - start) * SAMPLE_RATE))
    blocks, held = [], 0
    reading = read_from(start)
    try:
        for block in reading:
            blocks.append(block[: want - held])
            held += len(blocks[-1])
            if held >= want:
                break
    finally:
        close = getattr(reading, "close", None)
        if close is not None:
            close()
    return np.concatenate(blocks) if blocks else np.zeros(0, np.float32)
