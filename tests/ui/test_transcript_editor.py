"""The transcript editor on the page: every command through the real widgets, keys, undo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from stenodesk.bridge.playback import Player
from stenodesk.core.editing import Edit
from stenodesk.core.editing.checks import SubtitleRules
from stenodesk.core.transcript import Segment, Word
from stenodesk.ui.transcript_delegate import marked_html
from stenodesk.ui.transcript_model import (
    SPEAKER_ROLE,
    WORD_SPAN_ROLE,
    TranscriptDocument,
    TranscriptModel,
)
from stenodesk.ui.transcript_widget import TranscriptWidget

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
WORDS = (
    Word(0.0, 0.4, " Hello", 0.9),
    Word(0.5, 0.9, " world,", 0.9),
    Word(1.0, 1.4, " this", 0.9),
    Word(1.5, 1.8, " is", 0.9),
    Word(1.9, 2.4, " Ann.", 0.9),
)
LINES = (
    Segment(0, 0.0, 2.5, " Hello world, this is Ann.", WORDS),
    Segment(1, 3.0, 6.0, " The cat sat on the mat."),
    Segment(2, 6.5, 9.0, " Concatenate the cat files."),
    Segment(3, 9.5, 10.0, " Far too many words for half a second here."),
)


class Editor:
    """A widget on one finished job's document, with the page's undo group."""

    def __init__(self, qtbot: QtBot, lines: tuple[Segment, ...]) -> None:
        self.saved: list[Edit] = []
        self.doc = TranscriptDocument(
            "j", Path("/nowhere/talk.wav"), lambda _j, e: self.saved.append(e)
        )
        self.doc.replace_all(lines)
        self.view = TranscriptWidget(Player())
        qtbot.addWidget(self.view)
        self.group = QUndoGroup(self.view)
        self.group.addStack(self.doc.undo_stack)
        self.group.setActiveStack(self.doc.undo_stack)
        self.undo = self.group.createUndoAction(self.view)
        self.undo.setShortcut("Ctrl+Z")
        self.redo = self.group.createRedoAction(self.view)
        self.redo.setShortcuts(["Ctrl+Shift+Z", "Ctrl+Y"])
        self.view.addActions([self.undo, self.redo])
        self.view.set_document(self.doc)
        self.view.set_editable(True)
        self.view.resize(900, 500)
        self.view.show()
        qtbot.waitExposed(self.view)
        self.table = self.view.table
        self.model = self.view.model

    def select(self, row: int, column: int = TranscriptModel.TEXT) -> None:
        self.table.setFocus()
        self.table.setCurrentIndex(self.model.index(row, column))

    def texts(self) -> list[str]:
        return [s.text for s in self.doc.segments]

    def replayed(self) -> tuple[Segment, ...]:
        """What the job's file would give back: the saved edits over the original lines."""
        segments = self.start
        for edit in self.saved:
            segments = Edit.from_record(edit.to_record()).apply(segments)
        return segments


@pytest.fixture
def editor(qtbot: QtBot) -> Iterator[Editor]:
    made = Editor(qtbot, LINES)
    made.start = LINES  # type: ignore[attr-defined]
    yield made


def key(qtbot: QtBot, ed: Editor, k: Qt.Key, mods: Any = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(ed.table, k, mods)


def test_keyboard_only_split_merge_delete_insert_with_undo(qtbot: QtBot, editor: Editor) -> None:
    ed = editor
    ed.select(0)
    key(qtbot, ed, Qt.Key.Key_B, CTRL)  # no cursor yet: the line opens for editing
    line_editor = ed.table.viewport().findChild(QLineEdit)
    assert line_editor is not None and line_editor.hasFocus()
    line_editor.setCursorPosition(len("Hello world,"))
    qtbot.keyClick(line_editor, Qt.Key.Key_B, CTRL)
    assert ed.texts()[:2] == [" Hello world,", " this is Ann."]
    first, second = ed.doc.segments[:2]
    assert first.end == pytest.approx(0.9) and second.start == pytest.approx(1.0), "word times"
    assert ed.table.currentIndex().row() == 0
    key(qtbot, ed, Qt.Key.Key_Z, CTRL)
    assert ed.doc.segments == LINES
    key(qtbot, ed, Qt.Key.Key_Z, CTRL | SHIFT)
    assert len(ed.doc.segments) == 5

    ed.select(1)
    key(qtbot, ed, Qt.Key.Key_J, CTRL)  # merge with the next
    assert ed.texts()[1] == " this is Ann. The cat sat on the mat."
    ed.select(3)
    key(qtbot, ed, Qt.Key.Key_D, CTRL | SHIFT)  # delete
    assert len(ed.doc.segments) == 3
    ed.view.bar.seek(10.5)  # the playhead, after the last line
    key(qtbot, ed, Qt.Key.Key_I, CTRL)  # insert at the playhead, opened for typing
    new = ed.doc.segments[-1]
    assert new.start == pytest.approx(10.5) and new.text == ""
    typing = QApplication.focusWidget()
    assert isinstance(typing, QLineEdit)
    qtbot.keyClicks(typing, "The end.")
    qtbot.keyClick(typing, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ed.doc.segments[-1].text == "The end.")
    assert ed.doc.undo_stack.count() == 5
    for _ in range(5):
        key(qtbot, ed, Qt.Key.Key_Z, CTRL)
    assert ed.doc.segments == LINES
    for _ in range(5):
        key(qtbot, ed, Qt.Key.Key_Y, CTRL)
    assert ed.doc.segments[-1].text == "The end."
    assert ed.replayed() == ed.doc.segments, "every step (and each undo) was saved at once"


def test_split_at_the_spoken_word_while_following(qtbot: QtBot, editor: Editor) -> None:
    ed = editor
    ed.select(0)
    ed.view.bar.seek(1.6)  # " is" is being spoken in line 1
    key(qtbot, ed, Qt.Key.Key_B, CTRL)
    assert ed.texts()[:2] == [" Hello world, this", " is Ann."]
    assert ed.doc.segment(0).end == pytest.approx(1.4) and ed.doc.segment(1).start == 1.5
    ed.undo.trigger()
    assert ed.doc.segments == LINES


def test_times_by_cell_by_nudge_and_to_the_playhead(qtbot: QtBot, editor: Editor) -> None:
    ed = editor
    ed.select(1, TranscriptModel.START)
    key(qtbot, ed, Qt.Key.Key_F2)
    box = ed.table.viewport().focusWidget()
    assert box is not None and box.metaObject().className() == "QDoubleSpinBox"
    box.setValue(2.8)  # type: ignore[attr-defined]
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ed.doc.segment(1).start == pytest.approx(2.8))
    assert ed.model.index(1, TranscriptModel.START).data() == "0:02.8"
    ed.select(1)
    key(qtbot, ed, Qt.Key.Key_Right, ALT)
    assert ed.doc.segment(1).start == pytest.approx(2.9)
    key(qtbot, ed, Qt.Key.Key_Left, ALT | SHIFT)
    assert ed.doc.segment(1).end == pytest.approx(5.9)
    for _ in range(10):  # stops at the next line's start, with no error
        key(qtbot, ed, Qt.Key.Key_Right, ALT | SHIFT)
    assert ed.doc.segment(1).end == pytest.approx(6.5)
    # Against a neighbour: refused with the reason, nothing changes.
    assert not ed.model.setData(ed.model.index(1, TranscriptModel.START), 1.0)
    assert "line 2" in ed.view.message.text().lower()
    ed.view.bar.seek(3.5)
    key(qtbot, ed, Qt.Key.Key_BracketLeft, CTRL)
    assert ed.doc.segment(1).start == pytest.approx(3.5)
    ed.view.bar.seek(5.0)
    key(qtbot, ed, Qt.Key.Key_BracketRight, CTRL)
    assert ed.doc.segment(1).end == pytest.approx(5.0)
    ed.view.bar.seek(2.0)  # inside line 1: a start there would overlap line 0's end
    key(qtbot, ed, Qt.Key.Key_BracketLeft, CTRL)
    assert ed.doc.segment(1).start == pytest.approx(3.5)
    assert ed.view.message.isVisible() and "line 2" in ed.view.message.text().lower()
    while ed.doc.undo_stack.canUndo():
        ed.undo.trigger()
    assert ed.doc.segments == LINES
    assert ed.replayed() == LINES


def test_find_and_replace_all_with_its_count_in_one_step(qtbot: QtBot, editor: Editor) -> None:
    ed = editor
    ed.select(0)
    key(qtbot, ed, Qt.Key.Key_H, CTRL)
    bar = ed.view.find_bar
    assert bar.isVisible() and bar.replace_edit.isVisible() and bar.find_edit.hasFocus()
    qtbot.keyClicks(bar.find_edit, "cat")
    assert bar.status.text().startswith("3 match")
    bar.whole_word.setChecked(True)
    assert bar.status.text().startswith("2 match")
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return)
    assert ed.table.currentIndex().row() == 1, "the match's line is selected"
    qtbot.keyClicks(bar.replace_edit, "dog")
    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert bar.status.text().startswith("Replaced 2 match")
    assert ed.texts()[1:3] == [" The dog sat on the mat.", " Concatenate the dog files."]
    assert ed.doc.undo_stack.count() == 1
    ed.undo.trigger()
    assert ed.doc.segments == LINES
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_follow_marks_the_line_and_word_and_can_be_turned_off(qtbot: QtBot, editor: Editor) -> None:
    ed = editor
    ed.view.bar.seek(1.6)  # " is" is spoken
    assert ed.model.playing_row == 0
    span = ed.model.index(0, TranscriptModel.TEXT).data(WORD_SPAN_ROLE)
    shown = ed.model.index(0, TranscriptModel.TEXT).data()
    assert shown[span[0] : span[1]] == "is"
    assert "<span" in marked_html(shown, span) and ">is</span>" in marked_html(shown, span)
    ed.view.bar.seek(7.0)  # a line without word times: the line only
    assert ed.model.playing_row == 2
    assert ed.model.index(2, TranscriptModel.TEXT).data(WORD_SPAN_ROLE) is None
    assert ed.model.index(2, TranscriptModel.END).data(Qt.ItemDataRole.BackgroundRole) is not None
    ed.view.grab()  # paints the marked line through the delegate
    # Follow keeps the playing line in view; off, the view stays where it is.
    many = tuple(Segment(i, i * 2.0, i * 2.0 + 1.5, f" Line {i}.") for i in range(200))
    ed.doc.replace_all(many)
    ed.view.bar.seek(390.0)
    assert ed.model.playing_row == 195
    qtbot.waitUntil(lambda: ed.table.rowAt(0) > 100)  # scrolled to line 195
    first_shown = ed.table.rowAt(0)
    key(qtbot, ed, Qt.Key.Key_L, CTRL)
    assert not ed.view.actions_.follow.isChecked()
    ed.view.bar.seek(10.0)
    assert ed.model.playing_row == 5 and ed.table.rowAt(0) == first_shown


def test_subtitle_checks_mark_lines_with_reasons_and_reshape_fixes(
    qtbot: QtBot, editor: Editor
) -> None:
    ed = editor
    ed.view.set_rules(SubtitleRules())
    flagged = ed.model.flagged()
    assert set(flagged) == {3}, "only the fast line breaks the default rules"
    tip = ed.model.index(3, TranscriptModel.TEXT).data(Qt.ItemDataRole.ToolTipRole)
    assert "characters per second" in tip and "limit 17" in tip
    assert ed.model.index(3, TranscriptModel.TEXT).data(Qt.ItemDataRole.DecorationRole) is not None
    assert ed.model.index(1, TranscriptModel.TEXT).data(Qt.ItemDataRole.DecorationRole) is None
    strict = SubtitleRules(max_chars_per_line=12, max_lines=1)
    ed.view.set_rules(strict)
    assert set(ed.model.flagged()) == {0, 1, 2, 3}
    ed.view.set_rules(SubtitleRules(max_duration=2.6))
    assert set(ed.model.flagged()) == {1, 3}
    ed.select(0)
    key(qtbot, ed, Qt.Key.Key_R, CTRL | SHIFT)
    assert ed.view.message.text().startswith("Reshaped 2 line")
    left = [p.check.name for f in ed.model.flagged().values() for p in f.problems]
    assert "TOO_LONG" not in left, "the long line was cut in cues of at most 2.6 s"
    assert ed.doc.undo_stack.count() == 1
    ed.undo.trigger()
    assert ed.doc.segments == LINES
    ed.view.set_checks_shown(False)
    assert ed.model.flagged() == {}


def test_speakers_column_rename_change_and_merge(qtbot: QtBot) -> None:
    lines = tuple(
        Segment(i, i * 2.0, i * 2.0 + 1.5, f" Line {i}.", speaker=s)
        for i, s in enumerate((0, 1, 0, 2))
    )
    ed = Editor(qtbot, lines)
    ed.start = lines  # type: ignore[attr-defined]
    assert not ed.table.isColumnHidden(TranscriptModel.SPEAKER)
    names = [ed.model.index(r, TranscriptModel.SPEAKER).data() for r in range(4)]
    assert names == ["Speaker 1", "Speaker 2", "Speaker 1", "Speaker 3"]
    colours = {
        ed.model.index(r, TranscriptModel.SPEAKER).data(Qt.ItemDataRole.ForegroundRole).name()
        for r in range(4)
    }
    assert len(colours) == 3, "each speaker its own colour"
    # Rename by double-clicking the name: every line of that speaker.
    cell = ed.model.index(1, TranscriptModel.SPEAKER)
    rect = ed.table.visualRect(cell)
    # A double-click is a click then a double-click event, as a real mouse sends them.
    qtbot.mouseClick(ed.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(ed.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    field = ed.table.viewport().findChild(QLineEdit)
    assert field is not None
    field.selectAll()
    qtbot.keyClicks(field, "Diane")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ed.model.index(1, TranscriptModel.SPEAKER).data() == "Diane")
    # A line's speaker from the context menu.
    ed.select(2)
    menu = ed.view.actions_.context_menu(ed.table.visualRect(ed.model.index(2, 0)).center())
    said_by = next(a.menu() for a in menu.actions() if a.menu() and "Said" in a.text())
    diane = next(a for a in said_by.actions() if a.text() == "Diane")
    diane.trigger()
    assert ed.doc.segment(2).speaker == 1
    assert ed.model.index(2, TranscriptModel.SPEAKER).data() == "Diane"
    # Merge Speaker 3 into Diane.
    ed.select(3)
    menu = ed.view.actions_.context_menu(ed.table.visualRect(ed.model.index(3, 0)).center())
    merge = next(a.menu() for a in menu.actions() if a.menu() and "into" in a.text())
    next(a for a in merge.actions() if a.text() == "Diane").trigger()
    assert [s.speaker for s in ed.doc.segments] == [0, 1, 1, 1]
    assert ed.doc.undo_stack.count() == 3
    assert ed.replayed() == ed.doc.segments
    for _ in range(3):
        ed.undo.trigger()
    assert ed.doc.segments == lines and ed.doc.names.named == ()
    assert ed.model.index(1, TranscriptModel.SPEAKER).data() == "Speaker 2"
    ed.redo.trigger()
    assert ed.model.index(1, TranscriptModel.SPEAKER).data(SPEAKER_ROLE) == 1
    assert ed.model.index(1, TranscriptModel.SPEAKER).data() == "Diane"


def test_no_speaker_column_without_speakers_and_no_edits_while_running(
    qtbot: QtBot, editor: Editor
) -> None:
    ed = editor
    assert ed.table.isColumnHidden(TranscriptModel.SPEAKER)
    ed.view.set_editable(False)
    ed.select(0)
    key(qtbot, ed, Qt.Key.Key_J, CTRL)
    key(qtbot, ed, Qt.Key.Key_F2)
    assert ed.doc.segments == LINES and ed.table.viewport().findChild(QLineEdit) is None
    assert not ed.view.actions_.merge.isEnabled()
    ed.view.open_replace()  # Ctrl+H finds only
    assert ed.view.find_bar.isVisible() and not ed.view.find_bar.replace_edit.isVisible()


def test_every_shortcut_is_listed_once(qtbot: QtBot, editor: Editor) -> None:
    listed = editor.view.shortcuts()
    keys = [k for _, k in listed]
    assert len(keys) == len(set(keys)), listed
    names = " ".join(n for n, _ in listed)
    for what in (
        "Split",
        "Merge",
        "Delete",
        "Insert",
        "Start 0.1 s",
        "playhead",
        "Follow",
        "Find",
        "Reshape",
        "Play or pause",
        "Slower",
    ):
        assert what in names, what
    assert QModelIndex() is not None


def test_checks_of_arriving_lines_match_a_full_check(qtbot: QtBot) -> None:
    from stenodesk.core.editing.checks import check_all

    doc = TranscriptDocument("live", Path("/nowhere/live.wav"))
    model = TranscriptModel()
    model.set_document(doc)
    assert model.flagged() == {}
    for line in LINES:
        doc.append(line)
        model.flagged()  # as a repaint would, after each line
    assert set(model.flagged()) == {f.row for f in check_all(LINES)} == {3}


def test_the_speakers_strip_renames_and_merges(qtbot: QtBot) -> None:
    lines = tuple(
        Segment(i, i * 2.0, i * 2.0 + 1.5, f" Line {i}.", speaker=s)
        for i, s in enumerate((0, 1, 0, 2))
    )
    ed = Editor(qtbot, lines)
    strip = ed.view.speakers_strip
    assert strip.isVisible() and sorted(strip.buttons) == [0, 1, 2]
    assert strip.buttons[0].text().startswith("Speaker 1 (2 line")
    assert strip.rename(1)
    field = ed.table.viewport().findChild(QLineEdit)
    assert isinstance(field, QLineEdit) and field.text() == "Speaker 2"
    field.selectAll()
    qtbot.keyClicks(field, "Diane")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: strip.buttons[1].text().startswith("Diane (1 line"))
    menu = strip.buttons[2].menu()
    into = next(a.menu() for a in menu.actions() if a.menu() is not None)
    next(a for a in into.actions() if a.text() == "Diane").trigger()
    assert sorted(strip.buttons) == [0, 1] and strip.buttons[1].text().startswith("Diane (2 line")
    ed.undo.trigger()
    assert sorted(strip.buttons) == [0, 1, 2]
    ed.doc.replace_all(LINES)
    assert not strip.isVisible()
