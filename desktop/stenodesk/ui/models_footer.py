"""The bottom of the Models page: messages, import progress, the model folder and its buttons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #b3261e;"


class ModelsFooter(QWidget):
    """What happened last, an import under way, and where the models are.

    The page connects the buttons: ``open_button``, ``import_button``,
    ``sizes_button`` and ``import_cancel``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_bar = QProgressBar(self)
        self.import_bar.setRange(0, 1000)
        self.import_cancel = QPushButton(self.tr("Cancel import"), self)
        importing = QHBoxLayout()
        importing.addWidget(self.import_bar, 1)
        importing.addWidget(self.import_cancel)
        self.folder_label = QLabel(self)
        self.folder_label.setStyleSheet("color: palette(placeholder-text);")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A long path must not make the window wider; the tooltip has all of it.
        self.folder_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.open_button = QPushButton(self.tr("Open model folder"), self)
        self.import_button = QPushButton(self.tr("Import folder..."), self)
        self.sizes_button = QPushButton(self.tr("Check online sizes"), self)
        self.sizes_button.setToolTip(
            self.tr("Ask the model server for the exact download size of each model")
        )
        folder = QHBoxLayout()
        folder.addWidget(self.folder_label, 1)
        for button in (self.open_button, self.import_button, self.sizes_button):
            folder.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addLayout(importing)
        layout.addLayout(folder)
        self.show_importing(False)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")

    def show_importing(self, on: bool) -> None:
        self.import_bar.setVisible(on)
        self.import_cancel.setVisible(on)
        self.import_button.setEnabled(not on)
        self.import_bar.setValue(0)

    def set_import_fraction(self, fraction: float) -> None:
        self.import_bar.setValue(round(fraction * 1000))

    def set_folder(self, folder: Path) -> None:
        self.folder_label.setText(self.tr("Model folder: {folder}").format(folder=folder))
        self.folder_label.setToolTip(str(folder))
