"""What every page may use, built once by the composition root (app.py)."""

from __future__ import annotations

from dataclasses import dataclass

from stenodesk.bridge.engine import Engine
from stenodesk.bridge.playback import Player
from stenodesk.core.paths import UserDirs
from stenodesk.ui.jobs_vm import JobsViewModel
from stenodesk.ui.settings_vm import SettingsViewModel


@dataclass(frozen=True)
class AppContext:
    dirs: UserDirs
    settings: SettingsViewModel
    engine: Engine
    jobs: JobsViewModel
    player: Player
