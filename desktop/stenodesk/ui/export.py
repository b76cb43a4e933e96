"""Export: the selected job's transcript (with corrections) as SRT, VTT, TXT or JSON."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from stenodesk.core.errors import StenodeskError
from stenodesk.core.export.formats import FORMATS
from stenodesk.core.export.writer import export
from stenodesk.ui.i18n import error_text
from stenodesk.ui.icons import icon
from stenodesk.ui.jobs_vm import JobsViewModel
from stenodesk.ui.settings_vm import SettingsViewModel

log = logging.getLogger(__name__)

AskPath = Callable[[Path, str], Path | None]
"""Asks where to save: (suggested path, format) -> the chosen path, or None."""


class Exporter(QObject):
    """The export actions, menu and dialog; remembers the last folder.

    Signals:
        exported(str): the path written.
    """

    exported = Signal(str)

    def __init__(
        self,
        jobs: JobsViewModel,
        settings: SettingsViewModel,
        current_job: Callable[[], str],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._jobs = jobs
        self._settings = settings
        self._current_job = current_job
        self._window = window
        self.ask_path: AskPath = self._ask_path_dialog
        self.default_action = QAction(icon("export"), self.tr("&Export"), self)
        self.default_action.setShortcut(QKeySequence("Ctrl+E"))
        self.default_action.setToolTip(self.tr("Export the transcript (Ctrl+E)"))
        self.default_action.triggered.connect(lambda: self.export_current(None))
        self.menu = QMenu(self.tr("Export &as"), window)
        self.format_actions: dict[str, QAction] = {}
        for fmt in FORMATS:
            action = self.menu.addAction(self._label(fmt))
            action.triggered.connect(lambda _=False, f=fmt: self.export_current(f))
            self.format_actions[fmt] = action

    def _label(self, fmt: str) -> str:
        return {
            "srt": self.tr("SubRip subtitles (.srt)"),
            "vtt": self.tr("WebVTT subtitles (.vtt)"),
            "txt": self.tr("Plain text (.txt)"),
            "json": self.tr("JSON with words and times (.json)"),
        }.get(fmt, fmt)

    def set_enabled(self, enabled: bool) -> None:
        self.default_action.setEnabled(enabled)
        for action in self.format_actions.values():
            action.setEnabled(enabled)

    def suggested_path(self, job_id: str, fmt: str) -> Path | None:
        row = self._jobs.model.job(job_id)
        if row is None:
            return None
        last = self._settings.get("export.last_folder")
        folder = Path(last) if last and Path(last).is_dir() else row.source.parent
        return folder / (row.source.stem + FORMATS[fmt].extension)

    def export_current(self, fmt: str | None) -> Path | None:
        """Ask where, then write the selected job in ``fmt`` (default: the settings' format)."""
        fmt = fmt or str(self._settings.get("export.format"))
        job_id = self._current_job()
        suggested = self.suggested_path(job_id, fmt)
        if suggested is None:
            return None
        path = self.ask_path(suggested, fmt)
        if path is None:
            return None
        try:
            return self.export_to(job_id, fmt, path)
        except StenodeskError as exc:
            text, fix = error_text(exc.kind, exc.subject)
            log.info("export to %s failed: %s", path, exc)
            QMessageBox.warning(self._window, self.tr("Export failed"), f"{text}\n\n{fix}")
            return None

    def export_to(self, job_id: str, fmt: str, path: Path) -> Path:
        """Write job ``job_id`` to ``path`` (replacing it: the dialog asked already).

        Raises:
            StenodeskError: OUTPUT_FAILED or DISK_FULL.
            KeyError: no such job.
        """
        transcript = self._jobs.transcript(job_id)
        if transcript is None:
            raise KeyError(job_id)
        written = export(
            transcript,
            fmt,
            path,
            subtitles=self._settings.subtitle_options(),
            overwrite=True,
        )
        self._settings.set("export.last_folder", str(path.parent))
        log.info("exported %s", written)
        self.exported.emit(str(written))
        return written

    def _ask_path_dialog(self, suggested: Path, fmt: str) -> Path | None:
        extension = FORMATS[fmt].extension
        chosen, _ = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Export transcript"),
            str(suggested),
            f"{self._label(fmt)} (*{extension})",
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix(extension)
