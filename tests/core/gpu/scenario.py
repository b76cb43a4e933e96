"""One GPU scenario in a fresh process: ``python scenario.py ACTION JSON``; prints JSON.

Preloading changes a process for good, so every scenario gets its own.
"""

from __future__ import annotations

import ctypes
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.gpu.driver import probe_driver
from stenodesk.core.gpu.libraries import discover, preload
from stenodesk.core.gpu.locate import LibrarySearch
from stenodesk.core.gpu.policy import decide
from stenodesk.core.gpu.report import to_json
from stenodesk.core.gpu.runtime import GpuSetup, prepare_gpu


def _search(args: dict[str, Any]) -> LibrarySearch:
    files = args.get("ctranslate2_files")
    return LibrarySearch(
        bundle=Path(args["bundle"]) if args.get("bundle") else None,
        system_dirs=tuple(Path(p) for p in args.get("system_dirs", ())),
        use_ldconfig=False,
        ctranslate2_files=tuple(Path(p) for p in files) if files is not None else None,
    )


def by_soname(name: str) -> dict[str, Any]:
    """What a later dlopen by soname gets: the copy already loaded, or nothing."""
    try:
        handle = ctypes.CDLL(name, mode=os.RTLD_NOLOAD)
    except OSError as exc:
        return {"loaded": False, "error": str(exc)}
    ident = "fake_" + name.split(".so", maxsplit=1)[0].removeprefix("lib")
    where = getattr(handle, f"{ident}_where")
    where.restype = ctypes.c_char_p
    return {"loaded": True, "path": where().decode()}


def libraries(args: dict[str, Any]) -> dict[str, Any]:
    report = discover(_search(args))
    if args.get("preload", True):
        report = preload(report, windows=False)
    log = Path(os.environ["FAKE_LOAD_LOG"])
    loaded = log.read_text().split() if log.exists() else []
    probes = {name: by_soname(name) for name in args.get("probe", ())}
    data = asdict(report)
    for lib in data["libraries"]:
        lib["found"] = bool(lib["path"])
    return {"report": data, "load_log": loaded, "by_soname": probes}


class _DlInfo(ctypes.Structure):
    _fields_ = [
        ("dli_fname", ctypes.c_char_p),
        ("dli_fbase", ctypes.c_void_p),
        ("dli_sname", ctypes.c_char_p),
        ("dli_saddr", ctypes.c_void_p),
    ]


def loaded_from(lib: ctypes.CDLL, symbol: str) -> str:
    """The file a loaded library's ``symbol`` comes from (``dladdr``)."""
    info = _DlInfo()
    address = ctypes.cast(getattr(lib, symbol), ctypes.c_void_p)
    if not ctypes.CDLL(None).dladdr(address, ctypes.byref(info)):
        return ""
    return info.dli_fname.decode()


def real_cublas(args: dict[str, Any]) -> dict[str, Any]:
    """Preload the real cuBLAS, then open it by soname as CTranslate2 does; where from?"""
    report = preload(discover(_search(args)), windows=False)
    found = {lib.name: {"path": lib.path, "source": lib.source, "loaded": lib.loaded,
                        "error": lib.error, "version": lib.version}
             for lib in report.libraries}  # fmt: skip
    later = {}
    for name, symbol in (("libcublas.so.12", "cublasGetProperty"),
                         ("libcublasLt.so.12", "cublasLtGetVersion")):  # fmt: skip
        try:
            already = ctypes.CDLL(name, mode=os.RTLD_NOLOAD)
        except OSError as exc:
            later[name] = {"already_loaded": False, "error": str(exc)}
            continue
        opened = ctypes.CDLL(name)  # what CTranslate2's dlopen by soname gets
        later[name] = {
            "already_loaded": True,
            "same_handle": opened._handle == already._handle,
            "from": loaded_from(opened, symbol),
        }
    # Callable without a driver: the library is whole, not just mapped.
    lt = ctypes.CDLL("libcublasLt.so.12")
    lt.cublasLtGetVersion.restype = ctypes.c_size_t
    major = ctypes.c_int(-1)
    status = ctypes.CDLL("libcublas.so.12").cublasGetProperty(0, ctypes.byref(major))
    return {
        "libraries": found,
        "load_order": list(report.load_order),
        "later": later,
        "lt_version": int(lt.cublasLtGetVersion()),
        "cublas_major": major.value if status == 0 else -1,
    }


def driver(args: dict[str, Any]) -> dict[str, Any]:
    found = probe_driver(args["nvml"], args["cuda"])
    return {"driver": asdict(found), "cuda_version_text": found.cuda_version_text}


def prepare(args: dict[str, Any]) -> dict[str, Any]:
    setup = GpuSetup(
        cache_dir=Path(args["cache_dir"]),
        model_dir=(lambda: Path(args["model_dir"])) if args.get("model_dir") else None,
        search=_search(args),
        nvml_libraries=tuple(args["nvml"]),
        cuda_libraries=tuple(args["cuda"]),
        health_command=tuple(args.get("health_command", GpuSetup(Path()).health_command)),
        device_index=args.get("options", {}).get("device_index", "auto"),
    )
    report = prepare_gpu(setup)
    options = TranscribeOptions(**args.get("options", {}))
    plan = decide(report, options, windows=False)
    return to_json(report, plan, "test", device_index=options.device_index)


def ctranslate2_cuda(args: dict[str, Any]) -> dict[str, Any]:
    """The real CTranslate2 asked about the GPU; what it raises, classified."""
    import ctranslate2

    from stenodesk.core.gpu.faults import classify

    log = Path(os.environ["FAKE_LOAD_LOG"])
    try:
        types = sorted(ctranslate2.get_supported_compute_types("cuda"))
    except RuntimeError as exc:
        fault = classify(str(exc))
        loaded = log.read_text().split() if log.exists() else []
        return {"error": str(exc), "kind": fault.kind, "reason": fault.reason, "load_log": loaded}
    return {"compute_types": types}


ACTIONS = {
    "libraries": libraries,
    "driver": driver,
    "prepare": prepare,
    "ctranslate2_cuda": ctranslate2_cuda,
    "real_cublas": real_cublas,
}

if __name__ == "__main__":
    result = ACTIONS[sys.argv[1]](json.loads(sys.argv[2]))
    print(json.dumps(result))
