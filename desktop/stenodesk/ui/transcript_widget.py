"""The transcript panel: lines as they arrive, then a full editor with a player.

A thin view: the table shows :class:`TranscriptModel`; every command goes to
the selected job's document (its :class:`EditableTranscript`), which makes it
an undoable, saved edit. The player bar under the table plays the job's file
over its waveform (computed in the background); while it plays, the line and
word being spoken are marked and, with Follow on, kept in view.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from stenodesk.bridge.playback import Player
from stenodesk.bridge.waveform import WaveformService
from stenodesk.core.audio.waveform import Waveform
from stenodesk.core.editing import checks, speakers
from stenodesk.core.editing.edit import Edit
from stenodesk.core.errors import StenodeskError
from stenodesk.core.export.formats import to_txt
from stenodesk.core.transcript import Transcript, TranscriptInfo
from stenodesk.ui.find_bar import FindReplaceBar
from stenodesk.ui.i18n import error_text
from stenodesk.ui.player_bar import PlayerBar
from stenodesk.ui.speakers_strip import SpeakersStrip
from stenodesk.ui.transcript_actions import TranscriptActions
from stenodesk.ui.transcript_commands import TranscriptCommands
from stenodesk.ui.transcript_delegate import TranscriptDelegate
from stenodesk.ui.transcript_document import EditableTranscript
from stenodesk.ui.transcript_follow import PlaybackFollower
from stenodesk.ui.transcript_layout import TranscriptTable, setup_columns
from stenodesk.ui.transcript_model import (
    SEGMENT_START_ROLE,
    TranscriptDocument,
    TranscriptModel,
)

_NO_INFO = TranscriptInfo("", 0.0, 0.0, "", "", "")
WAVEFORM_BUCKETS = 4000


class TranscriptWidget(TranscriptCommands, QWidget):
    """Shows one job's document; plays, follows, edits, finds and copies."""

    def __init__(
        self,
        player: Player,
        parent: QWidget | None = None,
        *,
        waveforms: WaveformService | None = None,
    ) -> None:
        super().__init__(parent)
        self.player = player
        self.model = TranscriptModel(self)
        self.editable = False
        self._rules = checks.SubtitleRules()
        self._waves: dict[Path, Waveform] = {}
        self._waveforms = waveforms
        self._build_header()
        self._no_lines = EditableTranscript(parent=self)  # what the find bar searches without a job
        self.find_bar = FindReplaceBar(self._no_lines, self)
        self.find_bar.hide()
        self.find_bar.match_found.connect(self._on_find_bar_match_found)
        self.find_bar.closed.connect(self._on_find_bar_closed)
        self._build_table()
        self.follower = PlaybackFollower(self.model, self.table)
        self.speakers_strip = SpeakersStrip(self)
        self.bar = PlayerBar(player, self)
        self.bar.position_changed.connect(self._on_bar_position_changed)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()
        self.actions_ = TranscriptActions(self)
        self.find_action, self.copy_all_action = self.actions_.find, self.actions_.copy_all
        self.replace_action, self.play_action = self.actions_.replace, self.actions_.play
        self.table.addAction(self.play_action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._header)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.speakers_strip)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.bar)
        self._spans_timer = QTimer(self)
        self._spans_timer.setSingleShot(True)
        self._spans_timer.setInterval(200)
        self._spans_timer.timeout.connect(self._update_spans)
        if waveforms is not None:
            waveforms.waveform_finished.connect(self._on_waveforms_waveform_finished)
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
        titles.addWidget(self.title)
        titles.addWidget(self.details)
        self._header.addLayout(titles, 1)

    def _build_table(self) -> None:
        self.table = TranscriptTable(self)
        self.table.setModel(self.model)
        self.table.setItemDelegate(TranscriptDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu_requested)
        self.table.clicked.connect(self._on_table_clicked)
        self.model.edit_refused.connect(self._report)
        self.table.play_pause_requested.connect(self.toggle_playback)
        setup_columns(self.table, self.model)

    # -- document -----------------------------------------------------------

    @property
    def document(self) -> TranscriptDocument | None:
        return self.model.document

    def set_document(self, doc: TranscriptDocument | None) -> None:
        old = self.model.document
        if old is not None and old is not doc:
            old.edited.disconnect(self._on_doc_edited)
            for signal in (old.segment_appended, old.segment_changed, old.reset):
                signal.disconnect(self._on_doc_lines_changed)
        self.model.set_document(doc)  # first: the model updates before the view reacts
        if doc is not old and doc is not None:
            doc.edited.connect(self._on_doc_edited)
            for signal in (doc.segment_appended, doc.segment_changed, doc.reset):
                signal.connect(self._on_doc_lines_changed)
        self.find_bar.set_document(doc.editor if doc is not None else self._no_lines)
        self.follower.lines_changed()
        self._set_source(doc)
        self._on_doc_lines_changed()
        self.update_header()

    def _set_source(self, doc: TranscriptDocument | None) -> None:
        source = doc.source if doc is not None else None
        if source == self.bar.source:
            return
        duration = doc.info.duration if doc is not None and doc.info is not None else 0.0
        self.bar.set_source(source, duration)
        if source is None:
            return
        if source in self._waves:
            self.bar.set_waveform(self._waves[source])
        elif self._waveforms is not None and source.is_file():
            self._waveforms.request(source, WAVEFORM_BUCKETS)

    def set_editable(self, editable: bool) -> None:
        """Allow edits (a finished job) or not (lines still arriving)."""
        changed, self.editable = editable != self.editable, editable
        if changed:
            self.speakers_strip.refresh()  # its menus rename and merge
        triggers = (
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self.table.setEditTriggers(triggers)
        for action in self.actions_.editing:
            action.setEnabled(editable and self.model.document is not None)
        if not editable:
            self.find_bar.show_replace(False)  # finding still works; replacing waits

    def set_rules(self, rules: checks.SubtitleRules) -> None:
        self._rules = rules
        self.model.set_rules(rules if self.actions_.checks.isChecked() else None)

    def update_header(self, details: str = "") -> None:
        doc = self.model.document
        if doc is None:
            self.title.setText(self.tr("No transcript selected"))
            self.details.setText(self.tr("Choose a job in the queue; its text appears here."))
        else:
            self.title.setText(doc.source.name)
            self.details.setText(details)
        self.copy_all_action.setEnabled(doc is not None)
        self.find_action.setEnabled(doc is not None)
        self.set_editable(self.editable)

    def speakers(self) -> tuple[int, ...]:
        doc = self.model.document
        return speakers.speakers_in(doc.segments) if doc is not None else ()

    def shortcuts(self) -> list[tuple[str, str]]:
        """Every key of the editor and its player, for Help."""
        return self.actions_.shortcuts() + self.bar.shortcuts()

    @Slot()
    def _on_doc_lines_changed(self) -> None:
        self.follower.lines_changed()
        self.speakers_strip.refresh()
        self.table.setColumnHidden(TranscriptModel.SPEAKER, not self.model.has_speakers())
        self._spans_timer.start()

    @Slot(object)
    def _on_doc_edited(self, edit: Edit) -> None:
        self._on_doc_lines_changed()
        self.show_message("")
        rows = edit.rows_after()
        row = rows[0] if rows else (edit.changes[0].row if edit.changes else -1)
        row = min(row, self.model.rowCount() - 1)
        if row >= 0 and self.table.currentIndex().row() != row:
            self.table.setCurrentIndex(self.model.index(row, TranscriptModel.TEXT))

    @Slot()
    def _update_spans(self) -> None:
        doc = self.model.document
        self.bar.set_spans(tuple((s.start, s.end) for s in doc.segments) if doc else ())

    @Slot(object, object)
    def _on_waveforms_waveform_finished(self, path: Path, wave: Waveform) -> None:
        self._waves[path] = wave
        if path == self.bar.source:
            self.bar.set_waveform(wave)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _say_reshaped(self, count: int) -> None:
        if count:
            self.show_message(self.tr("Reshaped %n line(s).", "", count))
        else:
            self.show_message(self.tr("No line needs reshaping."))

    def _say_where_to_split(self) -> None:
        self.show_message(self.tr("Put the text cursor where the line should split."))

    @Slot(object)
    def _report(self, exc: StenodeskError) -> None:
        text, fix = error_text(exc.kind, exc.subject)
        self.show_message(f"{text} {fix}".strip())

    # -- playback and following ----------------------------------------------

    @Slot(QModelIndex)
    def _on_table_clicked(self, index: QModelIndex) -> None:
        if index.column() != TranscriptModel.TEXT or not self.editable:
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
        row = self.table.currentIndex().row()
        if row >= 0:
            self.play_row(row)
        else:
            self.bar.toggle_playback()

    def playhead(self) -> float:
        doc = self.model.document
        owned = doc is not None and self.player.has_stream and self.player.source == doc.source
        return self.player.position if owned else self.bar.position

    @Slot(float)
    def _on_bar_position_changed(self, seconds: float) -> None:
        doc = self.model.document
        if doc is not None and self.bar.source == doc.source:
            self.follower.show(seconds)

    def set_follow(self, on: bool) -> None:
        self.actions_.follow.setChecked(on)
        self.follower.keep_in_view = on

    def set_checks_shown(self, on: bool) -> None:
        self.actions_.checks.setChecked(on)
        self.model.set_rules(self._rules if on else None)

    # -- find and copy ------------------------------------------------------

    def open_find(self) -> None:
        self.find_bar.open_find()

    def open_replace(self) -> None:
        if self.editable:
            self.find_bar.open_replace()
        else:
            self.find_bar.open_find()

    @Slot(int, int, int)
    def _on_find_bar_match_found(self, row: int, _start: int, _end: int) -> None:
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, TranscriptModel.TEXT))

    @Slot()
    def _on_find_bar_closed(self) -> None:
        self.table.setFocus()

    def copy_all(self) -> None:
        doc = self.model.document
        if doc is not None:
            QGuiApplication.clipboard().setText(to_txt(Transcript(_NO_INFO, doc.segments)))

    @Slot(QPoint)
    def _on_table_context_menu_requested(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            self.table.setCurrentIndex(index)
        elif self.table.currentIndex().isValid():  # the Menu key away from any line
            pos = self.table.visualRect(self.table.currentIndex()).center()
        self.actions_.context_menu(pos).popup(self.table.viewport().mapToGlobal(pos))
