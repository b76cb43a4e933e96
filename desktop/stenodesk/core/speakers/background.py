"""The speaker step's slow pass, run alongside decoding.

Segmenting the audio and embedding each voice does not need the transcript,
only the file, so a job starts it when decoding starts, in one helper
thread, and only clusters and assigns speakers (fast) once decoding is done.
Decoding on two cores leaves a core idle part of the time (reading and
filtering the audio, the Python between beam searches, a half window that
ends before the other), which the analysis takes, with one ONNX Runtime
thread so that it never takes both.

The helper thread runs at a low priority and checks its own cancel token
between windows; the job's cancel, a failure or the end of decoding stop
it, and :meth:`stop` joins it, so no thread outlives its job. When
decoding ends first, the rest of the analysis runs in the job's thread.
It is the second thread in ``core`` (after ``core/engine/parallel.py``);
``tests/test_layering.py`` allows these two.

What is analysed is handed out by :meth:`BackgroundAnalysis.take` for the
job's journal, and a pass given what an interrupted job had analysed
(``earlier``) goes on from there: from its next window, or, when the whole
file was analysed, not over the audio at all.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from stenodesk.core.cancel import CancelToken
from stenodesk.core.errors import Cancelled
from stenodesk.core.speakers.models import SpeakerModels
from stenodesk.core.speakers.pipeline import (
    FROM_THE_START,
    AnalysedWindow,
    Analysis,
    AnalysisSoFar,
    DiarizeOptions,
    analyse,
    resume_offset,
    step_samples,
)
from stenodesk.core.speakers.result import DiarizeProgress
from stenodesk.core.speakers.segmentation import RATE

log = logging.getLogger(__name__)

NICENESS = 10
"""The helper's niceness (Linux): it runs mostly in the time decoding leaves idle.

On 2 cores, a 3-minute tiny.en job with automatic threads (then two halves
of each window decoded at once; now two windows) took x1.14 the time of the
job without speakers with the helper at the usual priority, and x1.06 to
x1.08 at niceness 10 (x1.07 to x1.11 at 19, which left more for after
decoding); bench/speakers.py --overhead 3 --job-threads 0, medians of 3
runs, 2026-12-05.
"""


def _yield_to_decoding() -> None:
    """Lower this thread's priority, so that it takes the time decoding leaves idle.

    An unprivileged thread cannot raise it again; what the helper has not
    done when decoding ends is done in the job's thread (:meth:`BackgroundAnalysis.wait`).
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):  # a sandbox may refuse: run at the usual priority
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)


class BackgroundAnalysis:
    """:func:`~stenodesk.core.speakers.pipeline.analyse` of a file in a helper thread.

    Args:
        models: builds (or returns the loaded) speaker models; called in the thread.
        source: the audio or video file.
        options: the speaker options (window step).
        earlier: what an interrupted run of the job had analysed.
    """

    def __init__(
        self,
        models: Callable[[], SpeakerModels],
        source: Path,
        options: DiarizeOptions,
        earlier: AnalysisSoFar = FROM_THE_START,
    ) -> None:
        self._models = models
        self._source = source
        self._options = options
        self._earlier = earlier
        self._token = CancelToken()
        self._position = earlier.next_start / RATE
        self._result: Analysis | None = None
        self._error: BaseException | None = None
        self._lock = threading.Lock()
        self._done: list[AnalysedWindow] = []
        """Every window this pass analysed (``earlier``'s not included)."""
        self._next = earlier.next_start
        self._taken = (0, earlier.next_start)
        """How many of ``_done`` and which ``_next`` the journal was last handed."""
        self._samples_said = earlier.samples is not None
        self._thread = threading.Thread(target=self._run, name="stenodesk-speakers", daemon=True)
        self._thread.start()

    @property
    def resumed_at(self) -> float:
        """Seconds of audio an interrupted run had analysed (0: analysed from the start)."""
        return self._earlier.next_start / RATE

    def _run(self) -> None:
        _yield_to_decoding()
        try:
            if self._earlier.samples is not None:  # the whole file was analysed before
                self._result = Analysis(self._earlier.windows, self._earlier.samples)
                return
            self._result = self._pass(self._models(), self._earlier, self._token)
        except BaseException as exc:  # handed to the job's thread by wait()
            self._error = exc

    def _pass(
        self,
        models: SpeakerModels,
        earlier: AnalysisSoFar,
        cancel: CancelToken,
        on_progress: Callable[[DiarizeProgress], None] = lambda _: None,
    ) -> Analysis:
        """Analyse the file from ``earlier.next_start`` on, in the calling thread."""
        from stenodesk.core.audio.decode import iter_pcm

        offset = resume_offset(earlier.next_start, step_samples(self._options))
        blocks = iter_pcm(self._source, start=offset / RATE, block_seconds=30.0, cancel=cancel)
        return analyse(
            models,
            blocks,
            self._options,
            cancel=cancel,
            on_progress=on_progress,
            earlier=earlier,
            on_window=self._analysed,
        )

    def _analysed(self, start: int, window: AnalysedWindow | None) -> None:
        with self._lock:
            if window is not None:
                self._done.append(window)
            self._next = start + step_samples(self._options)
            self._position = start / RATE

    def take(self) -> tuple[list[AnalysedWindow], int, int | None] | None:
        """What was analysed since the last call, for the journal: the windows,
        where the next one starts, and the file's length in samples once all of
        it is analysed (then nothing more comes). None when there is nothing new."""
        with self._lock:
            count, next_start = len(self._done), self._next
            samples = None
            if self._result is not None and not self._samples_said:
                samples, self._samples_said = self._result.samples, True
            if (count, next_start) == self._taken and samples is None:
                return None
            fresh = self._done[self._taken[0] :]
            self._taken = (count, next_start)
            return fresh, next_start, samples

    @property
    def position(self) -> float:
        """Seconds of audio analysed so far."""
        return self._position

    def wait(self, cancel: CancelToken, on_progress: Callable[[float], None]) -> Analysis:
        """The whole analysis, with what the helper had not done yet done here.

        Called once decoding is over: the helper stops at its next window and
        the rest is analysed in the calling thread, at the job's priority (the
        helper's is lowered, see :func:`_yield_to_decoding`, and a busy machine
        could leave it little time). ``on_progress`` gets the position.

        Raises:
            Cancelled: ``cancel`` was set (the analysis is stopped first).
            Exception: whatever stopped the analysis (a file that cannot be read...).
        """
        self.stop()
        if cancel.cancelled:
            raise Cancelled()
        if self._result is None:
            if self._error is not None and not isinstance(self._error, Cancelled):
                raise self._error
            on_progress(self._position)
            log.info("voices analysed alongside decoding: %.1f s; the rest here", self._position)
            with self._lock:
                earlier = AnalysisSoFar((*self._earlier.windows, *self._done), self._next)
            result = self._pass(self._models(), earlier, cancel, lambda p: on_progress(p.position))
            with self._lock:
                self._result = result
        on_progress(self._result.duration)  # all of it analysed
        return self._result

    def stop(self) -> None:
        """Stop the analysis and join its thread (the job ended otherwise)."""
        self._token.cancel()
        self._thread.join()
