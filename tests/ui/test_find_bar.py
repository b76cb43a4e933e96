"""The find-and-replace bar: options, replace, replace all with its count, bad patterns."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from tests.core.editing.sample import LINES

from stenodesk.ui.find_bar import FindReplaceBar
from stenodesk.ui.i18n import install_translators
from stenodesk.ui.transcript_document import EditableTranscript

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    """The English plurals ("1 match", "2 matches") come from the en translation."""
    translators = install_translators(qapp, "en")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def _bar(qtbot: QtBot) -> tuple[FindReplaceBar, EditableTranscript]:
    doc = EditableTranscript(LINES)
    bar = FindReplaceBar(doc)
    qtbot.addWidget(bar)
    bar.open_replace()
    return bar, doc


def test_counts_matches_under_each_option(qtbot: QtBot) -> None:
    bar, _ = _bar(qtbot)
    bar.find_edit.setText("cat")
    assert bar.status.text() == "3 matches."  # cat, Concatenate, CAT
    bar.match_case.setChecked(True)
    assert bar.status.text() == "2 matches."  # cat, Concatenate
    bar.whole_word.setChecked(True)
    assert bar.status.text() == "1 match."
    bar.find_edit.setText("zebra")
    assert bar.status.text() == "No matches."
    assert not bar.next_button.isEnabled() and not bar.replace_all_button.isEnabled()


def test_next_walks_the_matches_and_wraps(qtbot: QtBot) -> None:
    bar, _ = _bar(qtbot)
    bar.find_edit.setText("cat")
    found = []
    for _ in range(4):
        with qtbot.waitSignal(bar.match_found) as blocker:
            qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
        found.append(tuple(blocker.args))
    assert found == [(1, 5, 8), (2, 4, 7), (2, 17, 20), (1, 5, 8)]


def test_replace_all_is_one_undo_step_and_shows_the_count(qtbot: QtBot) -> None:
    bar, doc = _bar(qtbot)
    bar.find_edit.setText("cat")
    bar.replace_edit.setText("dog")
    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert bar.status.text() == "Replaced 3 matches."
    assert [s.text for s in doc.segments[1:]] == [
        " The dog sat on the mat.",
        " Condogenate the dog files.",
    ]
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.segments == LINES
    assert bar.status.text() == "3 matches."  # recounted after the undo
    bar.find_edit.setText("zebra")
    assert bar.replace_all() == 0


def test_replace_goes_one_match_at_a_time_past_its_own_text(qtbot: QtBot) -> None:
    bar, doc = _bar(qtbot)
    bar.find_edit.setText("cat")
    bar.whole_word.setChecked(True)
    bar.replace_edit.setText("cat cat")  # contains the query: must not be found again
    bar.replace_current()
    assert doc.segments[1].text == " The cat cat sat on the mat."
    assert doc.segments[2] == LINES[2]
    bar.replace_current()
    assert doc.segments[2].text == " Concatenate the cat cat files."
    assert doc.undo_stack.count() == 2


def test_regex_with_groups(qtbot: QtBot) -> None:
    bar, doc = _bar(qtbot)
    bar.regex.setChecked(True)
    bar.find_edit.setText(r"(\w+) (sat)")
    bar.replace_edit.setText(r"\2 \1")
    assert bar.replace_all() == 1
    assert doc.segments[1].text == " The sat cat on the mat."


def test_an_invalid_pattern_is_explained_not_raised(qtbot: QtBot) -> None:
    bar, doc = _bar(qtbot)
    bar.regex.setChecked(True)
    bar.find_edit.setText("(cat")
    text = bar.status.text()
    assert text.startswith("The search is not a valid regular expression: missing ), unterminated")
    assert "turn off Regular expression" in text
    assert not bar.replace_all_button.isEnabled()
    assert bar.replace_all() == 0 and bar.find_next() is None
    assert doc.segments == LINES and doc.undo_stack.count() == 0
    bar.regex.setChecked(False)  # as plain text it is valid
    assert bar.status.text() == "No matches."


def test_keys_open_the_bar_and_escape_closes_it(qtbot: QtBot) -> None:
    doc = EditableTranscript(LINES)
    host = FindReplaceBarHost(doc)
    qtbot.addWidget(host)
    with qtbot.waitActive(host):
        host.show()
        host.activateWindow()
    host.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(host, Qt.Key.Key_H, ctrl)
    assert host.bar.isVisible() and host.bar.replace_edit.isVisible()
    assert host.bar.find_edit.hasFocus()
    qtbot.keyClicks(host.bar.find_edit, "mat")
    qtbot.keyClick(host.bar.find_edit, Qt.Key.Key_Return)
    assert host.bar.status.text() == "1 match."
    with qtbot.waitSignal(host.bar.closed):
        qtbot.keyClick(host.bar.find_edit, Qt.Key.Key_Escape)
    assert not host.bar.isVisible()
    qtbot.keyClick(host, Qt.Key.Key_F, ctrl)
    assert host.bar.isVisible() and not host.bar.replace_edit.isVisible()


class FindReplaceBarHost(QWidget):
    """A transcript page in small: the bar over an empty area, with the document's keys."""

    def __init__(self, doc: EditableTranscript) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.bar = FindReplaceBar(doc, self)
        self.bar.hide()
        QVBoxLayout(self).addWidget(self.bar)
        self.addActions(doc.actions(self))
        doc.find_requested.connect(self.bar.open_find)
        doc.replace_requested.connect(self.bar.open_replace)
