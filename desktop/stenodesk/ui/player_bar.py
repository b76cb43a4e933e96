"""The player bar: play/pause, a position slider drawn over the waveform, time, skip, speed, volume.

:class:`PlayerBar` drives the app's one :class:`Player` for one media file.
Its keys are window-wide so that they work while a line is being edited:
Ctrl+Space plays or pauses, Ctrl+Left/Right skip 5 s back or forward,
Ctrl+Shift+< and Ctrl+Shift+> change the speed a step (0.5x to 2x). The
waveform (:class:`Waveform`, computed elsewhere) is optional: until it
arrives the slider is a plain bar. Clicking or dragging in it seeks.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QToolButton,
    QWidget,
)

from stenodesk.bridge.playback import Player
from stenodesk.core.audio.waveform import Waveform
from stenodesk.ui.format import stamp
from stenodesk.ui.icons import icon
from stenodesk.ui.waveform_slider import SKIP_SECONDS, WaveformSlider

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
TICK_MS = 50
"""How often the position is shown while playing (20 times a second)."""


class _BarKeysFirst(QObject):
    """Lets the bar's keys win over a text editor's own use of them.

    A line editor claims Ctrl+Left/Right (word by word) before window
    shortcuts are tried, by accepting the ShortcutOverride event. For the
    bar's keys, in the bar's window, this filter keeps that event from the
    editor, so the player's action runs instead.
    """

    def __init__(self, bar: PlayerBar) -> None:
        super().__init__(bar)
        self._bar = bar

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self._bar.window():
            return False
        pressed = QKeySequence(event.keyCombination())
        return any(act.isEnabled() and pressed in act.shortcuts() for act in self._bar.actions())


class PlayerBar(QWidget):
    """Controls for playing one media file through the shared :class:`Player`.

    Signals:
        position_changed(float): the shown position moved (playing or seeking).
    """

    position_changed = Signal(float)

    def __init__(self, player: Player, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self._source: Path | None = None
        self._duration = 0.0
        self._position = 0.0
        self._build_buttons()
        self._build_slider_and_time()
        self._build_speed_and_volume()
        self._build_actions()
        self._build_layout()
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(_BarKeysFirst(self))
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._on_ticker_timeout)
        player.playing_changed.connect(self._on_player_playing_changed)
        player.speed_changed.connect(self._on_player_speed_changed)
        player.volume_changed.connect(self._on_player_volume_changed)
        self.set_source(None)

    def _build_buttons(self) -> None:
        self.play_button = QToolButton(self)
        self.play_button.setIcon(icon("play"))
        self.play_button.setIconSize(QSize(22, 22))
        self.back_button = QToolButton(self)
        self.back_button.setText(self.tr("−5 s"))
        self.forward_button = QToolButton(self)
        self.forward_button.setText(self.tr("+5 s"))
        self.play_button.clicked.connect(self.toggle_playback)
        self.back_button.clicked.connect(lambda: self.skip(-SKIP_SECONDS))
        self.forward_button.clicked.connect(lambda: self.skip(SKIP_SECONDS))

    def _build_slider_and_time(self) -> None:
        self.slider = WaveformSlider(self)
        self.slider.seek_requested.connect(self.seek)
        self.time_label = QLabel(self)
        self.time_label.setAccessibleName(self.tr("Time"))

    def _build_speed_and_volume(self) -> None:
        self.speed_box = QComboBox(self)
        self.speed_box.setAccessibleName(self.tr("Playback speed"))
        for speed in SPEEDS:
            self.speed_box.addItem(f"{speed:g}×", speed)
        self.speed_box.setCurrentIndex(SPEEDS.index(1.0))
        self.speed_box.activated.connect(self._on_speed_box_activated)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setValue(round(self.player.volume * 100))
        self.volume_slider.setMaximumWidth(100)
        self.volume_slider.setAccessibleName(self.tr("Volume"))
        self.volume_slider.setToolTip(self.tr("Volume"))
        self.volume_slider.valueChanged.connect(self._on_volume_slider_value_changed)
        self._show_speed(self.player.speed)

    def _build_actions(self) -> None:
        def action(text: str, slot: object, *keys: str) -> QAction:
            made = QAction(text, self)
            made.setShortcuts([QKeySequence(k) for k in keys])
            # Window-wide, so that the keys work while a line is being edited.
            made.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        self.play_action = action(self.tr("Play or pause"), self.toggle_playback, "Ctrl+Space")
        self.back_action = action(
            self.tr("Back 5 seconds"), lambda: self.skip(-SKIP_SECONDS), "Ctrl+Left"
        )
        self.forward_action = action(
            self.tr("Forward 5 seconds"), lambda: self.skip(SKIP_SECONDS), "Ctrl+Right"
        )
        self.slower_action = action(self.tr("Slower"), lambda: self.step_speed(-1), "Ctrl+Shift+<")
        self.faster_action = action(self.tr("Faster"), lambda: self.step_speed(1), "Ctrl+Shift+>")
        for button, act in (
            (self.play_button, self.play_action),
            (self.back_button, self.back_action),
            (self.forward_button, self.forward_action),
        ):
            keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(f"{act.text()} ({keys})")
        self.speed_box.setToolTip(
            self.tr("Playback speed, pitch kept ({slower} / {faster})").format(
                slower=self.slower_action.shortcut().toString(
                    QKeySequence.SequenceFormat.NativeText
                ),
                faster=self.faster_action.shortcut().toString(
                    QKeySequence.SequenceFormat.NativeText
                ),
            )
        )

    def _build_layout(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        # The time may be cut short in a narrow window rather than widen it.
        self.time_label.setMinimumWidth(self.time_label.fontMetrics().horizontalAdvance("0:00.0"))
        for button in (self.back_button, self.forward_button):
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance("+5") + 10)
        for button in (self.back_button, self.play_button, self.forward_button):
            layout.addWidget(button)
        layout.addWidget(self.slider, 1)
        for widget in (self.time_label, self.speed_box, self.volume_slider):
            layout.addWidget(widget)

    def shortcuts(self) -> list[tuple[str, str]]:
        """(what it does, keys) for every key of the bar, for Help."""
        native = QKeySequence.SequenceFormat.NativeText
        acts = (
            self.play_action,
            self.back_action,
            self.forward_action,
            self.slower_action,
            self.faster_action,
        )
        return [(a.text(), a.shortcut().toString(native)) for a in acts]

    @property
    def source(self) -> Path | None:
        return self._source

    @property
    def position(self) -> float:
        return self._position

    @property
    def duration(self) -> float:
        return self._duration

    def set_source(self, source: Path | None, duration: float = 0.0) -> None:
        """Control ``source`` (``duration`` seconds long); None disables the bar."""
        if source != self._source and self._owns_stream():
            self.player.stop()
        self._source, self._duration = source, max(0.0, duration)
        self.slider.set_waveform(None)
        self.slider.set_spans(())
        self.slider.set_duration(self._duration)
        for widget in (self.play_button, self.back_button, self.forward_button, self.slider):
            widget.setEnabled(source is not None)
        for act in (self.play_action, self.back_action, self.forward_action):
            act.setEnabled(source is not None)
        self._show_position(0.0)

    def set_waveform(self, wave: Waveform | None) -> None:
        """Draw ``wave`` under the playhead; its length corrects the duration if unknown."""
        if wave is not None and self._duration <= 0:
            self._duration = wave.duration
            self.slider.set_duration(wave.duration)
        self.slider.set_waveform(wave)
        self._show_position(self._position)

    def set_spans(self, spans: tuple[tuple[float, float], ...]) -> None:
        self.slider.set_spans(spans)

    @Slot()
    def toggle_playback(self) -> None:
        """Play from the shown position, or pause/continue what is playing."""
        if self._source is None:
            return
        if self._owns_stream():
            self.player.toggle()
            return
        start = (
            0.0 if self._duration and self._position >= self._duration - 0.05 else self._position
        )
        self.player.play(self._source, start)

    @Slot(float)
    def seek(self, seconds: float) -> None:
        """Show and play from ``seconds`` (kept within the file)."""
        if self._source is None:
            return
        upper = self._duration if self._duration > 0 else max(seconds, 0.0)
        seconds = min(max(0.0, seconds), upper)
        if self._owns_stream():
            self.player.seek(seconds)
        self._show_position(seconds)

    def skip(self, delta: float) -> None:
        self.seek(self._current() + delta)

    def step_speed(self, steps: int) -> None:
        """The next speed up (``steps`` > 0) or down the list of :data:`SPEEDS`."""
        here = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - self.player.speed))
        self.player.set_speed(SPEEDS[min(len(SPEEDS) - 1, max(0, here + steps))])

    def _owns_stream(self) -> bool:
        return self.player.has_stream and self.player.source == self._source

    def _current(self) -> float:
        return self.player.position if self._owns_stream() else self._position

    def _show_position(self, seconds: float) -> None:
        self._position = seconds
        self.slider.set_position(seconds)
        self.time_label.setText(f"{stamp(seconds)} / {stamp(self._duration)}")
        self.position_changed.emit(seconds)

    def _show_speed(self, speed: float) -> None:
        index = self.speed_box.findData(speed)
        if index < 0:
            self.speed_box.addItem(f"{speed:g}×", speed)
            index = self.speed_box.count() - 1
        self.speed_box.setCurrentIndex(index)

    @Slot(int)
    def _on_speed_box_activated(self, index: int) -> None:
        self.player.set_speed(float(self.speed_box.itemData(index)))

    @Slot(int)
    def _on_volume_slider_value_changed(self, value: int) -> None:
        self.player.set_volume(value / 100)

    @Slot(float)
    def _on_player_speed_changed(self, speed: float) -> None:
        self._show_speed(speed)

    @Slot(float)
    def _on_player_volume_changed(self, volume: float) -> None:
        self.volume_slider.setValue(round(volume * 100))

    @Slot(bool)
    def _on_player_playing_changed(self, playing: bool) -> None:
        owned = self.player.source == self._source
        self.play_button.setIcon(icon("pause" if playing and owned else "play"))
        if playing and owned:
            self._ticker.start()
        else:
            self._ticker.stop()
            if owned and self._source is not None:
                self._show_position(min(self.player.position, self._duration or float("inf")))

    @Slot()
    def _on_ticker_timeout(self) -> None:
        if self._owns_stream():
            self._show_position(self.player.position)
