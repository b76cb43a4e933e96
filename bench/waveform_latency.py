"""How late the GUI thread's timers fire while a long file's waveform is computed.

    .venv/bin/python bench/waveform_latency.py [--minutes 180] [--keep DIR]

Writes ``--minutes`` of tone bursts and pauses as a 16 kHz WAV (tests'
long-audio helper; 3 hours is 345 MB), shows a :class:`PlayerBar` in an
offscreen window, measures a 10 ms timer's lateness for a few idle seconds,
then while :class:`WaveformService` computes the file's overview on its
thread (the bar drawing progress and, at the end, the waveform). Prints
p50/p99/max lateness idle and busy, the computing time and the process's
peak memory; the target is a busy p99 under 50 ms.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the long-audio helper lives in tests/
sys.path.insert(0, str(ROOT / "bench"))

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from tests.helpers import longaudio  # noqa: E402

from stenodesk.bridge.playback import Player  # noqa: E402
from stenodesk.bridge.waveform import WaveformService  # noqa: E402
from stenodesk.ui.player_bar import PlayerBar  # noqa: E402
from ui_latency import TARGET_P99_MS, Lateness, describe, percentile, run_for  # noqa: E402

SR = 16000


def long_file(folder: Path, minutes: float) -> Path:
    path = folder / f"tones-{minutes:g}min.wav"
    if not path.exists():
        t = np.arange(SR * 2) / SR
        bursts = [(0.5 * np.sin(2 * np.pi * f * t)).astype(np.float32) for f in (180, 250, 320)]
        part = path.with_suffix(".part")
        longaudio.write_long_recording(part, minutes * 60.0, bursts, pause=(0.5, 5.0))
        part.rename(path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=180.0)
    parser.add_argument("--keep", type=Path, help="keep the generated audio in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stenodesk-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        source = long_file(folder, args.minutes)
        qapp = QApplication(sys.argv[:1])
        bar = PlayerBar(Player())
        bar.resize(1280, 48)
        bar.set_source(source, args.minutes * 60.0)
        bar.show()
        service = WaveformService()
        progress: list[float] = []
        service.waveform_progress.connect(lambda _p, f: progress.append(f))
        service.waveform_finished.connect(lambda _p, wave: bar.set_waveform(wave))
        meter = Lateness()
        run_for(500)
        meter.start()
        run_for(3000)
        idle = meter.stop()

        loop = QEventLoop()
        service.waveform_finished.connect(lambda *_: loop.quit())
        service.waveform_failed.connect(lambda *_: loop.quit())
        started = time.monotonic()
        meter.start()
        service.request(source, bar.slider.width())
        loop.exec()
        busy = meter.stop()
        seconds = time.monotonic() - started
        service.shutdown()
        drawn = bar.slider.grab().toImage().width()
        del qapp
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.minutes:g} min of audio: overview in {seconds:.1f} s, drawn {drawn} px wide")
    print(f"{len(progress)} progress updates; peak RSS of the process {peak:.0f} MiB")
    print(describe("idle", idle))
    print(describe("busy", busy))
    p99 = percentile(busy, 0.99)
    verdict = "meets" if p99 < TARGET_P99_MS else "MISSES"
    print(f"busy p99 {p99:.1f} ms {verdict} the {TARGET_P99_MS:.0f} ms target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
