"""Logging and crash reports: set up once by the app, before the window.

Logs go to a rotating file in the user log folder, warnings to stderr, and the
last lines into a ring buffer that a crash report quotes. Python exceptions
nobody caught and hard crashes in native code (through :mod:`faulthandler`)
leave a report in the log folder, which the next start offers to show.
Qt's own messages are routed into the log.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

log = logging.getLogger(__name__)

LOG_FILE = "stenodesk.log"
FAULT_FILE = "faulthandler.log"
CRASH_PREFIX = "crash-"
EXIT_INTERNAL = 1


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
