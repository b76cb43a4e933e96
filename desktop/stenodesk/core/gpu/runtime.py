"""Start-up wiring: preload the CUDA libraries, check the GPU, build the device planner.

Front ends call :func:`prepare_gpu` once, early, in the engine's thread or
process and before CTranslate2 creates a GPU model; or they hand the engine
a :class:`LazyGpuPlanner`, which does it on the first job that may use the
GPU. With the health check cached, preparing costs a few milliseconds plus
the preload itself.
"""

from __future__ import annotations

import importlib.metadata
import logging
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from stenodesk.core.engine.device import DevicePlan
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.gpu.devices import choose_gpu
from stenodesk.core.gpu.diagnosis import health_kind
from stenodesk.core.gpu.driver import CUDA_LIBRARIES, NVML_LIBRARIES, DriverReport, probe_driver
from stenodesk.core.gpu.fatbin import find_device_code
from stenodesk.core.gpu.health import (
    CACHE_FILE,
    CHECK_TIMEOUT,
    HealthResult,
    child_command,
    health_key,
    read_cached,
    run_health_check,
)
from stenodesk.core.gpu.libraries import LibraryReport, discover, preload
from stenodesk.core.gpu.locate import LINUX_SYSTEM_DIRS, LibrarySearch
from stenodesk.core.gpu.policy import GpuPlanner, blocker, cpu_by_choice
from stenodesk.core.gpu.prediction import JIT_CHECK_TIMEOUT, predict
from stenodesk.core.gpu.report import GpuReport

log = logging.getLogger(__name__)

HEALTH_FORMAT = 1
"""Part of the cache key: bump when the check itself changes."""


@dataclass(frozen=True)
class GpuSetup:
    """Inputs of :func:`prepare_gpu`; :meth:`default` fills in the usual ones.

    Attributes:
        cache_dir: the user cache folder (the health result lives there).
        model_dir: returns the model the health check loads (the bundled
            tiny.en); called only when the check runs.
        search: where CTranslate2 and the CUDA libraries are looked for.
        nvml_libraries, cuda_libraries: the driver libraries to try.
        health_command: how to start the health check's child process.
        health_timeout: seconds before the child is killed.
        on_notice: told, before a long wait, what it is for ("Preparing the GPU
            for first use..."): the window and the CLI show it.
        device_index: the ``device.device_index`` setting: the GPU the
            prediction and the check are about (``auto``: the most free memory).
    """

    cache_dir: Path
    model_dir: Callable[[], Path] | None = None
    search: LibrarySearch = field(default_factory=LibrarySearch)
    nvml_libraries: tuple[str, ...] = NVML_LIBRARIES
    cuda_libraries: tuple[str, ...] = CUDA_LIBRARIES
    health_command: tuple[str, ...] = tuple(child_command(False))
    health_timeout: float = CHECK_TIMEOUT
    on_notice: Callable[[str], None] | None = None
    device_index: str = "auto"

    @classmethod
    def default(
        cls,
        cache_dir: Path,
        model_dir: Callable[[], Path] | None,
        *,
        bundle: Path | None,
        env: Mapping[str, str],
        system_libraries: bool = False,
    ) -> GpuSetup:
        """The setup for this installation.

        Args:
            cache_dir: the user cache folder.
            model_dir: see the attribute.
            bundle: ``paths.bundle_root()`` (None outside a frozen build).
            env: the environment, for the folders the system loader would
                search too (``LD_LIBRARY_PATH``; ``CUDA_PATH`` and ``PATH`` on Windows).
            system_libraries: with a bundle, also search outside it (the
                ``device.system_libraries`` setting); a bundle alone uses
                only its own copies, whatever the machine has installed.
        """
        windows = sys.platform == "win32"
        if bundle is not None and not system_libraries:
            search = LibrarySearch.bundle_only(bundle, windows)
        else:
            search = LibrarySearch(
                bundle=bundle,
                system_dirs=system_dirs_from_env(env, windows),
                windows=windows,
            )
        command = tuple(child_command(bundle is not None))
        return cls(cache_dir, model_dir, search, health_command=command)


def installed_setup(
    cache_dir: Path,
    *,
    env: Mapping[str, str],
    system_libraries: bool = False,
    on_notice: Callable[[str], None] | None = None,
    device_index: str = "auto",
) -> GpuSetup:
    """The GPU setup of this installation, for the window and the CLI alike.

    The bundle (in a frozen build) or the Python packages, the real driver, and
    the health check loading tiny.en from the model cache in ``cache_dir``.

    Args:
        cache_dir: the user cache folder (models, the cached health result).
        env: the environment (see :meth:`GpuSetup.default`).
        system_libraries: the ``device.system_libraries`` setting.
        on_notice: told what a long wait ahead is for.
        device_index: the ``device.device_index`` setting.
    """
    from stenodesk.core import paths

    def model_dir() -> Path:
        from stenodesk.core.models.resolve import ModelResolver

        return ModelResolver(cache_dir)("tiny.en")

    setup = GpuSetup.default(
        cache_dir,
        model_dir,
        bundle=paths.bundle_root(),
        env=env,
        system_libraries=system_libraries,
    )
    return replace(setup, on_notice=on_notice, device_index=device_index)


def system_dirs_from_env(env: Mapping[str, str], windows: bool) -> tuple[Path, ...]:
    """The folders a CUDA library may come from outside Python packages."""
    if windows:
        dirs = [Path(env["CUDA_PATH"]) / "bin"] if env.get("CUDA_PATH") else []
        dirs += [Path(p) for p in env.get("PATH", "").split(";") if p]
        return tuple(dirs)
    extra = [Path(p) for p in env.get("LD_LIBRARY_PATH", "").split(":") if p]
    return (*extra, *LINUX_SYSTEM_DIRS)


def ctranslate2_version() -> str:
    try:
        return importlib.metadata.version("ctranslate2")
    except importlib.metadata.PackageNotFoundError:
        return ""


def prepare_gpu(
    setup: GpuSetup,
    *,
    force_check: bool = False,
    preload_always: bool = False,
    cpu_compute_types: bool = False,
) -> GpuReport:
    """Find and preload the CUDA libraries, check the driver and the GPU.

    Args:
        setup: where to look and what to run.
        force_check: run the health check even when a cached result fits.
        preload_always: preload even without a usable driver (the doctor
            shows whether the libraries load); normally a machine without
            one is spared the cost.
        cpu_compute_types: also ask CTranslate2 what the CPU supports.
    """
    started = time.monotonic()
    libraries = discover(setup.search)
    driver = probe_driver(setup.nvml_libraries, setup.cuda_libraries)
    usable = blocker(GpuReport("", driver, LibraryReport((), ()))) is None
    if usable or preload_always:
        libraries = preload(libraries, setup.search.windows)
    code = find_device_code(libraries.ctranslate2_files)
    index = _gpu_index(driver, setup.device_index)
    prediction = predict(code.code, driver, index)
    report = GpuReport(
        ctranslate2_version(), driver, libraries, device_code=code, prediction=prediction
    )
    if blocker(report) is None:
        health = _checked(setup, report, force_check)
        if not health.ok:  # the same text means WSL's driver when libcuda comes from there
            health = replace(health, kind=health_kind(health.kind, driver.libcuda))
        report = replace(report, health=health, compute_types=health.compute_types)
    if cpu_compute_types:
        report = replace(report, cpu_compute_types=_cpu_types())
    log.info(
        "GPU preparation took %.3fs: driver %s, libraries %s, check %s",
        time.monotonic() - started,
        driver.version or ("none" if not driver.found else "found"),
        ", ".join(f"{lib.name}={'ok' if lib.loaded else 'no'}" for lib in libraries.libraries)
        or "none named",
        report.health.kind if report.health else "not run",
    )
    return report


def _checked(setup: GpuSetup, report: GpuReport, force: bool) -> HealthResult:
    """The health check, unless the prediction says already that the GPU cannot work."""
    prediction = report.prediction
    if prediction is not None and prediction.blocks:
        return HealthResult(False, prediction.kind, prediction.reason)
    timeout = setup.health_timeout
    if prediction is not None and prediction.kind == "jit":
        timeout = max(timeout, JIT_CHECK_TIMEOUT)
        key = health_key(_facts(report, _gpu_index(report.driver, setup.device_index)))
        if force or read_cached(setup.cache_dir / CACHE_FILE, key) is None:
            log.info("%s", prediction.reason)  # the check compiles the kernels now
            if setup.on_notice is not None:
                setup.on_notice(prediction.reason)
    return _health(replace(setup, health_timeout=timeout), report, force)


def _health(setup: GpuSetup, report: GpuReport, force: bool) -> HealthResult:
    if setup.model_dir is None:
        return HealthResult(False, "not_run", "no model was available for the GPU check")
    try:
        model_dir = setup.model_dir()
    except Exception as exc:  # a StenodeskError or an OSError: reported, not raised
        return HealthResult(False, "not_run", f"the model for the GPU check is unusable ({exc})")
    index = _gpu_index(report.driver, setup.device_index)
    return run_health_check(
        model_dir,
        setup.cache_dir / CACHE_FILE,
        health_key(_facts(report, index)),
        command=setup.health_command,
        force=force,
        timeout=setup.health_timeout,
        system_dirs=setup.search.system_dirs,
        device_index=index,
    )


def _gpu_index(driver: DriverReport, setting: str) -> int:
    """The index of the GPU the setting picks (0 without GPUs or with a bad setting)."""
    try:
        chosen = choose_gpu(driver.gpus, setting).gpu
    except ValueError:
        return 0
    return chosen.index if chosen is not None else 0


def _facts(report: GpuReport, device_index: int) -> dict[str, object]:
    driver, libraries, ct2 = report.driver, report.libraries, report.ctranslate2_version
    facts = _base_facts(driver, libraries, ct2)
    if device_index:  # GPU 0's key stays as it was: its cached results stay valid
        facts["device_index"] = device_index
    return facts


def _base_facts(driver: DriverReport, libraries: LibraryReport, ct2: str) -> dict[str, object]:
    return {
        "format": HEALTH_FORMAT,
        "driver": [driver.version, driver.cuda_version],
        "gpus": [[g.name, g.compute_capability_text, g.memory_total] for g in driver.gpus],
        "libraries": [[lib.name, lib.version, lib.path] for lib in libraries.libraries],
        "ctranslate2": ct2,
    }


def _cpu_types() -> tuple[str, ...]:
    try:
        import ctranslate2

        return tuple(sorted(ctranslate2.get_supported_compute_types("cpu")))
    except (ImportError, RuntimeError) as exc:
        log.info("CPU compute types unknown: %s", exc)
        return ()


def startup_planner(setup: GpuSetup) -> GpuPlanner:
    """Prepare the GPU now and return the planner over the result.

    For a front end that starts its engine thread early: call this there,
    before the first job, so that the first job does not wait for it.
    """
    return GpuPlanner(prepare_gpu(setup))


class LazyGpuPlanner:
    """A device planner that prepares the GPU on the first job that may use it.

    A job that asks for the CPU never pays for GPU detection. Call it from
    the engine's thread (it may take seconds the first time, while the
    health check runs).
    """

    def __init__(self, prepare: Callable[[], GpuReport]) -> None:
        self._prepare = prepare
        self._planner: GpuPlanner | None = None

    @property
    def report(self) -> GpuReport | None:
        return self._planner.report if self._planner is not None else None

    def __call__(self, options: TranscribeOptions) -> DevicePlan:
        if options.device == "cpu":
            return cpu_by_choice(options)
        if self._planner is None:
            self._planner = GpuPlanner(self._prepare())
        return self._planner(options)
