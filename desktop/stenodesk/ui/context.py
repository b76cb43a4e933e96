"""What every page may use, built once by the composition root (app.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stenodesk.bridge.engine import Engine
from stenodesk.bridge.gpu import GpuService
from stenodesk.bridge.live import LiveRecorder
from stenodesk.bridge.model_manager import ModelManager
from stenodesk.bridge.playback import Player
from stenodesk.bridge.waveform import WaveformService
from stenodesk.core.engine.modelcache import ModelCache
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
    model_root: Path
    """The model folder (the ``models.folder`` setting or the default)."""
    model_manager: ModelManager
    """Model list, downloads, imports and deletes (the models thread)."""
    gpu: GpuService
    """The GPU report (the GPU thread)."""
    model_cache: ModelCache
    """The one loaded model, shared by file jobs (engine thread) and recordings (live thread)."""
    live: LiveRecorder
    """Live recording (the live thread), shut down with the other threads."""
    waveforms: WaveformService | None = None
    """Waveform overviews for the player bar (the waveform thread)."""

    def models(self) -> list[str]:
        """Model names offered for jobs: auto, then the built-ins installed here.

        Once the models thread has read the model list, the Transcribe page
        offers the downloaded and imported models too (ui.models_page.ModelChoices).
        """
        from stenodesk.core.models.choice import AUTO
        from stenodesk.core.models.multilingual import installed_builtins

        return [AUTO, *sorted(installed_builtins(self.model_root / "builtin"))]
