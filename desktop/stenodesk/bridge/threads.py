"""The one way bridge services run a worker in a QThread, and stop them together.

Each service (engine, models, GPU check, live recording) owns one
:class:`WorkerThread`: a named QThread with the service's worker moved into
it, started on first use. Closing the app goes through :func:`stop_together`:
every thread is asked to stop first (cancel tokens set, event loops told to
quit), then all are waited for against one deadline, so a slow one does not
add its wait to the others'. A thread that does not stop in time is logged,
never terminated (STYLE: no ``QThread.terminate()``).
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

log = logging.getLogger(__name__)

SHUTDOWN_TIMEOUT_MS = 30_000
"""How long closing the app waits for all threads together: a recording
being finished or a job's current segment, never minutes."""


def _nothing() -> None:
    return None


class WorkerThread:
    """A named QThread running one worker object.

    Args:
        name: the thread's name (in logs and debuggers), ``stenodesk-...``.
        worker: moved into the thread; deleted once the thread finishes.
        on_stop: asks the worker to stop (sets its flags and cancel tokens);
            called from the GUI thread, before the thread's loop is told to quit.
        on_stopped: runs in the GUI thread once the thread has stopped (or
            never ran), to release what the worker used.
    """

    def __init__(
        self,
        name: str,
        worker: QObject,
        *,
        on_stop: Callable[[], None] = _nothing,
        on_stopped: Callable[[], None] = _nothing,
    ) -> None:
        self.name = name
        self._thread = QThread()
        self._thread.setObjectName(name)
        worker.moveToThread(self._thread)
        self._thread.finished.connect(worker.deleteLater)
        self._on_stop = on_stop
        self._on_stopped = on_stopped
        self._stop_requested = False

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    @property
    def stop_requested(self) -> bool:
        """True once :meth:`request_stop` was called: the thread is not started again."""
        return self._stop_requested

    def ensure_started(self) -> bool:
        """Start the thread unless it runs or was asked to stop; True if it runs now."""
        if not self._thread.isRunning() and not self._stop_requested:
            self._thread.start()
        return self._thread.isRunning()

    def request_stop(self) -> None:
        """Ask the worker to stop and the thread's event loop to quit; does not wait."""
        self._stop_requested = True
        self._on_stop()
        self._thread.quit()

    def wait(self, timeout_ms: int) -> bool:
        """Wait up to ``timeout_ms`` for the thread to end; True if it has."""
        # Not ``if isRunning()``: Qt says a thread is not running while it finishes,
        # which is when it deletes its worker; wait() covers that, and returns at
        # once for a thread that never started or has finished.
        stopped = self._thread.wait(max(0, timeout_ms))
        if stopped:
            self._on_stopped()
        return bool(stopped)

    def stop(self, timeout_ms: int = SHUTDOWN_TIMEOUT_MS) -> bool:
        """Stop this one thread (see :func:`stop_together`)."""
        return not stop_together([self], timeout_ms)


def stop_together(
    threads: Iterable[WorkerThread], timeout_ms: int = SHUTDOWN_TIMEOUT_MS
) -> list[str]:
    """Ask every thread to stop, then wait for all of them within one ``timeout_ms``.

    Returns:
        The names of the threads still running at the deadline (each logged).
    """
    threads = list(threads)
    for thread in threads:
        thread.request_stop()
    deadline = time.monotonic() + timeout_ms / 1000
    late: list[str] = []
    for thread in threads:
        left_ms = int((deadline - time.monotonic()) * 1000)
        if not thread.wait(left_ms):
            late.append(thread.name)
    if late:
        log.warning(
            "%s did not stop within %d ms; leaving without them", ", ".join(late), timeout_ms
        )
    return late


class GuiThreadCollector(QObject):
    """Runs Python's garbage collection in the GUI thread, whichever thread asks.

    Called from a worker, it queues the collection to the GUI thread's event
    loop, so Qt objects of the GUI thread that a collection frees are
    destroyed there (see ``core.audio.decode.collect_garbage_with``).
    """

    _asked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._asked.connect(self._collect, Qt.ConnectionType.QueuedConnection)

    def __call__(self) -> None:
        self._asked.emit()

    @Slot()
    def _collect(self) -> None:
        gc.collect()
