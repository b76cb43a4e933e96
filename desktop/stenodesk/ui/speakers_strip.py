"""The speakers of the shown transcript in a strip above it: rename or merge each one.

A button per speaker (its colour, its name, how many lines); its menu renames
the speaker (in the table, on its first line's name) or merges it into another.
Shown only when the transcript has speakers. A tool bar, so that many speakers
fold into its overflow menu instead of widening the window.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QMenu, QToolBar, QToolButton

from stenodesk.ui.transcript_model import TranscriptModel, speaker_icon

if TYPE_CHECKING:
    from stenodesk.ui.transcript_widget import TranscriptWidget


class SpeakersStrip(QToolBar):
    """One button per speaker of the widget's document."""

    def __init__(self, view: TranscriptWidget) -> None:
        super().__init__(view)
        self._view = view
        self.setIconSize(QSize(12, 12))
        self.setMovable(False)
        self.buttons: dict[int, QToolButton] = {}
        self.hide()

    def refresh(self) -> None:
        """Show the document's speakers as they are now."""
        doc = self._view.document
        counts = Counter(s.speaker for s in doc.segments if s.speaker is not None) if doc else {}
        self.clear()
        self.buttons.clear()
        self.setVisible(bool(counts))
        if not counts:
            return
        self.addWidget(QLabel(self.tr("Speakers:"), self))
        model = self._view.model
        for speaker in sorted(counts):
            button = QToolButton(self)
            button.setIcon(speaker_icon(speaker))
            name = model.speaker_name(speaker)
            button.setText(self.tr("{name} (%n line(s))", "", counts[speaker]).format(name=name))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            button.setMenu(self._menu(speaker, sorted(counts)))
            self.addWidget(button)
            self.buttons[speaker] = button

    def _menu(self, speaker: int, speakers: list[int]) -> QMenu:
        view, model = self._view, self._view.model
        menu = QMenu(self)
        rename = menu.addAction(self.tr("&Rename..."))
        rename.triggered.connect(lambda: self.rename(speaker))
        rename.setEnabled(view.editable)
        into = menu.addMenu(self.tr("&Merge into"))
        into.setEnabled(view.editable and len(speakers) > 1)
        for other in speakers:
            if other != speaker:
                act = into.addAction(speaker_icon(other), model.speaker_name(other))
                act.triggered.connect(lambda _=False, s=other: view.merge_speakers(s, speaker))
        return menu

    def rename(self, speaker: int) -> bool:
        """Edit the speaker's name in the table, on its first line."""
        view = self._view
        doc = view.document
        if doc is None or not view.editable:
            return False
        row = next((n for n, s in enumerate(doc.segments) if s.speaker == speaker), -1)
        if row < 0:
            return False
        index = view.model.index(row, TranscriptModel.SPEAKER)
        view.table.setFocus()
        view.table.setCurrentIndex(index)
        view.table.scrollTo(index)
        view.table.edit(index)
        return True
