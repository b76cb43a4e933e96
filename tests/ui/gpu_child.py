"""Build a GPU report in this fresh process and print it pickled: ``gpu_child.py JSON``.

Preloading changes a process for good (a fake libcuda.so.1 loaded here would
answer every later dlopen by that name), so the window tests build reports
from the fake libraries in a child like this one and only show the result.
Notices (``GpuSetup.on_notice``) go to stderr, one JSON string a line.
"""

from __future__ import annotations

import base64
import json
import pickle
import sys
from pathlib import Path

from stenodesk.core.gpu.locate import LibrarySearch
from stenodesk.core.gpu.runtime import GpuSetup, prepare_gpu


def main() -> None:
    args = json.loads(sys.argv[1])
    defaults = GpuSetup(Path())
    setup = GpuSetup(
        cache_dir=Path(args["cache_dir"]),
        model_dir=lambda: Path(args["model_dir"]),
        search=LibrarySearch(bundle=None, system_dirs=(), use_ldconfig=False),
        nvml_libraries=tuple(args["nvml"]),
        cuda_libraries=tuple(args["cuda"]),
        health_command=tuple(args.get("health_command") or defaults.health_command),
        on_notice=lambda text: print(json.dumps(text), file=sys.stderr, flush=True),
    )
    report = prepare_gpu(setup, force_check=args["force"])
    sys.stdout.write(base64.b64encode(pickle.dumps(report)).decode())


if __name__ == "__main__":
    main()
