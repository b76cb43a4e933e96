"""The transcript panel: segments as they arrive, play from a line, correct, find, copy."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QFontMetrics, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stenodesk.bridge.playback import Player
from stenodesk.core.engine.result import Transcript, TranscriptInfo
from stenodesk.core.export.formats import to_txt
from stenodesk.ui.icons import icon
from stenodesk.ui.transcript_model import (
    SEGMENT_START_ROLE,
    TranscriptDocument,
    TranscriptModel,
    time_font,
)

PLAYHEAD_MS = 100
_NO_INFO = TranscriptInfo("", 0.0, 0.0, "", "", "")


class TranscriptTable(QTableView):
    """The segment table; Space plays or pauses instead of selecting."""

    play_pause_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self.state() != QAbstractItemView.State.EditingState:
            self.play_pause_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """Ctrl+F: a search field with previous/next and the number of matches."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(self.tr("Find in transcript"))
        self.field.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.previous = QToolButton(self)
        self.previous.setIcon(icon("up"))
        self.previous.setToolTip(self.tr("Previous match (Shift+Enter)"))
        self.next = QToolButton(self)
        self.next.setIcon(icon("down"))
        self.next.setToolTip(self.tr("Next match (Enter)"))
        self.close_button = QToolButton(self)
        self.close_button.setIcon(icon("cancel"))
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        for w in (self.field, self.count, self.previous, self.next, self.close_button):
            layout.addWidget(w)
        layout.setStretch(0, 1)


class TranscriptWidget(QWidget):
    """Shows one job's document; plays, edits, finds and copies."""

    def __init__(self, player: Player, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self.model = TranscriptModel(self)
        self._matches: list[int] = []
        self._match = -1
        self._build_header()
        self._build_find_bar()
        self._build_table()
        self._build_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._header)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.table, 1)
        self._playhead = QTimer(self)
        self._playhead.setInterval(PLAYHEAD_MS)
        self._playhead.timeout.connect(self._on_playhead_timeout)
        player.playing_changed.connect(self._on_player_playing_changed)
        self.set_document(None)

    def _build_header(self) -> None:
        self._header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setStyleSheet("color: palette(placeholder-text);")
        self.details.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.play_button = QToolButton(self)
        self.play_button.setIcon(icon("play"))
        self.play_button.setIconSize(QSize(22, 22))
        self.play_button.setToolTip(self.tr("Play or pause (Space)"))
        self.play_button.clicked.connect(self.toggle_playback)
        titles.addWidget(self.title)
        titles.addWidget(self.details)
        self._header.addLayout(titles, 1)
        self._header.addWidget(self.play_button, 0, Qt.AlignmentFlag.AlignTop)

    def _build_find_bar(self) -> None:
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.find_bar.field.textChanged.connect(self._on_find_field_text_changed)
        self.find_bar.field.returnPressed.connect(lambda: self.find_step(1))
        self.find_bar.next.clicked.connect(lambda: self.find_step(1))
        self.find_bar.previous.clicked.connect(lambda: self.find_step(-1))
        self.find_bar.close_button.clicked.connect(self.close_find)

    def _build_table(self) -> None:
        self.table = TranscriptTable(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setWordWrap(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Fixed, wide enough for "0:00:00.0": measuring every row would cost more with each line.
        header.setSectionResizeMode(TranscriptModel.TIME, QHeaderView.ResizeMode.Fixed)
        mono = time_font()
        header.resizeSection(
            TranscriptModel.TIME, QFontMetrics(mono).horizontalAdvance("0:00:00.0") + 24
        )
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(TranscriptModel.TEXT, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._on_header_section_resized)
        self.table.clicked.connect(self._on_table_clicked)
        self.table.play_pause_requested.connect(self.toggle_playback)
        self.model.rowsInserted.connect(self._on_model_rows_inserted)
        self.model.modelReset.connect(self.table.resizeRowsToContents)
        self.model.dataChanged.connect(self._on_model_data_changed)
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(150)
        self._resize_timer.timeout.connect(self.table.resizeRowsToContents)

    def _build_actions(self) -> None:
        self.find_action = QAction(icon("find"), self.tr("&Find..."), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.open_find)
        self.copy_all_action = QAction(icon("copy"), self.tr("Copy &all text"), self)
        self.copy_all_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_all_action.triggered.connect(self.copy_all)
        self.play_action = QAction(icon("play"), self.tr("&Play/Pause"), self)
        self.play_action.setShortcut(QKeySequence(Qt.Key.Key_Space))
        # Space only where it cannot mean typing: the transcript table handles it itself.
        self.play_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.play_action.triggered.connect(self.toggle_playback)
        self.table.addAction(self.play_action)

    # -- document -----------------------------------------------------------

    def set_document(self, doc: TranscriptDocument | None) -> None:
        if doc is not self.model.document and self.player.source is not None:
            self.player.stop()
        self.model.set_document(doc)
        self._matches, self._match = [], -1
        if self.find_bar.isVisible():
            self._on_find_field_text_changed(self.find_bar.field.text())
        self.update_header()

    def update_header(self, details: str = "") -> None:
        doc = self.model.document
        if doc is None:
            self.title.setText(self.tr("No transcript selected"))
            self.details.setText(self.tr("Choose a job in the queue; its text appears here."))
        else:
            self.title.setText(doc.source.name)
            self.details.setText(details)
        self.play_button.setEnabled(doc is not None)
        self.copy_all_action.setEnabled(doc is not None)

    # -- playback -----------------------------------------------------------

    @Slot(QModelIndex)
    def _on_table_clicked(self, index: QModelIndex) -> None:
        self.play_row(index.row())

    def play_row(self, row: int) -> bool:
        doc = self.model.document
        if doc is None or not 0 <= row < self.model.rowCount():
            return False
        start = float(self.model.index(row, 0).data(SEGMENT_START_ROLE))
        return self.player.play(doc.source, start)

    def toggle_playback(self) -> None:
        doc = self.model.document
        if doc is None:
            return
        if self.player.has_stream and self.player.source == doc.source:
            self.player.toggle()
            return
        row = max(0, self.table.currentIndex().row())
        self.play_row(row)

    @Slot(bool)
    def _on_player_playing_changed(self, playing: bool) -> None:
        self.play_button.setIcon(icon("pause" if playing else "play"))
        if playing:
            self._playhead.start()
        else:
            self._playhead.stop()
            self.model.set_playing_row(-1)

    @Slot()
    def _on_playhead_timeout(self) -> None:
        doc = self.model.document
        if doc is None or self.player.source != doc.source:
            self.model.set_playing_row(-1)
            return
        self.model.set_playing_row(self.model.row_at_time(self.player.position))

    # -- find and copy ------------------------------------------------------

    def open_find(self) -> None:
        self.find_bar.show()
        self.find_bar.field.setFocus()
        self.find_bar.field.selectAll()

    def close_find(self) -> None:
        self.find_bar.hide()
        self.model.set_highlight("")
        self.table.setFocus()

    @Slot(str)
    def _on_find_field_text_changed(self, text: str) -> None:
        self._matches = self.model.matches(text)
        self._match = -1
        self.model.set_highlight(text)
        self.find_step(1)

    def find_step(self, step: int) -> int:
        """Select the next (or previous) match; returns its row or -1."""
        bar = self.find_bar
        if not self._matches:
            bar.count.setText(self.tr("No matches") if bar.field.text() else "")
            return -1
        self._match = (self._match + step) % len(self._matches)
        row = self._matches[self._match]
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 1))
        bar.count.setText(
            self.tr("{n} of {total}").format(n=self._match + 1, total=len(self._matches))
        )
        return row

    def copy_all(self) -> None:
        doc = self.model.document
        if doc is not None:
            text = to_txt(Transcript(_NO_INFO, doc.segments))
            QGuiApplication.clipboard().setText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.find_bar.isVisible():
            self.close_find()
            return
        super().keyPressEvent(event)

    # -- row heights --------------------------------------------------------

    @Slot(QModelIndex, int, int)
    def _on_model_rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        bottom = self._at_bottom()
        for row in range(first, last + 1):
            self.table.resizeRowToContents(row)
        if bottom:
            self.table.scrollToBottom()  # follow the text while it arrives

    @Slot(QModelIndex, QModelIndex)
    def _on_model_data_changed(self, top: QModelIndex, bottom: QModelIndex) -> None:
        if bottom.row() - top.row() < 3:
            for row in range(top.row(), bottom.row() + 1):
                self.table.resizeRowToContents(row)

    @Slot(int, int, int)
    def _on_header_section_resized(self, section: int, _old: int, _new: int) -> None:
        if section == TranscriptModel.TEXT:
            self._resize_timer.start()

    def _at_bottom(self) -> bool:
        bar = self.table.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4
