"""Models that other faster-whisper tools downloaded into the Hugging Face cache.

The cache's layout and lookups are huggingface_hub's (``try_to_load_from_cache``,
``repo_folder_name``). Each snapshot file links to a blob named after the
file's ETag, which is the repository's SHA-256 (LFS files) or git blob SHA-1,
so a cached model is verified without a manifest of ours. A cache written
without links (where symlinks are not available) has nothing to check
against; such a copy is used, marked unverified.
"""

from __future__ import annotations

import logging
from pathlib import Path

from stenodesk.core.models.bundled import VerifiedHashes
from stenodesk.core.models.manifest import WANTED, FileSpec, file_problem, missing_files
from stenodesk.core.models.state import ModelState, ModelStatus, Source

log = logging.getLogger(__name__)


def snapshot_folder(repo_id: str, hf_cache: Path) -> Path | None:
    """The cached snapshot of ``repo_id`` that holds a whole model (main first), or None."""
    from huggingface_hub import try_to_load_from_cache
    from huggingface_hub.file_download import repo_folder_name

    candidates: list[Path] = []
    found = try_to_load_from_cache(repo_id, "model.bin", cache_dir=hf_cache)
    if isinstance(found, str):
        candidates.append(Path(found).parent)
    snapshots = hf_cache / repo_folder_name(repo_id=repo_id, repo_type="model") / "snapshots"
    if snapshots.is_dir():
        others = [p for p in snapshots.iterdir() if p.is_dir()]
        candidates += sorted(others, key=lambda p: p.stat().st_mtime, reverse=True)
    for folder in candidates:
        names = {p.name for p in folder.iterdir() if p.is_file()}
        if not missing_files(names):
            return folder
    return None


def hf_cache_status(
    model_id: str, repo_id: str, hf_cache: Path, hashes: VerifiedHashes, fresh: bool
) -> ModelStatus | None:
    """The state of the cached copy of ``repo_id``, or None if the cache has none."""
    try:
        folder = snapshot_folder(repo_id, hf_cache)
    except OSError as exc:
        log.info("cannot read the Hugging Face cache %s: %s", hf_cache, exc)
        return None
    if folder is None:
        return None
    problems: list[str] = []
    verified = True
    total = 0
    for path in sorted(folder.iterdir()):
        if not WANTED.match(path.name):
            continue
        try:
            size = path.stat().st_size
        except OSError:
            problems.append(f"{path.name}: its blob is missing")
            continue
        total += size
        spec = (
            FileSpec.from_etag(path.name, size, path.resolve().name) if path.is_symlink() else None
        )
        if spec is None or (spec.sha256 is None and spec.git_sha1 is None):
            verified = False
            continue
        problem = file_problem(path, spec, hashes, fresh=fresh)
        if problem is not None:
            problems.append(problem)
    state = ModelState.CORRUPT if problems else ModelState.READY
    return ModelStatus(
        model_id,
        state,
        Source.HF_CACHE,
        folder,
        total,
        total,
        "; ".join(problems),
        verified=verified,
    )
