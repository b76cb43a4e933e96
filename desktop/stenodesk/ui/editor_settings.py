"""The transcript editor's settings: subtitle rules to check, the player's speed and volume.

:class:`EditorSettingsGroup` is the Settings page's group for the
``subtitles`` and ``playback`` sections; :class:`PlaybackMemory` keeps the
player's speed and volume in the settings, so they are the same next time.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from stenodesk.bridge.playback import Player
from stenodesk.ui.player_bar import SPEEDS
from stenodesk.ui.settings_vm import SettingsViewModel

SAVE_DELAY_MS = 500
"""A dragged volume slider is saved once it rests, not at every step."""


def _double(low: float, high: float, step: float, suffix: str, decimals: int = 1) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setSingleStep(step)
    spin.setDecimals(decimals)
    spin.setSuffix(suffix)
    return spin


def _int(low: int, high: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    return spin


class EditorSettingsGroup(QWidget):
    """Subtitle check limits and playback speed/volume, bound to the settings."""

    def __init__(self, settings: SettingsViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.controls: dict[str, QDoubleSpinBox | QSpinBox | QComboBox] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        s = self.tr(" s")
        rows: list[tuple[str, str, QDoubleSpinBox | QSpinBox]] = [
            (
                "subtitles.max_chars_per_second",
                self.tr("Reading speed limit"),
                _double(5.0, 40.0, 1.0, self.tr(" characters/s")),
            ),
            ("subtitles.min_duration", self.tr("Shortest subtitle"), _double(0.1, 5.0, 0.1, s)),
        ]
        for key, label, spin in rows:
            spin.setParent(self)
            spin.setValue(settings.get(key))
            spin.valueChanged.connect(lambda value, k=key: self._set(k, value))
            self.controls[key] = spin
            form.addRow(label, spin)
        note = QLabel(
            self.tr("Line length, lines per subtitle and the longest subtitle are the Export ones.")
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.speed = QComboBox(self)
        for speed in SPEEDS:
            self.speed.addItem(f"{speed:g}×", speed)
        self._show_speed()
        self.speed.currentIndexChanged.connect(
            lambda _n: self._set("playback.speed", float(self.speed.currentData()))
        )
        self.controls["playback.speed"] = self.speed
        form.addRow(self.tr("Playback speed (pitch kept)"), self.speed)
        self.volume = _int(0, 100)
        self.volume.setParent(self)
        self.volume.setSuffix(" %")
        self.volume.setValue(round(settings.get("playback.volume") * 100))
        self.volume.valueChanged.connect(lambda v: self._set("playback.volume", v / 100))
        self.controls["playback.volume"] = self.volume
        form.addRow(self.tr("Playback volume"), self.volume)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.hide()
        form.addRow(self.error)
        settings.settings_changed.connect(self._on_settings_changed)

    def _show_speed(self) -> None:
        index = self.speed.findData(float(self.settings.get("playback.speed")))
        self.speed.setCurrentIndex(max(0, index))

    def _set(self, key: str, value: Any) -> None:
        try:
            self.settings.set(key, value)
        except ValueError:
            # Limits that cannot hold together (the shortest above the longest): say so, go back.
            self.error.setText(self.tr("The shortest subtitle must be shorter than the longest."))
            self.error.show()
            self._on_settings_changed(key)
            return
        self.error.hide()

    @Slot(str)
    def _on_settings_changed(self, key: str) -> None:
        control = self.controls.get(key)
        if control is None:
            return
        control.blockSignals(True)
        if key == "playback.speed":
            self._show_speed()
        elif key == "playback.volume":
            self.volume.setValue(round(self.settings.get(key) * 100))
        elif isinstance(control, QSpinBox | QDoubleSpinBox):
            control.setValue(self.settings.get(key))
        control.blockSignals(False)


class PlaybackMemory(QObject):
    """Starts the player at the remembered speed and volume, and remembers changes."""

    def __init__(self, settings: SettingsViewModel, player: Player, parent: QObject | None = None):
        super().__init__(parent)
        self._settings, self._player = settings, player
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self._save)
        player.set_speed(float(settings.get("playback.speed")))
        player.set_volume(float(settings.get("playback.volume")))
        player.speed_changed.connect(self._timer.start)
        player.volume_changed.connect(self._timer.start)
        settings.settings_changed.connect(self._on_settings_changed)

    @Slot()
    def _save(self) -> None:
        self._settings.set("playback.speed", float(self._player.speed))
        self._settings.set("playback.volume", round(float(self._player.volume), 3))

    @Slot(str)
    def _on_settings_changed(self, key: str) -> None:
        if key == "playback.speed" and self._player.speed != self._settings.get(key):
            self._player.set_speed(float(self._settings.get(key)))
        elif key == "playback.volume" and abs(self._player.volume - self._settings.get(key)) > 1e-3:
            self._player.set_volume(float(self._settings.get(key)))
