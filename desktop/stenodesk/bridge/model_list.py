"""The model list as the window sees it: flat, frozen rows built on the models thread."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from stenodesk.core.models.state import ModelState, ModelStatus

if TYPE_CHECKING:
    from stenodesk.core.models.store import Listed


@dataclass(frozen=True)
class ModelEntry:
    """One row of the model list, flattened for the window.

    Attributes:
        name: what to call it (and what a job's model option takes).
        kind: ``builtin``, ``catalogue``, ``custom`` (a repository the
            catalogue does not list) or ``imported``.
        english_only: None when unknown (custom and imported models).
        download_bytes: the download size; None when unknown.
        exact: the sizes are the repository's own, not the rounded table.
        hint: speed and accuracy, in English (front ends translate it).
    """

    name: str
    kind: str
    status: ModelStatus
    repo_id: str = ""
    english_only: bool | None = None
    download_bytes: int | None = None
    memory_bytes: int | None = None
    exact: bool = False
    hint: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def usable(self) -> bool:
        """A job can use it now (a built-in assembles itself on first use)."""
        if self.kind == "builtin":
            return self.status.state is not ModelState.CORRUPT
        return self.status.ready


@dataclass(frozen=True)
class ModelListing:
    """Every model with its state, and the model folder."""

    rows: tuple[ModelEntry, ...]
    root: Path

    def row(self, name: str) -> ModelEntry | None:
        return next((r for r in self.rows if r.name == name), None)

    def usable_names(self) -> tuple[str, ...]:
        """Names a job can use now: built-ins first, then downloaded and imported models."""
        usable = [r for r in self.rows if r.usable]
        return tuple(r.name for r in sorted(usable, key=lambda r: r.kind != "builtin"))


def entry_of(row: Listed) -> ModelEntry:
    """The flat row for one line of ``ModelStore.listing()``."""
    from stenodesk.core.models.catalogue import memory_estimate
    from stenodesk.core.models.store import RefKind

    e, ref, status = row.entry, row.ref, row.status
    if ref.kind is RefKind.BUILTIN:
        kind = "builtin"
    elif ref.kind is RefKind.IMPORTED:
        kind = "imported"
    else:
        kind = "catalogue" if e is not None else "custom"
    if e is None:
        size = status.bytes_total or status.bytes_on_disk or None
        memory = memory_estimate(size) if size else None
        return ModelEntry(ref.model_id, kind, status, ref.repo_id or "", None, size, memory, True)
    size, exact = e.download_bytes, e.exact
    if kind == "builtin" and status.bytes_total:
        size, exact = status.bytes_total, True
    memory = e.memory_bytes if e.memory_bytes else (memory_estimate(size) if size else None)
    return ModelEntry(
        ref.model_id,
        kind,
        status,
        e.repo_id,
        e.english_only,
        size,
        memory,
        exact,
        e.hint,
        e.aliases,
    )
