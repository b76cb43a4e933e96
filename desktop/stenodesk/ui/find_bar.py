"""The find-and-replace bar shown above the transcript (Ctrl+F, Ctrl+H).

It searches the document's segments with the core find functions and edits
through the document, so a replacement is an undo step and replace-all is a
single one. The bar only reports where a match is (``match_found``); the
transcript view selects it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from stenodesk.core.editing import replace
from stenodesk.core.editing.replace import FindOptions, Match
from stenodesk.core.errors import StenodeskError
from stenodesk.ui.i18n import error_text
from stenodesk.ui.transcript_document import EditableTranscript


class FindReplaceBar(QWidget):
    """Find, replace one, replace all; the options of any editor.

    Signals:
        match_found(row, start, end): the current match, to select it.
        closed: Escape or the close button hid the bar.
    """

    match_found = Signal(int, int, int)
    closed = Signal()

    def __init__(self, document: EditableTranscript, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._current: Match | None = None
        self._after: tuple[int, int] | None = None
        """Where the next search starts, after a replacement; else after the current match."""
        self._build_fields()
        self._build_buttons()
        self._build_layout()
        self._connect()
        self.show_replace(False)
        self._refresh()

    def _build_fields(self) -> None:
        self.find_edit = QLineEdit(self)
        self.find_edit.setPlaceholderText(self.tr("Find"))
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setPlaceholderText(self.tr("Replace with"))
        self.match_case = QCheckBox(self.tr("Match &case"), self)
        self.whole_word = QCheckBox(self.tr("&Whole word"), self)
        self.regex = QCheckBox(self.tr("Re&gular expression"), self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)

    def _build_buttons(self) -> None:
        self.next_button = QPushButton(self.tr("&Next"), self)
        self.replace_button = QPushButton(self.tr("&Replace"), self)
        self.replace_all_button = QPushButton(self.tr("Replace &all"), self)
        self.close_button = QPushButton(self.tr("Close"), self)

    def _build_layout(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.addWidget(self.find_edit, 0, 0)
        grid.addWidget(self.next_button, 0, 1)
        grid.addWidget(self.match_case, 0, 2)
        grid.addWidget(self.whole_word, 0, 3)
        grid.addWidget(self.regex, 0, 4)
        grid.addWidget(self.close_button, 0, 5)
        grid.addWidget(self.replace_edit, 1, 0)
        grid.addWidget(self.replace_button, 1, 1)
        grid.addWidget(self.replace_all_button, 1, 2)
        grid.addWidget(self.status, 2, 0, 1, 6)
        grid.setColumnStretch(0, 1)

    def _connect(self) -> None:
        self.find_edit.textChanged.connect(self._on_query_changed)
        self.find_edit.returnPressed.connect(self.find_next)
        self.replace_edit.returnPressed.connect(self.replace_current)
        for box in (self.match_case, self.whole_word, self.regex):
            box.toggled.connect(self._on_query_changed)
        self.next_button.clicked.connect(self.find_next)
        self.replace_button.clicked.connect(self.replace_current)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.close_button.clicked.connect(self.close_bar)
        self._document.segments_changed.connect(self._on_document_segments_changed)

    # Public API

    def set_document(self, document: EditableTranscript) -> None:
        """Search another transcript (the selected job's)."""
        self._document.segments_changed.disconnect(self._on_document_segments_changed)
        self._document = document
        document.segments_changed.connect(self._on_document_segments_changed)
        self._current, self._after = None, None
        self._refresh()

    def options(self) -> FindOptions:
        return FindOptions(
            match_case=self.match_case.isChecked(),
            whole_word=self.whole_word.isChecked(),
            regex=self.regex.isChecked(),
        )

    def show_replace(self, shown: bool) -> None:
        """Show the replace row too (Ctrl+H) or only the find row (Ctrl+F)."""
        for widget in (self.replace_edit, self.replace_button, self.replace_all_button):
            widget.setVisible(shown)

    @Slot()
    def open_find(self) -> None:
        self._open(replacing=False)

    @Slot()
    def open_replace(self) -> None:
        self._open(replacing=True)

    def _open(self, *, replacing: bool) -> None:
        self.show_replace(replacing)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    @Slot()
    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    @Slot()
    def find_next(self) -> Match | None:
        """Go to the next match after the current one (wrapping); None if none."""
        after = self._after
        if after is None:
            after = (self._current.row, self._current.start) if self._current else (0, -1)
        self._after = None
        try:
            match = replace.find_next(
                self._document.segments, self.find_edit.text(), self.options(), after=after
            )
        except StenodeskError as exc:
            self._show_error(exc)
            return None
        self._current = match
        if match is not None:
            self.match_found.emit(match.row, match.start, match.end)
        self._refresh()
        return match

    @Slot()
    def replace_current(self) -> None:
        """Replace the current match (finding one first if none), then go to the next."""
        if self._current is None and self.find_next() is None:
            return
        assert self._current is not None
        match = self._current
        before = len(self._document.segments[match.row].text)
        try:
            self._document.replace_one(
                match, self.find_edit.text(), self.replace_edit.text(), self.options()
            )
        except StenodeskError as exc:
            self._show_error(exc)
            return
        # Go on after the new text, so a replacement containing the query is not found again.
        end = match.end + len(self._document.segments[match.row].text) - before
        self._current = None
        self._after = (match.row, end - 1)
        self.find_next()

    @Slot()
    def replace_all(self) -> int:
        """Replace every match as one undo step; shows and returns the count."""
        try:
            count = self._document.replace_all(
                self.find_edit.text(), self.replace_edit.text(), self.options()
            )
        except StenodeskError as exc:
            self._show_error(exc)
            return 0
        self._current = None
        self._refresh()
        if count:
            self.status.setText(self.tr("Replaced %n match(es).", "", count))
        else:
            self.status.setText(self.tr("Nothing replaced: no matches."))
        return count

    # Internals

    @Slot()
    def _on_query_changed(self) -> None:
        self._current = None
        self._after = None
        self._refresh()

    @Slot()
    def _on_document_segments_changed(self) -> None:
        # An edit or undo may have moved the text the current match pointed at.
        self._current = None
        if self.isVisible():
            self._refresh()

    def _refresh(self) -> None:
        """Count the matches; show the count or why the search is not valid."""
        query = self.find_edit.text()
        try:
            matches = replace.find_all(self._document.segments, query, self.options())
        except StenodeskError as exc:
            self._show_error(exc)
            return
        self.find_edit.setProperty("invalid", False)
        for button in (self.next_button, self.replace_button, self.replace_all_button):
            button.setEnabled(bool(matches))
        if not query:
            self.status.clear()
        elif not matches:
            self.status.setText(self.tr("No matches."))
        else:
            self.status.setText(self.tr("%n match(es).", "", len(matches)))

    def _show_error(self, exc: StenodeskError) -> None:
        text, fix = error_text(exc.kind, exc.subject)
        self.status.setText(f"{text} {fix}")
        self.find_edit.setProperty("invalid", True)
        for button in (self.next_button, self.replace_button, self.replace_all_button):
            button.setEnabled(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)
