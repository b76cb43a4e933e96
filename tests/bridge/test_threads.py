"""Bridge threads are asked to stop together, then waited for against one deadline."""

from __future__ import annotations

import gc
import threading
import time
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, Signal, Slot
from tests.helpers.logfail import LogFailHandler

from stenodesk.bridge.threads import GuiThreadCollector, WorkerThread, stop_together

pytestmark = pytest.mark.gui


class Blocking(QObject):
    """A worker whose one job blocks until ``release`` is set (or 60 s pass)."""

    entered = Signal()

    def __init__(self, release: threading.Event) -> None:
        super().__init__()
        self.release = release

    @Slot()
    def work(self) -> None:
        self.entered.emit()
        self.release.wait(60)


class Started(QObject):
    requested = Signal()


def _busy_thread(qtbot: Any, name: str, release: threading.Event, **hooks: Any) -> WorkerThread:
    """A running WorkerThread whose worker is inside its blocking job."""
    worker = Blocking(release)
    thread = WorkerThread(name, worker, **hooks)
    trigger = Started()
    trigger.requested.connect(worker.work)
    thread.ensure_started()
    with qtbot.waitSignal(worker.entered, timeout=10_000):
        trigger.requested.emit()
    thread.trigger = trigger  # type: ignore[attr-defined]  # keep the sender alive
    return thread


def _finish(threads: list[WorkerThread], releases: list[threading.Event]) -> None:
    for release in releases:
        release.set()
    assert not stop_together(threads, 30_000)


def test_every_thread_is_asked_before_any_is_waited_for(qtbot: Any) -> None:
    """The first thread's job ends only once the second was asked to stop.

    Stopping one thread after another would wait out the first's timeout
    before asking the second; asked together, both stop at once.
    """
    second_asked = threading.Event()
    first = _busy_thread(qtbot, "stenodesk-first", second_asked)
    second_release = threading.Event()

    def ask_second() -> None:
        second_release.set()
        second_asked.set()

    second = _busy_thread(qtbot, "stenodesk-second", second_release, on_stop=ask_second)
    assert stop_together([first, second], 30_000) == []
    assert not first.running and not second.running


def test_a_thread_that_does_not_stop_is_named_and_logged(
    qtbot: Any, logfail: LogFailHandler, caplog: pytest.LogCaptureFixture
) -> None:
    logfail.allow("stenodesk.bridge.threads")
    stuck_release = threading.Event()
    stopped: list[str] = []
    stuck = _busy_thread(qtbot, "stenodesk-stuck", stuck_release)
    fine_release = threading.Event()
    fine = _busy_thread(
        qtbot,
        "stenodesk-fine",
        fine_release,
        on_stop=fine_release.set,
        on_stopped=lambda: stopped.append("fine"),
    )
    try:
        assert stop_together([stuck, fine], 200) == ["stenodesk-stuck"]
        assert "stenodesk-stuck did not stop" in caplog.text
        assert stopped == ["fine"], "what a stopped worker used is released"
        assert not fine.running and stuck.running
        assert stuck.stop_requested
    finally:
        _finish([stuck], [stuck_release])


def test_threads_share_one_deadline(qtbot: Any, logfail: LogFailHandler) -> None:
    """Three stuck threads and a 1 s limit: the wait ends after about 1 s, not 3 s.

    Waiting for each in turn with its own limit takes at least 3.0 s; the
    bound below leaves 1.9 s for a busy machine.
    """
    logfail.allow("stenodesk.bridge.threads")
    releases = [threading.Event() for _ in range(3)]
    threads = [_busy_thread(qtbot, f"stenodesk-{i}", r) for i, r in enumerate(releases)]
    started = time.monotonic()
    try:
        late = stop_together(threads, 1_000)
        elapsed = time.monotonic() - started
    finally:
        _finish(threads, releases)
    assert late == ["stenodesk-0", "stenodesk-1", "stenodesk-2"]
    assert elapsed < 2.9


def test_a_stopped_thread_is_not_started_again(qtbot: Any) -> None:
    release = threading.Event()
    thread = _busy_thread(qtbot, "stenodesk-once", release, on_stop=release.set)
    assert thread.stop(10_000)
    assert not thread.ensure_started()
    assert not thread.running


def test_stop_waits_for_a_thread_still_deleting_its_worker(qtbot: Any) -> None:
    """Qt says a thread is no longer running while it finishes (it then deletes its
    worker): stopping must still wait for that, or the worker is deleted while the
    objects around it are torn down (a crash seen once in some thirty runs)."""
    worker = QObject()
    thread = WorkerThread("stenodesk-finishing", worker)
    in_finish = threading.Event()

    def slow_finish() -> None:  # runs in the finishing thread, before the worker's deletion
        in_finish.set()
        time.sleep(0.5)

    qthread = thread._thread  # the QThread itself: its finished signal, from its own thread
    qthread.finished.connect(slow_finish, Qt.ConnectionType.DirectConnection)
    thread.ensure_started()
    qthread.quit()
    assert in_finish.wait(10)
    assert not thread.running, "Qt: not running while in finish"
    began = time.monotonic()
    assert thread.stop(10_000)
    assert time.monotonic() - began >= 0.3, "stop returned while the thread was finishing"
    assert qthread.isFinished()


def test_a_collection_asked_from_a_worker_runs_in_the_gui_thread(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A collection in a worker once destroyed a GUI object there, and the app hung."""
    ran_in: list[threading.Thread] = []
    monkeypatch.setattr(gc, "collect", lambda *_: ran_in.append(threading.current_thread()))
    collector = GuiThreadCollector()
    worker = threading.Thread(target=collector)
    worker.start()
    worker.join(10)
    qtbot.waitUntil(lambda: bool(ran_in), timeout=10_000)
    assert ran_in == [threading.main_thread()]
