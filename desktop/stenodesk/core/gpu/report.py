"""Everything known about the GPU path on this machine, as one value and as JSON.

The JSON form is what ``stenodesk doctor --json`` prints; its keys are
documented in the README and kept stable (add keys, never rename them).
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass, field
from typing import Any

from stenodesk.core.engine.device import DevicePlan
from stenodesk.core.gpu.driver import DriverReport
from stenodesk.core.gpu.fatbin import DeviceCodeReport
from stenodesk.core.gpu.health import HealthResult
from stenodesk.core.gpu.libraries import LibraryReport
from stenodesk.core.gpu.prediction import Prediction

JSON_VERSION = 1


@dataclass(frozen=True)
class GpuReport:
    """The facts the device decision is made from.

    Attributes:
        ctranslate2_version: the installed CTranslate2 ("" if it is missing).
        driver: the NVIDIA driver and GPUs.
        libraries: the CUDA libraries CTranslate2 needs, found and preloaded.
        health: the GPU check (None when it was not run: no usable driver or library).
        compute_types: what CTranslate2 supports on the GPU (from the check).
        cpu_compute_types: what it supports on the CPU.
        device_code: the GPU architectures and PTX compiled into CTranslate2.
        prediction: what the driver's facts and the device code say before the
            health check (None without a GPU or device code).
    """

    ctranslate2_version: str
    driver: DriverReport
    libraries: LibraryReport
    health: HealthResult | None = None
    compute_types: tuple[str, ...] = ()
    cpu_compute_types: tuple[str, ...] = ()
    device_code: DeviceCodeReport = field(default_factory=DeviceCodeReport)
    prediction: Prediction | None = None


def to_json(
    report: GpuReport, plan: DevicePlan, stenodesk_version: str, *, device_index: str = "auto"
) -> dict[str, Any]:
    """The doctor's JSON (see the README's GPU section for the keys).

    ``device_index`` is the GPU setting the plan was made for (``auto`` or an index).
    """
    driver = report.driver
    return {
        "version": JSON_VERSION,
        "stenodesk": stenodesk_version,
        "os": {
            "system": platform.system(),
            "release": platform.release(),
            "machine": platform.machine(),
            "platform": platform.platform(),
        },
        "python": {"version": platform.python_version(), "executable": sys.executable},
        "ctranslate2": {
            "version": report.ctranslate2_version,
            "files": list(report.libraries.ctranslate2_files),
            **_device_code_json(report.device_code),
        },
        "driver": {
            "found": driver.found,
            "version": driver.version,
            "cuda_version": driver.cuda_version,
            "cuda_version_text": driver.cuda_version_text,
            "source": driver.source,
            "libcuda": driver.libcuda,
            "problems": list(driver.problems),
        },
        "gpus": [
            {
                "index": gpu.index,
                "name": gpu.name,
                "memory_total_mib": gpu.memory_total // (1 << 20),
                "memory_free_mib": gpu.memory_free // (1 << 20),
                "compute_capability": gpu.compute_capability_text,
            }
            for gpu in driver.gpus
        ],
        "libraries": [
            {
                "name": lib.name,
                "needed": lib.needed,
                "found": lib.found,
                "path": lib.path,
                "source": lib.source,
                "version": lib.version,
                "loaded": lib.loaded,
                "error": lib.error,
                "named_by": lib.named_by,
                "depends": list(lib.depends),
            }
            for lib in report.libraries.libraries
        ],
        "load_order": list(report.libraries.load_order),
        "compute_types": {
            "cuda": list(report.compute_types),
            "cpu": list(report.cpu_compute_types),
        },
        "prediction": _prediction_json(report.prediction),
        "health": report.health.to_json() if report.health is not None else None,
        "decision": {
            "device": plan.device,
            "compute_type": plan.compute_type,
            "device_index": plan.device_index,
            "device_index_setting": device_index,
            "reason": plan.reason,
            "fix": plan.fix,
        },
    }


def _device_code_json(report: DeviceCodeReport) -> dict[str, Any]:
    code = report.code
    return {
        "architectures": list(code.sm_names) if code else [],
        "ptx": list(code.ptx_names) if code else [],
        "ptx_version": code.ptx_version_text if code else "",
        "device_code_file": report.path,
        "device_code_error": report.error,
    }


def _prediction_json(prediction: Prediction | None) -> dict[str, Any] | None:
    if prediction is None:
        return None
    return {
        "kind": prediction.kind,
        "reason": prediction.reason,
        "driver_needed": prediction.driver_needed,
    }
