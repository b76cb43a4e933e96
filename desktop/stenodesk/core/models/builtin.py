"""Built-in models: shipped inside pip packages, ready without a download.

A built-in model is a provider that the store, the resolver and the
downloader ask before anything else. The bundled tiny.en is one; a model
that is reassembled from pip packages into the model folder on first use is
another kind: its :meth:`BuiltinModel.prepare` does the assembly (with
progress and cancel, like a download), its :meth:`BuiltinModel.status` says
PARTIAL/NOT_DOWNLOADED until then. To add one, implement the protocol and
list an instance in :data:`DEFAULT_BUILTINS`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from stenodesk.core.cancel import NEVER, CancelToken
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.models.bundled import TINY_EN, BundledModel, VerifiedHashes, bundled_path
from stenodesk.core.models.state import DownloadProgress, ModelState, ModelStatus, Source

ProgressCallback = Callable[[DownloadProgress], None]


@dataclass(frozen=True)
class BuiltinContext:
    """What a provider may use: the model folder (for assembled copies) and the hash record."""

    model_root: Path
    hashes: VerifiedHashes

    def folder_for(self, name: str) -> Path:
        """Where a built-in model assembled on first use keeps its files.

        Assemble into a sibling folder and rename it to this one when
        complete and verified, so the model is never seen half there.
        """
        return self.model_root / f"builtin--{name}"


class BuiltinModel(Protocol):
    """A model that needs no download."""

    @property
    def name(self) -> str: ...

    @property
    def english_only(self) -> bool: ...

    @property
    def hint(self) -> str: ...

    def installed(self) -> bool:
        """True when the packages it comes from are installed."""
        ...

    def status(self, ctx: BuiltinContext, *, fresh: bool = False) -> ModelStatus:
        """Its state; READY only once verified. ``fresh`` re-hashes every file."""
        ...

    def prepare(
        self,
        ctx: BuiltinContext,
        *,
        cancel: CancelToken = NEVER,
        on_progress: ProgressCallback | None = None,
    ) -> Path:
        """Make it ready (assemble it if needed) and return its verified folder.

        Raises:
            StenodeskError: MODEL_MISSING, MODEL_CORRUPT, DISK_FULL, ...
            Cancelled: the token was set.
        """
        ...


class PackagedModel:
    """A model whose files sit ready inside one pip package (tiny.en)."""

    def __init__(self, model: BundledModel, *, english_only: bool, hint: str) -> None:
        self._model = model
        self._english_only = english_only
        self._hint = hint

    @property
    def name(self) -> str:
        return self._model.name

    @property
    def english_only(self) -> bool:
        return self._english_only

    @property
    def hint(self) -> str:
        return self._hint

    def installed(self) -> bool:
        return self._model.folder() is not None

    def status(self, ctx: BuiltinContext, *, fresh: bool = False) -> ModelStatus:
        folder = self._model.folder()
        if folder is None:
            return ModelStatus(self.name, ModelState.NOT_DOWNLOADED, problem="package missing")
        size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
        digest = ctx.hashes.sha256(folder / "model.bin", fresh=fresh)
        state = ModelState.READY if digest == self._model.sha256 else ModelState.CORRUPT
        problem = "" if state is ModelState.READY else f"model.bin: SHA-256 {digest}"
        return ModelStatus(self.name, state, Source.BUILTIN, folder, size, size, problem)

    def prepare(
        self,
        ctx: BuiltinContext,
        *,
        cancel: CancelToken = NEVER,
        on_progress: ProgressCallback | None = None,
    ) -> Path:
        return bundled_path(self._model, ctx.hashes)


TINY_EN_BUILTIN = PackagedModel(
    TINY_EN, english_only=True, hint="built in; fastest, least accurate (English)"
)

DEFAULT_BUILTINS: tuple[BuiltinModel, ...] = (TINY_EN_BUILTIN,)
"""Every built-in model, in the order the catalogue shows them."""


def find_builtin(name: str, builtins: Sequence[BuiltinModel]) -> BuiltinModel | None:
    """The installed built-in model called ``name``, or None."""
    return next((b for b in builtins if b.name == name and b.installed()), None)


def refuse_delete(name: str) -> StenodeskError:
    return StenodeskError(ErrorKind.MODEL_BUILTIN, name)
