"""The GPU report in plain words, for the Settings page.

What runs the transcription (and why, and how to fix it) comes first; then
the driver, the GPUs, the CUDA libraries, the compute types and the GPU
check. The report is built on the GPU thread (:class:`GpuService`); the
decision is worked out here again whenever the device or compute type
setting changes, so the user sees the effect of their choice at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stenodesk.bridge.gpu import GpuService
from stenodesk.bridge.jobs import JobError
from stenodesk.core.engine.device import DevicePlan
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.errors import ErrorKind
from stenodesk.core.gpu.libraries import CudaLibrary
from stenodesk.core.gpu.policy import blocker, decide
from stenodesk.core.gpu.report import GpuReport
from stenodesk.ui.i18n import error_text, job_error_text, notice_text
from stenodesk.ui.settings_vm import SettingsViewModel

GOOD, WARN = "#1b7f3b", "#9a5b00"
DECISION_WIDTH, FACT_WIDTH = 500, 420
"""Pixels a line may take: what the Settings page's narrowest column leaves."""


def break_lines(text: str, font: QFont, width: int) -> str:
    """``text`` with line breaks where Qt would wrap it at ``width`` pixels (any script)."""
    lines = []
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            start = line.textStart()
            lines.append(paragraph[start : start + line.textLength()].rstrip())
        layout.endLayout()
    return "\n".join(lines)


class BrokenLabel(QLabel):
    """A label whose text is broken into lines of at most ``width`` pixels.

    Not QLabel's own word wrap: the Settings page is a resizable scroll area,
    which gives its contents their minimum height when they are taller than
    the window, and a wrapping QLabel's minimum height is one line, so longer
    texts were cut off. Explicit lines make the minimum height the real one.
    """

    def __init__(self, width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._width = width
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def setText(self, text: str) -> None:
        super().setText(break_lines(text, self.font(), self._width))


class GpuReportView(QWidget):
    """The decision, the facts behind it, and "Check GPU again"."""

    LIBRARY_COLUMNS = 5

    def __init__(
        self, service: GpuService, settings: SettingsViewModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.settings = settings
        self.report: GpuReport | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._build_decision(layout)
        self._build_facts(layout)
        self._build_libraries(layout)
        self._build_check(layout)
        service.check_started.connect(self._on_service_check_started)
        service.report_ready.connect(self.show_report)
        service.check_failed.connect(self._on_service_check_failed)
        service.notice_posted.connect(self._on_service_notice_posted)
        settings.settings_changed.connect(self._on_settings_changed)
        if service.report is not None:
            self.show_report(service.report)
        else:
            self.headline.setText(self.tr("Checking the GPU..."))
            self._set_busy(service.busy)

    # -- building -----------------------------------------------------------

    def _build_decision(self, layout: QVBoxLayout) -> None:
        self.decision = QFrame(self)
        self.decision.setObjectName("gpu-decision")
        self.decision.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self.decision)
        self.headline = BrokenLabel(DECISION_WIDTH, self.decision)
        font = self.headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.headline.setFont(font)
        self.reason = BrokenLabel(DECISION_WIDTH, self.decision)
        self.fix = BrokenLabel(DECISION_WIDTH, self.decision)
        for label in (self.headline, self.reason, self.fix):
            box.addWidget(label)
        layout.addWidget(self.decision)

    def _build_facts(self, layout: QVBoxLayout) -> None:
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.facts: dict[str, QLabel] = {}
        for row, (key, text) in enumerate(
            (
                ("driver", self.tr("NVIDIA driver")),
                ("gpus", self.tr("GPUs")),
                ("ctranslate2", self.tr("CTranslate2")),
                ("compute", self.tr("Compute types")),
                ("check", self.tr("GPU check")),
            )
        ):
            value = BrokenLabel(FACT_WIDTH, self)
            value.setText("—")
            self.facts[key] = value
            grid.addWidget(QLabel(text, self), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1)
        layout.addLayout(grid)

    def _build_libraries(self, layout: QVBoxLayout) -> None:
        self.libraries_label = QLabel(self.tr("CUDA libraries"), self)
        self.libraries = QTableWidget(0, self.LIBRARY_COLUMNS, self)
        self.libraries.setHorizontalHeaderLabels(
            [
                self.tr("Library"),
                self.tr("Needed"),
                self.tr("State"),
                self.tr("Version"),
                self.tr("Where"),
            ]
        )
        self.libraries.verticalHeader().hide()
        self.libraries.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.libraries.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.libraries.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.libraries.setWordWrap(False)
        self.libraries.setTextElideMode(Qt.TextElideMode.ElideLeft)
        header = self.libraries.horizontalHeader()
        for column in range(self.LIBRARY_COLUMNS - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.LIBRARY_COLUMNS - 1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.libraries_label)
        layout.addWidget(self.libraries)

    def _build_check(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        self.check_button = QPushButton(self.tr("Check GPU again"), self)
        self.check_button.setToolTip(
            self.tr("Look for the driver and libraries again and run the GPU check anew")
        )
        self.check_button.clicked.connect(self.check_again)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # a busy indicator: no fraction to show
        self.busy.setMaximumWidth(120)
        self.busy.setTextVisible(False)
        self.status = QLabel(self)
        row.addWidget(self.check_button)
        row.addWidget(self.busy)
        row.addWidget(self.status, 1)
        layout.addLayout(row)

    # -- showing ------------------------------------------------------------

    def check_again(self) -> None:
        self.service.check(force=True)

    @Slot(object)
    def show_report(self, report: GpuReport) -> None:
        self.report = report
        self._set_busy(False)
        self.status.setText("")
        self._show_facts(report)
        self._show_libraries(report)
        self._show_decision()

    def _options(self) -> TranscribeOptions:
        return self.settings.transcribe_options()

    def _show_decision(self) -> None:
        if self.report is None:
            return
        options = self._options()
        plan = decide(self.report, options)
        headline, reason, fix = self.decision_text(self.report, options, plan)
        on_gpu = plan.device == "cuda"
        colour = GOOD if on_gpu and not plan.fix else WARN if fix else ""
        self.headline.setText(headline)
        self.headline.setStyleSheet(f"color: {colour};" if colour else "")
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
        self.fix.setText(self.tr("What to do: {fix}").format(fix=fix) if fix else "")
        self.fix.setVisible(bool(fix))

    def decision_text(
        self, report: GpuReport, options: TranscribeOptions, plan: DevicePlan
    ) -> tuple[str, str, str]:
        """(headline, reason, fix) in the interface language where the table has it."""
        if plan.device == "cuda":
            gpus = report.driver.gpus
            names = next((g.name for g in gpus if g.index == plan.device_index), "GPU")
            headline = self.tr("Using the GPU: {name} ({compute})").format(
                name=names, compute=plan.compute_type
            )
            # The reason adds to the headline only with a choice, a warning or, with
            # several GPUs, which one in it.
            chosen = options.device == "cuda" or options.compute_type != "auto" or len(gpus) > 1
            return headline, plan.reason if chosen or plan.fix else "", plan.fix
        headline = self.tr("Using the CPU ({compute})").format(compute=plan.compute_type)
        if options.device == "cpu":
            return headline, plan.reason, plan.fix
        stop = blocker(report)
        if stop is not None:
            text, fix = error_text(stop.kind, stop.subject)
        else:
            why = report.health.reason if report.health is not None else ""
            text, fix = error_text(ErrorKind.GPU_CHECK_FAILED, why)
        if options.device == "cuda":
            text = self.tr("The GPU was chosen in the settings, but: {reason}").format(reason=text)
        return headline, text, fix

    def _show_facts(self, report: GpuReport) -> None:
        driver = report.driver
        if not driver.found:
            self.facts["driver"].setText(self.tr("No NVIDIA driver found"))
        else:
            version = driver.version or self.tr("version unknown")
            cuda = driver.cuda_version_text or self.tr("unknown")
            self.facts["driver"].setText(
                self.tr("{version} (CUDA {cuda})").format(version=version, cuda=cuda)
            )
        gpus = [
            self.tr("{name}, {memory} GiB, compute capability {cc}").format(
                name=gpu.name,
                memory=f"{gpu.memory_total / (1 << 30):.0f}",
                cc=gpu.compute_capability_text,
            )
            for gpu in driver.gpus
        ]
        self.facts["gpus"].setText("\n".join(gpus) or self.tr("None"))
        self.facts["ctranslate2"].setText(report.ctranslate2_version or self.tr("not installed"))
        cuda = ", ".join(report.compute_types) or "—"
        cpu = ", ".join(report.cpu_compute_types) or "—"
        self.facts["compute"].setText(self.tr("GPU: {gpu}\nCPU: {cpu}").format(gpu=cuda, cpu=cpu))
        self.facts["check"].setText(self._check_text(report))

    def _check_text(self, report: GpuReport) -> str:
        health = report.health
        if health is None:
            return self.tr("Not run: the GPU cannot be used (see above)")
        if health.kind == "not_run":
            return self.tr("Not run: {reason}").format(reason=health.reason)
        seconds = f"{health.seconds:.1f}"
        when = (
            self.tr("remembered from an earlier check")
            if health.cached
            else self.tr("took {seconds} s").format(seconds=seconds)
        )
        if health.ok:
            return self.tr("Passed ({when})").format(when=when)
        return self.tr("Failed: {reason} ({when})").format(reason=health.reason, when=when)

    def _show_libraries(self, report: GpuReport) -> None:
        libs = sorted(report.libraries.libraries, key=lambda lib: not lib.needed)
        self.libraries.setRowCount(len(libs))
        for row, lib in enumerate(libs):
            cells = (lib.name, self._needed(lib), self._state(lib), lib.version or "—", lib.path)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                tip = lib.error or (f"{lib.source}: {lib.path}" if lib.path else "")
                if tip:
                    item.setToolTip(tip)
                self.libraries.setItem(row, column, item)
        if report.libraries.error and not libs:
            self.libraries_label.setText(
                self.tr("CUDA libraries: {problem}").format(problem=report.libraries.error)
            )
        elif not libs:
            self.libraries_label.setText(self.tr("CUDA libraries: CTranslate2 names none"))
        else:
            self.libraries_label.setText(self.tr("CUDA libraries"))
        self.libraries.setVisible(bool(libs))
        self._fit_libraries()

    def _needed(self, lib: CudaLibrary) -> str:
        if lib.needed:
            return self.tr("needed")
        return self.tr("optional") if lib.loaded else self.tr("not needed")

    def _state(self, lib: CudaLibrary) -> str:
        if lib.loaded:
            return self.tr("loaded")
        if lib.error:
            return self.tr("failed to load")
        return self.tr("found, not loaded") if lib.found else self.tr("not found")

    def _fit_libraries(self) -> None:
        table = self.libraries
        table.resizeRowsToContents()
        rows = sum(table.rowHeight(n) for n in range(table.rowCount()))
        table.setFixedHeight(rows + table.horizontalHeader().height() + 2 * table.frameWidth())

    def _set_busy(self, on: bool) -> None:
        self.busy.setVisible(on)
        self.check_button.setEnabled(not on)

    # -- reactions ----------------------------------------------------------

    @Slot(bool)
    def _on_service_check_started(self, forced: bool) -> None:
        self._set_busy(True)
        self.status.setText(
            self.tr("Checking the GPU again...") if forced else self.tr("Checking the GPU...")
        )

    @Slot(object)
    def _on_service_check_failed(self, error: JobError) -> None:
        self._set_busy(False)
        self.status.setText(job_error_text(error))

    @Slot(str)
    def _on_service_notice_posted(self, text: str) -> None:
        self.status.setText(notice_text(text))

    @Slot(str)
    def _on_settings_changed(self, key: str) -> None:
        if key.startswith("device."):
            self._show_decision()
