"""The transcript editor's commands: actions with keys, and the table's context menu.

Each action calls one method of :class:`~stenodesk.ui.transcript_widget.TranscriptWidget`
(which calls the document); this module only names them, gives them keys and
puts them in menus, so Help can list every key from one place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from stenodesk.ui.icons import icon
from stenodesk.ui.transcript_model import SPEAKER_ROLE, TranscriptModel, speaker_icon

if TYPE_CHECKING:
    from stenodesk.ui.transcript_widget import TranscriptWidget

NUDGE = 0.1


class TranscriptActions(QObject):
    """Every command of the transcript editor as a QAction on the widget."""

    def __init__(self, view: TranscriptWidget) -> None:
        super().__init__(view)
        self._view = view
        v = view
        self.find = self._make(self.tr("&Find..."), v.open_find, "Ctrl+F", "find")
        self.replace = self._make(self.tr("R&eplace..."), v.open_replace, "Ctrl+H")
        self.copy_all = self._make(self.tr("Copy &all text"), v.copy_all, "Ctrl+Shift+C", "copy")
        self.play = self._make(self.tr("&Play/Pause"), v.toggle_playback, "Space", "play")
        # Space only where it cannot mean typing: the transcript table handles it itself.
        self.play.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.split = self._make(self.tr("&Split line at the text cursor"), v.split_line, "Ctrl+B")
        self.merge = self._make(self.tr("&Merge with the next line"), v.merge_with_next, "Ctrl+J")
        self.delete = self._make(self.tr("&Delete line"), v.delete_line, "Ctrl+Shift+D")
        self.insert = self._make(self.tr("&Insert line at the playhead"), v.insert_line, "Ctrl+I")
        self.start_to_playhead = self._make(
            self.tr("Set start to the playhead"), lambda: v.set_edge_to_playhead("start"), "Ctrl+["
        )
        self.end_to_playhead = self._make(
            self.tr("Set end to the playhead"), lambda: v.set_edge_to_playhead("end"), "Ctrl+]"
        )
        self.start_earlier = self._make(
            self.tr("Start 0.1 s earlier"), lambda: v.nudge("start", -NUDGE), "Alt+Left"
        )
        self.start_later = self._make(
            self.tr("Start 0.1 s later"), lambda: v.nudge("start", NUDGE), "Alt+Right"
        )
        self.end_earlier = self._make(
            self.tr("End 0.1 s earlier"), lambda: v.nudge("end", -NUDGE), "Alt+Shift+Left"
        )
        self.end_later = self._make(
            self.tr("End 0.1 s later"), lambda: v.nudge("end", NUDGE), "Alt+Shift+Right"
        )
        self.reshape = self._make(
            self.tr("&Reshape lines that break the subtitle rules"), v.reshape, "Ctrl+Shift+R"
        )
        self.follow = self._make(self.tr("&Follow playback"), v.set_follow, "Ctrl+L")
        self.follow.setCheckable(True)
        self.follow.setChecked(True)
        self.checks = self._make(self.tr("Show subtitle &checks"), v.set_checks_shown, "")
        self.checks.setCheckable(True)
        self.checks.setChecked(True)

    def _make(self, text: str, slot: Callable[..., object], keys: str, name: str = "") -> QAction:
        action = QAction(icon(name) if name else icon(""), text, self._view)
        if keys:
            action.setShortcut(QKeySequence(keys))
        # Anywhere in the transcript (the table, a line being edited, the player bar).
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self._view.addAction(action)
        return action

    @property
    def editing(self) -> tuple[QAction, ...]:
        """The actions that change the transcript (off while it is being transcribed)."""
        return (
            self.split,
            self.merge,
            self.delete,
            self.insert,
            self.start_to_playhead,
            self.end_to_playhead,
            self.start_earlier,
            self.start_later,
            self.end_earlier,
            self.end_later,
            self.reshape,
            self.replace,
        )

    def all(self) -> tuple[QAction, ...]:
        return (
            self.find,
            self.replace,
            self.copy_all,
            self.play,
            *self.editing[:-1],
            self.follow,
            self.checks,
        )

    def shortcuts(self) -> list[tuple[str, str]]:
        """(what it does, keys) for each action with a key, for Help."""
        native = QKeySequence.SequenceFormat.NativeText
        return [
            (a.text().replace("&", ""), a.shortcut().toString(native))
            for a in self.all()
            if not a.shortcut().isEmpty()
        ]

    def context_menu(self, pos: QPoint) -> QMenu:
        """The table's menu for the line at ``pos`` (viewport coordinates)."""
        view = self._view
        menu = QMenu(view)
        index = view.table.indexAt(pos)
        for action in (self.split, self.merge, self.delete, self.insert):
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.start_to_playhead, self.end_to_playhead):
            menu.addAction(action)
        if index.isValid() and view.editable and view.model.has_speakers():
            menu.addSeparator()
            self._add_speaker_menus(menu, index.row(), index.data(SPEAKER_ROLE))
        menu.addSeparator()
        menu.addAction(self.reshape)
        menu.addAction(self.copy_all)
        return menu

    def _add_speaker_menus(self, menu: QMenu, row: int, speaker: int | None) -> None:
        view, model = self._view, self._view.model
        others = [s for s in view.speakers() if s != speaker]
        said_by = menu.addMenu(self.tr("Said &by"))
        known = [*others] if speaker is None else [*others, speaker]
        for other in [*others, max(known, default=-1) + 1]:  # or a new voice
            act = said_by.addAction(speaker_icon(other), model.speaker_name(other))
            act.triggered.connect(lambda _=False, s=other: view.set_speaker(row, s))
        if speaker is None:
            return
        rename = menu.addAction(
            self.tr("&Rename {name}...").format(name=model.speaker_name(speaker))
        )
        rename.triggered.connect(lambda: view.table.edit(model.index(row, TranscriptModel.SPEAKER)))
        merge = menu.addMenu(self.tr("Merge {name} &into").format(name=model.speaker_name(speaker)))
        merge.setEnabled(bool(others))
        for other in others:
            act = merge.addAction(speaker_icon(other), model.speaker_name(other))
            act.triggered.connect(lambda _=False, s=other: view.merge_speakers(s, speaker))
