"""Icons shipped in resources/icons (SVG, drawn for Stenodesk)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from stenodesk.core.paths import resources_dir


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` (an empty icon if it is missing)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()
