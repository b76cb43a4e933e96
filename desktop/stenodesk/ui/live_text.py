"""The Live page's text: committed words in the text colour, the tentative tail in grey."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

from stenodesk.core.audio.live import LiveUpdate

TENTATIVE = QColor(128, 128, 128)
PARAGRAPH_PAUSE = 2.0
"""A pause this long (seconds) between committed phrases starts a new paragraph."""


class LiveTextView(QTextEdit):
    """Read-only text that grows at the end: committed text stays, the grey tail is replaced."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self._committed_end = 0
        self._last_end: float | None = None
        self._tentative = ""

    def committed_format(self) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setForeground(self.palette().color(QPalette.ColorRole.Text))
        return fmt

    def tentative_format(self) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setForeground(TENTATIVE)
        return fmt

    @property
    def committed_text(self) -> str:
        return self.toPlainText()[: self._committed_end]

    @property
    def tentative_text(self) -> str:
        return self._tentative

    def clear_text(self) -> None:
        self.clear()
        self._committed_end = 0
        self._last_end = None
        self._tentative = ""

    def show_update(self, update: LiveUpdate) -> None:
        """Append the newly committed text and put the new tentative tail after it."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._committed_end)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        for commit in update.committed:
            if self._committed_end:
                last = self._last_end
                paragraph = last is not None and commit.start - last >= PARAGRAPH_PAUSE
                separator = "\n" if paragraph else " "
                cursor.insertText(separator, self.committed_format())
            cursor.insertText(commit.text, self.committed_format())
            self._committed_end = cursor.position()
            self._last_end = commit.end
        self._tentative = update.tentative
        if update.tentative:
            lead = " " if self._committed_end else ""
            cursor.insertText(lead + update.tentative, self.tentative_format())
        self.moveCursor(QTextCursor.MoveOperation.End)
        self.ensureCursorVisible()

    def color_at(self, position: int) -> QColor:
        """The text colour of the character at ``position`` (for tests and checks)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(position + 1)
        return cursor.charFormat().foreground().color()
