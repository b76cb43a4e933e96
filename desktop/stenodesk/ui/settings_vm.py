"""The settings as the window sees them: one object, saved whenever a value changes."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from stenodesk.core.engine.options import Task, TranscribeOptions
from stenodesk.core.export.shaping import SubtitleOptions
from stenodesk.core.settings import Settings, SettingsStore

log = logging.getLogger(__name__)


class SettingsViewModel(QObject):
    """Typed settings plus change notification; every change is saved at once.

    Signals:
        settings_changed(str): the dotted key that changed.
    """

    settings_changed = Signal(str)

    def __init__(self, store: SettingsStore, settings: Settings, parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        self._settings = settings

    @property
    def settings(self) -> Settings:
        return self._settings

    def get(self, key: str) -> Any:
        return self._settings.get(key)

    def set(self, key: str, value: Any) -> bool:
        """Change one value and save; False if it was already that value.

        Raises:
            ValueError: the value is not allowed for the key.
        """
        updated = self._settings.with_value(key, value)
        if updated == self._settings:
            return False
        self._settings = updated
        try:
            self._store.save(updated)
        except OSError as exc:
            log.warning("settings could not be saved to %s: %s", self._store.path, exc)
        self.settings_changed.emit(key)
        return True

    def subtitle_options(self) -> SubtitleOptions:
        e = self._settings.export
        return SubtitleOptions(
            e.max_chars_per_line, e.max_lines, e.max_duration, speaker_labels=e.speaker_labels
        )

    def transcribe_options(self) -> TranscribeOptions:
        """Options for a new job, from the defaults the user set."""
        t, d = self._settings.transcription, self._settings.device
        task: Task = "translate" if t.task == "translate" else "transcribe"
        return TranscribeOptions(
            model=t.model,
            device=d.device,
            device_index=d.device_index,
            compute_type=d.compute_type,
            cpu_threads=t.cpu_threads,
            language=t.language or None,
            task=task,
            beam_size=t.beam_size,
            vad_filter=t.vad_filter,
            word_timestamps=t.word_timestamps,
            batch_size=t.batch_size,
            speakers=t.speakers,
        )
