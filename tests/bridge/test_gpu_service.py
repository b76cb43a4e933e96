"""The GPU report thread and the planner the engine shares with it (real GPU code)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from stenodesk.bridge.gpu import GpuService, SharedGpuReport, default_gpu_preparer
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.gpu.policy import decide
from stenodesk.core.gpu.report import GpuReport

pytestmark = pytest.mark.gui


def test_the_report_is_built_off_the_gui_thread_once_and_again_on_request(
    qtbot: Any, tmp_path: Path
) -> None:
    real = default_gpu_preparer(tmp_path / "cache")
    calls: list[tuple[bool, int]] = []

    def prepare(force: bool) -> GpuReport:
        calls.append((force, threading.get_ident()))
        return real(force)

    shared = SharedGpuReport(prepare)
    cpu = shared.planner(TranscribeOptions(device="cpu"))
    assert (cpu.device, cpu.compute_type, calls) == ("cpu", "int8", []), "a CPU job never waits"

    service = GpuService(shared)
    try:
        with qtbot.waitSignal(service.report_ready, timeout=200_000) as first:
            service.start()
            assert service.busy and not service.check(), "one check at a time"
        report = first.args[0]
        assert isinstance(report, GpuReport) and service.report is report
        assert report.cpu_compute_types, "the CPU's compute types are asked too"
        with qtbot.waitSignal(service.report_ready, timeout=200_000) as second:
            assert service.check(force=True)
        assert second.args[0] is not report and not service.busy
        gui = threading.get_ident()
        assert [force for force, _ in calls] == [False, True]
        assert all(thread != gui for _, thread in calls), "prepared on the GPU thread"

        options = TranscribeOptions()
        assert shared.planner(options) == decide(second.args[0], options)
        assert len(calls) == 2, "the engine's planner reuses the report"
    finally:
        assert service.shutdown()
