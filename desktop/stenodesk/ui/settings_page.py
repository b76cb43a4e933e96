"""The Settings page: defaults for new jobs, export shaping, device, interface language.

Each control writes its setting as soon as it changes (the view-model saves).
Other pages' engineers add their own sections with :meth:`SettingsPage.add_section`
(the GPU report goes below "Device").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSpinBox,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from stenodesk.core.export.formats import FORMATS
from stenodesk.ui.i18n import NATIVE_NAMES
from stenodesk.ui.job_options import fill_language_combo, select_data
from stenodesk.ui.settings_vm import SettingsViewModel

COMPUTE_TYPES = ("auto", "int8", "int8_float16", "int8_float32", "float16", "bfloat16", "float32")


class SettingsPage(QScrollArea):
    """A column of setting groups, each control bound to one dotted key."""

    def __init__(self, settings: SettingsViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.controls: dict[str, QWidget] = {}
        self._forms: list[QFormLayout] = []
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(self)
        body.setMinimumWidth(620)
        body.setMaximumWidth(760)
        self._column = QVBoxLayout(body)
        self._column.setContentsMargins(24, 16, 24, 16)
        self._column.setSpacing(16)
        holder = QWidget(self)
        outer = QVBoxLayout(holder)
        outer.addWidget(body, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.setWidget(holder)
        self._build_transcription()
        self._build_export()
        self._build_device()
        self._build_interface()
        self._align_labels()

    def add_section(
        self, title: str, widget: QWidget, *, after: QWidget | None = None
    ) -> QGroupBox:
        """Add a titled group at the end of the page, or right after the group ``after``."""
        box = QGroupBox(title, self)
        layout = QVBoxLayout(box)
        layout.addWidget(widget)
        at = self._column.indexOf(after) + 1 if after is not None else self._column.count()
        self._column.insertWidget(at, box)
        return box

    def _align_labels(self) -> None:
        """One label width for every group, so the fields line up down the page."""
        labels = [
            widget
            for form in self._forms
            for row in range(form.rowCount())
            if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
            and (widget := item.widget()) is not None
        ]
        width = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:
            label.setMinimumWidth(width)

    def _form(self, title: str) -> QFormLayout:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        self._forms.append(form)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._column.addWidget(box)
        return form

    def _build_transcription(self) -> None:
        form = self._form(self.tr("New transcriptions"))
        language = QComboBox(self)
        fill_language_combo(language, self.tr("Detect automatically"))
        self._bind_combo("transcription.language", language)
        form.addRow(self.tr("Spoken language"), language)
        task = QComboBox(self)
        task.addItem(self.tr("Transcribe (keep the spoken language)"), "transcribe")
        task.addItem(self.tr("Translate to English"), "translate")
        self._bind_combo("transcription.task", task)
        form.addRow(self.tr("Task"), task)
        script = QComboBox(self)
        for name, label in (
            ("none", self.tr("As the model writes it")),
            ("simplified", self.tr("Simplified")),
            ("traditional", self.tr("Traditional")),
            ("taiwan", self.tr("Traditional (Taiwan)")),
            ("hongkong", self.tr("Traditional (Hong Kong)")),
        ):
            script.addItem(label, name)
        self._bind_combo("ui.chinese_script", script)
        form.addRow(self.tr("Chinese script"), script)
        speakers = QComboBox(self)
        speakers.addItem(self.tr("Off"), "off")
        speakers.addItem(self.tr("Find them automatically"), "auto")
        for value in ("2", "3", "4", "2-4"):
            speakers.addItem(value, value)
        self._bind_combo("transcription.speakers", speakers)
        form.addRow(self.tr("Speakers"), speakers)
        words = QCheckBox(self.tr("Time every word (finer subtitle timing)"), self)
        self._bind_check("transcription.word_timestamps", words)
        form.addRow("", words)

    def _build_export(self) -> None:
        form = self._form(self.tr("Export"))
        fmt = QComboBox(self)
        labels = {
            "srt": self.tr("SubRip subtitles (.srt)"),
            "vtt": self.tr("WebVTT subtitles (.vtt)"),
            "txt": self.tr("Plain text (.txt)"),
            "json": self.tr("JSON with words and times (.json)"),
            "rttm": self.tr("Speaker turns, RTTM (.rttm)"),
        }
        for name in FORMATS:
            fmt.addItem(labels.get(name, name), name)
        self._bind_combo("export.format", fmt)
        form.addRow(self.tr("Default format (Ctrl+E)"), fmt)
        chars = QSpinBox(self)
        chars.setRange(8, 200)
        chars.setSuffix(self.tr(" characters"))
        self._bind_spin("export.max_chars_per_line", chars)
        form.addRow(self.tr("Subtitle line length"), chars)
        lines = QSpinBox(self)
        lines.setRange(1, 4)
        self._bind_spin("export.max_lines", lines)
        form.addRow(self.tr("Lines per subtitle"), lines)
        duration = QDoubleSpinBox(self)
        duration.setRange(1.0, 60.0)
        duration.setDecimals(1)
        duration.setSingleStep(0.5)
        duration.setSuffix(self.tr(" s"))
        self._bind_spin("export.max_duration", duration)
        form.addRow(self.tr("Longest subtitle"), duration)
        names = QCheckBox(self.tr("Start SRT subtitles with the speaker's name"), self)
        self._bind_check("export.speaker_labels", names)
        form.addRow("", names)

    def _build_device(self) -> None:
        form = self._form(self.tr("Device"))
        self.device_group = form.parentWidget()
        device = QComboBox(self)
        device.addItem(self.tr("Automatic (GPU when it works, else CPU)"), "auto")
        device.addItem(self.tr("CPU"), "cpu")
        device.addItem(self.tr("NVIDIA GPU (CUDA)"), "cuda")
        self._bind_combo("device.device", device)
        form.addRow(self.tr("Run on"), device)
        which = QComboBox(self)
        which.addItem(self.tr("Automatic (the most free memory)"), "auto")
        chosen = str(self.settings.get("device.device_index"))
        for index in range(max(4, int(chosen) + 1 if chosen.isdigit() else 0)):
            which.addItem(self.tr("GPU {index}").format(index=index), str(index))
        self._bind_combo("device.device_index", which)
        form.addRow(self.tr("GPU"), which)
        compute = QComboBox(self)
        for name in COMPUTE_TYPES:
            compute.addItem(self.tr("Automatic") if name == "auto" else name, name)
        self._bind_combo("device.compute_type", compute)
        form.addRow(self.tr("Compute type"), compute)

    def _build_interface(self) -> None:
        form = self._form(self.tr("Interface"))
        language = QComboBox(self)
        language.addItem(self.tr("System language"), "")
        for code, name in NATIVE_NAMES.items():
            language.addItem(name, code)
        self._bind_combo("ui.language", language)
        form.addRow(self.tr("Language"), language)
        note = QLabel(self.tr("A new interface language applies when Stenodesk starts again."))
        note.setStyleSheet("color: palette(placeholder-text);")
        form.addRow("", note)

    # -- binding ------------------------------------------------------------

    def _bind_combo(self, key: str, combo: QComboBox) -> None:
        select_data(combo, str(self.settings.get(key)))
        combo.currentIndexChanged.connect(lambda _n: self._set(key, combo.currentData()))
        self.controls[key] = combo

    def _bind_check(self, key: str, check: QCheckBox) -> None:
        check.setChecked(bool(self.settings.get(key)))
        check.toggled.connect(lambda on: self._set(key, bool(on)))
        self.controls[key] = check

    def _bind_spin(self, key: str, spin: QSpinBox | QDoubleSpinBox) -> None:
        spin.setValue(self.settings.get(key))
        changed: Callable[[Any], None] = lambda v: self._set(key, v)  # noqa: E731
        spin.valueChanged.connect(changed)
        self.controls[key] = spin

    def _set(self, key: str, value: Any) -> None:
        try:
            self.settings.set(key, value)
        except ValueError:
            # A limit that does not fit another one (the shortest subtitle must stay
            # shorter than the longest): the control goes back and says why.
            control = self.controls.get(key)
            if isinstance(control, QSpinBox | QDoubleSpinBox):
                with QSignalBlocker(control):
                    control.setValue(self.settings.get(key))
                why = self.tr("The longest subtitle must be longer than the shortest one.")
                control.setToolTip(why)
                QToolTip.showText(control.mapToGlobal(control.rect().bottomLeft()), why, control)
