"""The GPU report on the Settings page: this machine's, and fake drivers' built in a child."""

from __future__ import annotations

import base64
import json
import os
import pickle
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel
from tests.core.gpu import fakes
from tests.helpers.tinyhub import tiny_files

from stenodesk.app import Stenodesk
from stenodesk.bridge.gpu import GpuService, NoticeRelay, SharedGpuReport
from stenodesk.core.gpu.policy import decide
from stenodesk.core.gpu.report import GpuReport
from stenodesk.core.settings import SettingsStore
from stenodesk.ui.gpu_view import DECISION_WIDTH, GpuReportView
from stenodesk.ui.settings_page import SettingsPage
from stenodesk.ui.settings_vm import SettingsViewModel

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("gpu_child.py")
OLD = {
    "FAKE_NVML_DRIVER": "470.57.02",
    "FAKE_NVML_CUDA": "11040",
    "FAKE_CUDA_DRIVER_VERSION": "11040",
}
NEW = {
    "FAKE_NVML_DRIVER": "550.54.15",
    "FAKE_NVML_CUDA": "12040",
    "FAKE_CUDA_DRIVER_VERSION": "12040",
}
PASSING = (
    "import json, sys; a = sys.argv; json.dump({'ok': True, 'compute_type': 'float16', "
    "'compute_types': ['float16', 'float32', 'int8', 'int8_float16']}, "
    "open(a[a.index('--out') + 1], 'w'))"
)


def plain(label: QLabel) -> str:
    """A label's text without the line breaks the view puts in."""
    return label.text().replace("\n", " ")


def gpu_view(settings_page: Any) -> GpuReportView:
    view = settings_page.findChild(GpuReportView)
    assert isinstance(view, GpuReportView)
    return view


def test_settings_show_this_machines_report_and_check_again(qtbot: Any, desk: Stenodesk) -> None:
    view = gpu_view(desk.window.pages["settings"])
    desk.window.show_page("settings")
    qtbot.waitUntil(lambda: view.report is not None, timeout=60_000)
    report = view.report
    assert report is not None
    plan = decide(report, desk.ctx.settings.transcribe_options())
    assert plan.compute_type in plain(view.headline)
    if not report.driver.found:  # as on the test machines: no NVIDIA driver
        assert plain(view.headline) == "Using the CPU (int8)"
        assert plain(view.reason) == "No NVIDIA driver found; using the CPU (int8)."
        assert "525.60.13 or newer on Linux" in plain(view.fix)
        assert plain(view.facts["driver"]) == "No NVIDIA driver found"
        assert plain(view.facts["check"]) == "Not run: the GPU cannot be used (see above)"
    assert "int8" in plain(view.facts["compute"]), "what the CPU supports is listed"

    with qtbot.waitSignal(desk.ctx.gpu.report_ready, timeout=200_000):
        view.check_button.click()
        assert not view.check_button.isEnabled() and not view.busy.isHidden()
        assert view.status.text() == "Checking the GPU again..."
    assert view.check_button.isEnabled() and view.busy.isHidden()
    assert view.report is not report, "a new report was built"


def library_rows(view: GpuReportView) -> dict[str, list[str]]:
    table = view.libraries
    return {
        table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, table.columnCount())]
        for r in range(table.rowCount())
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fakes.build_all(tmp_path_factory.mktemp("fakes"))


def child_preparer(
    built: Path,
    tmp_path: Path,
    scene: dict[str, Any],
    on_notice: Callable[[str], None] | None = None,
) -> Callable[[bool], Any]:
    """``prepare(force)`` that builds the report in a fresh process under ``scene``;
    the child's notices are passed on to ``on_notice`` (when it ends)."""

    def prepare(force: bool) -> GpuReport:
        args = {
            "cache_dir": str(tmp_path / "cache"),
            "model_dir": str(next(iter(tiny_files().values())).parent),
            "nvml": [str(built / "libnvidia-ml.so.1")],
            "cuda": [str(built / "libcuda.so.1")],
            "health_command": scene.get("health_command"),
            "force": force,
        }
        path = os.pathsep.join([*scene.get("python_path", []), str(REPO)])
        env = {**os.environ, **scene["env"], "PYTHONPATH": path}
        done = subprocess.run(
            [sys.executable, str(CHILD), json.dumps(args)],
            capture_output=True, text=True, env=env, timeout=120, check=True,
        )  # fmt: skip
        for line in done.stderr.splitlines():
            if on_notice is not None and line.startswith('"'):
                on_notice(json.loads(line))
        report = pickle.loads(base64.b64decode(done.stdout))
        assert isinstance(report, GpuReport)
        return report

    return prepare


@pytest.fixture
def page(qtbot: Any, tmp_path: Path) -> Iterator[tuple[SettingsPage, SettingsViewModel]]:
    store = SettingsStore(tmp_path / "settings.json")
    settings = SettingsViewModel(store, store.load())
    page = SettingsPage(settings)
    qtbot.addWidget(page)
    page.resize(800, 400)  # shorter than the page: the scroll area squeezes what it can
    page.show()
    qtbot.waitExposed(page)
    yield page, settings


def test_fake_drivers_reports_and_the_device_setting(
    qtbot: Any, built: Path, tmp_path: Path, page: tuple[SettingsPage, SettingsViewModel]
) -> None:
    settings_page, settings = page
    scene: dict[str, Any] = {"env": OLD}
    service = GpuService(SharedGpuReport(child_preparer(built, tmp_path, scene)))
    view = GpuReportView(service, settings)
    settings_page.add_section("GPU", view, after=settings_page.device_group)
    try:
        assert plain(view.headline) == "Checking the GPU..."
        with qtbot.waitSignal(service.report_ready, timeout=60_000):
            service.start()
        assert plain(view.facts["driver"]) == "470.57.02 (CUDA 11.4)"
        assert plain(view.facts["gpus"]) == "NVIDIA Fake GPU, 12 GiB, compute capability 8.6"
        assert plain(view.headline) == "Using the CPU (int8)"
        assert plain(view.reason) == (
            "Driver 470.57.02 supports CUDA 11.4; Stenodesk needs 525.60.13 or newer; "
            "using the CPU (int8)."
        )
        assert plain(view.fix).startswith("What to do: Update the NVIDIA driver")
        metrics = QFontMetrics(view.fix.font())
        lines = view.fix.text().splitlines()
        assert len(lines) > 1 and all(metrics.horizontalAdvance(t) <= DECISION_WIDTH for t in lines)
        qtbot.waitUntil(lambda: view.fix.height() >= len(lines) * metrics.lineSpacing())

        # A newer driver, but no cuBLAS: "Check GPU again" sees it, off the GUI thread.
        scene["env"] = NEW
        with qtbot.waitSignal(service.report_ready, timeout=60_000):
            view.check_button.click()
            assert view.busy.isVisibleTo(view) and not view.check_button.isEnabled()
        assert plain(view.reason) == (
            "The CUDA library libcublas.so.12 was not found; using the CPU (int8)."
        )
        assert 'pip install "stenodesk[gpu]"' in plain(view.fix)
        assert library_rows(view)["libcublas.so.12"] == ["needed", "not found", "—", ""]

        # The fake cuBLAS wheels and a GPU check that passes: the GPU is used.
        scene["python_path"] = [str(fakes.wheel_site(built, tmp_path / "site"))]
        scene["health_command"] = [sys.executable, "-c", PASSING]
        with qtbot.waitSignal(service.report_ready, timeout=60_000):
            view.check_again()
        assert plain(view.headline) == "Using the GPU: NVIDIA Fake GPU (float16)"
        assert view.reason.isHidden() and view.fix.isHidden(), "nothing to add or fix"
        assert plain(view.facts["check"]).startswith("Passed (took ")
        assert "float16, float32, int8, int8_float16" in plain(view.facts["compute"])
        rows = library_rows(view)
        assert rows["libcublas.so.12"][:3] == ["needed", "loaded", "12.9.1.4"]
        assert rows["libcublasLt.so.12"][1] == "loaded"
        assert rows["libcublas.so.12"][3].endswith("site/nvidia/cublas/lib/libcublas.so.12")
        assert [view.libraries.item(r, 1).text() for r in range(2)] == ["needed"] * 2

        # The device setting shows its effect at once.
        settings.set("device.device", "cpu")
        assert plain(view.headline) == "Using the CPU (int8)"
        assert plain(view.reason) == "Using the CPU, as chosen in the settings."
        settings.set("device.device", "cuda")
        settings.set("device.compute_type", "int8_float16")
        assert plain(view.headline) == "Using the GPU: NVIDIA Fake GPU (int8_float16)"
        assert plain(view.reason) == (
            "Using the GPU (NVIDIA Fake GPU, int8_float16), as chosen in the settings "
            "(int8_float16 as chosen in the settings)."
        )
    finally:
        assert service.shutdown()


def test_first_use_of_a_card_that_needs_the_ptx_is_announced_in_the_window(
    qtbot: Any, built: Path, tmp_path: Path, page: tuple[SettingsPage, SettingsViewModel]
) -> None:
    """An RTX 50 (12.0) with an R570 driver: the check compiles the PTX; the window says so."""
    settings_page, settings = page
    scene: dict[str, Any] = {
        "env": {
            "FAKE_NVML_DRIVER": "570.86.10",
            "FAKE_NVML_CUDA": "12080",
            "FAKE_CUDA_DRIVER_VERSION": "12080",
            "FAKE_CC_MAJOR": "12",
            "FAKE_CC_MINOR": "0",
        },
        "python_path": [str(fakes.wheel_site(built, tmp_path / "site"))],
        "health_command": [sys.executable, "-c", PASSING],
    }
    relay = NoticeRelay()
    service = GpuService(SharedGpuReport(child_preparer(built, tmp_path, scene, relay), relay))
    view = GpuReportView(service, settings)
    settings_page.add_section("GPU", view, after=settings_page.device_group)
    shown: list[str] = []
    # Connected after the view: runs after its slot, so it sees what the view shows.
    service.notice_posted.connect(lambda _text: shown.append(plain(view.status)))
    try:
        with qtbot.waitSignal(service.report_ready, timeout=60_000):
            service.start()
        assert shown == ["Preparing the GPU for first use; this can take a few minutes."]
        assert view.report is not None and view.report.prediction is not None
        assert view.report.prediction.kind == "jit"
        assert plain(view.headline) == "Using the GPU: NVIDIA Fake GPU (float16)"

        # Asked again: the check runs, so the kernels compile again, and it is said again.
        with qtbot.waitSignal(service.report_ready, timeout=60_000):
            view.check_again()
        assert len(shown) == 2 and shown[0] == shown[1]
    finally:
        assert service.shutdown()


def test_two_gpus_the_report_says_which_one_runs(
    qtbot: Any, built: Path, tmp_path: Path, page: tuple[SettingsPage, SettingsViewModel]
) -> None:
    settings_page, settings = page
    scene: dict[str, Any] = {
        "env": {**NEW, "FAKE_GPU_COUNT": "2", "FAKE_GPU_FREE_MIB": "2048,6144"},
        "python_path": [str(fakes.wheel_site(built, tmp_path / "site"))],
        "health_command": [sys.executable, "-c", PASSING],
    }
    service = GpuService(SharedGpuReport(child_preparer(built, tmp_path, scene)))
    view = GpuReportView(service, settings)
    settings_page.add_section("GPU", view, after=settings_page.device_group)
    try:
        with qtbot.waitSignal(service.report_ready, timeout=60_000):
            service.start()
        assert plain(view.headline) == "Using the GPU: NVIDIA Fake GPU (float16)"
        assert "GPU 1, the one with the most free memory (6144 MiB)" in plain(view.reason)
        settings.set("device.device_index", "0")
        assert "GPU 0 as chosen in the settings" in plain(view.reason)
    finally:
        assert service.shutdown()


def test_the_main_window_shows_a_gpu_notice_in_the_status_bar(qtbot: Any, desk: Stenodesk) -> None:
    window = desk.window
    with qtbot.waitSignal(desk.ctx.gpu.notice_posted):
        desk.ctx.gpu.shared.notices("Preparing the GPU for first use; this can take a few minutes.")
    assert window.statusBar().currentMessage() == (
        "Preparing the GPU for first use; this can take a few minutes."
    )
