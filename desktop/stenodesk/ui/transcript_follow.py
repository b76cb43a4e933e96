"""Following playback in the transcript table: the spoken line and word marked, kept in view."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPersistentModelIndex, QTimer, Slot
from PySide6.QtWidgets import QAbstractItemView, QTableView

from stenodesk.core.editing.follow import Follower
from stenodesk.ui.transcript_model import TranscriptModel


class PlaybackFollower(QObject):
    """Marks what is spoken at each position the player bar shows.

    ``keep_in_view`` decides whether the table scrolls to a newly spoken line
    (the Follow toggle); the marks are made either way.
    """

    def __init__(self, model: TranscriptModel, table: QTableView) -> None:
        super().__init__(table)
        self._model, self._table = model, table
        self._follower: Follower | None = None
        self._scroll_to = QPersistentModelIndex()
        self.keep_in_view = True

    def lines_changed(self) -> None:
        """The lines changed (an edit, a new line): look them up afresh."""
        self._follower = None

    @Slot(float)
    def show(self, seconds: float) -> None:
        """Mark the line and word spoken at ``seconds`` of the shown document's file."""
        doc = self._model.document
        if doc is None:
            return
        if self._follower is None:
            self._follower = Follower(doc.segments[: self._model.rowCount()])
        spoken = self._follower.at(seconds)
        span = spoken.span(doc.segments) if spoken.row >= 0 else None
        if span is not None:
            text = doc.segment(spoken.row).text
            lead = len(text) - len(text.lstrip())  # the table shows the text stripped
            span = (span[0] - lead, span[1] - lead)
        moved = spoken.row != self._model.playing_row
        self._model.set_playing(spoken.row, span)
        editing = self._table.state() == QAbstractItemView.State.EditingState
        if moved and spoken.row >= 0 and self.keep_in_view and not editing:
            # On the next pass: right after an edit the table's row layout is not done yet.
            index = self._model.index(spoken.row, TranscriptModel.TEXT)
            self._scroll_to = QPersistentModelIndex(index)
            QTimer.singleShot(0, self._scroll)

    @Slot()
    def _scroll(self) -> None:
        index = self._scroll_to
        if index.isValid():
            self._table.scrollTo(self._model.index(index.row(), index.column()))
