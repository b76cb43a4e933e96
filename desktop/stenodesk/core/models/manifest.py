"""What a model folder must hold, and checks of a folder against it.

A :class:`Manifest` lists every file of a model with the size and hash the
repository declares: the LFS SHA-256 for large files, the git blob SHA-1 for
small ones (the Hub's ETag for a file is one of the two). It is recorded
beside the files at download or import time, so a later check needs no
network.
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.models.bundled import VerifiedHashes

MANIFEST_NAME = ".stenodesk-manifest.json"
TOKENIZER_FILES = ("tokenizer.json", "vocabulary.json", "vocabulary.txt")
WANTED = re.compile(
    r"^(config\.json|preprocessor_config\.json|model\.bin|tokenizer\.json|vocabulary\..+)$"
)
"""The files faster-whisper fetches from a repository (its download_model's patterns)."""

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_SHA1 = re.compile(r"^[0-9a-f]{40}$")


@dataclass(frozen=True)
class FileSpec:
    """One file of a model: name, size and the hash it must have."""

    name: str
    size: int
    sha256: str | None = None
    git_sha1: str | None = None
    """The git blob id, for files the repository keeps outside LFS."""

    @classmethod
    def from_etag(cls, name: str, size: int, etag: str | None) -> FileSpec:
        """A spec from a Hub ETag: an LFS SHA-256 or a git blob SHA-1."""
        tag = (etag or "").strip('"').removeprefix("W/").strip('"').lower()
        if _SHA256.match(tag):
            return cls(name, size, sha256=tag)
        if _SHA1.match(tag):
            return cls(name, size, git_sha1=tag)
        return cls(name, size)

    def new_hasher(self) -> Hasher:
        return Hasher(self)


class Hasher:
    """Hashes a file's bytes the way its spec declares (SHA-256 or git blob SHA-1)."""

    def __init__(self, spec: FileSpec) -> None:
        self._spec = spec
        self._sha256 = hashlib.sha256()
        self._sha1 = hashlib.sha1(f"blob {spec.size}\0".encode(), usedforsecurity=False)

    def update(self, data: bytes) -> None:
        if self._spec.sha256 is not None:
            self._sha256.update(data)
        elif self._spec.git_sha1 is not None:
            self._sha1.update(data)

    @property
    def sha256(self) -> str:
        return self._sha256.hexdigest()

    def problem(self) -> str | None:
        """Why the bytes fed in do not match the spec, or None."""
        spec = self._spec
        if spec.sha256 is not None and self._sha256.hexdigest() != spec.sha256:
            return f"{spec.name}: SHA-256 {self._sha256.hexdigest()} != {spec.sha256}"
        if spec.git_sha1 is not None and self._sha1.hexdigest() != spec.git_sha1:
            return f"{spec.name}: git SHA-1 {self._sha1.hexdigest()} != {spec.git_sha1}"
        return None


@dataclass(frozen=True)
class Manifest:
    """The files of one model and where they came from."""

    model_id: str
    files: tuple[FileSpec, ...]
    repo_id: str | None = None
    revision: str | None = None
    """The commit the files belong to."""
    source: str = "hub"
    """"hub" (downloaded) or "import" (copied or linked from a local folder)."""
    linked_from: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(f.size for f in self.files)

    def spec(self, name: str) -> FileSpec | None:
        return next((f for f in self.files if f.name == name), None)

    def to_json(self) -> str:
        data = asdict(self)
        data["files"] = [asdict(f) for f in self.files]
        return json.dumps(data, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        files = tuple(FileSpec(**f) for f in data.pop("files"))
        return cls(files=files, **data)

    def save(self, folder: Path) -> None:
        tmp = folder / (MANIFEST_NAME + ".tmp")
        tmp.write_text(self.to_json(), encoding="utf-8")
        tmp.replace(folder / MANIFEST_NAME)

    @classmethod
    def load(cls, folder: Path) -> Manifest | None:
        """The manifest recorded in ``folder``, or None if there is none (or it is unreadable)."""
        try:
            return cls.from_json((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError, TypeError, KeyError):
            return None


def git_blob_sha1(path: Path) -> str:
    digest = hashlib.sha1(f"blob {path.stat().st_size}\0".encode(), usedforsecurity=False)
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def file_problem(path: Path, spec: FileSpec, hashes: VerifiedHashes, *, fresh: bool) -> str | None:
    """Why ``path`` does not match ``spec`` (missing, wrong size, wrong hash), or None."""
    try:
        size = path.stat().st_size
    except OSError:
        return f"{spec.name} is missing"
    if size != spec.size:
        return f"{spec.name}: {size} bytes, expected {spec.size}"
    if spec.sha256 is not None:
        digest = hashes.sha256(path, fresh=fresh)
        if digest != spec.sha256:
            return f"{spec.name}: SHA-256 {digest} != {spec.sha256}"
    elif spec.git_sha1 is not None:
        digest = git_blob_sha1(path)
        if digest != spec.git_sha1:
            return f"{spec.name}: git SHA-1 {digest} != {spec.git_sha1}"
    return None


def folder_problems(
    folder: Path, manifest: Manifest, hashes: VerifiedHashes, *, fresh: bool = False
) -> list[str]:
    """Every way ``folder`` differs from ``manifest``; empty when it matches."""
    return [
        p
        for spec in manifest.files
        if (p := file_problem(folder / spec.name, spec, hashes, fresh=fresh)) is not None
    ]


# -- what makes a CTranslate2 Whisper model ---------------------------------


def missing_files(names: set[str]) -> list[str]:
    """The required files absent from ``names`` (config.json, model.bin, a tokenizer)."""
    missing = [n for n in ("config.json", "model.bin") if n not in names]
    if not any(n in names for n in TOKENIZER_FILES):
        missing.append("tokenizer.json or vocabulary.*")
    return missing


def check_config(data: bytes, subject: str) -> None:
    """Raise MODEL_INVALID unless ``data`` is a CTranslate2 Whisper config.json."""
    try:
        config = json.loads(data)
    except ValueError:
        config = None
    # CTranslate2's Whisper converter writes these; faster-whisper reads them.
    if not isinstance(config, dict) or not {"suppress_ids", "suppress_ids_begin"} <= set(config):
        raise StenodeskError(
            ErrorKind.MODEL_INVALID, subject, "config.json is not a CTranslate2 Whisper config"
        )


HEADER_BYTES = 64


def check_model_header(head: bytes, subject: str) -> None:
    """Raise MODEL_INVALID unless ``head`` starts a CTranslate2 WhisperSpec model.bin.

    CTranslate2 writes a little-endian uint32 format version, then the spec
    name as a uint16 length and a NUL-terminated string.
    """
    name = b""
    if len(head) >= 6:
        version, length = struct.unpack_from("<IH", head)
        if 0 < version < 1000 and 6 + length <= len(head):
            name = head[6 : 6 + length].rstrip(b"\0")
    if name != b"WhisperSpec":
        raise StenodeskError(
            ErrorKind.MODEL_INVALID, subject, "model.bin is not a CTranslate2 Whisper model"
        )


def check_model_folder(folder: Path, subject: str | None = None) -> None:
    """Raise MODEL_INVALID unless ``folder`` holds a CTranslate2 Whisper model."""
    subject = subject or str(folder)
    names = {p.name for p in folder.iterdir() if p.is_file()} if folder.is_dir() else set()
    missing = missing_files(names)
    if missing:
        raise StenodeskError(ErrorKind.MODEL_INVALID, subject, "missing " + ", ".join(missing))
    try:
        check_config((folder / "config.json").read_bytes(), subject)
        with (folder / "model.bin").open("rb") as fh:
            check_model_header(fh.read(HEADER_BYTES), subject)
    except OSError as exc:
        raise StenodeskError(ErrorKind.MODEL_INVALID, subject, str(exc)) from exc
