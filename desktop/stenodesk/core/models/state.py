"""Where a model stands on this computer, and how a download is going."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path


class ModelState(enum.Enum):
    NOT_DOWNLOADED = "not downloaded"
    PARTIAL = "partial"
    READY = "ready"
    CORRUPT = "corrupt"


class Source(enum.Enum):
    """Where the copy that a status describes lives."""

    NONE = "none"
    BUILTIN = "built in"
    STORE = "model folder"
    HF_CACHE = "Hugging Face cache"


@dataclass(frozen=True)
class ModelStatus:
    """One model's state; ``folder`` is set when there is a copy on disk."""

    model_id: str
    state: ModelState
    source: Source = Source.NONE
    folder: Path | None = None
    bytes_on_disk: int = 0
    bytes_total: int | None = None
    problem: str = ""
    """Why the model is corrupt (first mismatch), or what is missing."""
    verified: bool = True
    """False for a copy whose files declare no hash to check (some HF caches)."""

    @property
    def ready(self) -> bool:
        return self.state is ModelState.READY


@dataclass(frozen=True)
class DownloadProgress:
    """How a download (or the assembly of a built-in model) is going.

    ``done``/``total`` count the whole model; ``file_*`` the file in transfer.
    ``joined`` is True while this call watches a download that another call
    (or another process) is running for the same model.
    """

    model_id: str
    done: int
    total: int
    file: str = ""
    file_done: int = 0
    file_total: int = 0
    speed: float = 0.0
    """Bytes per second over the last few seconds; 0 before it is known."""
    elapsed: float = 0.0
    joined: bool = False
    retrying: bool = False
    """The connection stalled or dropped; the download is reconnecting."""

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.total) if self.total > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the current speed; None before there is a speed."""
        if self.speed <= 0:
            return None
        return max(0, self.total - self.done) / self.speed


def human_size(n: float) -> str:
    """Bytes as people read them: 512 B, 75.5 MB, 3.09 GB (powers of 1000)."""
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if abs(n) < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.3g} {unit}"
        n /= 1000
    raise AssertionError("unreachable")
