"""The editable transcript: every operation undoes and redoes, typing merges, keys work."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from tests.core.editing.sample import LINES

from stenodesk.core.editing import Edit
from stenodesk.core.editing.replace import FindOptions, Match
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.ui.transcript_document import EditableTranscript

pytestmark = pytest.mark.gui

OPERATIONS: dict[str, Callable[[EditableTranscript], bool]] = {
    "split": lambda d: d.split_line(0, 13),
    "merge": lambda d: d.merge_with_next(1),
    "delete": lambda d: d.delete_line(2),
    "insert": lambda d: d.insert_line(6.5, "New"),
    "times": lambda d: d.set_times(1, start=2.2),
    "nudge": lambda d: d.nudge(0, "end", 0.1),
    "text": lambda d: d.set_text(1, " The dog sat."),
    "replace_one": lambda d: d.replace_one(Match(1, 5, 8), "cat", "dog"),
    "replace_all": lambda d: d.replace_all("cat", "dog") > 0,
}


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_every_operation_undoes_and_redoes(qtbot: QtBot, name: str) -> None:
    doc = EditableTranscript(LINES)
    with qtbot.waitSignal(doc.segments_changed):
        assert OPERATIONS[name](doc)
    edited = doc.segments
    assert edited != LINES
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.segments == LINES
    doc.undo_stack.redo()
    assert doc.segments == edited


def test_typing_in_one_line_is_one_step_until_another_line(qtbot: QtBot) -> None:
    doc = EditableTranscript(LINES)
    for text in (" The c", " The co", " The cow sat."):
        doc.set_text(1, text)
    assert doc.undo_stack.count() == 1
    doc.set_text(2, " Other.")
    doc.set_text(1, " The cow sat!")
    assert doc.undo_stack.count() == 3
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.segments[1].text == " The cow sat."
    assert doc.segments[2] == LINES[2]
    doc.undo_stack.undo()
    assert doc.segments == LINES


def test_structural_edit_breaks_the_typing_run(qtbot: QtBot) -> None:
    doc = EditableTranscript(LINES)
    doc.set_text(1, " The bat sat on the mat.")
    assert doc.nudge(1, "start", 0.1)
    doc.set_text(1, " The rat sat on the mat.")
    assert doc.undo_stack.count() == 3


def test_unchanged_text_and_impossible_edits_push_nothing(qtbot: QtBot) -> None:
    doc = EditableTranscript(LINES)
    assert not doc.set_text(0, LINES[0].text)
    assert not doc.set_times(1, start=LINES[1].start)
    assert doc.undo_stack.count() == 0


def test_replace_all_is_one_step_with_its_count(qtbot: QtBot) -> None:
    doc = EditableTranscript(LINES)
    with qtbot.waitSignal(doc.replaced) as blocker:
        count = doc.replace_all("cat", "dog")
    # "cat", "Concatenate" and "CAT" (case ignored, not whole words).
    assert count == 3 and blocker.args == [3]
    assert doc.undo_stack.count() == 1
    assert doc.undo_stack.undoText() == "Replace 3 matches"
    doc.undo_stack.undo()
    assert doc.segments == LINES
    assert doc.replace_all("cat", "dog", FindOptions(match_case=True, whole_word=True)) == 1
    assert doc.replace_all("zebra", "x") == 0
    assert doc.undo_stack.count() == 1


def test_bad_pattern_raises_and_changes_nothing(qtbot: QtBot) -> None:
    doc = EditableTranscript(LINES)
    with pytest.raises(StenodeskError) as info:
        doc.replace_all("(", "x", FindOptions(regex=True))
    assert info.value.kind is ErrorKind.FIND_PATTERN
    assert doc.segments == LINES and doc.undo_stack.count() == 0


def test_reset_clears_history(qtbot: QtBot) -> None:
    doc = EditableTranscript(LINES)
    doc.delete_line(0)
    doc.reset(LINES[:1])
    assert doc.segments == LINES[:1] and not doc.undo_stack.canUndo()


def _host(qtbot: QtBot, doc: EditableTranscript) -> QWidget:
    """A window standing in for the transcript view (a table: no text editor of its own)."""
    host = QWidget()
    qtbot.addWidget(host)
    host.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    host.addActions(doc.actions(host))
    with qtbot.waitActive(host):
        host.show()
        host.activateWindow()
    host.setFocus()
    return host


def test_keys_undo_redo_find_and_replace(qtbot: QtBot) -> None:
    doc = EditableTranscript(LINES)
    host = _host(qtbot, doc)
    doc.delete_line(0)
    ctrl = Qt.KeyboardModifier.ControlModifier
    shift = Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(host, Qt.Key.Key_Z, ctrl)
    assert doc.segments == LINES
    qtbot.keyClick(host, Qt.Key.Key_Z, ctrl | shift)
    assert doc.segments == LINES[1:]
    qtbot.keyClick(host, Qt.Key.Key_Z, ctrl)
    qtbot.keyClick(host, Qt.Key.Key_Y, ctrl)
    assert doc.segments == LINES[1:]
    with qtbot.waitSignal(doc.find_requested):
        qtbot.keyClick(host, Qt.Key.Key_F, ctrl)
    with qtbot.waitSignal(doc.replace_requested):
        qtbot.keyClick(host, Qt.Key.Key_H, ctrl)


def test_replaying_the_applied_edits_from_records_rebuilds_the_transcript(qtbot: QtBot) -> None:
    doc = EditableTranscript(LINES)
    journal: list[str] = []
    doc.edit_applied.connect(lambda edit: journal.append(json.dumps(edit.to_record())))
    doc.split_line(0, 13)
    doc.set_text(1, " this is Bob.")
    doc.set_text(1, " this is Bob!")
    doc.undo_stack.undo()
    doc.replace_all("the", "a")
    doc.undo_stack.undo()
    doc.undo_stack.redo()
    doc.delete_line(3)
    segments = LINES
    for text in journal:
        segments = Edit.from_record(json.loads(text)).apply(segments)
    assert segments == doc.segments != LINES
