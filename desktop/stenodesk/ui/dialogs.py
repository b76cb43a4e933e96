"""Dialogs shown at start: interrupted jobs to resume, a crash report to read."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stenodesk.ui.format import clock
from stenodesk.ui.queue_model import JobRow


class RecoveryDialog(QDialog):
    """Lists the jobs that did not finish last time and offers to resume them."""

    def __init__(self, rows: list[JobRow], segments: dict[str, int], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Resume unfinished transcriptions?"))
        self.setObjectName("recovery-dialog")
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Stenodesk stopped before %n transcription(s) were finished. "
                "What was transcribed is in the queue; resuming continues where each stopped.",
                "",
                len(rows),
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        for row in rows:
            done = clock(row.progress.position) if row.progress is not None else clock(0)
            n = segments.get(row.job_id, 0)
            lines = self.tr("%n line(s)", "", n)
            self.list.addItem(f"{row.source.name}  ({lines}, {done})")
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(self)
        self.resume_button = buttons.addButton(
            self.tr("Resume"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later_button = buttons.addButton(
            self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 300)


class CrashDialog(QDialog):
    """Shows a crash report saved by an earlier run, with a way to pass it on."""

    def __init__(self, report: Path, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Stenodesk closed unexpectedly"))
        self.setObjectName("crash-dialog")
        self.report = report
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Last time Stenodesk stopped because of an internal error. Your transcripts "
                "were saved. If you report the problem, please attach this text."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setPlainText(text)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = QPushButton(self.tr("Copy report"), self)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(text))
        folder = QPushButton(self.tr("Open folder"), self)
        folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(report.parent)))
        )
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(720, 480)
