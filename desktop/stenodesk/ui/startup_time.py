"""``stenodesk --startup-time``: when the window's first frame is painted.

Packaging measures the start-up with it (scripts/build): from the moment the
executable is started to the first paint of the main window.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class FirstPaint(QObject):
    """Notes when ``window`` is first painted (seconds since the epoch), then quits."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.at = 0.0
        self._seen = False
        app = QCoreApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self._seen
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            self._seen = True
            QTimer.singleShot(0, self._painted)  # after the whole frame is painted and flushed
        return False

    def _painted(self) -> None:
        self.at = time.time()
        QCoreApplication.quit()


def process_started() -> float | None:
    """When this process started, in seconds since the epoch (Linux); None elsewhere."""
    try:
        fields = Path("/proc/self/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    since_boot = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: starttime, in ticks
    return time.time() - (time.clock_gettime(time.CLOCK_BOOTTIME) - since_boot)
