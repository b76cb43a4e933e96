"""The position slider of the player bar: the file's waveform with the playhead."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from stenodesk.core.audio.waveform import Waveform

SKIP_SECONDS = 5.0


class WaveformSlider(QWidget):
    """The file's waveform with the playhead; a click, a drag or the arrow keys seek.

    Signals:
        seek_requested(float): the user picked this second of the file.
    """

    seek_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Position"))
        self._wave: Waveform | None = None
        self._duration = 0.0
        self._position = 0.0
        self._spans: tuple[tuple[float, float], ...] = ()

    def sizeHint(self) -> QSize:
        return QSize(400, 44)

    @property
    def position(self) -> float:
        return self._position

    def set_waveform(self, wave: Waveform | None) -> None:
        self._wave = wave
        self.update()

    def set_duration(self, seconds: float) -> None:
        self._duration = max(0.0, seconds)
        self.update()

    def set_position(self, seconds: float) -> None:
        if seconds != self._position:
            self._position = seconds
            self.update()

    def set_spans(self, spans: tuple[tuple[float, float], ...]) -> None:
        """Stretches of the file to mark under the waveform (the transcript's lines)."""
        self._spans = spans
        self.update()

    def x_for(self, seconds: float) -> float:
        """Where ``seconds`` is drawn, in widget coordinates."""
        if self._duration <= 0:
            return 0.0
        return min(1.0, max(0.0, seconds / self._duration)) * (self.width() - 1)

    def seconds_at(self, x: float) -> float:
        if self.width() <= 1:
            return 0.0
        return min(1.0, max(0.0, x / (self.width() - 1))) * self._duration

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        mid = self.height() / 2
        span_color = palette.color(QPalette.ColorRole.Highlight)
        span_color.setAlpha(40)
        for start, end in self._spans:
            left = self.x_for(start)
            painter.fillRect(
                QRectF(left, 0, max(1.0, self.x_for(end) - left), self.height()), span_color
            )
        played_x = self.x_for(self._position)
        if self._wave is not None and len(self._wave) and self.width() > 0:
            lows, highs = self._wave.columns(self.width())
            played = palette.color(QPalette.ColorRole.Highlight)
            ahead = palette.color(QPalette.ColorRole.PlaceholderText)
            for x in range(self.width()):
                painter.setPen(played if x <= played_x else ahead)
                top = mid - float(highs[x]) * (mid - 1)
                bottom = mid - float(lows[x]) * (mid - 1)
                painter.drawLine(x, round(top), x, round(max(bottom, top + 1)))
        else:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawLine(0, round(mid), self.width(), round(mid))
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawLine(round(played_x), 0, round(played_x), self.height())
        if self.hasFocus():
            painter.setPen(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._duration > 0:
            self.seek_requested.emit(self.seconds_at(event.position().x()))
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton and self._duration > 0:
            self.seek_requested.emit(self.seconds_at(event.position().x()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Left: -SKIP_SECONDS, Qt.Key.Key_Right: SKIP_SECONDS}
        if event.key() in steps and self._duration > 0:
            self.seek_requested.emit(self._position + steps[Qt.Key(event.key())])
        elif event.key() == Qt.Key.Key_Home:
            self.seek_requested.emit(0.0)
        elif event.key() == Qt.Key.Key_End and self._duration > 0:
            self.seek_requested.emit(self._duration)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
