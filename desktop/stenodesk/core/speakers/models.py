"""The two bundled speaker models: located, checked against SHA256SUMS, loaded."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.paths import resources_dir

SEGMENTATION = "segmentation-3.0.onnx"
EMBEDDING = "campplus-cn-en-common.onnx"


def models_dir() -> Path:
    """The folder that holds the speaker models and their SHA256SUMS."""
    return resources_dir() / "speakers"


def expected_sums(folder: Path) -> dict[str, str]:
    sums: dict[str, str] = {}
    for line in (folder / "SHA256SUMS").read_text().splitlines():
        digest, _, name = line.partition("  ")
        if name:
            sums[name.strip()] = digest.strip()
    return sums


def verified(folder: Path, name: str) -> Path:
    """The model file ``name`` in ``folder``, after checking its SHA-256.

    Raises:
        StenodeskError: the file is missing or its checksum does not match.
    """
    path = folder / name
    want = expected_sums(folder).get(name)
    if not path.is_file() or want is None:
        raise StenodeskError(ErrorKind.MODEL_MISSING, name, f"not found in {folder}")
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != want:
        raise StenodeskError(ErrorKind.MODEL_CORRUPT, name, f"SHA-256 {digest.hexdigest()}")
    return path


@dataclass(frozen=True)
class SpeakerModels:
    """Loaded ONNX Runtime sessions for segmentation and speaker embeddings."""

    segmentation: Any
    embedding: Any


def load_models(folder: Path | None = None, *, threads: int = 0) -> SpeakerModels:
    """Check and load both models on the CPU.

    Args:
        folder: where the models are; the bundled ones by default.
        threads: intra-op threads for ONNX Runtime; 0 lets it choose.
    """
    import onnxruntime as ort

    folder = folder or models_dir()
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3  # its shape-inference notes are not ours to act on
    # Idle worker threads wait instead of spinning: the model runs are short
    # (tens of ms each), and spinning between them burned as much CPU again on
    # a busy two-core machine, doubling the speaker step's wall time there
    # (bench/speakers.py --overhead; measured 8.0-8.6 against 4.8 CPU s on 3 min).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")

    def session(name: str) -> Any:
        return ort.InferenceSession(
            str(verified(folder, name)), options, providers=["CPUExecutionProvider"]
        )

    return SpeakerModels(session(SEGMENTATION), session(EMBEDDING))
