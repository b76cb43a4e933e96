"""The Transcribe page: the queue on the left, the selected transcript on the right."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QSplitter, QWidget

from stenodesk.bridge.jobs import JobState
from stenodesk.bridge.playback import Player
from stenodesk.bridge.waveform import WaveformService
from stenodesk.core.audio.decode import MEDIA_EXTENSIONS
from stenodesk.core.editing.checks import SubtitleRules
from stenodesk.core.engine.result import SPEAKERS
from stenodesk.core.languages import LANGUAGES
from stenodesk.ui.format import clock
from stenodesk.ui.i18n import job_error_text
from stenodesk.ui.jobs_vm import JobsViewModel
from stenodesk.ui.queue_model import JobRow, state_label
from stenodesk.ui.queue_widget import QueueWidget
from stenodesk.ui.settings_vm import SettingsViewModel
from stenodesk.ui.transcript_model import TranscriptDocument
from stenodesk.ui.transcript_widget import TranscriptWidget

EDITABLE = (JobState.FINISHED, JobState.CANCELLED, JobState.FAILED)
"""Jobs whose transcript can be edited: no more lines will arrive."""


def media_filter() -> str:
    patterns = " ".join(f"*{ext}" for ext in sorted(MEDIA_EXTENSIONS))
    label = QCoreApplication.translate("TranscribePage", "Audio and video files")
    return f"{label} ({patterns})"


class TranscribePage(QWidget):
    """Queue and transcript side by side; the window routes drops and shortcuts here."""

    def __init__(
        self,
        jobs: JobsViewModel,
        settings: SettingsViewModel,
        player: Player,
        models: list[str],
        parent: QWidget | None = None,
        *,
        waveforms: WaveformService | None = None,
    ) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.settings = settings
        self.undo_group = QUndoGroup(self)
        self.queue = QueueWidget(jobs, settings.transcribe_options(), models, self)
        self.transcript = TranscriptWidget(player, self, waveforms=waveforms)
        self.transcript.set_rules(SubtitleRules.from_settings(settings.settings))
        self._remember_toggles()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.queue)
        self.splitter.addWidget(self.transcript)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([540, 660])
        self.splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)
        self.queue.current_job_changed.connect(self._on_queue_current_job_changed)
        self.queue.add_files_requested.connect(self.add_files_dialog)
        jobs.model.dataChanged.connect(self._refresh_details)
        settings.settings_changed.connect(self._on_settings_changed)

    def _remember_toggles(self) -> None:
        """Follow playback and the subtitle checks start as the user last left them."""
        view, settings = self.transcript, self.settings
        view.set_follow(settings.settings.playback.follow)
        view.set_checks_shown(settings.settings.subtitles.show_checks)
        view.actions_.follow.toggled.connect(lambda on: settings.set("playback.follow", on))
        view.actions_.checks.toggled.connect(lambda on: settings.set("subtitles.show_checks", on))

    def current_job(self) -> str:
        return self.queue.current_job()

    def add_paths(self, paths: Iterable[Path]) -> list[str]:
        return self.jobs.add_paths(paths, self.queue.new_job_options())

    def add_files_dialog(self) -> list[str]:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add files"), str(Path.home()), media_filter()
        )
        return self.add_paths(Path(f) for f in files)

    def cancel_current(self) -> None:
        self.queue.cancel_current()

    @Slot(str)
    def _on_queue_current_job_changed(self, job_id: str) -> None:
        doc = self.jobs.documents.get(job_id)
        self.transcript.set_document(doc)
        if doc is not None:
            self.undo_group.addStack(doc.undo_stack)
            self.undo_group.setActiveStack(doc.undo_stack)
        else:
            self.undo_group.setActiveStack(None)  # type: ignore[arg-type]  # Qt takes nullptr
        self._refresh_details()

    @Slot()
    def _refresh_details(self) -> None:
        doc = self.transcript.model.document
        row = self.jobs.model.job(doc.job_id) if doc is not None else None
        if doc is not None and row is not None:
            # Lines are edited once they stop arriving; a resumed job would drop new ones.
            self.transcript.set_editable(row.state in EDITABLE)
            self.transcript.update_header(self._details(row, doc))
        elif doc is None:
            self.transcript.set_editable(False)

    def _details(self, row: JobRow, doc: TranscriptDocument) -> str:
        if row.state == JobState.RUNNING and row.progress is not None:
            percent = round(row.progress.fraction * 100)
            if row.progress.phase == SPEAKERS:
                text = self.tr("Finding speakers: {percent}%").format(percent=percent)
            else:
                text = self.tr("Transcribing: {percent}%").format(percent=percent)
            if row.progress.eta is not None:
                text += " · " + self.tr("{time} left").format(time=clock(row.progress.eta))
            return " · ".join(filter(None, (text, row.notice)))
        if row.state == JobState.FINISHED and doc.info is not None:
            info = doc.info
            device = f"{info.device}/{info.compute_type}" if info.device else ""
            known = LANGUAGES.get(info.language)
            language = f"{known.native} ({info.language})" if known else info.language
            if row.options.language is None and info.language_probability > 0:
                language = self.tr("{language}, detected {percent}%").format(
                    language=language, percent=round(info.language_probability * 100)
                )
            parts = [language, info.model, device, clock(info.duration)]
            return " · ".join(p for p in (*parts, row.notice) if p)
        if row.error is not None:
            return job_error_text(row.error)
        return " · ".join(filter(None, (state_label(row.state), row.notice)))

    @Slot(str)
    def _on_settings_changed(self, key: str) -> None:
        if key.startswith(("subtitles.", "export.max_")):  # the checks use the export's shape too
            self.transcript.set_rules(SubtitleRules.from_settings(self.settings.settings))
        if key.startswith(("transcription.", "device.")):
            self.queue.set_new_job_options(self.settings.transcribe_options())
