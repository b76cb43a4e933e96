"""Composition root: QApplication, translations, wiring; logging and crash reports set up.

Logging and crash reports themselves live in :mod:`stenodesk.bridge.crashlog`.

``stenodesk`` with no command calls :func:`main`. The window is shown before
the engine thread starts, and faster-whisper and CTranslate2 are first
imported in that thread, so the window appears at once.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# -- the application ------------------------------------------------------------


def model_root(dirs: Any, settings: Any) -> Path:
    """The model folder: the ``models.folder`` setting, or the default in the data folder."""
    from stenodesk.core.jobs.prepare import model_root as root

    return root(settings.models.folder, Path(dirs.models))


def lazy_resolver(dirs: Any, models: Path) -> Callable[[str], Path]:
    """Finds models among the built-ins, in ``models`` and in the Hugging Face cache.

    The resolver is built on first use, in a worker thread, so the window
    does not wait for its imports.
    """
    resolvers: list[Any] = []

    def resolve(name: str) -> Path:
        if not resolvers:
            from stenodesk.core.jobs.prepare import make_resolver

            resolvers.append(make_resolver(dirs.cache, models))
        return Path(resolvers[0](name))

    return resolve


def shared_model_cache(resolve: Callable[[str], Path]) -> Any:
    """The one model cache for file jobs and recordings."""
    from stenodesk.core.engine.modelcache import ModelCache

    return ModelCache(resolve)


def cpu_tuned(planner: Any, resolve: Callable[[str], Path], cache: Path) -> Any:
    """``planner`` with the CPU compute type measured per model, as the CLI's."""
    from stenodesk.core.engine.cputune import tuned_planner

    return tuned_planner(planner, resolve, cache)


def transcriber_factory(models: Any, planner: Any) -> Callable[[], Any]:
    """Builds the Transcriber in the engine thread (where faster-whisper gets imported)."""

    def make() -> Any:
        from stenodesk.core.engine.transcriber import Transcriber

        return Transcriber(models, plan_device=planner)

    return make


def job_preparer(
    models: Path,
    chinese_script: Callable[[], str],
    downloaded: Callable[[], frozenset[str]] = frozenset,
) -> Any:
    """Decides, as each job starts, its model ("auto" or away from English-only) and script.

    ``downloaded`` names the models that are ready besides the built-ins (so that
    small.en with Spanish audio switches to small when it is here).
    """

    def prepare(options: Any) -> Any:
        from stenodesk.bridge.jobs import PreparedJob
        from stenodesk.core.jobs.prepare import prepare as prepare_options

        prepared, converter = prepare_options(options, models, chinese_script(), downloaded())
        return PreparedJob(prepared.options, prepared.notice, converter)

    return prepare


@dataclass
class Stenodesk:
    """The wired application: what the window needs, and the window."""

    ctx: Any
    window: Any
    interrupted: list[str]

    def shutdown(self) -> None:
        """Stop playback and every bridge thread, waiting for all together (bounded)."""
        from stenodesk.bridge.threads import stop_together
        from stenodesk.core.audio.decode import collect_garbage_with

        ctx = self.ctx
        ctx.player.stop()
        services = (ctx.live, ctx.engine, ctx.model_manager, ctx.gpu)
        stop_together(service.worker_thread for service in services)
        if ctx.waveforms is not None:
            ctx.waveforms.shutdown()
        collect_garbage_with(None)  # the threads are stopped: no more collections asked


def build_app(
    dirs: Any,
    *,
    make_transcriber: Callable[[], Any] | None = None,
    model_cache: Any = None,
) -> Stenodesk:
    """Settings, engine, view-models and the main window (not shown, engine not started).

    Args:
        dirs: the user folders (a :class:`~stenodesk.core.paths.UserDirs`).
        make_transcriber: builds the Transcriber in the engine thread; the
            real one (bundled models, device planner) when None.
        model_cache: the model cache recordings share with file jobs (give
            the one ``make_transcriber``'s Transcriber uses); the real one when None.
    """
    from PySide6.QtCore import QSettings

    from stenodesk.bridge.engine import Engine
    from stenodesk.bridge.gpu import (
        GpuService,
        NoticeRelay,
        SharedGpuReport,
        default_gpu_preparer,
    )
    from stenodesk.bridge.live import LiveRecorder, whisper_engines
    from stenodesk.bridge.model_manager import default_model_manager
    from stenodesk.bridge.playback import Player
    from stenodesk.bridge.threads import GuiThreadCollector
    from stenodesk.bridge.waveform import WaveformService
    from stenodesk.core.audio.decode import collect_garbage_with
    from stenodesk.core.jobs.migrate import migrate_queue
    from stenodesk.core.jobs.store import JobStore
    from stenodesk.core.settings import SettingsStore
    from stenodesk.ui.context import AppContext
    from stenodesk.ui.jobs_vm import JobsViewModel
    from stenodesk.ui.main_window import MainWindow
    from stenodesk.ui.settings_vm import SettingsViewModel

    store = SettingsStore(dirs.settings_file)
    settings = SettingsViewModel(store, store.load())
    models = model_root(dirs, settings.settings)
    system = settings.settings.device.system_libraries
    notices = NoticeRelay()
    prepare = default_gpu_preparer(
        dirs.cache,
        system_libraries=system,
        on_notice=notices,
        device_index=lambda: settings.settings.device.device_index,
    )
    gpu = GpuService(SharedGpuReport(prepare, notices))
    manager = default_model_manager(models, dirs.cache)
    resolve = lazy_resolver(dirs, models)  # one resolver for the cache and the planner
    model_cache = model_cache or shared_model_cache(resolve)
    planner = cpu_tuned(gpu.shared.planner, resolve, Path(dirs.cache))
    factory = make_transcriber or transcriber_factory(model_cache, planner)
    script = lambda: str(settings.settings.ui.chinese_script)  # noqa: E731
    jobs_store = JobStore(dirs.jobs)
    migrate_queue(dirs.queue, jobs_store)  # once: the old queue's jobs become journals
    engine = Engine(factory, jobs_store, prepare=job_preparer(models, script, manager.usable_names))
    jobs = JobsViewModel(engine)
    live = LiveRecorder(whisper_engines(model_cache, planner, models, manager.usable_names))
    ctx = AppContext(
        dirs,
        settings,
        engine,
        jobs,
        Player(),
        models,
        manager,
        gpu,
        model_cache,
        live,
        WaveformService(),
    )
    # Collections after decoding a file run in this (the GUI) thread, see GuiThreadCollector.
    collect_garbage_with(GuiThreadCollector())
    interrupted = jobs.restore()
    state = QSettings(str(dirs.config / "window.ini"), QSettings.Format.IniFormat)
    return Stenodesk(ctx, MainWindow(ctx, state), interrupted)


def start(app: Stenodesk, crashes: Any = None) -> None:
    """Show the window; once it is up, start the engine and offer recovery and reports."""
    from PySide6.QtCore import QTimer

    from stenodesk.ui.startup import offer_crash_reports, offer_recovery

    def after_shown() -> None:
        app.ctx.engine.start()
        app.ctx.gpu.start()
        app.ctx.model_manager.start()
        offer_recovery(app.window, app.ctx.jobs, app.interrupted)
        if crashes is not None:
            offer_crash_reports(app.window, crashes)

    app.window.window_shown.connect(lambda: QTimer.singleShot(0, after_shown))
    app.window.show()


def create_qapplication(argv: list[str], language_setting: str) -> tuple[Any, list[Any]]:
    """The QApplication (or the existing one) with Stenodesk's names and translations."""
    from PySide6.QtWidgets import QApplication

    from stenodesk import __version__
    from stenodesk.ui.i18n import install_translators, resolve_language
    from stenodesk.ui.icons import icon

    existing = QApplication.instance()
    qapp = existing if isinstance(existing, QApplication) else QApplication(argv)
    qapp.setApplicationName("Stenodesk")
    qapp.setApplicationVersion(__version__)
    qapp.setDesktopFileName("stenodesk")
    qapp.setWindowIcon(icon("app"))
    translators = install_translators(qapp, resolve_language(language_setting))
    return qapp, translators


def main(
    argv: Sequence[str] | None = None,
    *,
    smoke_test: bool = False,
    verbose: bool = False,
    startup_time: bool = False,
    files: Sequence[Path] = (),
) -> int:
    """Start the desktop app; returns its exit code.

    ``files`` are queued for transcription. When the app runs already (same
    user and data folder), they go to it, its window comes forward, and this
    launch exits at once.
    """
    from stenodesk.core.paths import UserDirs
    from stenodesk.core.settings import SettingsStore

    args = list(argv or sys.argv[:1])
    if smoke_test:
        return _smoke_main(args)
    if startup_time:
        return _startup_time_main(args)
    dirs = UserDirs.default()
    dirs.ensure()
    from stenodesk.bridge.crashlog import CrashReporter, configure_logging

    crashes = CrashReporter(dirs.logs, configure_logging(dirs.logs, verbose=verbose))
    crashes.install()
    language = SettingsStore(dirs.settings_file).load().ui.language
    qapp, _translators = create_qapplication(args, language)
    from stenodesk.bridge.instance import InstanceGuard, instance_name

    guard = InstanceGuard(instance_name(dirs.data))
    if not guard.claim(files):
        log.info("Stenodesk runs already; handed it %d file(s)", len(files))
        return 0
    started = time.monotonic()
    app = build_app(dirs)
    guard.activation_requested.connect(lambda paths: bring_forward(app.window, paths))
    if files:
        app.window.add_paths(list(files))
    app.window.window_shown.connect(
        lambda: log.info(
            "window shown %.2fs after start; engine libraries loaded: %s",
            time.monotonic() - started,
            "faster_whisper" in sys.modules,
        )
    )
    crashes.on_crash = lambda report: _tell_about_crash(app.window, report)
    qapp.aboutToQuit.connect(app.shutdown)
    install_signal_handlers(qapp)
    start(app, crashes)
    return int(qapp.exec())


def bring_forward(window: Any, files: Sequence[Path]) -> None:
    """Another launch asked for the window: raise it and queue its files."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    if files:
        window.add_paths(list(files))


def _tell_about_crash(window: Any, report: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QThread
    from PySide6.QtWidgets import QMessageBox

    qapp = QCoreApplication.instance()
    if qapp is None or QThread.currentThread() is not qapp.thread():
        return  # not from another thread; the next start offers the report
    translate = QCoreApplication.translate
    QMessageBox.warning(
        window,
        translate("app", "Internal error"),
        translate(
            "app",
            "Stenodesk ran into an internal error. A report was saved in {path}. "
            "Your work is saved; restarting Stenodesk is the safest way on.",
        ).format(path=str(report)),
    )


@contextlib.contextmanager
def _fresh_user_dirs(prefix: str) -> Iterator[tuple[Path, Any]]:
    """User folders in a temporary folder (a first start), with logging into them."""
    import tempfile

    from stenodesk.core.paths import UserDirs

    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        root = Path(tmp)
        dirs = UserDirs(root / "config", root / "data", root / "cache", root / "logs")
        dirs.ensure()
        from stenodesk.bridge.crashlog import configure_logging

        configure_logging(dirs.logs)
        yield root, dirs


def _smoke_main(argv: list[str]) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with _fresh_user_dirs("stenodesk-smoke-") as (root, dirs):
        qapp, _translators = create_qapplication(argv, "en")
        from stenodesk.ui.smoke import SmokeTest

        app = build_app(dirs)
        smoke = SmokeTest(app.window, app.ctx.jobs, root / "out")
        app.window.window_shown.connect(smoke.on_window_shown)
        start(app)
        qapp.exec()
        app.shutdown()
        code, reason = smoke.result
    print(("smoke test passed: " if code == 0 else "smoke test FAILED: ") + reason)
    return code


def _startup_time_main(argv: list[str]) -> int:
    """A first start (fresh user folders) until the window's first paint; prints the times."""
    import json

    with _fresh_user_dirs("stenodesk-startup-") as (_root, dirs):
        qapp, _translators = create_qapplication(argv, "en")
        from stenodesk.ui.startup_time import FirstPaint, process_started

        app = build_app(dirs)
        painted = FirstPaint(app.window)
        start(app)
        qapp.exec()
        app.shutdown()
    started = process_started()
    seconds = round(painted.at - started, 3) if started is not None and painted.at else None
    print(json.dumps({"first_paint": painted.at, "process_start": started, "seconds": seconds}))
    return 0 if painted.at else 1


def install_signal_handlers(qapp: Any) -> None:
    """Ctrl+C and SIGTERM close the window properly (open jobs stay resumable)."""
    from PySide6.QtCore import QTimer

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: qapp.closeAllWindows())
    # Python runs signal handlers only between bytecodes; a idle timer lets it in.
    timer = QTimer(qapp)
    timer.timeout.connect(lambda: None)
    timer.start(500)


if __name__ == "__main__":
    sys.exit(main())
