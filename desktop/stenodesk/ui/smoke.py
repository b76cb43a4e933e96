"""``stenodesk --smoke-test``: the real window transcribes the bundled sample and exports SRT.

It runs on the packaged app too, so it needs nothing but the app itself: the
SRT is checked with a strict little parser and the words against the
sample's text with a word error rate.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QObject, QTimer, Slot

from stenodesk.bridge.jobs import JobState
from stenodesk.core.paths import sample_audio
from stenodesk.ui.i18n import job_error_text
from stenodesk.ui.jobs_vm import JobsViewModel
from stenodesk.ui.main_window import MainWindow

TIMEOUT_MS = 300_000
MAX_WER = 0.25
ENGINE_MODULES = ("faster_whisper", "ctranslate2")

_TIMES = re.compile(r"^(\d\d):(\d\d):(\d\d),(\d{3}) --> (\d\d):(\d\d):(\d\d),(\d{3})$")


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


def parse_srt(text: str) -> list[Cue]:
    """Strictly parse SubRip text; raises ValueError on anything malformed."""
    cues: list[Cue] = []
    for number, block in enumerate(re.split(r"\n\s*\n", text.strip()), start=1):
        lines = block.strip("\n").split("\n")
        if len(lines) < 3 or lines[0].strip() != str(number):
            raise ValueError(f"cue {number} is malformed: {block!r}")
        match = _TIMES.match(lines[1].strip())
        if match is None:
            raise ValueError(f"cue {number} has a bad time line: {lines[1]!r}")
        h1, m1, s1, ms1, h2, m2, s2, ms2 = (int(g) for g in match.groups())
        start = h1 * 3600 + m1 * 60 + s1 + ms1 / 1000
        end = h2 * 3600 + m2 * 60 + s2 + ms2 / 1000
        if end < start or (cues and start < cues[-1].start):
            raise ValueError(f"cue {number} is out of order")
        cues.append(Cue(start, end, " ".join(line.strip() for line in lines[2:])))
    return cues


def _words(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9' ]", " ", text.lower().replace("-", " ")).split()


def word_error_rate(reference: str, hypothesis: str) -> float:
    ref, hyp = _words(reference), _words(hypothesis)
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        current = [i]
        for j, h in enumerate(hyp, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h)))
        previous = current
    return previous[-1] / max(1, len(ref))


def missing_qt_files(plugins: Path, translations: Path) -> list[Path]:
    """Qt's own files that the window needs and that are not where Qt looks for them.

    The platform plugins and the Chinese translations of Qt's dialogs: in
    the bundle, Qt finds them through the qt.conf that PySide6 registers
    (packaging/bundling.py, ``QT_RUNTIME_HOOK``).
    """
    wanted = (plugins / "platforms", translations / "qtbase_zh_CN.qm")
    return [path for path in wanted if not path.exists()]


def qt_folders() -> tuple[Path, Path]:
    """(plugins, translations): where this process's Qt looks for them."""
    info = QLibraryInfo.LibraryPath
    return (
        Path(QLibraryInfo.path(info.PluginsPath)),
        Path(QLibraryInfo.path(info.TranslationsPath)),
    )


class SmokeTest(QObject):
    """Drives the window through one job and records ``result`` = (exit code, reason)."""

    def __init__(self, window: MainWindow, jobs: JobsViewModel, out_dir: Path) -> None:
        super().__init__(window)
        self.window = window
        self.jobs = jobs
        self.out_dir = out_dir
        self.result = (1, "the smoke test did not finish")
        self._job = ""
        self._started = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self._finish(1, "timed out"))

    @Slot()
    def on_window_shown(self) -> None:
        loaded = [name for name in ENGINE_MODULES if name in sys.modules]
        if loaded:
            self._finish(1, f"{', '.join(loaded)} imported before the window showed")
            return
        missing = missing_qt_files(*qt_folders())
        if missing:
            self._finish(1, f"Qt does not find {', '.join(map(str, missing))}")
            return
        QTimer.singleShot(0, self._add_sample)

    def _add_sample(self) -> None:
        sample = sample_audio()
        # English, so "auto" picks the bundled English model the smoke test is about.
        options = self.window.transcribe.queue.new_job_options().with_(language="en")
        added = self.jobs.add_paths([sample], options)
        if not added:
            self._finish(1, f"the sample {sample} was not queued")
            return
        self._job = added[0]
        self.jobs.job_ended.connect(self._on_jobs_job_ended)
        self._timer.start(TIMEOUT_MS)

    @Slot(str)
    def _on_jobs_job_ended(self, job_id: str) -> None:
        if job_id != self._job:
            return
        row = self.jobs.model.job(job_id)
        if row is None or row.state != JobState.FINISHED:
            reason = job_error_text(row.error) if row and row.error else "the job did not finish"
            self._finish(1, reason)
            return
        self.window.select_job(job_id)
        shown = self.window.transcribe.transcript.model.rowCount()
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            path = self.window.exporter.export_to(job_id, "srt", self.out_dir / "sample-en.srt")
            cues = parse_srt(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            self._finish(1, f"the exported SRT is not valid: {exc}")
            return
        reference = sample_audio().with_suffix(".txt").read_text(encoding="utf-8")
        wer = word_error_rate(reference, " ".join(c.text for c in cues))
        if not cues or shown == 0 or wer > MAX_WER:
            self._finish(1, f"{len(cues)} cues, {shown} lines shown, word error rate {wer:.0%}")
            return
        seconds = time.monotonic() - self._started
        self._finish(0, f"{len(cues)} subtitles, word error rate {wer:.0%}, {seconds:.1f} s")

    def _finish(self, code: int, reason: str) -> None:
        self.result = (code, reason)
        self._timer.stop()
        self.window.close()
        QCoreApplication.exit(code)
