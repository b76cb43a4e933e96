"""Crashes leave a report with the recent log; the next start offers to show it."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from stenodesk.bridge.crashlog import CrashReporter, RingBufferHandler
from stenodesk.ui.dialogs import CrashDialog
from stenodesk.ui.startup import offer_crash_reports

CRASH_IN_NATIVE_CODE = """
import faulthandler, sys
from pathlib import Path
from stenodesk.bridge.crashlog import CrashReporter
CrashReporter(Path(sys.argv[1])).install()
faulthandler._sigsegv()
"""


def test_a_segfault_is_reported_by_the_next_start(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    done = subprocess.run(
        [sys.executable, "-c", CRASH_IN_NATIVE_CODE, str(logs)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    next_start = CrashReporter(logs)
    next_start.collect_previous_fault()
    [report] = next_start.pending_reports()
    text = report.read_text()
    assert "Fatal Python error: Segmentation fault" in text and "line 6 in <module>" in text


@pytest.mark.gui
def test_an_uncaught_exception_writes_a_report_that_the_window_offers(
    desk: Any, qtbot: Any, tmp_path: Path, logfail: Any, caplog: pytest.LogCaptureFixture
) -> None:
    logfail.allow("stenodesk.bridge.crashlog")
    caplog.set_level(logging.INFO, logger="stenodesk")
    ring = RingBufferHandler()
    logging.getLogger("stenodesk").addHandler(ring)
    crashed: list[Path] = []
    reporter = CrashReporter(tmp_path / "logs", ring, on_crash=crashed.append)
    try:
        logging.getLogger("stenodesk.test").info("about to divide by zero")
        try:
            _ = 1 / 0
        except ZeroDivisionError as exc:
            reporter.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        logging.getLogger("stenodesk").removeHandler(ring)
    [report] = crashed
    text = report.read_text()
    assert "ZeroDivisionError" in text and "about to divide by zero" in text

    dialog = offer_crash_reports(desk.window, reporter)
    assert isinstance(dialog, CrashDialog)
    assert "ZeroDivisionError" in dialog.text.toPlainText()
    assert reporter.pending_reports() == [], "offered once"
    dialog.reject()
