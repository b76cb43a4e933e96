"""Where Stenodesk keeps things. The only module that knows about frozen builds.

User directories come from platformdirs (which honours the XDG variables on
Linux). Resources ship inside the package, or beside the executable in a
frozen build.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Stenodesk"
APP_ID = "stenodesk"


def is_frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def bundle_root() -> Path | None:
    """The unpacked bundle folder of a frozen build, else None."""
    if not is_frozen():
        return None
    return Path(getattr(sys, "_MEIPASS"))  # noqa: B009 - set by PyInstaller only


PREBUILT_MODELS = "stenodesk_models"
"""The bundle's folder of built-in models assembled and verified at build time."""


def prebuilt_model(name: str, root: Path | None = None) -> Path | None:
    """The ready folder of built-in model ``name`` inside a frozen build, else None.

    Args:
        name: the built-in's name ("base").
        root: the bundle folder; the running bundle's when None.
    """
    root = root if root is not None else bundle_root()
    if root is None:
        return None
    folder = root / PREBUILT_MODELS / name
    return folder if folder.is_dir() else None


def resources_dir() -> Path:
    """Icons, sample audio, translations (the package ``stenodesk.resources``)."""
    root = bundle_root()
    if root is not None:
        return root / "stenodesk" / "resources"
    import stenodesk.resources

    return Path(stenodesk.resources.__file__).resolve().parent


def sample_audio() -> Path:
    """The short English recording shipped for the smoke test and first launch."""
    return resources_dir() / "sample" / "sample-en.wav"


@dataclass(frozen=True)
class UserDirs:
    """The per-user folders; built once by the front end and passed down."""

    config: Path
    data: Path
    cache: Path
    logs: Path

    @classmethod
    def default(cls) -> UserDirs:
        return cls(
            config=Path(platformdirs.user_config_dir(APP_ID, appauthor=False)),
            data=Path(platformdirs.user_data_dir(APP_ID, appauthor=False)),
            cache=Path(platformdirs.user_cache_dir(APP_ID, appauthor=False)),
            logs=Path(platformdirs.user_log_dir(APP_ID, appauthor=False)),
        )

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def models(self) -> Path:
        return self.data / "models"

    @property
    def jobs(self) -> Path:
        return self.data / "jobs"

    @property
    def queue(self) -> Path:
        """Where the desktop app kept its queue before one job store (moved at start-up)."""
        return self.data / "queue"

    @property
    def recordings(self) -> Path:
        return self.data / "recordings"

    def ensure(self) -> None:
        for path in (self.config, self.data, self.cache, self.logs):
            path.mkdir(parents=True, exist_ok=True)
