"""The real window's Live page, driven in a child process for test_live_page_pulse.py.

``python -m tests.ui.live_page_driver --json OUT --home DIR --model-cache DIR``
builds the app (offscreen), opens the Live page, picks the ``pulse`` input,
presses Record and prints ``READY`` on stderr. On SIGINT it presses Stop,
waits for the text, exports SRT and TXT, queues the recording as a file job,
waits for that job and writes what the page showed as JSON.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def wait(qapp: Any, done: Callable[[], bool], seconds: float) -> None:
    from PySide6.QtCore import QEventLoop

    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the page did not get there in time")
        qapp.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--json", type=Path, required=True)
    p.add_argument("--home", type=Path, required=True)
    p.add_argument("--model-cache", type=Path, required=True)
    args = p.parse_args()

    from stenodesk import app
    from stenodesk.bridge.jobs import JobState
    from stenodesk.core.engine.transcriber import Transcriber
    from stenodesk.core.models.resolve import ModelResolver
    from stenodesk.core.paths import UserDirs
    from stenodesk.core.settings import SettingsStore
    from stenodesk.ui.live_page import LivePage
    from stenodesk.ui.live_text import TENTATIVE

    h = args.home
    dirs = UserDirs(h / "config", h / "data", h / "cache", h / "logs")
    dirs.ensure()
    store = SettingsStore(dirs.settings_file)
    settings = store.load().with_value("transcription.language", "en")
    store.save(settings.with_value("transcription.cpu_threads", 2))
    qapp, _ = app.create_qapplication(sys.argv[:1], "en")
    transcriber = Transcriber(ModelResolver(args.model_cache))
    desk = app.build_app(dirs, make_transcriber=lambda: transcriber, model_cache=transcriber.models)
    app.start(desk)
    window = desk.window
    wait(qapp, lambda: desk.ctx.engine.is_running, 30)
    window.show_page("live")
    page = window.pages["live"]
    assert isinstance(page, LivePage)
    wait(qapp, lambda: page.devices.findData("pulse") >= 0, 30)
    page.devices.setCurrentIndex(page.devices.findData("pulse"))

    seen: dict[str, Any] = {"grey_tail": False, "levels": 0, "max_meter": 0}

    def on_text(_update: Any) -> None:
        view = page.text
        if view.tentative_text:
            at = len(view.committed_text) + (1 if view.committed_text else 0)
            seen["grey_tail"] = seen["grey_tail"] or view.color_at(at) == TENTATIVE

    def on_level(_level: Any) -> None:
        seen["levels"] += 1
        seen["max_meter"] = max(seen["max_meter"], page.meter.value())

    page.recorder.text_changed.connect(on_text)
    page.recorder.level_changed.connect(on_level)
    page.record_action.trigger()  # Ctrl+R
    wait(qapp, lambda: page.record_button.text() == "Stop", 60)
    stop = {"now": False}
    signal.signal(signal.SIGINT, lambda *_: stop.update(now=True))
    print("READY", file=sys.stderr, flush=True)
    wait(qapp, lambda: stop["now"], 300)
    seen["elapsed_label"] = page.elapsed.text()
    page.record_button.click()
    seen["button_while_finishing"] = page.record_button.text()
    wait(qapp, lambda: page.result is not None, 300)
    result = page.result
    assert result is not None
    seen["status_after_stop"] = page.status.text()

    out = {ext: args.home / f"session.{ext}" for ext in ("srt", "txt")}
    page.ask_path = lambda suggested, fmt: out[fmt]
    exported = {fmt: str(page.export_current(fmt)) for fmt in out}
    [job] = page.transcribe_again()
    jobs = desk.ctx.jobs
    wait(qapp, lambda: jobs.model.job(job).state == JobState.FINISHED, 300)  # type: ignore[union-attr]
    again = jobs.transcript(job)
    data = {
        **seen,
        "committed_text": page.text.committed_text,
        "plain_text": page.text.toPlainText(),
        "status": page.status.text(),  # after the file job was queued
        "button": page.record_button.text(),
        "exported": exported,
        "again_text": again.text if again else "",
        "wav": str(result.wav_path),
        "recorded_seconds": result.capture.recorded_seconds,
        "dropped_frames": result.capture.dropped_frames,
        "setting": desk.ctx.settings.get("audio.input_device"),
    }
    window.close()
    desk.shutdown()
    args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
