"""One loaded Whisper model, kept while jobs ask for the same one.

Loading a model takes seconds and hundreds of MB, so the transcriber keeps
the last one and reuses it while the model folder, device, compute type and
thread count stay the same. A different request frees the old model before
the new one loads, so two never sit in memory together. The app keeps one
cache for the file-job thread and the live thread: a CTranslate2 model may
be used from several threads at once, and loading happens under a lock, so a
recording started while a file job runs uses the model already loaded.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from stenodesk.core.engine.device import DevicePlan, is_gpu_failure
from stenodesk.core.engine.memory import release_free_memory
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.parallel import job_thread_plan
from stenodesk.core.errors import ErrorKind, StenodeskError

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = logging.getLogger(__name__)

ModelResolver = Callable[[str], Path]
"""Turns a model name or folder into the folder holding a ready model."""

ModelKey = tuple[str, str, str, int, int]
"""Model folder, device, compute type, CPU threads asked for and CTranslate2 workers."""


@dataclass
class LoadedModel:
    key: ModelKey
    model: WhisperModel
    plan: DevicePlan


def available_cores() -> int:
    """CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class ModelCache:
    """Holds at most one loaded model; safe to use from several threads.

    Args:
        resolve_model: maps a model name or folder to a ready model folder;
            raises StenodeskError (MODEL_MISSING, MODEL_CORRUPT, ...).
    """

    def __init__(self, resolve_model: ModelResolver) -> None:
        self._resolve_model = resolve_model
        self._loaded: LoadedModel | None = None
        self._lock = threading.Lock()
        self.loads = 0
        """How many times a model was loaded (read for logs and tests)."""

    def get(
        self, options: TranscribeOptions, plan: DevicePlan, *, one_stream: bool = False
    ) -> LoadedModel:
        """The model ``options`` ask for on ``plan``'s device, loaded if not already.

        ``one_stream``: a short job (``parallel.one_stream_fits``); it asks for
        one worker with all the threads, and runs on a model already loaded
        with two rather than load the model again.

        Raises:
            StenodeskError: MODEL_LOAD_FAILED, or what the resolver raises.
            RuntimeError, OSError: a GPU failure, for the caller's fallback.
        """
        path = self._resolve_model(options.model)
        threads, workers = options.cpu_threads, 1
        if plan.device == "cpu":
            threads, workers = job_thread_plan(options, available_cores(), one_stream=one_stream)
        # "cuda:1": the GPU is part of the model's place.
        device = f"cuda:{plan.device_index}" if plan.device == "cuda" else plan.device
        key = (str(path), device, plan.compute_type, options.cpu_threads, workers)
        with self._lock:
            # The worker count only spreads the threads: a recording asks for one
            # worker, a file job with VAD for two (core/engine/parallel.py). A
            # recording runs on a file job's two-worker model rather than load a
            # second copy; a file job after a recording loads its two workers.
            loaded = self._loaded
            if loaded is not None and loaded.key[:4] == key[:4] and loaded.key[4] >= key[4]:
                return loaded
            self._loaded = None  # free the old model before loading the next
            from faster_whisper import WhisperModel

            started = time.monotonic()
            try:
                model = WhisperModel(
                    str(path),
                    device=plan.device,
                    device_index=plan.device_index,
                    compute_type=plan.compute_type,
                    cpu_threads=threads,
                    num_workers=workers,
                    local_files_only=True,
                )
            except (RuntimeError, ValueError, OSError) as exc:
                if plan.device == "cuda" and is_gpu_failure(exc):
                    raise
                raise StenodeskError(ErrorKind.MODEL_LOAD_FAILED, options.model, str(exc)) from exc
            log.info(
                "loaded %s on %s/%s (%d workers of %d threads) in %.2fs",
                path,
                device,
                plan.compute_type,
                workers,
                threads,
                time.monotonic() - started,
            )
            self.loads += 1
            self._loaded = LoadedModel(key, model, plan)
            # Loading reads the float16 file and quantises it; glibc keeps that
            # freed memory (core/engine/memory.py) until a trim: 116 MiB for
            # tiny.en, 178 MiB for base, held through a whole live recording.
            release_free_memory()
            return self._loaded

    def unload(self) -> None:
        """Drop the cached model and the memory it holds."""
        with self._lock:
            self._loaded = None
            release_free_memory()

    @property
    def key(self) -> ModelKey | None:
        loaded = self._loaded
        return loaded.key if loaded else None
