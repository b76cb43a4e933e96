"""The model list as a table (name, languages, sizes, a hint, the state) and its delegate.

Rows come from the :class:`~stenodesk.bridge.model_manager.ModelListing`
the models thread sends; a download in progress is laid over its row
(waiting, the fraction for the progress bar, bytes, speed and time left).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from stenodesk.bridge.jobs import JobError
from stenodesk.bridge.model_list import ModelEntry, ModelListing
from stenodesk.bridge.model_manager import ModelManager
from stenodesk.core.models.choice import AUTO
from stenodesk.core.models.state import DownloadProgress, ModelState, Source, human_size
from stenodesk.ui.format import clock
from stenodesk.ui.i18n import job_error_text
from stenodesk.ui.job_options import JobOptionsWidget
from stenodesk.ui.tables import paint_progress_bar

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
FRACTION_ROLE = Qt.ItemDataRole.UserRole + 2
"""A float in [0, 1] while the row downloads; None otherwise."""

HINTS = {
    text: text
    for text in (
        QT_TRANSLATE_NOOP("ModelHints", "fastest, least accurate"),
        QT_TRANSLATE_NOOP("ModelHints", "very fast, fair accuracy"),
        QT_TRANSLATE_NOOP("ModelHints", "fast, good accuracy"),
        QT_TRANSLATE_NOOP("ModelHints", "slow, very good accuracy"),
        QT_TRANSLATE_NOOP("ModelHints", "slowest, most accurate"),
        QT_TRANSLATE_NOOP("ModelHints", "slowest, most accurate (newest large)"),
        QT_TRANSLATE_NOOP("ModelHints", "slowest; the first large model"),
        QT_TRANSLATE_NOOP("ModelHints", "near large-v3 accuracy, several times faster"),
        QT_TRANSLATE_NOOP(
            "ModelHints", "distilled: much faster than its teacher, close in accuracy"
        ),
        QT_TRANSLATE_NOOP("ModelHints", "very fast, fair accuracy, many languages"),
    )
    if isinstance(text, str)
}
"""The catalogue's hints (core/models/catalogue.py), for lupdate; others show in English."""


translate = QCoreApplication.translate


@dataclass
class ModelRow:
    """One row: the model as listed, and what the window is doing with it (GUI thread only)."""

    entry: ModelEntry
    activity: str = ""
    """``waiting``, ``downloading``, ``cancelling`` or '' (idle)."""
    progress: DownloadProgress | None = None
    error: JobError | None = None
    """Why the last download failed (shown until the next try)."""

    @property
    def name(self) -> str:
        return self.entry.name


def state_text(row: ModelRow) -> str:
    """The State column: what the model is, or how its download goes."""
    if row.activity == "waiting":
        return translate("ModelTableModel", "Waiting to download")
    if row.activity == "cancelling":
        return translate("ModelTableModel", "Cancelling...")
    if row.activity == "downloading":
        return progress_text(row.progress)
    status, builtin = row.entry.status, row.entry.kind == "builtin"
    if row.error is not None and not status.ready:
        return translate("ModelTableModel", "Failed")
    if status.state is ModelState.READY:
        if builtin:
            return translate("ModelTableModel", "Built in")
        return (
            translate("ModelTableModel", "Ready (Hugging Face cache)")
            if status.source is Source.HF_CACHE
            else translate("ModelTableModel", "Ready")
        )
    if builtin and status.state is ModelState.NOT_DOWNLOADED:
        return translate("ModelTableModel", "Built in (set up on first use)")
    if status.state is ModelState.PARTIAL:
        total = status.bytes_total or 0
        if total:
            return translate("ModelTableModel", "Partial: {percent}%").format(
                percent=100 * status.bytes_on_disk // total
            )
        return translate("ModelTableModel", "Partial")
    if status.state is ModelState.CORRUPT:
        return translate("ModelTableModel", "Damaged")
    return translate("ModelTableModel", "Not downloaded")


def progress_text(p: DownloadProgress | None) -> str:
    """``34.2 MB of 75.5 MB · 5.1 MB/s · 0:12 left``."""
    if p is None:
        return translate("ModelTableModel", "Starting...")
    if p.joined:
        lead = translate("ModelTableModel", "Joined a download in progress:") + " "
    elif p.retrying:
        lead = translate("ModelTableModel", "Reconnecting...") + " "
    else:
        lead = ""
    parts = [
        translate("ModelTableModel", "{done} of {total}").format(
            done=human_size(p.done), total=human_size(p.total)
        )
    ]
    if p.speed > 0:
        parts.append(translate("ModelTableModel", "{speed}/s").format(speed=human_size(p.speed)))
    if p.eta is not None:
        parts.append(translate("ModelTableModel", "{time} left").format(time=clock(p.eta)))
    return lead + " · ".join(parts)


class ModelTableModel(QAbstractTableModel):
    """Rows of :class:`ModelRow`; the Models page changes them, views show them."""

    NAME, LANGUAGES, SIZE, MEMORY, HINT, STATE = range(6)
    HEADERS = (
        QT_TRANSLATE_NOOP("ModelTableModel", "Model"),
        QT_TRANSLATE_NOOP("ModelTableModel", "Languages"),
        QT_TRANSLATE_NOOP("ModelTableModel", "Size"),
        QT_TRANSLATE_NOOP("ModelTableModel", "Memory"),
        QT_TRANSLATE_NOOP("ModelTableModel", "Speed and accuracy"),
        QT_TRANSLATE_NOOP("ModelTableModel", "State"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ModelRow] = []
        self._default = ""

    # -- Qt model API -------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.HEADERS):
            return translate("ModelTableModel", str(self.HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.FontRole and column == self.NAME and row.name == self._default:
            font = QFont()
            font.setBold(True)
            return font
        if role == NAME_ROLE:
            return row.name
        if role == FRACTION_ROLE and column == self.STATE and row.activity == "downloading":
            return row.progress.fraction if row.progress is not None else 0.0
        return None

    def _display(self, row: ModelRow, column: int) -> str:
        e = row.entry
        if column == self.NAME:
            return e.name + (
                " " + translate("ModelTableModel", "(default)") if e.name == self._default else ""
            )
        if column == self.LANGUAGES:
            if e.english_only is None:
                return "—"
            return (
                translate("ModelTableModel", "English only")
                if e.english_only
                else translate("ModelTableModel", "Multilingual")
            )
        if column == self.SIZE:
            return _size(e.download_bytes, e.exact)
        if column == self.MEMORY:
            return _size(e.memory_bytes, False)
        if column == self.HINT:
            return hint_text(e)
        return state_text(row)

    def _tooltip(self, row: ModelRow, column: int) -> str | None:
        e, status = row.entry, row.entry.status
        lines = []
        if column == self.NAME:
            if e.repo_id:
                lines.append(e.repo_id)
            if e.aliases:
                lines.append(
                    translate("ModelTableModel", "Also called: {names}").format(
                        names=", ".join(e.aliases)
                    )
                )
        if column == self.STATE:
            if status.folder is not None:
                lines.append(str(status.folder))
            if status.problem and status.state is ModelState.CORRUPT:
                lines.append(status.problem)
            if row.error is not None:
                lines.append(job_error_text(row.error))
        if column == self.SIZE and not e.exact and e.download_bytes:
            lines.append(
                translate(
                    "ModelTableModel", "Approximate; Check online sizes gives the exact figure."
                )
            )
        return "\n".join(lines) or None

    # -- changes from the page ----------------------------------------------

    def set_listing(self, listing: ModelListing) -> None:
        """Take a new list: rows keep their place and their download state."""
        names = [e.name for e in listing.rows]
        for n in reversed(range(len(self.rows))):
            if self.rows[n].name not in names:
                self.beginRemoveRows(_ROOT, n, n)
                del self.rows[n]
                self.endRemoveRows()
        for position, entry in enumerate(listing.rows):
            at = self.row_of(entry.name)
            if at == position:
                self.rows[at].entry = entry
                self._changed(at)
                continue
            if at >= 0:  # out of order: take it out and put it where it belongs
                self.beginRemoveRows(_ROOT, at, at)
                old = self.rows.pop(at)
                self.endRemoveRows()
            else:
                old = ModelRow(entry)
            old.entry = entry
            self.beginInsertRows(_ROOT, position, position)
            self.rows.insert(position, old)
            self.endInsertRows()

    def row_of(self, name: str) -> int:
        return next((n for n, r in enumerate(self.rows) if r.name == name), -1)

    def row(self, name: str) -> ModelRow | None:
        n = self.row_of(name)
        return self.rows[n] if n >= 0 else None

    def update(self, name: str, **changes: Any) -> None:
        """Set attributes of a row (activity, progress, error) and repaint it."""
        n = self.row_of(name)
        if n < 0:
            return
        for key, value in changes.items():
            setattr(self.rows[n], key, value)
        self._changed(n)

    def set_default(self, name: str) -> None:
        """Mark the model that new jobs use (bold, "(default)")."""
        before, self._default = self._default, name
        for changed in {before, name}:
            n = self.row_of(changed)
            if n >= 0:
                self._changed(n)

    def _changed(self, n: int) -> None:
        self.dataChanged.emit(self.index(n, 0), self.index(n, len(self.HEADERS) - 1))


def hint_text(entry: ModelEntry) -> str:
    if entry.kind == "imported":
        return translate("ModelTableModel", "imported")
    if entry.kind == "custom":
        return translate("ModelTableModel", "from {repository}").format(repository=entry.repo_id)
    if entry.hint in HINTS:
        return translate("ModelHints", entry.hint)
    return entry.hint


def _size(n: int | None, exact: bool) -> str:
    if not n:
        return "?"
    return human_size(n) if exact else "~" + human_size(n)


class DownloadDelegate(QStyledItemDelegate):
    """Draws the State column as a progress bar while the row downloads."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        fraction = index.data(FRACTION_ROLE)
        if fraction is None:
            super().paint(painter, option, index)
            return
        paint_progress_bar(painter, option, index, float(fraction))


class ModelChoices(QObject):
    """Keeps a job options widget's model list in step with the usable models."""

    def __init__(self, manager: ModelManager, widget: JobOptionsWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        manager.listing_changed.connect(self._on_manager_listing_changed)

    @Slot(object)
    def _on_manager_listing_changed(self, listing: ModelListing) -> None:
        self._widget.set_models([AUTO, *listing.usable_names()])
