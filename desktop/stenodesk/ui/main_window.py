"""The main window: a sidebar of pages, menus, a toolbar, drops anywhere."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt, QUrl, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from stenodesk import __version__
from stenodesk.bridge.jobs import JobError
from stenodesk.ui.context import AppContext
from stenodesk.ui.export import Exporter
from stenodesk.ui.i18n import error_text, notice_text
from stenodesk.ui.icons import icon
from stenodesk.ui.pages import PAGES
from stenodesk.ui.transcribe_page import TranscribePage


class MainWindow(QMainWindow):
    """Pages from :data:`stenodesk.ui.pages.PAGES`, with the Transcribe page's actions.

    Signals:
        window_shown(): the first time the window is shown.
    """

    window_shown = Signal()

    def __init__(self, ctx: AppContext, state: QSettings) -> None:
        super().__init__()
        self.ctx = ctx
        self._state = state
        self._shown = False
        self._rejections: list[str] = []
        self.setWindowTitle("Stenodesk")
        self.setWindowIcon(icon("app"))
        self.setAcceptDrops(True)
        self.pages: dict[str, QWidget] = {}
        self._build_pages()
        page = self.pages["transcribe"]
        assert isinstance(page, TranscribePage)
        self.transcribe: TranscribePage = page
        self.exporter = Exporter(ctx.jobs, ctx.settings, self.transcribe.current_job, self)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        ctx.jobs.file_rejected.connect(self._on_jobs_file_rejected)
        ctx.engine.save_failed.connect(self._on_engine_save_failed)
        ctx.player.playback_failed.connect(self._on_player_playback_failed)
        self.exporter.exported.connect(self._on_exporter_exported)
        ctx.gpu.notice_posted.connect(self._on_gpu_notice_posted)
        self.transcribe.queue.current_job_changed.connect(self._update_actions)
        ctx.jobs.model.dataChanged.connect(self._update_actions)
        self._update_actions()
        self.statusBar().showMessage(self.tr("Ready"))
        self.restore_state()

    # -- building -----------------------------------------------------------

    def _build_pages(self) -> None:
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.sidebar = QListWidget(central)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setFixedWidth(168)
        self.sidebar.setStyleSheet(
            "#sidebar { border: none; background: palette(window); padding-top: 8px; }"
            "#sidebar::item { padding: 10px 12px; border-radius: 6px; margin: 2px 8px; }"
            "#sidebar::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }"
        )
        self.stack = QStackedWidget(central)
        for spec in PAGES:
            page = spec.factory(self.ctx, self.stack)
            self.pages[spec.key] = page
            self.stack.addWidget(page)
            title = QCoreApplication.translate("pages", spec.title)
            item = QListWidgetItem(icon(spec.icon), title, self.sidebar)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.sidebar.setCurrentRow(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _action(self, name: str, text: str, slot: object, *keys: str) -> QAction:
        action = QAction(icon(name), text, self)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        page = self.transcribe
        self.add_action = self._action("add", self.tr("&Add files..."), self._add_files, "Ctrl+O")
        self.cancel_action = self._action(
            "cancel", self.tr("&Cancel job"), page.cancel_current, "Ctrl+."
        )
        # Esc cancels only where the queue has focus: elsewhere it closes the find bar or
        # abandons an edit, and a stray Esc must not throw away a long transcription.
        self.cancel_in_queue_action = QAction(self)
        self.cancel_in_queue_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.cancel_in_queue_action.setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        self.cancel_in_queue_action.triggered.connect(page.cancel_current)
        page.queue.table.addAction(self.cancel_in_queue_action)
        queue = page.queue
        self.retry_action = self._action("retry", self.tr("&Retry or resume"), queue.retry_current)
        self.remove_action = self._action("remove", self.tr("Re&move job"), queue.remove_current)
        self.up_action = self._action("up", self.tr("Move &up"), queue.move_up, "Ctrl+Up")
        self.down_action = self._action("down", self.tr("Move &down"), queue.move_down, "Ctrl+Down")
        self.clear_action = self._action(
            "", self.tr("C&lear finished"), self.ctx.jobs.clear_finished
        )
        self.quit_action = self._action("", self.tr("&Quit"), self.close, "Ctrl+Q")
        self.undo_action = page.undo_group.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = page.undo_group.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setIcon(icon("redo"))
        for action in (self.undo_action, self.redo_action, self.exporter.default_action):
            self.addAction(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.add_action)
        file_menu.addAction(self.exporter.default_action)
        file_menu.addMenu(self.exporter.menu)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit = bar.addMenu(self.tr("&Edit"))
        t = self.transcribe.transcript
        a = t.actions_
        for action in (self.undo_action, self.redo_action, None, a.find, a.replace, a.copy_all):
            edit.addSeparator() if action is None else edit.addAction(action)
        edit.addSeparator()
        for action in (*a.editing[:-1], None, a.follow, a.checks):
            edit.addSeparator() if action is None else edit.addAction(action)
        job = bar.addMenu(self.tr("&Job"))
        for action in (
            self.cancel_action,
            self.retry_action,
            self.remove_action,
            None,
            self.up_action,
            self.down_action,
            None,
            t.play_action,
            None,
            self.clear_action,
        ):
            job.addSeparator() if action is None else job.addAction(action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.tr("&Keyboard shortcuts"), self.show_shortcuts)
        help_menu.addAction(self.tr("Open the &log folder"), self._open_logs)
        help_menu.addAction(self.tr("&About Stenodesk"), self._about)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"), self)
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        bar.setIconSize(QSize(20, 20))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addAction(self.add_action)
        export_button = QToolButton(bar)
        export_button.setDefaultAction(self.exporter.default_action)
        export_button.setMenu(self.exporter.menu)
        export_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addWidget(export_button)
        bar.addSeparator()
        bar.addAction(self.cancel_action)
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        self.addToolBar(bar)

    # -- pages --------------------------------------------------------------

    def show_page(self, key: str) -> None:
        keys = [spec.key for spec in PAGES]
        self.sidebar.setCurrentRow(keys.index(key))

    def select_job(self, job_id: str) -> None:
        self.show_page("transcribe")
        self.transcribe.queue.select_job(job_id)

    def current_page(self) -> str:
        return PAGES[self.stack.currentIndex()].key

    # -- drops and files ----------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_paths(paths)

    def add_paths(self, paths: list[Path]) -> list[str]:
        self.show_page("transcribe")
        self._rejections.clear()
        added = self.transcribe.add_paths(paths)
        self._report_added(len(added))
        return list(added)

    def _add_files(self) -> None:
        self.show_page("transcribe")
        self._rejections.clear()
        self._report_added(len(self.transcribe.add_files_dialog()))

    def _report_added(self, added: int) -> None:
        parts = [self.tr("Added %n file(s) to the queue.", "", added)] if added else []
        if len(self._rejections) == 1:
            parts.append(self.tr("Not added: {reason}").format(reason=self._rejections[0]))
        elif self._rejections:
            parts.append(
                self.tr("%n file(s) not added; the queue says why.", "", len(self._rejections))
            )
        if parts:
            self.statusBar().showMessage(" ".join(parts), 10_000)

    # -- reactions ----------------------------------------------------------

    @Slot(str, object)
    def _on_jobs_file_rejected(self, _path: str, error: JobError) -> None:
        text, _fix = error_text(error.kind, error.subject)
        self._rejections.append(text)

    @Slot(str, str)
    def _on_engine_save_failed(self, _job_id: str, why: str) -> None:
        text = self.tr(
            "Changes could not be saved ({why}). They stay on screen: export the transcript "
            "to keep them, and free some disk space."
        )
        self.statusBar().showMessage(text.format(why=why), 15_000)

    def _on_player_playback_failed(self, text: str, fix: str) -> None:
        self.statusBar().showMessage(f"{text} {fix}", 8000)

    @Slot(str)
    def _on_gpu_notice_posted(self, text: str) -> None:
        # Shown until the next message: the wait it announces can take minutes.
        self.statusBar().showMessage(notice_text(text))

    @Slot(str)
    def _on_exporter_exported(self, path: str) -> None:
        self.statusBar().showMessage(self.tr("Exported {path}").format(path=path), 8000)

    @Slot()
    def _update_actions(self) -> None:
        job_id = self.transcribe.current_job()
        row = self.ctx.jobs.model.job(job_id)
        has_doc = row is not None and job_id in self.ctx.jobs.documents
        self.exporter.set_enabled(has_doc)
        self.cancel_action.setEnabled(row is not None and row.state.is_open)
        self.remove_action.setEnabled(row is not None)

    def shortcuts(self) -> list[tuple[str, str]]:
        """Every key of the window and the transcript editor, for Help."""
        native = QKeySequence.SequenceFormat.NativeText
        own = [
            (a.text().replace("&", ""), ", ".join(k.toString(native) for k in a.shortcuts()))
            for a in (
                self.add_action,
                self.exporter.default_action,
                self.cancel_action,
                self.up_action,
                self.down_action,
                self.undo_action,
                self.redo_action,
                self.quit_action,
            )
            if a.shortcuts()
        ]
        return own + self.transcribe.transcript.shortcuts()

    def show_shortcuts(self) -> QDialog:
        from stenodesk.ui.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self.shortcuts(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _open_logs(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.dirs.logs)))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Stenodesk"),
            self.tr(
                "<b>Stenodesk {version}</b><br>Speech to text on your own computer, "
                "with Whisper models through faster-whisper and CTranslate2. "
                "Nothing you say leaves your machine."
            ).format(version=__version__),
        )

    # -- window state -------------------------------------------------------

    def restore_state(self) -> None:
        geometry = self._state.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = self._state.value("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = self._state.value("window/splitter")
        if splitter is not None:
            self.transcribe.splitter.restoreState(splitter)
        page = self._state.value("window/page")
        if isinstance(page, str) and page in self.pages:
            self.show_page(page)

    def save_state(self) -> None:
        self._state.setValue("window/geometry", self.saveGeometry())
        self._state.setValue("window/state", self.saveState())
        self._state.setValue("window/splitter", self.transcribe.splitter.saveState())
        self._state.setValue("window/page", self.current_page())
        self._state.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            self.window_shown.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.ctx.player.stop()
        super().closeEvent(event)
