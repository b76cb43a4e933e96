"""The Live page: pick a microphone, record, read the text as you speak, export it.

Recording runs in the bridge's live thread (:class:`~stenodesk.bridge.live.LiveRecorder`);
this page only sends requests and shows what the signals bring. The WAV
recording can go to the Transcribe queue as an ordinary file job.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stenodesk.bridge.jobs import JobError
from stenodesk.bridge.live import LiveLevel, LiveRecorder, LiveRequest
from stenodesk.core.audio.devices import InputDevice
from stenodesk.core.audio.engine import LIVE_BEAM_SIZE
from stenodesk.core.audio.live import LiveUpdate
from stenodesk.core.audio.session import SessionResult
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.export.formats import FORMATS
from stenodesk.core.export.writer import export
from stenodesk.core.paths import UserDirs
from stenodesk.ui.format import clock
from stenodesk.ui.i18n import error_text, job_error_text
from stenodesk.ui.icons import icon
from stenodesk.ui.jobs_vm import JobsViewModel
from stenodesk.ui.live_text import LiveTextView
from stenodesk.ui.settings_vm import SettingsViewModel

log = logging.getLogger(__name__)

AskPath = Callable[[Path, str], Path | None]
METER_FLOOR_DB = -60.0


def meter_value(level: float) -> int:
    """A peak level (0..1) on a 0..100 scale in decibels, -60 dBFS to 0."""
    if level <= 0:
        return 0
    db = 20 * math.log10(min(1.0, level))
    return round(100 * max(0.0, 1 - db / METER_FLOOR_DB))


class LivePage(QWidget):
    """Device picker, level meter, Record/Stop (Ctrl+R), elapsed time, text, export."""

    def __init__(
        self,
        recorder: LiveRecorder,
        jobs: JobsViewModel,
        settings: SettingsViewModel,
        dirs: UserDirs,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.recorder = recorder
        self._jobs = jobs
        self._settings = settings
        self._dirs = dirs
        self.result: SessionResult | None = None
        self.ask_path: AskPath = self._ask_path_dialog
        self._listed = False
        self._watching: QObject | None = None
        self._build_controls()
        self._build_text()
        self._build_footer()
        self._connect()
        self._set_idle()

    # -- building -----------------------------------------------------------

    def _build_controls(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        row = QHBoxLayout()
        self.devices = QComboBox(self)
        self.devices.setMinimumWidth(200)
        self.record_button = QPushButton(icon("live"), "", self)
        self.record_button.setMinimumWidth(100)
        self.record_action = QAction(self.tr("Record or stop"), self)
        self.record_action.setShortcut(QKeySequence("Ctrl+R"))
        self.record_action.triggered.connect(self._on_record_clicked)
        self.addAction(self.record_action)
        self.meter = QProgressBar(self)
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(10)
        self.meter.setToolTip(self.tr("Input level"))
        self.elapsed = QLabel(clock(0), self)
        # The clock runs here: the live thread reports only between decodes.
        self._since = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setInterval(250)
        self._ticker.timeout.connect(self._on_ticker_timeout)
        row.addWidget(QLabel(self.tr("Microphone:"), self))
        row.addWidget(self.devices, 1)
        row.addWidget(self.record_button)
        row.addWidget(self.meter, 1)
        row.addWidget(self.elapsed)
        layout.addLayout(row)

    def _build_text(self) -> None:
        self.text = LiveTextView(self)
        self.text.setPlaceholderText(
            self.tr("Press Record (Ctrl+R) and speak; the text appears as you go.")
        )
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(self.text, 1)

    def _build_footer(self) -> None:
        row = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.export_buttons: dict[str, QPushButton] = {}
        row.addWidget(self.status, 1)
        for fmt in ("srt", "txt"):
            button = QPushButton(
                icon("export"), self.tr("Export {format}").format(format=fmt.upper()), self
            )
            button.clicked.connect(lambda _=False, f=fmt: self.export_current(f))
            self.export_buttons[fmt] = button
            row.addWidget(button)
        self.again_button = QPushButton(icon("transcribe"), self.tr("Transcribe again"), self)
        self.again_button.setToolTip(
            self.tr("Transcribe the recording as a file job, with the Transcribe page's model")
        )
        self.again_button.clicked.connect(self.transcribe_again)
        row.addWidget(self.again_button)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addLayout(row)

    def _connect(self) -> None:
        r = self.recorder
        self.record_button.clicked.connect(self._on_record_clicked)
        self.devices.currentIndexChanged.connect(self._on_devices_current_index_changed)
        r.devices_listed.connect(self._on_recorder_devices_listed)
        r.recording_started.connect(self._on_recorder_recording_started)
        r.level_changed.connect(self._on_recorder_level_changed)
        r.text_changed.connect(self._on_recorder_text_changed)
        r.recording_finished.connect(self._on_recorder_recording_finished)
        r.recording_failed.connect(self._on_recorder_recording_failed)

    # -- life ---------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._listed:  # PortAudio starts here, not when the window opens
            self._listed = True
            self.recorder.list_devices()
        window = self.window()
        if window is not self and self._watching is not window:
            window.installEventFilter(self)
            self._watching = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watching and event.type() == QEvent.Type.Close:
            # A recording in progress is finished and kept; the app waits for it
            # together with its other threads (bridge.threads.stop_together).
            self.recorder.stop()
        return False

    # -- recording ----------------------------------------------------------

    @Slot()
    def _on_record_clicked(self) -> None:
        if self.recorder.recording:
            self.recorder.stop()
            self.record_button.setEnabled(False)
            self.record_button.setText(self.tr("Finishing..."))
            return
        self._dirs.recordings.mkdir(parents=True, exist_ok=True)
        wav = self._dirs.recordings / f"live-{datetime.now():%Y%m%d-%H%M%S}.wav"
        device = self.devices.currentData()
        # The settings' device, as file jobs: the live thread then shares their model.
        options = self._settings.transcribe_options().with_(beam_size=LIVE_BEAM_SIZE)
        self.result = None
        self.text.clear_text()
        self.status.clear()
        self._set_exports(False)
        self.record_button.setEnabled(False)
        self.record_button.setText(self.tr("Starting..."))
        self.recorder.record(LiveRequest(wav, device or None, options))

    def _set_idle(self) -> None:
        self.record_button.setEnabled(True)
        self.record_button.setText(self.tr("Record"))
        self.meter.setValue(0)
        self._set_exports(self.result is not None and bool(self.result.commits))
        self.again_button.setEnabled(self.result is not None)

    def _set_exports(self, enabled: bool) -> None:
        for button in self.export_buttons.values():
            button.setEnabled(enabled)
        self.again_button.setEnabled(enabled)

    @Slot(object)
    def _on_recorder_devices_listed(self, devices: tuple[InputDevice, ...]) -> None:
        self.devices.blockSignals(True)
        self.devices.clear()
        self.devices.addItem(self.tr("System default"), "")
        for d in devices:
            self.devices.addItem(d.label, d.name)
        wanted = str(self._settings.get("audio.input_device"))
        found = self.devices.findData(wanted)
        if found < 0 and wanted:  # remembered but absent now: say so, keep the choice
            self.devices.addItem(self.tr("{device} (not connected)").format(device=wanted), wanted)
            found = self.devices.count() - 1
        self.devices.setCurrentIndex(max(0, found))
        self.devices.blockSignals(False)
        if not devices:
            self.status.setText(" ".join(error_text(ErrorKind.NO_INPUT_DEVICE, "")))

    @Slot(int)
    def _on_devices_current_index_changed(self, index: int) -> None:
        self._settings.set("audio.input_device", str(self.devices.itemData(index) or ""))

    @Slot(object)
    def _on_recorder_recording_started(self, device: InputDevice) -> None:
        self.record_button.setEnabled(True)
        self.record_button.setText(self.tr("Stop"))
        self._since.start()
        self._ticker.start()
        self.elapsed.setText(clock(0))
        self.status.setText(self.tr("Recording from {device}").format(device=device.label))

    @Slot(object)
    def _on_recorder_level_changed(self, level: LiveLevel) -> None:
        self.meter.setValue(meter_value(level.level))

    @Slot()
    def _on_ticker_timeout(self) -> None:
        self.elapsed.setText(clock(self._since.elapsed() / 1000))

    @Slot(object)
    def _on_recorder_text_changed(self, update: LiveUpdate) -> None:
        self.text.show_update(update)

    @Slot(object)
    def _on_recorder_recording_finished(self, result: SessionResult) -> None:
        self.result = result
        stats = result.capture
        self._ticker.stop()
        self.elapsed.setText(clock(stats.recorded_seconds))
        done = self.tr("Recorded {duration} to {file}").format(
            duration=clock(stats.recorded_seconds), file=stats.wav_path.name
        )
        if result.failure is not None:
            text, fix = error_text(result.failure.kind, result.failure.subject)
            done = f"{text} {fix} {done}"
        self.status.setText(done)
        self._set_idle()

    @Slot(object)
    def _on_recorder_recording_failed(self, error: JobError) -> None:
        self._ticker.stop()
        self.status.setText(job_error_text(error))
        self._set_idle()

    # -- afterwards ----------------------------------------------------------

    def export_current(self, fmt: str) -> Path | None:
        """Ask where, then write the last recording's text as ``fmt``."""
        if self.result is None:
            return None
        wav = self.result.wav_path
        last = str(self._settings.get("export.last_folder"))
        folder = Path(last) if last and Path(last).is_dir() else wav.parent
        path = self.ask_path(folder / (wav.stem + FORMATS[fmt].extension), fmt)
        if path is None:
            return None
        try:
            written = export(
                self.result.transcript,
                fmt,
                path,
                subtitles=self._settings.subtitle_options(),
                overwrite=True,
            )
        except StenodeskError as exc:
            text, fix = error_text(exc.kind, exc.subject)
            QMessageBox.warning(self, self.tr("Export failed"), f"{text}\n\n{fix}")
            return None
        self._settings.set("export.last_folder", str(path.parent))
        self.status.setText(self.tr("Exported {file}").format(file=written.name))
        return written

    def transcribe_again(self) -> list[str]:
        """Queue the recording as a file job (with the defaults for new jobs)."""
        if self.result is None:
            return []
        added = self._jobs.add_paths([self.result.wav_path], self._settings.transcribe_options())
        if added:
            name = self.result.wav_path.name
            self.status.setText(self.tr("Added {file} to the Transcribe queue").format(file=name))
        return added

    def _ask_path_dialog(self, suggested: Path, fmt: str) -> Path | None:
        extension = FORMATS[fmt].extension
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export transcript"), str(suggested), f"*{extension}"
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix(extension)
