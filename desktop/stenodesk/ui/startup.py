"""What the window offers right after it appears: resume interrupted jobs, read crash reports."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from stenodesk.ui.dialogs import CrashDialog, RecoveryDialog
from stenodesk.ui.jobs_vm import JobsViewModel

if TYPE_CHECKING:
    from stenodesk.bridge.crashlog import CrashReporter

log = logging.getLogger(__name__)


def offer_recovery(
    window: QWidget, jobs: JobsViewModel, interrupted: list[str]
) -> RecoveryDialog | None:
    """Show the interrupted jobs (their partial text is in the queue) and offer to resume."""
    rows = [row for job_id in interrupted if (row := jobs.model.job(job_id)) is not None]
    if not rows:
        return None
    select = getattr(window, "select_job", None)
    if select is not None:
        select(rows[0].job_id)
    counts = {row.job_id: len(jobs.documents[row.job_id]) for row in rows}
    dialog = RecoveryDialog(rows, counts, window)

    def resume_all() -> None:
        for row in rows:
            jobs.resume(row.job_id)

    dialog.accepted.connect(resume_all)
    dialog.open()
    return dialog


def offer_crash_reports(window: QWidget, crashes: CrashReporter) -> CrashDialog | None:
    """Show the oldest unread crash report (one per start)."""
    reports = crashes.pending_reports()
    if not reports:
        return None
    report = reports[0]
    try:
        text = report.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        log.info("cannot read crash report %s: %s", report, exc)
        return None
    crashes.mark_shown(report)
    dialog = CrashDialog(report, text, window)
    dialog.open()
    return dialog
