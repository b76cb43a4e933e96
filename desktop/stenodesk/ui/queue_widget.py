"""The queue panel: job options, the table of jobs and the buttons that act on them."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, Signal, Slot
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stenodesk.bridge.jobs import JobState
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.ui.icons import icon
from stenodesk.ui.job_options import JobOptionsWidget
from stenodesk.ui.jobs_vm import JobsViewModel
from stenodesk.ui.queue_model import FRACTION_ROLE, JOB_ID_ROLE, STATE_ROLE, JobQueueModel
from stenodesk.ui.tables import paint_progress_bar, set_up_list_table


class ProgressDelegate(QStyledItemDelegate):
    """Draws the progress column as a progress bar."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if index.data(STATE_ROLE) in (JobState.REJECTED.value, JobState.FAILED.value):
            super().paint(painter, option, index)
            return
        paint_progress_bar(painter, option, index, float(index.data(FRACTION_ROLE) or 0.0))


class QueueTable(QTableView):
    """The job table; shows a hint about dropping files while it is empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = ""

    def paintEvent(self, event: object) -> None:
        super().paintEvent(event)  # type: ignore[arg-type]
        model = self.model()
        if model is not None and model.rowCount() == 0 and self.placeholder:
            painter = QPainter(self.viewport())
            rect = self.viewport().rect().adjusted(24, 24, -24, -24)
            pixmap = icon("drop").pixmap(48, 48)
            top = rect.center().y() - 60
            painter.drawPixmap(rect.center().x() - 24, top, pixmap)
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            text_rect = QRect(rect.left(), top + 60, rect.width(), 80)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            painter.drawText(
                text_rect, int(flags) | int(Qt.TextFlag.TextWordWrap), self.placeholder
            )
            painter.end()


class QueueWidget(QWidget):
    """Options, queue table and job buttons.

    Signals:
        current_job_changed(str): the selected job ('' when none).
        add_files_requested(): the user pressed "Add files...".
    """

    current_job_changed = Signal(str)
    add_files_requested = Signal()

    def __init__(
        self,
        vm: JobsViewModel,
        options: TranscribeOptions,
        models: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vm = vm
        self._new_options = options
        self._build_options(options, models)
        self._build_table(vm.model)
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.options_widget)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._buttons)
        vm.model.dataChanged.connect(self._update_buttons)
        vm.model.rowsInserted.connect(self._on_model_rows_inserted)
        vm.model.rowsRemoved.connect(self._update_buttons)
        self._update_buttons()

    def _build_options(self, options: TranscribeOptions, models: list[str]) -> None:
        self.options_widget = JobOptionsWidget(options, models, self)
        self.options_widget.options_changed.connect(self._on_options_widget_options_changed)

    def _build_table(self, model: JobQueueModel) -> None:
        self.table = QueueTable(self)
        self.table.placeholder = self.tr(
            "Drop audio or video files or folders here,\nor press Add files..."
        )
        self.table.setModel(model)
        self.table.setItemDelegateForColumn(JobQueueModel.PROGRESS, ProgressDelegate(self.table))
        set_up_list_table(self.table)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(JobQueueModel.FILE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(JobQueueModel.STATUS, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(JobQueueModel.PROGRESS, 110)
        header.setSectionResizeMode(JobQueueModel.ETA, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)

    def _build_buttons(self) -> None:
        self._buttons = QHBoxLayout()
        self.add_button = self._button(
            "add", self.tr("Add files..."), self.add_files_requested.emit
        )
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._buttons.addWidget(self.add_button)
        self._buttons.addStretch(1)
        self.up_button = self._button("up", self.tr("Move up"), self.move_up)
        self.down_button = self._button("down", self.tr("Move down"), self.move_down)
        self.cancel_button = self._button("cancel", self.tr("Cancel"), self.cancel_current)
        self.retry_button = self._button("retry", self.tr("Retry"), self.retry_current)
        self.remove_button = self._button("remove", self.tr("Remove"), self.remove_current)
        for b in (
            self.up_button,
            self.down_button,
            self.cancel_button,
            self.retry_button,
            self.remove_button,
        ):
            self._buttons.addWidget(b)

    def _button(self, name: str, text: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icon(name))
        button.setText(text)
        button.setToolTip(text.rstrip("."))
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # -- selection ----------------------------------------------------------

    def current_job(self) -> str:
        index = self.table.currentIndex()
        return str(index.data(JOB_ID_ROLE)) if index.isValid() else ""

    def select_job(self, job_id: str) -> None:
        row = self.vm.model.row_of(job_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.vm.model.index(row, 0))

    def new_job_options(self) -> TranscribeOptions:
        return self._new_options

    def set_new_job_options(self, options: TranscribeOptions) -> None:
        """Defaults changed in Settings: new jobs (and the panel, unless a job is shown) follow."""
        self._new_options = options
        row = self.vm.model.job(self.current_job())
        if row is None or row.state != JobState.WAITING:
            self.options_widget.set_options(options)

    @Slot(QModelIndex, QModelIndex)
    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        job_id = str(current.data(JOB_ID_ROLE)) if current.isValid() else ""
        row = self.vm.model.job(job_id)
        shown = row.options if row is not None and row.state == JobState.WAITING else None
        self.options_widget.set_options(shown or self._new_options)
        self._update_buttons()
        self.current_job_changed.emit(job_id)

    @Slot(QModelIndex, int, int)
    def _on_model_rows_inserted(self, _parent: QModelIndex, _first: int, last: int) -> None:
        if not self.current_job():
            self.table.selectRow(last)
        self._update_buttons()

    @Slot(object)
    def _on_options_widget_options_changed(self, options: TranscribeOptions) -> None:
        if not self.vm.set_options(self.current_job(), options):
            self._new_options = options

    # -- actions ------------------------------------------------------------

    def cancel_current(self) -> None:
        self.vm.cancel(self.current_job())

    def retry_current(self) -> None:
        job_id = self.current_job()
        row = self.vm.model.job(job_id)
        if row is None:
            return
        if row.state == JobState.INTERRUPTED and self.vm.resume(job_id):
            return
        self.vm.retry(job_id, self.options_widget.options())

    def remove_current(self) -> None:
        self.vm.remove(self.current_job())

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(1)

    def _move(self, delta: int) -> None:
        job_id = self.current_job()
        if self.vm.move(job_id, delta):
            self.select_job(job_id)

    @Slot()
    def _update_buttons(self) -> None:
        row = self.vm.model.job(self.current_job())
        state = row.state if row is not None else None
        n = self.vm.model.row_of(row.job_id) if row is not None else -1
        self.cancel_button.setEnabled(state is not None and state.is_open)
        self.retry_button.setEnabled(
            state is not None and (state.can_retry or state == JobState.FINISHED)
        )
        self.retry_button.setText(
            self.tr("Resume") if state == JobState.INTERRUPTED else self.tr("Retry")
        )
        self.remove_button.setEnabled(row is not None)
        self.up_button.setEnabled(n > 0)
        self.down_button.setEnabled(0 <= n < self.vm.model.rowCount() - 1)
