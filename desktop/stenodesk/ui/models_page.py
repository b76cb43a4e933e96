"""The Models page: every model, its state, and downloads, imports and deletes.

All the work runs on the models thread (:class:`ModelManager`); this page
asks for it and shows what comes back. "Use as default" sets
``transcription.model``; the Transcribe page's model choices follow the
list through :class:`~stenodesk.ui.models_model.ModelChoices`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stenodesk.bridge.jobs import JobError
from stenodesk.bridge.model_list import ModelListing
from stenodesk.bridge.model_manager import ModelManager
from stenodesk.core.models.choice import AUTO
from stenodesk.core.models.state import DownloadProgress, ModelState, human_size
from stenodesk.ui.i18n import job_error_text
from stenodesk.ui.models_footer import ModelsFooter
from stenodesk.ui.models_model import DownloadDelegate, ModelRow, ModelTableModel
from stenodesk.ui.settings_vm import SettingsViewModel
from stenodesk.ui.tables import set_up_list_table


class ModelsPage(QWidget):
    """The model table with its actions; messages show under it."""

    def __init__(
        self, manager: ModelManager, settings: SettingsViewModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.manager = manager
        self.settings = settings
        self.model = ModelTableModel(self)
        self._root: Path | None = None
        self._select_next = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self._build_header(layout)
        self._build_table(layout)
        self._build_buttons(layout)
        self._build_footer(layout)
        self._connect_manager()
        settings.settings_changed.connect(self._on_settings_changed)
        self._show_default()
        if manager.listing is not None:
            self._on_manager_listing_changed(manager.listing)
        else:
            self.show_message(self.tr("Looking for models..."))
        self._update_buttons()

    # -- building -----------------------------------------------------------

    def _build_header(self, layout: QVBoxLayout) -> None:
        title = QLabel(self.tr("Models"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        about = QLabel(
            self.tr(
                "Whisper models turn speech into text. Built-in models work offline; larger "
                "ones are more accurate but slower and need a download once."
            ),
            self,
        )
        about.setWordWrap(True)
        self.default_label = QLabel(self)
        self.auto_button = QPushButton(self.tr("Use automatic choice"), self)
        self.auto_button.setToolTip(
            self.tr("Let Stenodesk pick a built-in model by the language of each recording")
        )
        self.auto_button.clicked.connect(lambda: self.use_as_default(AUTO))
        row = QHBoxLayout()
        row.addWidget(self.default_label, 1)
        row.addWidget(self.auto_button)
        layout.addWidget(title)
        layout.addWidget(about)
        layout.addLayout(row)

    def _build_table(self, layout: QVBoxLayout) -> None:
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(ModelTableModel.STATE, DownloadDelegate(self.table))
        set_up_list_table(self.table)
        header = self.table.horizontalHeader()
        fit = QHeaderView.ResizeMode.ResizeToContents
        for column in (ModelTableModel.NAME, ModelTableModel.SIZE, ModelTableModel.MEMORY):
            header.setSectionResizeMode(column, fit)
        header.setSectionResizeMode(ModelTableModel.LANGUAGES, fit)
        header.setSectionResizeMode(ModelTableModel.HINT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ModelTableModel.STATE, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(ModelTableModel.STATE, 300)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.model.dataChanged.connect(self._update_buttons)
        self.model.rowsInserted.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._update_buttons)
        layout.addWidget(self.table, 1)

    def _build_buttons(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        self.download_button = self._button(row, self.tr("Download"), self.download_current)
        self.cancel_button = self._button(row, self.tr("Cancel"), self.cancel_current)
        self.delete_button = self._button(row, self.tr("Delete..."), self.delete_current)
        self.default_button = self._button(
            row, self.tr("Use as default"), lambda: self.use_as_default(self.current())
        )
        self.reveal_button = self._button(row, self.tr("Show folder"), self.reveal_current)
        row.addStretch(1)
        layout.addLayout(row)

    def _button(self, row: QHBoxLayout, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def _build_footer(self, layout: QVBoxLayout) -> None:
        self.footer = ModelsFooter(self)
        f = self.footer
        self.message, self.sizes_button = f.message, f.sizes_button
        f.import_cancel.clicked.connect(self.manager.cancel_import)
        f.open_button.clicked.connect(lambda: self._open(self._root))
        f.import_button.clicked.connect(self.import_dialog)
        f.sizes_button.clicked.connect(self.check_sizes)
        layout.addWidget(f)

    def _connect_manager(self) -> None:
        m = self.manager
        m.listing_changed.connect(self._on_manager_listing_changed)
        m.download_queued.connect(self._on_manager_download_queued)
        m.download_started.connect(self._on_manager_download_started)
        m.download_progress.connect(self._on_manager_download_progress)
        m.download_finished.connect(self._on_manager_download_finished)
        m.download_failed.connect(self._on_manager_download_failed)
        m.download_cancelled.connect(self._on_manager_download_cancelled)
        m.import_started.connect(lambda _source: self.footer.show_importing(True))
        m.import_progress.connect(self._on_manager_import_progress)
        m.import_finished.connect(self._on_manager_import_finished)
        m.import_failed.connect(self._on_manager_import_failed)
        m.import_cancelled.connect(self._on_manager_import_cancelled)
        m.delete_finished.connect(self._on_manager_delete_finished)
        m.delete_failed.connect(self._on_manager_delete_failed)
        m.sizes_checked.connect(self._on_manager_sizes_checked)

    # -- the selected model -------------------------------------------------

    def current(self) -> str:
        index = self.table.currentIndex()
        if not index.isValid():
            return ""
        return self.model.rows[index.row()].name

    def select(self, name: str) -> None:
        n = self.model.row_of(name)
        if n >= 0:
            self.table.selectRow(n)

    def _current_row(self) -> ModelRow | None:
        return self.model.row(self.current())

    @Slot()
    def _update_buttons(self) -> None:
        row = self._current_row()
        busy = row is not None and row.activity != ""
        status = row.entry.status if row is not None else None
        builtin = row is not None and row.entry.kind == "builtin"
        state = status.state if status is not None else None
        self.download_button.setText(self._download_label(row))
        can_fetch = row is not None and row.entry.kind != "imported" and not busy
        self.download_button.setEnabled(can_fetch and state is not ModelState.READY)
        self.cancel_button.setEnabled(busy and row is not None and row.activity != "cancelling")
        self.delete_button.setEnabled(
            row is not None and not builtin and not busy and state is not ModelState.NOT_DOWNLOADED
        )
        self.delete_button.setToolTip(
            self.tr("Built-in models cannot be deleted") if builtin else ""
        )
        self.default_button.setEnabled(
            row is not None and row.entry.usable and row.name != self._default()
        )
        self.reveal_button.setEnabled(status is not None and status.folder is not None)

    def _download_label(self, row: ModelRow | None) -> str:
        state = row.entry.status.state if row is not None else None
        if row is not None and row.entry.kind == "builtin":
            return self.tr("Set up now")
        if state is ModelState.PARTIAL:
            return self.tr("Resume")
        if state is ModelState.CORRUPT:
            return self.tr("Download again")
        return self.tr("Download")

    # -- actions ------------------------------------------------------------

    def download_current(self) -> None:
        name = self.current()
        if name:
            self.model.update(name, error=None)
            self.manager.download(name)

    def cancel_current(self) -> None:
        name = self.current()
        if name and self.manager.active(name):
            self.model.update(name, activity="cancelling")
            self.manager.cancel(name)

    def delete_current(self) -> None:
        row = self._current_row()
        if row is None or row.entry.kind == "builtin":
            return
        size = human_size(row.entry.status.bytes_on_disk or row.entry.download_bytes or 0)
        answer = QMessageBox.question(
            self,
            self.tr("Delete model"),
            self.tr("Delete {name} ({size}) from this computer?").format(name=row.name, size=size),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.manager.delete(row.name)

    def use_as_default(self, name: str) -> None:
        if name:
            self.settings.set("transcription.model", name)

    def reveal_current(self) -> None:
        row = self._current_row()
        if row is not None:
            self._open(row.entry.status.folder)

    def _open(self, folder: Path | None) -> None:
        if folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def import_dialog(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Import a model folder"))
        if not chosen:
            return
        name, ok = QInputDialog.getText(
            self,
            self.tr("Import a model folder"),
            self.tr("Name for the model (letters, digits, '.', '-' and '_'):"),
            text=Path(chosen).name,
        )
        if ok:
            self.import_folder(Path(chosen), name.strip())

    def import_folder(self, folder: Path, name: str = "") -> bool:
        """Check and import ``folder`` as a model; the outcome shows under the table."""
        if not self.manager.import_folder(folder, name):
            self.show_message(self.tr("Another import is running; wait for it to finish."))
            return False
        self.show_message(self.tr("Checking and importing {folder}...").format(folder=folder))
        return True

    def check_sizes(self) -> None:
        self.sizes_button.setEnabled(False)
        self.show_message(self.tr("Asking the model server for the exact sizes..."))
        self.manager.check_sizes()

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.footer.show_message(text, error=error)

    # -- default model ------------------------------------------------------

    def _default(self) -> str:
        return str(self.settings.get("transcription.model"))

    def _show_default(self) -> None:
        name = self._default()
        if name == AUTO:
            text = self.tr("New transcriptions pick a built-in model by language (automatic).")
        else:
            text = self.tr("New transcriptions use {name}.").format(name=name)
        self.default_label.setText(text)
        self.auto_button.setEnabled(name != AUTO)
        self.model.set_default(name)
        self._update_buttons()

    @Slot(str)
    def _on_settings_changed(self, key: str) -> None:
        if key == "transcription.model":
            self._show_default()

    # -- from the manager ---------------------------------------------------

    @Slot(object)
    def _on_manager_listing_changed(self, listing: ModelListing) -> None:
        if self.model.rowCount() == 0 and self.message.text() == self.tr("Looking for models..."):
            self.show_message("")
        self.model.set_listing(listing)
        if self._select_next and self.model.row(self._select_next) is not None:
            self.select(self._select_next)
            self._select_next = ""
        self._root = listing.root
        self.footer.set_folder(listing.root)
        self._update_buttons()

    @Slot(str)
    def _on_manager_download_queued(self, name: str) -> None:
        self.model.update(name, activity="waiting", progress=None, error=None)

    @Slot(str)
    def _on_manager_download_started(self, name: str) -> None:
        row = self.model.row(name)
        if row is not None and row.activity != "cancelling":
            self.model.update(name, activity="downloading")

    @Slot(str, object)
    def _on_manager_download_progress(self, name: str, progress: DownloadProgress) -> None:
        self.model.update(name, progress=progress)

    @Slot(str, str)
    def _on_manager_download_finished(self, name: str, _folder: str) -> None:
        self.model.update(name, activity="", progress=None)
        self.show_message(self.tr("{name} is ready.").format(name=name))

    @Slot(str, object)
    def _on_manager_download_failed(self, name: str, error: JobError) -> None:
        self.model.update(name, activity="", progress=None, error=error)
        self.show_message(job_error_text(error), error=True)

    @Slot(str)
    def _on_manager_download_cancelled(self, name: str) -> None:
        self.model.update(name, activity="", progress=None)
        self.show_message(
            self.tr("Download of {name} cancelled; Resume continues where it stopped.").format(
                name=name
            )
        )

    @Slot(str, object)
    def _on_manager_import_progress(self, _source: str, progress: DownloadProgress) -> None:
        self.footer.set_import_fraction(progress.fraction)

    @Slot(str, str)
    def _on_manager_import_finished(self, name: str, _folder: str) -> None:
        self.footer.show_importing(False)
        self.show_message(self.tr("Imported {name}; it is ready to use.").format(name=name))
        self._select_next = name  # its row comes with the next list

    @Slot(str, object)
    def _on_manager_import_failed(self, _source: str, error: JobError) -> None:
        self.footer.show_importing(False)
        self.show_message(job_error_text(error), error=True)

    @Slot(str)
    def _on_manager_import_cancelled(self, _source: str) -> None:
        self.footer.show_importing(False)
        self.show_message(self.tr("Import cancelled; nothing was kept."))

    @Slot(str, object)
    def _on_manager_delete_finished(self, name: str, result: object) -> None:
        freed = int(getattr(result, "freed_bytes", 0))
        text = self.tr("Deleted {name}; {size} freed.").format(name=name, size=human_size(freed))
        kept = getattr(result, "kept_in_hf_cache", None)
        if kept is not None:
            text += " " + self.tr(
                "A copy in the shared Hugging Face cache, which other programs use, "
                "was left alone: {folder}"
            ).format(folder=kept)
        if name == self._default():
            self.use_as_default(AUTO)
            text += " " + self.tr("New transcriptions use the automatic choice again.")
        self.show_message(text)

    @Slot(str, object)
    def _on_manager_delete_failed(self, _name: str, error: JobError) -> None:
        self.show_message(job_error_text(error), error=True)

    @Slot(int, int)
    def _on_manager_sizes_checked(self, exact: int, asked: int) -> None:
        self.sizes_button.setEnabled(True)
        if exact == 0:
            self.show_message(
                self.tr("The model server could not be reached; sizes stay approximate (~)."),
                error=True,
            )
        else:
            self.show_message(
                self.tr("Exact sizes for {count} of {total} models.").format(
                    count=exact, total=asked
                )
            )
