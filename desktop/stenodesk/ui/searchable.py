"""Combo boxes the user can type into to find an item (a language among 99, say)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter


def make_searchable(combo: QComboBox) -> None:
    """Let the user type any part of an item's text to find it; the items stay the only choices.

    Typing "span" offers "Español (Spanish)"; text that names no item is put
    back to the current item when the field loses focus or Enter is pressed.
    """
    if combo.isEditable():
        return
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    edit = combo.lineEdit()
    if edit is not None:
        edit.editingFinished.connect(lambda: settle(combo))


def settle(combo: QComboBox) -> None:
    """Select the item the typed text names (ignoring case), or show the current one again."""
    text = combo.currentText().strip().casefold()
    for n in range(combo.count()):
        if combo.itemText(n).casefold() == text:
            combo.setCurrentIndex(n)
            break
    combo.setEditText(combo.itemText(combo.currentIndex()))
