"""Built-in models: shipped inside pip packages, ready without a download.

A built-in model is a provider that the store, the resolver and the
downloader ask before anything else; its name wins over a catalogue name
(a built-in "base" is used instead of downloading Systran's base).

Two kinds exist:

- :class:`PackagedModel`: the files sit ready inside one package (tiny.en).
- :class:`AssembledBuiltin`: the files are put together from packages into
  the model folder on first use (``ctx.folder_for(name)``, by default
  ``<model folder>/builtin/<name>``). Until then its status is
  NOT_DOWNLOADED (source BUILTIN); the resolver assembles it when a job
  needs it, and ``Downloader.download`` does so with progress and cancel.

To add one, list an instance in :data:`DEFAULT_BUILTINS` (or pass
``builtins=`` to the store and the resolver). An assembling module only
has to offer four functions, wired with ``functools.partial``::

    AssembledBuiltin(
        "base", english_only=False, hint="...", expected=WHISPER_BASE.expected(),
        ensure=partial(ensure_assembled, WHISPER_BASE),   # (folder, *, cancel, on_progress)
        is_ready=partial(is_ready, WHISPER_BASE),          # (folder) -> bool, cheap
        is_available=partial(is_available, WHISPER_BASE),  # (folder) -> bool, cheap
    )
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Protocol

from stenodesk.core.cancel import NEVER, CancelToken
from stenodesk.core.models.bundled import TINY_EN, BundledModel, VerifiedHashes, bundled_path
from stenodesk.core.models.state import DownloadProgress, ModelState, ModelStatus, Source
from stenodesk.core.paths import prebuilt_model

ProgressCallback = Callable[[DownloadProgress], None]


@dataclass(frozen=True)
class BuiltinContext:
    """What a provider may use: where assembled copies go and the hash record."""

    model_root: Path
    hashes: VerifiedHashes
    builtin_dir: Path | None = None
    """Where assembled built-ins live; default ``model_root / "builtin"``."""

    def folder_for(self, name: str) -> Path:
        """The folder of the built-in model ``name`` once assembled."""
        return (self.builtin_dir or self.model_root / "builtin") / name


class BuiltinModel(Protocol):
    """A model that needs no download."""

    @property
    def name(self) -> str: ...

    @property
    def english_only(self) -> bool: ...

    @property
    def hint(self) -> str: ...

    def installed(self, ctx: BuiltinContext) -> bool:
        """True when it can be used (its packages are installed, or it is assembled). Cheap."""
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


@dataclass(frozen=True)
class PackagedModel:
    """A model whose files sit ready inside one pip package (tiny.en)."""

    model: BundledModel
    english_only: bool
    hint: str

    @property
    def name(self) -> str:
        return self.model.name

    def installed(self, ctx: BuiltinContext) -> bool:
        return self.model.folder() is not None

    def status(self, ctx: BuiltinContext, *, fresh: bool = False) -> ModelStatus:
        folder = self.model.folder()
        if folder is None:
            return ModelStatus(self.name, ModelState.NOT_DOWNLOADED, problem="package missing")
        size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
        digest = ctx.hashes.sha256(folder / "model.bin", fresh=fresh)
        state = ModelState.READY if digest == self.model.sha256 else ModelState.CORRUPT
        problem = "" if state is ModelState.READY else f"model.bin: SHA-256 {digest}"
        return ModelStatus(self.name, state, Source.BUILTIN, folder, size, size, problem)

    def prepare(
        self,
        ctx: BuiltinContext,
        *,
        cancel: CancelToken = NEVER,
        on_progress: ProgressCallback | None = None,
    ) -> Path:
        return bundled_path(self.model, ctx.hashes)


@dataclass(frozen=True)
class AssembledBuiltin:
    """A built-in model assembled into the model folder on first use (see the module doc)."""

    name: str
    english_only: bool
    hint: str
    expected: Mapping[str, str]
    """Every file of the assembled folder with its SHA-256."""
    ensure: Callable[..., Path]
    """``ensure(folder, *, cancel, on_progress)``: assemble if needed; on_progress(done, total)."""
    is_ready: Callable[[Path], bool]
    is_available: Callable[[Path], bool]
    prebuilt: Callable[[], Path | None] = lambda: None
    """The copy the app bundle carries ready, used in place (no copy in the model folder)."""

    def folder(self, ctx: BuiltinContext) -> Path:
        """Where the model is (or will be) ready: in the bundle, else in the model folder."""
        return self.prebuilt() or ctx.folder_for(self.name)

    def installed(self, ctx: BuiltinContext) -> bool:
        return self.is_available(self.folder(ctx))

    def status(self, ctx: BuiltinContext, *, fresh: bool = False) -> ModelStatus:
        folder = self.folder(ctx)
        if not self.is_ready(folder):
            return ModelStatus(
                self.name, ModelState.NOT_DOWNLOADED, Source.BUILTIN, problem="first use"
            )
        problems = []
        size = 0
        for name, digest in self.expected.items():
            path = folder / name
            size += path.stat().st_size
            if ctx.hashes.sha256(path, fresh=fresh) != digest:
                problems.append(f"{name}: SHA-256 differs")
        state = ModelState.CORRUPT if problems else ModelState.READY
        return ModelStatus(
            self.name, state, Source.BUILTIN, folder, size, size, "; ".join(problems)
        )

    def prepare(
        self,
        ctx: BuiltinContext,
        *,
        cancel: CancelToken = NEVER,
        on_progress: ProgressCallback | None = None,
    ) -> Path:
        relay = None
        if on_progress is not None:
            report = on_progress

            def relay(done: int, total: int) -> None:
                report(DownloadProgress(self.name, done, total, "model.bin", done, total))

        return self.ensure(self.folder(ctx), cancel=cancel, on_progress=relay)


TINY_EN_BUILTIN = PackagedModel(TINY_EN, english_only=True, hint="fastest, least accurate")


def _assembled_builtins() -> tuple[BuiltinModel, ...]:
    """The multilingual built-ins that ship in parts (see core/models/multilingual.py)."""
    from stenodesk.core.models import multilingual as ml

    return tuple(
        AssembledBuiltin(
            model.name,
            english_only=False,
            hint="very fast, fair accuracy, many languages",
            expected=model.expected(),
            ensure=partial(ml.ensure_assembled, model),
            is_ready=partial(ml.is_ready, model),
            is_available=partial(ml.is_available, model),
            prebuilt=partial(prebuilt_model, model.name),
        )
        for model in ml.BUILTIN_ASSEMBLED.values()
    )


DEFAULT_BUILTINS: tuple[BuiltinModel, ...] = (TINY_EN_BUILTIN, *_assembled_builtins())
"""Every built-in model, in the order the catalogue shows them."""


def find_builtin(
    name: str, builtins: Sequence[BuiltinModel], ctx: BuiltinContext
) -> BuiltinModel | None:
    """The usable built-in model called ``name``, or None."""
    return next((b for b in builtins if b.name == name and b.installed(ctx)), None)
