"""The job queue as a table: file, status, progress, time left."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from stenodesk.bridge.jobs import JobError, JobState
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import SPEAKERS, Progress
from stenodesk.ui.format import clock
from stenodesk.ui.i18n import job_error_text

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

JOB_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
FRACTION_ROLE = Qt.ItemDataRole.UserRole + 3


@dataclass
class JobRow:
    """One row of the queue; owned and changed by the GUI thread only."""

    job_id: str
    source: Path
    options: TranscribeOptions
    state: JobState = JobState.WAITING
    progress: Progress | None = None
    error: JobError | None = None
    notice: str = ""
    elapsed: float = 0.0


def state_label(state: JobState) -> str:
    translate = QCoreApplication.translate
    return {
        JobState.WAITING: translate("JobQueueModel", "Waiting"),
        JobState.RUNNING: translate("JobQueueModel", "Transcribing"),
        JobState.FINISHED: translate("JobQueueModel", "Finished"),
        JobState.FAILED: translate("JobQueueModel", "Failed"),
        JobState.CANCELLED: translate("JobQueueModel", "Cancelled"),
        JobState.INTERRUPTED: translate("JobQueueModel", "Interrupted"),
        JobState.REJECTED: translate("JobQueueModel", "Not added"),
    }[state]


def row_status(row: JobRow) -> str:
    """The row's state in words; a running job's speaker step has its own."""
    running = row.state == JobState.RUNNING and row.progress is not None
    if running and row.progress is not None and row.progress.phase == SPEAKERS:
        return QCoreApplication.translate("JobQueueModel", "Finding speakers…")
    return state_label(row.state)


class JobQueueModel(QAbstractTableModel):
    """Rows of :class:`JobRow`; the view-model changes them, views show them."""

    FILE, STATUS, PROGRESS, ETA = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[JobRow] = []

    # -- Qt model API -------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 4:
            return None
        return (self.tr("File"), self.tr("Status"), self.tr("Progress"), self.tr("Time left"))[
            section
        ]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == JOB_ID_ROLE:
            return row.job_id
        if role == STATE_ROLE:
            return row.state.value
        if role == FRACTION_ROLE:
            return _fraction(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.ForegroundRole and row.state in (
            JobState.FAILED,
            JobState.REJECTED,
        ):
            return QColor("#b3261e")
        if role == Qt.ItemDataRole.ForegroundRole and index.column() != self.FILE:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def _display(self, row: JobRow, column: int) -> str:
        if column == self.FILE:
            return row.source.name
        if column == self.STATUS:
            return row_status(row)
        if column == self.PROGRESS:
            hidden = (JobState.REJECTED, JobState.FAILED)
            return "" if row.state in hidden else f"{round(_fraction(row) * 100)}%"
        if column == self.ETA:
            if row.state == JobState.RUNNING and row.progress and row.progress.eta is not None:
                return clock(row.progress.eta)
            if row.state == JobState.FINISHED and row.elapsed > 0:
                return self.tr("took {time}").format(time=clock(row.elapsed))
        return ""

    def _tooltip(self, row: JobRow) -> str:
        lines = [str(row.source)]
        if row.error is not None:
            lines.append(job_error_text(row.error))
        if row.notice:
            lines.append(row.notice)
        if row.state != JobState.REJECTED:
            o = row.options
            language = o.language or self.tr("detect language")
            lines.append(f"{o.model} · {language} · {o.task}")
        return "\n".join(lines)

    def moveRows(
        self,
        source_parent: Index,
        source_row: int,
        count: int,
        destination_parent: Index,
        destination_child: int,
    ) -> bool:
        if source_parent.isValid() or destination_parent.isValid() or count < 1:
            return False
        if not (source_row >= 0 and source_row + count <= len(self._rows)):
            return False
        if not 0 <= destination_child <= len(self._rows):
            return False
        if source_row <= destination_child <= source_row + count:
            return False  # onto itself: Qt rejects this move
        if not self.beginMoveRows(
            QModelIndex(), source_row, source_row + count - 1, QModelIndex(), destination_child
        ):
            return False
        moving = self._rows[source_row : source_row + count]
        del self._rows[source_row : source_row + count]
        at = destination_child - count if destination_child > source_row else destination_child
        self._rows[at:at] = moving
        self.endMoveRows()
        return True

    # -- used by the view-model ---------------------------------------------

    @property
    def rows(self) -> tuple[JobRow, ...]:
        return tuple(self._rows)

    def job_ids(self) -> list[str]:
        return [row.job_id for row in self._rows]

    def row_of(self, job_id: str) -> int:
        for n, row in enumerate(self._rows):
            if row.job_id == job_id:
                return n
        return -1

    def job(self, job_id: str) -> JobRow | None:
        n = self.row_of(job_id)
        return self._rows[n] if n >= 0 else None

    def append(self, row: JobRow) -> None:
        n = len(self._rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append(row)
        self.endInsertRows()

    def remove(self, job_id: str) -> None:
        n = self.row_of(job_id)
        if n < 0:
            return
        self.beginRemoveRows(QModelIndex(), n, n)
        del self._rows[n]
        self.endRemoveRows()

    def changed(self, job_id: str) -> None:
        """Tell views that a row's fields were changed in place."""
        n = self.row_of(job_id)
        if n >= 0:
            self.dataChanged.emit(self.index(n, 0), self.index(n, 3))

    def move(self, job_id: str, delta: int) -> bool:
        """Move a row up (negative) or down; False at either end."""
        n = self.row_of(job_id)
        target = n + delta
        if n < 0 or not 0 <= target < len(self._rows):
            return False
        destination = target + 1 if delta > 0 else target
        return self.moveRows(QModelIndex(), n, 1, QModelIndex(), destination)


def _fraction(row: JobRow) -> float:
    if row.state == JobState.FINISHED:
        return 1.0
    return row.progress.fraction if row.progress is not None else 0.0
