"""The transcript types stand alone: export, editing and the journal need no engine for them."""

from __future__ import annotations

import ast
from pathlib import Path

import stenodesk

PACKAGE = Path(stenodesk.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_transcript_module_imports_nothing_of_stenodesk() -> None:
    modules = imported_modules(PACKAGE / "core" / "transcript.py")
    assert not {m for m in modules if m.startswith("stenodesk")}


def test_export_and_editing_take_the_transcript_from_its_own_module() -> None:
    users = [
        *(PACKAGE / "core" / "export").glob("*.py"),
        *(PACKAGE / "core" / "editing").glob("*.py"),
    ]
    assert users
    for path in users:
        assert "stenodesk.core.engine.result" not in imported_modules(path), path
