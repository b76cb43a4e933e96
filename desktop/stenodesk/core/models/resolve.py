"""Turning what the user typed (a model name or a folder) into a ready model folder."""

from __future__ import annotations

from pathlib import Path

from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.models.bundled import PACKAGED, VerifiedHashes, bundled_path
from stenodesk.core.models.multilingual import BUILTIN_ASSEMBLED, ensure_assembled

TOKENIZER_FILES = ("tokenizer.json", "vocabulary.json", "vocabulary.txt")


def check_model_folder(folder: Path) -> None:
    """Raise MODEL_INVALID unless ``folder`` looks like a CTranslate2 Whisper model."""
    missing = [name for name in ("config.json", "model.bin") if not (folder / name).is_file()]
    if not any((folder / name).is_file() for name in TOKENIZER_FILES):
        missing.append("tokenizer.json")
    if missing:
        raise StenodeskError(ErrorKind.MODEL_INVALID, str(folder), "missing " + ", ".join(missing))


def known_model_names() -> list[str]:
    """Every name faster-whisper can fetch, from its own table."""
    from faster_whisper.utils import available_models

    return list(available_models())


class ModelResolver:
    """Callable that maps a model name or folder to a ready, verified folder.

    ``builtin_dir`` is where built-ins shipped in parts are reassembled
    (``UserDirs.models / "builtin"``); by default a folder in the cache.
    """

    def __init__(self, cache_dir: Path, *, builtin_dir: Path | None = None) -> None:
        self._hashes = VerifiedHashes(cache_dir / "verified-models.json")
        self._builtin_dir = builtin_dir if builtin_dir is not None else cache_dir / "builtin"

    def __call__(self, name: str) -> Path:
        candidate = Path(name).expanduser()
        if candidate.is_dir():
            check_model_folder(candidate)
            return candidate
        if name in PACKAGED:
            return bundled_path(PACKAGED[name], self._hashes)
        if name in BUILTIN_ASSEMBLED:  # multilingual built-ins, before the store
            return ensure_assembled(BUILTIN_ASSEMBLED[name], self._builtin_dir / name)
        if name in known_model_names():
            raise StenodeskError(ErrorKind.MODEL_MISSING, name)
        raise StenodeskError(ErrorKind.MODEL_UNKNOWN, name)
