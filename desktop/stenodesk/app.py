"""Composition root: logging, crash reports, QApplication, translations, wiring.

``stenodesk`` with no command calls :func:`main`. The window is shown before
the engine thread starts, and faster-whisper and CTranslate2 are first
imported in that thread, so the window appears at once.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import logging.handlers
import os
import signal
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

log = logging.getLogger(__name__)

LOG_FILE = "stenodesk.log"
FAULT_FILE = "faulthandler.log"
CRASH_PREFIX = "crash-"
EXIT_INTERNAL = 1


# -- logging and crash reports (no Qt needed) ----------------------------------


class RingBufferHandler(logging.Handler):
    """Keeps the last log lines in memory, for crash reports."""

    def __init__(self, capacity: int = 500) -> None:
        super().__init__(logging.DEBUG)
        self.lines: deque[str] = deque(maxlen=capacity)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception:  # a broken record must not take logging down
            self.handleError(record)


_configured: list[RingBufferHandler] = []


def configure_logging(logs: Path, *, verbose: bool = False) -> RingBufferHandler:
    """Rotating file in ``logs``, a ring buffer, warnings on stderr. Once per process."""
    if _configured:
        return _configured[0]
    logs.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    to_file = logging.handlers.RotatingFileHandler(
        logs / LOG_FILE, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    to_file.setFormatter(fmt)
    to_stderr = logging.StreamHandler(sys.stderr)
    to_stderr.setLevel(logging.INFO if verbose else logging.WARNING)
    to_stderr.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    ring = RingBufferHandler()
    for handler in (to_file, to_stderr, ring):
        root.addHandler(handler)
    _configured.append(ring)
    route_qt_messages()
    return ring


def route_qt_messages() -> None:
    """Qt's own messages into our log (file only: most are noise to users)."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.DEBUG,
        QtMsgType.QtWarningMsg: logging.INFO,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: Any, context: Any, message: str) -> None:
        qt_log.log(levels.get(kind, logging.INFO), "%s: %s", context.category, message)

    qInstallMessageHandler(handler)


@dataclass
class CrashReporter:
    """Writes crash reports into the log folder; the next start offers to show them.

    Python exceptions nobody caught go through :meth:`excepthook`; hard crashes
    (a segfault in a native library) are written by :mod:`faulthandler` into
    ``faulthandler.log``, which the next start turns into a report.
    """

    logs: Path
    ring: RingBufferHandler | None = None
    on_crash: Callable[[Path], None] | None = None
    _fault_file: IO[str] | None = field(default=None, repr=False)

    def install(self) -> None:
        self.logs.mkdir(parents=True, exist_ok=True)
        self.collect_previous_fault()
        self._fault_file = (self.logs / FAULT_FILE).open("w", encoding="utf-8")
        faulthandler.enable(file=self._fault_file, all_threads=True)
        sys.excepthook = self.excepthook

    def collect_previous_fault(self) -> None:
        """Turn what faulthandler wrote during the last run (if anything) into a report."""
        fault = self.logs / FAULT_FILE
        try:
            text = fault.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return
        if text:
            self._write("Stenodesk stopped with a fatal error:\n\n" + text, suffix="fatal")

    def excepthook(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        trace = "".join(traceback.format_exception(exc_type, exc, tb))
        log.critical("uncaught exception:\n%s", trace)
        report = self._write(trace)
        if report is not None and self.on_crash is not None:
            self.on_crash(report)

    def _write(self, trace: str, suffix: str = "") -> Path | None:
        from stenodesk import __version__

        stamp = time.strftime("%Y%m%d-%H%M%S")
        name = f"{CRASH_PREFIX}{stamp}{'-' + suffix if suffix else ''}.log"
        recent = "\n".join(self.ring.lines) if self.ring is not None else ""
        body = (
            f"Stenodesk {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n\n"
            f"{trace}\n\nRecent log:\n{recent}\n"
        )
        try:
            self.logs.mkdir(parents=True, exist_ok=True)
            path = self.logs / name
            path.write_text(body, encoding="utf-8")
        except OSError as exc:
            log.error("cannot write the crash report: %s", exc)
            return None
        return path

    def pending_reports(self) -> list[Path]:
        """Reports not shown yet, oldest first."""
        return sorted(self.logs.glob(f"{CRASH_PREFIX}*.log"))

    def mark_shown(self, report: Path) -> None:
        try:
            report.rename(report.with_suffix(".shown"))
        except OSError as exc:
            log.info("cannot mark %s as shown: %s", report, exc)


# -- the application ------------------------------------------------------------


def model_root(dirs: Any, settings: Any) -> Path:
    """The model folder: the ``models.folder`` setting, or the default in the data folder."""
    from stenodesk.core.jobs.prepare import model_root as root

    return root(settings.models.folder, Path(dirs.models))


def transcriber_factory(dirs: Any, models: Path, planner: Any) -> Callable[[], Any]:
    """Builds the Transcriber in the engine thread (where faster-whisper gets imported).

    Models are found among the built-ins, in ``models`` and in the Hugging Face cache.
    """

    def make() -> Any:
        from stenodesk.core.engine.cputune import tuned_planner
        from stenodesk.core.engine.transcriber import Transcriber
        from stenodesk.core.jobs.prepare import make_resolver

        resolver = make_resolver(dirs.cache, models)
        return Transcriber(resolver, plan_device=tuned_planner(planner, resolver, dirs.cache))

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
        self.ctx.player.stop()
        self.ctx.model_manager.shutdown()
        self.ctx.engine.shutdown()
        self.ctx.gpu.shutdown()


def build_app(dirs: Any, *, make_transcriber: Callable[[], Any] | None = None) -> Stenodesk:
    """Settings, engine, view-models and the main window (not shown, engine not started).

    Args:
        dirs: the user folders (a :class:`~stenodesk.core.paths.UserDirs`).
        make_transcriber: builds the Transcriber in the engine thread; the
            real one (bundled models, device planner) when None.
    """
    from PySide6.QtCore import QSettings

    from stenodesk.bridge.engine import Engine
    from stenodesk.bridge.gpu import GpuService, SharedGpuReport, default_gpu_preparer
    from stenodesk.bridge.jobstore import JobStore
    from stenodesk.bridge.model_manager import default_model_manager
    from stenodesk.bridge.playback import Player
    from stenodesk.core.settings import SettingsStore
    from stenodesk.ui.context import AppContext
    from stenodesk.ui.jobs_vm import JobsViewModel
    from stenodesk.ui.main_window import MainWindow
    from stenodesk.ui.settings_vm import SettingsViewModel

    store = SettingsStore(dirs.settings_file)
    settings = SettingsViewModel(store, store.load())
    models = model_root(dirs, settings.settings)
    system = settings.settings.device.system_libraries
    gpu = GpuService(SharedGpuReport(default_gpu_preparer(dirs.cache, system_libraries=system)))
    manager = default_model_manager(models, dirs.cache)
    factory = make_transcriber or transcriber_factory(dirs, models, gpu.shared.planner)
    script = lambda: str(settings.settings.ui.chinese_script)  # noqa: E731
    engine = Engine(
        factory, JobStore(dirs.queue), prepare=job_preparer(models, script, manager.usable_names)
    )
    jobs = JobsViewModel(engine)
    ctx = AppContext(dirs, settings, engine, jobs, Player(), models, manager, gpu)
    interrupted = jobs.restore()
    state = QSettings(str(dirs.config / "window.ini"), QSettings.Format.IniFormat)
    return Stenodesk(ctx, MainWindow(ctx, state), interrupted)


def start(app: Stenodesk, crashes: CrashReporter | None = None) -> None:
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
) -> int:
    """Start the desktop app; returns its exit code."""
    from stenodesk.core.paths import UserDirs
    from stenodesk.core.settings import SettingsStore

    args = list(argv or sys.argv[:1])
    if smoke_test:
        return _smoke_main(args)
    if startup_time:
        return _startup_time_main(args)
    dirs = UserDirs.default()
    dirs.ensure()
    crashes = CrashReporter(dirs.logs, configure_logging(dirs.logs, verbose=verbose))
    crashes.install()
    language = SettingsStore(dirs.settings_file).load().ui.language
    qapp, _translators = create_qapplication(args, language)
    started = time.monotonic()
    app = build_app(dirs)
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
