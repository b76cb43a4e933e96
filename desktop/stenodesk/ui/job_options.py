"""The per-job choices above the queue: model, language, task, speakers, word timestamps."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QWidget

from stenodesk.core.engine.options import Task, TranscribeOptions
from stenodesk.core.errors import StenodeskError
from stenodesk.core.languages import by_english_name
from stenodesk.core.models.choice import AUTO, choose_model
from stenodesk.core.speakers.choice import parse_speakers
from stenodesk.ui.i18n import error_text
from stenodesk.ui.searchable import make_searchable


def fill_language_combo(combo: QComboBox, detect_label: str) -> None:
    """Items: detect (data ''), then every Whisper language (data: its code); searchable."""
    combo.clear()
    combo.addItem(detect_label, "")
    for language in by_english_name():
        combo.addItem(language.label, language.code)
    make_searchable(combo)


def model_notice(options: TranscribeOptions, models: list[str]) -> str:
    """What the model choice will say about these options ('' when they run as asked).

    An English-only model with another language is switched or refused
    (core.models.choice); the user sees that before adding files.
    """
    available = {name for name in models if name != AUTO}
    try:
        choice = choose_model(options.model, options.language, available, task=options.task)
    except StenodeskError as exc:
        return " ".join(error_text(exc.kind, exc.subject))
    return choice.notice


def select_data(combo: QComboBox, value: str) -> None:
    n = combo.findData(value)
    if n < 0 and combo.isEditable():
        combo.setEditText(value)
        return
    combo.setCurrentIndex(max(0, n))


class JobOptionsWidget(QWidget):
    """Options for the jobs being added, or for the selected waiting jobs.

    Signals:
        options_changed(object): the new TranscribeOptions after a user change.
    """

    options_changed = Signal(object)

    def __init__(
        self, options: TranscribeOptions, models: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._base = options
        self._models = models
        self._updating = False
        self._build()
        self.set_options(options)

    def _build(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.model_combo = QComboBox(self)
        self.model_combo.setEditable(True)
        self.model_combo.setToolTip(
            self.tr("auto picks a built-in model by language; or a model name or folder")
        )
        self.language_combo = QComboBox(self)
        fill_language_combo(self.language_combo, self.tr("Detect language"))
        self.task_combo = QComboBox(self)
        self.task_combo.addItem(self.tr("Transcribe"), "transcribe")
        self.task_combo.addItem(self.tr("Translate to English"), "translate")
        self.speakers_combo = QComboBox(self)
        self.speakers_combo.setEditable(True)
        for text, value in ((self.tr("Off"), "off"), (self.tr("Automatic"), "auto")):
            self.speakers_combo.addItem(text, value)
        for value in ("2", "3", "4", "2-4"):
            self.speakers_combo.addItem(value, value)
        self.speakers_combo.setToolTip(
            self.tr("Name who speaks: off, automatic, a number (2) or a range (2-4)")
        )
        self.words_check = QCheckBox(self.tr("Word times"), self)
        self.words_check.setToolTip(self.tr("Time every word (finer subtitle timing)"))
        self.notice = QLabel(self)
        self.set_models(self._models)
        for row, column, text, field in (
            (0, 0, self.tr("Model"), self.model_combo),
            (0, 2, self.tr("Language"), self.language_combo),
            (1, 0, self.tr("Task"), self.task_combo),
            (1, 2, self.tr("Speakers"), self.speakers_combo),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            grid.addWidget(label, row, column)
            grid.addWidget(field, row, column + 1)
            # Long language names must not make the window wider than a laptop screen.
            field.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            field.setMinimumContentsLength(10)
        grid.addWidget(self.words_check, 2, 3)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #9a5b00;")
        self.notice.hide()
        grid.addWidget(self.notice, 3, 0, 1, 4)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 3)
        self.model_combo.currentTextChanged.connect(self._on_any_changed)
        self.language_combo.currentIndexChanged.connect(self._on_any_changed)
        self.task_combo.currentIndexChanged.connect(self._on_any_changed)
        self.speakers_combo.currentTextChanged.connect(self._on_any_changed)
        self.words_check.toggled.connect(self._on_any_changed)

    def set_models(self, names: list[str]) -> None:
        """The models offered (the Models page calls this with the installed ones)."""
        current = self.model_combo.currentText()
        self._models = list(names)
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        self.model_combo.addItems(names)
        self.model_combo.setEditText(current or (names[0] if names else ""))
        self.model_combo.blockSignals(False)
        self._update_notice()

    def set_options(self, options: TranscribeOptions) -> None:
        """Show ``options`` without emitting options_changed."""
        self._updating = True
        try:
            self._base = options
            if self.model_combo.findText(options.model) < 0:
                self.model_combo.addItem(options.model)
            self.model_combo.setCurrentText(options.model)
            select_data(self.language_combo, options.language or "")
            select_data(self.task_combo, options.task)
            self.words_check.setChecked(options.word_timestamps)
            at = self.speakers_combo.findData(options.speakers)
            if at >= 0:
                self.speakers_combo.setCurrentIndex(at)
            else:
                self.speakers_combo.setEditText(options.speakers)
        finally:
            self._updating = False
        self._update_notice()

    def _update_notice(self) -> None:
        text = model_notice(self.options(), self._models)
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def options(self) -> TranscribeOptions:
        language = self.language_combo.currentData() or None
        task: Task = "translate" if self.task_combo.currentData() == "translate" else "transcribe"
        return replace(
            self._base,
            model=self.model_combo.currentText().strip() or self._base.model,
            language=language,
            task=task,
            word_timestamps=self.words_check.isChecked(),
            speakers=self._speakers(),
        )

    def _speakers(self) -> str:
        """The speakers choice; what cannot be read stays at the last good value."""
        at = self.speakers_combo.findText(self.speakers_combo.currentText())
        text = self.speakers_combo.itemData(at) if at >= 0 else self.speakers_combo.currentText()
        try:
            parse_speakers(str(text))
        except ValueError:
            return self._base.speakers
        return str(text).strip().lower()

    @Slot()
    def _on_any_changed(self) -> None:
        if not self._updating:
            self._update_notice()
            self.options_changed.emit(self.options())
