"""Computing waveform overviews on a thread of their own.

A waveform is wanted whenever the user opens a transcript; it must not wait
behind a transcription on the engine thread, nor hold up the window. So
:class:`WaveformService` owns one QThread with a worker that computes one
overview at a time (:func:`compute_waveform`, bounded memory, cancellable).
Only the latest request matters: a new one cancels the one before, and
results of superseded requests are dropped, never shown.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from stenodesk.bridge.jobs import JobError
from stenodesk.bridge.worker import PROGRESS_INTERVAL, Throttle
from stenodesk.core.audio.waveform import compute_waveform
from stenodesk.core.cancel import CancelToken
from stenodesk.core.errors import Cancelled

log = logging.getLogger(__name__)

STOP_TIMEOUT_MS = 5_000


@dataclass(frozen=True)
class WaveformRequest:
    """One overview to compute: ``buckets`` columns of ``path``."""

    number: int
    path: Path
    buckets: int


class _WaveformWorker(QObject):
    """Lives on the waveform thread."""

    progress = Signal(int, float)  # request number, fraction done
    finished = Signal(int, object)  # request number, Waveform
    failed = Signal(int, object)  # request number, JobError

    @Slot(object, object)
    def compute(self, request: WaveformRequest, token: CancelToken) -> None:
        if token.cancelled:  # superseded while it waited
            return
        throttle = Throttle(PROGRESS_INTERVAL)

        def on_progress(done: float, total: float) -> None:
            if throttle.ready():
                self.progress.emit(request.number, done / total if total > 0 else 0.0)

        try:
            wave = compute_waveform(
                request.path, request.buckets, cancel=token, on_progress=on_progress
            )
        except Cancelled:
            return  # superseded or shut down: nobody waits for it
        except Exception as exc:  # the job boundary: report, never let it kill the thread
            log.info("waveform of %s failed", request.path.name, exc_info=True)
            self.failed.emit(request.number, JobError.from_exception(exc))
            return
        self.progress.emit(request.number, 1.0)
        self.finished.emit(request.number, wave)


class WaveformService(QObject):
    """Waveform overviews computed in the background, latest request only.

    Signals:
        waveform_progress(object, float): the file (Path) and the fraction done.
        waveform_finished(object, object): the file and its
            :class:`~stenodesk.core.audio.waveform.Waveform`.
        waveform_failed(object, object): the file and a
            :class:`~stenodesk.bridge.jobs.JobError`.
    """

    waveform_progress = Signal(object, float)
    waveform_finished = Signal(object, object)
    waveform_failed = Signal(object, object)
    _compute_requested = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest: WaveformRequest | None = None
        self._token = CancelToken()
        self._count = 0
        self._thread = QThread()
        self._thread.setObjectName("stenodesk-waveform")
        self._worker = _WaveformWorker()
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)
        self._compute_requested.connect(self._worker.compute)
        self._worker.progress.connect(self._on_worker_progress)
        self._worker.finished.connect(self._on_worker_finished)
        self._worker.failed.connect(self._on_worker_failed)

    @property
    def busy(self) -> bool:
        """True while the latest request has not finished or failed."""
        return self._latest is not None

    def request(self, path: Path, buckets: int) -> None:
        """Compute ``path``'s overview in ``buckets`` columns, dropping any earlier request."""
        if buckets < 1:
            raise ValueError("a waveform needs at least one bucket")
        self.cancel()
        if not self._thread.isRunning():
            self._thread.start()
        self._count += 1
        self._latest = WaveformRequest(self._count, Path(path), buckets)
        self._token = CancelToken()
        self._compute_requested.emit(self._latest, self._token)

    def cancel(self) -> None:
        """Stop the current computation; nothing more is reported for it."""
        self._token.cancel()
        self._latest = None

    def shutdown(self, timeout_ms: int = STOP_TIMEOUT_MS) -> bool:
        """Cancel and stop the thread; False (logged) if it did not stop in time."""
        self.cancel()
        self._thread.quit()  # nothing for a thread that never started
        # wait() also covers a thread that is finishing, which isRunning() calls stopped.
        stopped = bool(self._thread.wait(timeout_ms))
        if not stopped:
            log.warning("the waveform thread did not stop within %d ms", timeout_ms)
        return stopped

    def _current(self, number: int) -> WaveformRequest | None:
        latest = self._latest
        return latest if latest is not None and latest.number == number else None

    @Slot(int, float)
    def _on_worker_progress(self, number: int, fraction: float) -> None:
        request = self._current(number)
        if request is not None:
            self.waveform_progress.emit(request.path, fraction)

    @Slot(int, object)
    def _on_worker_finished(self, number: int, wave: object) -> None:
        request = self._current(number)
        if request is not None:
            self._latest = None
            self.waveform_finished.emit(request.path, wave)

    @Slot(int, object)
    def _on_worker_failed(self, number: int, error: JobError) -> None:
        request = self._current(number)
        if request is not None:
            self._latest = None
            self.waveform_failed.emit(request.path, error)
