"""The desktop app in a child process, for end-to-end tests.

    python tests/e2e/app_process.py ROOT [FILE...]

Uses ROOT for every user folder, queues FILEs once the window shows, and
prints one JSON line per milestone on stdout. ``APP_SETTINGS=key=value,...``
sets settings before the start.
"""

from __future__ import annotations

import faulthandler
import json
import os
import sys
from pathlib import Path

from stenodesk import app
from stenodesk.bridge import crashlog
from stenodesk.core.paths import UserDirs
from stenodesk.core.settings import SettingsStore

ENGINE_MODULES = ("faster_whisper", "ctranslate2")


def say(event: str) -> None:
    loaded = [m for m in ENGINE_MODULES if m in sys.modules]
    print(json.dumps({"event": event, "loaded": loaded}), flush=True)


def main() -> int:
    faulthandler.enable()  # a native crash (seen once: SIGBUS at exit) leaves its stack on stderr
    root = Path(sys.argv[1])
    files = [Path(a) for a in sys.argv[2:]]
    dirs = UserDirs(root / "config", root / "data", root / "cache", root / "logs")
    dirs.ensure()
    store = SettingsStore(dirs.settings_file)
    settings = store.load().with_value("transcription.language", "en")  # auto: tiny.en
    for item in os.environ.get("APP_SETTINGS", "").split(","):  # key=value,... from a test
        if item:
            key, value = item.split("=", 1)
            settings = settings.with_value(key, value)
    store.save(settings)
    crashlog.configure_logging(dirs.logs)
    qapp, _translators = app.create_qapplication(sys.argv[:1], "en")
    desk = app.build_app(dirs)
    desk.window.window_shown.connect(lambda: say("shown"))
    desk.ctx.engine.engine_ready.connect(lambda: say("engine_ready"))
    if files:
        desk.window.window_shown.connect(lambda: desk.window.add_paths(files))
    qapp.aboutToQuit.connect(desk.shutdown)
    app.install_signal_handlers(qapp)
    app.start(desk)
    code = qapp.exec()
    say("stopped")
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
