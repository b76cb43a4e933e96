"""Turning what the user typed (a model name or a folder) into a ready model folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.models.builtin import DEFAULT_BUILTINS, BuiltinModel
from stenodesk.core.models.manifest import TOKENIZER_FILES, check_model_folder
from stenodesk.core.models.store import ModelStore

__all__ = ["TOKENIZER_FILES", "ModelResolver", "check_model_folder", "known_model_names"]


def known_model_names() -> list[str]:
    """Every name faster-whisper can fetch, from its own table."""
    from faster_whisper import available_models

    return list(available_models())


class ModelResolver:
    """Callable that maps a model name or folder to a ready, verified folder.

    A folder path is checked and used as it is. A name is looked up in the
    built-in models, then the model folder, then the Hugging Face cache; a
    copy that fails its checks is never returned.

    Args:
        cache_dir: where verification results are remembered.
        model_root: the model folder (None: only built-ins, folders and the HF cache).
        hf_cache: the Hugging Face cache to search (None: not searched).
        builtin_dir: where built-ins assembled on first use go (default
            ``model_root/builtin``, or a folder in ``cache_dir`` without a model root).
        builtins: built-in model providers.

    Raises (when called):
        StenodeskError: MODEL_MISSING (fix: ``stenodesk models download NAME``),
            MODEL_CORRUPT, MODEL_UNKNOWN, MODEL_INVALID (a folder that is not a model).
    """

    def __init__(
        self,
        cache_dir: Path,
        model_root: Path | None = None,
        hf_cache: Path | None = None,
        *,
        builtin_dir: Path | None = None,
        builtins: Sequence[BuiltinModel] = DEFAULT_BUILTINS,
    ) -> None:
        # Without a model folder nothing is ever stored there; a folder inside
        # the cache dir that is never written keeps the lookups uniform.
        root = model_root if model_root is not None else cache_dir / "no-model-folder"
        if model_root is None and builtin_dir is None:
            builtin_dir = cache_dir / "builtin"
        self._builtin_names = frozenset(b.name for b in builtins)
        self.store = ModelStore(
            root, cache_dir, hf_cache=hf_cache, builtin_dir=builtin_dir, builtins=builtins
        )

    def __call__(self, name: str) -> Path:
        candidate = Path(name).expanduser()
        if candidate.is_dir():
            check_model_folder(candidate)
            return candidate
        try:
            return self.store.ready_folder(self.store.ref(name))
        except StenodeskError as exc:
            # A built-in whose package is not installed: say how to install it
            # (the message also names the download, which works as well).
            if exc.kind is ErrorKind.MODEL_MISSING and name in self._builtin_names:
                raise StenodeskError(ErrorKind.MODEL_PACKAGE_MISSING, name, exc.detail) from exc
            raise
