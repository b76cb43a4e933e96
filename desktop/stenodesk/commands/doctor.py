"""``stenodesk doctor [--json] [--recheck]``: the whole picture of the GPU path.

OS, Python, CTranslate2, the NVIDIA driver and GPUs, the CUDA libraries
(needed, found where, version, loaded), the supported compute types, the GPU
check and the decision with its reason and fix. ``--json`` prints the same
as one JSON object whose keys the README documents.
"""

from __future__ import annotations

import argparse
import json
import os
from typing import TYPE_CHECKING, Any, TextIO

from stenodesk.core.settings import Settings

if TYPE_CHECKING:
    from stenodesk.commands.base import Context, SubParsers
    from stenodesk.core.engine.device import DevicePlanner
    from stenodesk.core.gpu.runtime import GpuSetup


def add_parser(sub: SubParsers, s: Settings) -> None:
    p = sub.add_parser("doctor", help="show whether and how the GPU is used, and why")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--recheck", action="store_true", help="run the GPU check again")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default=s.device.device)
    p.add_argument(
        "--device-index",
        default=s.device.device_index,
        help="which GPU: auto (the most free memory) or its index",
    )
    p.add_argument("--compute-type", default=s.device.compute_type)


def gpu_setup(ctx: Context, device_index: str | None = None) -> GpuSetup:
    """The GPU setup of this installation (shared with ``transcribe``); notices on stderr.

    ``device_index`` (``--device-index``) overrides the setting for the GPU checked.
    """
    from stenodesk.core.gpu.runtime import installed_setup

    return installed_setup(
        ctx.dirs.cache,
        env=os.environ,
        system_libraries=ctx.settings.device.system_libraries,
        on_notice=lambda text: print(text, file=ctx.err, flush=True),
        device_index=device_index or ctx.settings.device.device_index,
    )


def gpu_planner(ctx: Context, device_index: str | None = None) -> DevicePlanner:
    """A planner that prepares the GPU on the first job that may use it."""
    from stenodesk.core.gpu.runtime import LazyGpuPlanner, prepare_gpu

    setup = gpu_setup(ctx, device_index)
    return LazyGpuPlanner(lambda: prepare_gpu(setup))


def run(ctx: Context, args: argparse.Namespace) -> int:
    from stenodesk import __version__
    from stenodesk.commands import base
    from stenodesk.core.engine.options import TranscribeOptions
    from stenodesk.core.gpu.policy import decide
    from stenodesk.core.gpu.report import to_json
    from stenodesk.core.gpu.runtime import prepare_gpu

    options = TranscribeOptions(
        device=args.device, device_index=args.device_index, compute_type=args.compute_type
    )
    try:
        options.validate()
    except ValueError as exc:
        print(f"stenodesk doctor: {exc}", file=ctx.err)
        return base.EXIT_USAGE
    report = prepare_gpu(
        gpu_setup(ctx, args.device_index),
        force_check=args.recheck,
        preload_always=True,
        cpu_compute_types=True,
    )
    data = to_json(report, decide(report, options), __version__, device_index=args.device_index)
    if args.json:
        json.dump(data, ctx.out, indent=2)
        ctx.out.write("\n")
    else:
        print_text(data, ctx.out)
    return base.EXIT_OK


def print_text(data: dict[str, Any], out: TextIO) -> None:
    """The doctor's report for people."""
    w = out.write
    osi, py, ct2, drv = data["os"], data["python"], data["ctranslate2"], data["driver"]
    w(f"Stenodesk     {data['stenodesk']}\n")
    w(f"OS            {osi['platform']}\n")
    w(f"Python        {py['version']} ({py['executable']})\n")
    w(f"CTranslate2   {ct2['version'] or 'not installed'}\n")
    w(f"Device code   {device_code_text(ct2)}\n")
    if drv["found"]:
        cuda = drv["cuda_version_text"] or "unknown"
        version = drv["version"] or "version unknown"
        w(f"Driver        {version} (CUDA {cuda}, via {drv['source']})\n")
    else:
        w("Driver        none found\n")
    for gpu in data["gpus"]:
        free = gpu["memory_free_mib"]
        w(
            f"GPU {gpu['index']}         {gpu['name']}, {gpu['memory_total_mib']} MiB"
            + (f" ({free} MiB free)" if free else "")
            + f", compute capability {gpu['compute_capability']}\n"
        )
    w("Libraries\n")
    if not data["libraries"]:
        w("  (CTranslate2 names no CUDA library)\n")
    for lib in data["libraries"]:
        need = "needed" if lib["needed"] else ("optional" if lib["loaded"] else "not needed")
        state = "loaded" if lib["loaded"] else ("not loaded" if lib["found"] else "NOT FOUND")
        where = f" {lib['source']}: {lib['path']}" if lib["found"] else ""
        version = f" {lib['version']}" if lib["version"] else ""
        w(f"  {lib['name']:<22} {need}, {state}{version}{where}\n")
        if lib["error"]:
            w(f"    error: {lib['error']}\n")
    types = data["compute_types"]
    w(f"Compute types cuda: {', '.join(types['cuda']) or '-'}; cpu: {', '.join(types['cpu'])}\n")
    prediction = data["prediction"]
    if prediction is not None and prediction["kind"] != "native":
        w(f"Prediction    {prediction['kind']}: {prediction['reason']}\n")
    health = data["health"]
    if health is None:
        w("GPU check     not run\n")
    else:
        took = f"{health['seconds']:.1f} s" + (", cached" if health["cached"] else "")
        w(f"GPU check     {health['kind']}: {health['reason']} ({took})\n")
    decision = data["decision"]
    gpu = f" (GPU {decision['device_index']})" if decision["device"] == "cuda" else ""
    w(f"GPU setting   {decision['device_index_setting']}\n")
    w(f"Decision      {decision['device']}{gpu} / {decision['compute_type']}\n")
    w(f"  {decision['reason']}\n")
    if decision["fix"]:
        w(f"  Fix: {decision['fix']}\n")


def device_code_text(ct2: dict[str, Any]) -> str:
    """The compiled GPU architectures and PTX, in one line."""
    if not ct2["architectures"] and not ct2["ptx"]:
        return ct2["device_code_error"] or "none (a CPU-only build)"
    ptx = ", ".join(ct2["ptx"]) or "none"
    version = f" ({ct2['ptx_version']})" if ct2["ptx_version"] else ""
    return f"{', '.join(ct2['architectures']) or 'no machine code'}; PTX {ptx}{version}"
