"""What the app's list tables share: their look, and progress bars in a column."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
)


def set_up_list_table(table: QTableView) -> None:
    """A read-only list of rows: whole-row single selection, no grid, no row numbers."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)


def paint_progress_bar(
    painter: QPainter,
    option: QStyleOptionViewItem,
    index: QModelIndex | QPersistentModelIndex,
    fraction: float,
) -> None:
    """Draw the cell as a progress bar at ``fraction`` (0..1), its text over it."""
    bar = QStyleOptionProgressBar()
    bar.rect = QRect(option.rect).adjusted(4, 5, -4, -5)
    bar.minimum, bar.maximum = 0, 1000
    bar.progress = round(fraction * 1000)
    bar.text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
    bar.textVisible = True
    bar.state = option.state | QStyle.StateFlag.State_Horizontal
    bar.palette = option.palette
    QApplication.style().drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)
