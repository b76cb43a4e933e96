"""Compute a file's waveform in a fresh process and report its memory.

``python -m tests.core.audio.waveform_child FILE BUCKETS`` prints one JSON
line: resident memory after the imports (MiB), the peak (``VmHWM``, MiB),
the buckets made and the seconds decoded. ``ru_maxrss`` would not do: Linux
keeps it across ``exec``, so a child of a big test process starts with its
parent's peak.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _status_mib(field: str) -> float:
    """A memory figure of this process from /proc/self/status (given there in kB)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise LookupError(field)


def main(argv: list[str]) -> None:
    from stenodesk.core.audio.decode import probe
    from stenodesk.core.audio.waveform import compute_waveform

    probe(argv[0])  # load what decoding loads before the baseline
    before = _status_mib("VmRSS")
    wave = compute_waveform(Path(argv[0]), int(argv[1]))
    peak = _status_mib("VmHWM")
    report = {
        "before_mib": before,
        "peak_mib": peak,
        "buckets": len(wave),
        "duration": wave.duration,
        "loudest": float(wave.maxima.max()),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1:])
