"""The GPU report for the window, and the device planner the engine shares with it.

Building the report (:func:`stenodesk.core.gpu.runtime.prepare_gpu`) finds
and preloads the CUDA libraries and may run the GPU health check in a child
process: milliseconds with a cached result, seconds (up to the check's
timeout) the first time or when the user asks to check again. That work gets
a thread of its own, owned here: the GUI thread must never wait for it, and
the engine thread must stay free for transcription while the Settings page
asks for a fresh check.

:class:`SharedGpuReport` prepares at most once at a time, under a lock, and
keeps the result. The report thread asks it at start-up (after the window
shows) and on "Check GPU again"; the engine thread asks it through
:meth:`SharedGpuReport.planner` before a job that may use the GPU loads its
model. Whichever comes first preloads the libraries, so they are loaded once
and always before CTranslate2 creates a GPU model; a re-check replaces the
report, and later jobs plan from the new one (a job that starts during a
re-check waits for it; a CPU job never does).

A long wait ahead (the driver compiling the GPU code on a card's first use)
is told through :class:`NoticeRelay`, from whichever thread prepares;
:class:`GpuService` turns it into the queued ``notice_posted`` signal.

Shutdown waits a bounded time: the health check has no cancel, so one still
running in its child process keeps this thread busy until its own timeout.
"""

from __future__ import annotations

import inspect
import logging
import os
import threading
import weakref
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot

from stenodesk.bridge.jobs import JobError
from stenodesk.bridge.threads import SHUTDOWN_TIMEOUT_MS, WorkerThread
from stenodesk.core.engine.device import DevicePlan
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.gpu.policy import cpu_by_choice, decide
from stenodesk.core.gpu.report import GpuReport

log = logging.getLogger(__name__)

GpuPreparer = Callable[[bool], GpuReport]
"""``prepare(force)``: the report; ``force`` runs the health check again."""


class NoticeRelay:
    """Passes notices from the thread preparing the GPU to whoever listens (thread-safe).

    A bound method is held weakly: a service listening to its own shared report
    must not keep itself alive in a cycle that Python's collector would break
    at a random moment, from whatever thread runs it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: list[Callable[[], Callable[[str], None] | None]] = []

    def listen(self, listener: Callable[[str], None]) -> None:
        if inspect.ismethod(listener):
            ref: Callable[[], Callable[[str], None] | None] = weakref.WeakMethod(listener)
        else:
            ref = lambda: listener  # noqa: E731
        with self._lock:
            self._listeners.append(ref)

    def __call__(self, text: str) -> None:
        log.info("GPU notice: %s", text)
        with self._lock:
            listeners = [ref() for ref in self._listeners]
        for listener in listeners:
            if listener is not None:
                listener(text)


class SharedGpuReport:
    """The process's GPU report, prepared once (or again on request), thread-safe.

    Args:
        prepare: builds the report.
        notices: the relay ``prepare`` tells its notices to (see
            :func:`default_gpu_preparer`); a service listens to it.
    """

    def __init__(self, prepare: GpuPreparer, notices: NoticeRelay | None = None) -> None:
        self._prepare = prepare
        self.notices = notices or NoticeRelay()
        self._lock = threading.Lock()
        self._report: GpuReport | None = None

    @property
    def latest(self) -> GpuReport | None:
        """The last report, or None before the first one is ready."""
        return self._report

    def get(self, *, force: bool = False) -> GpuReport:
        """The report, preparing it first if there is none yet or ``force`` is set.

        Blocks while another thread prepares it, then returns that result.
        """
        with self._lock:
            if self._report is None or force:
                self._report = self._prepare(force)
            return self._report

    def planner(self, options: TranscribeOptions) -> DevicePlan:
        """A device planner for the engine: a CPU job never waits for the GPU report."""
        if options.device == "cpu":
            return cpu_by_choice(options)
        return decide(self.get(), options)


class _GpuWorker(QObject):
    report_ready = Signal(object)  # GpuReport
    check_failed = Signal(object)  # JobError

    def __init__(self, shared: SharedGpuReport) -> None:
        super().__init__()
        self._shared = shared

    @Slot(bool)
    def check(self, force: bool) -> None:
        try:
            report = self._shared.get(force=force)
        except Exception as exc:  # reported to the user; the app goes on on the CPU
            log.exception("the GPU report could not be built")
            self.check_failed.emit(JobError.from_exception(exc))
            return
        self.report_ready.emit(report)


class GpuService(QObject):
    """Builds the GPU report on its own thread and says when it is ready.

    Signals:
        check_started(bool): a check was requested (True: forced re-check).
        report_ready(object): the new :class:`~stenodesk.core.gpu.report.GpuReport`.
        check_failed(object): a :class:`~stenodesk.bridge.jobs.JobError`.
        notice_posted(str): what a long wait ahead is for, in English from the
            error table ("Preparing the GPU for first use..."); emitted in the
            service's (the GUI) thread, whichever thread prepares.
    """

    check_started = Signal(bool)
    report_ready = Signal(object)
    check_failed = Signal(object)
    notice_posted = Signal(str)
    _check_requested = Signal(bool)
    _notice_relayed = Signal(str)

    def __init__(self, shared: SharedGpuReport, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shared = shared
        self._busy = False
        self._worker = _GpuWorker(shared)
        self.worker_thread = WorkerThread("stenodesk-gpu", self._worker)
        self._check_requested.connect(self._worker.check)
        self._worker.report_ready.connect(self._on_worker_report_ready)
        self._worker.check_failed.connect(self._on_worker_check_failed)
        # Emitted from the preparing thread, queued to this object's thread, re-emitted
        # there: a listener without a thread of its own (a lambda) then runs in the GUI's.
        self._notice_relayed.connect(self._on_notice_relayed, Qt.ConnectionType.QueuedConnection)
        shared.notices.listen(self._relay_notice)

    @property
    def busy(self) -> bool:
        """True while a check runs."""
        return self._busy

    @property
    def report(self) -> GpuReport | None:
        return self.shared.latest

    def start(self) -> None:
        """Start the thread and build the first report (call once the window shows)."""
        self.check(force=False)

    def check(self, *, force: bool = True) -> bool:
        """Build the report again; ``force`` re-runs the health check. False if one runs."""
        if self._busy:
            return False
        if not self.worker_thread.ensure_started():
            return False
        self._busy = True
        self.check_started.emit(force)
        self._check_requested.emit(force)
        return True

    def shutdown(self, timeout_ms: int = SHUTDOWN_TIMEOUT_MS) -> bool:
        """Stop the thread; a running health check is waited for up to ``timeout_ms``."""
        return self.worker_thread.stop(timeout_ms)

    @Slot(object)
    def _on_worker_report_ready(self, report: GpuReport) -> None:
        self._busy = False
        self.report_ready.emit(report)

    def _relay_notice(self, text: str) -> None:
        self._notice_relayed.emit(text)

    @Slot(str)
    def _on_notice_relayed(self, text: str) -> None:
        self.notice_posted.emit(text)

    @Slot(object)
    def _on_worker_check_failed(self, error: JobError) -> None:
        self._busy = False
        self.check_failed.emit(error)


def default_gpu_preparer(
    cache_dir: Path,
    *,
    system_libraries: bool = False,
    on_notice: Callable[[str], None] | None = None,
    device_index: Callable[[], str] = lambda: "auto",
) -> GpuPreparer:
    """``prepare(force)`` for this installation: the bundle or wheels, the real driver.

    The health check loads the bundled tiny.en in a child process; its result
    is cached in ``cache_dir`` between starts, and ``force`` runs it again.
    ``system_libraries`` lets an app bundle use CUDA libraries from outside it;
    ``on_notice`` (a :class:`NoticeRelay`) is told what a long wait is for;
    ``device_index`` gives the ``device.device_index`` setting at each check (the
    GPU the check runs on), so "Check GPU again" follows a changed setting.
    """
    from stenodesk.core.gpu.runtime import installed_setup, prepare_gpu

    setup = installed_setup(
        cache_dir, env=os.environ, system_libraries=system_libraries, on_notice=on_notice
    )

    def prepare(force: bool) -> GpuReport:
        current = replace(setup, device_index=device_index())
        return prepare_gpu(current, force_check=force, cpu_compute_types=True)

    return prepare
