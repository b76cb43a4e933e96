"""Imports flow ui -> bridge -> core, and core never touches Qt (checked on the AST)."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "desktop" / "stenodesk"
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "qtpy")
FORBIDDEN = {
    "core": (
        *QT,
        "stenodesk.bridge",
        "stenodesk.ui",
        "stenodesk.app",
        "stenodesk.cli",
        "stenodesk.commands",
    ),
    "bridge": ("stenodesk.ui", "stenodesk.app"),
    "ui": ("stenodesk.app",),
    "commands": (*QT, "stenodesk.bridge", "stenodesk.ui"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def sources(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer: str) -> None:
    offenders = []
    for path in sources(layer):
        for name in imported_modules(path):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[layer]):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not offenders, "\n".join(offenders)


def test_core_has_files_to_check() -> None:
    assert len(sources("core")) > 10


# The threads outside bridge: the recorder writes the microphone's audio to
# disk while the caller decodes, so a crash during a long decode loses no
# recording (see core/audio/capture.py); two windows are decoded at once on
# CTranslate2's two workers, by two threads joined before the job ends (see
# core/engine/parallel.py); the speaker
# step's pass over the audio runs while the job decodes, joined before the job
# ends (see core/speakers/background.py); the heap guard beside a job of two
# streams reads the resident size and trims, joined with the job (see
# core/engine/memory.py).
THREADS_OUTSIDE_BRIDGE = {
    Path("core/audio/capture.py"),
    Path("core/engine/memory.py"),
    Path("core/engine/parallel.py"),
    Path("core/speakers/background.py"),
}


def test_only_bridge_creates_threads() -> None:
    """STYLE: bridge owns the threads (PortAudio's callback thread is PortAudio's)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "bridge" in path.relative_to(PACKAGE).parts:
            continue
        if path.relative_to(PACKAGE) in THREADS_OUTSIDE_BRIDGE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in (
                "Thread",
                "QThread",
                "ThreadPoolExecutor",
            ):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} uses {node.attr}")
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                in (
                    "threading",
                    "concurrent.futures",
                )
                and any(a.name in ("Thread", "ThreadPoolExecutor") for a in node.names)
            ):
                offenders.append(
                    f"{path.relative_to(PACKAGE)}:{node.lineno} imports a thread class"
                )
    assert not offenders, "\n".join(offenders)


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((PACKAGE.parent.parent / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(PACKAGE.parent).parts) for p in PACKAGE.rglob("__init__.py")
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages"
