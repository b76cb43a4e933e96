"""Every Whisper model Stenodesk offers, with size, languages and a hint.

The names and repositories are faster-whisper's own table
(``faster_whisper.utils.available_models`` and ``_MODELS``, through
``core.engine.fw_internals``), so a new
faster-whisper brings its new models along. What its table lacks (languages,
sizes, a speed/accuracy hint) comes from :data:`FACTS`, a table of published
figures; sizes there are rounded and replaced by the exact sum of the
repository's files when it can be asked (:func:`with_repository_sizes`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from stenodesk.core.engine import fw_internals as fw
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.models.builtin import BuiltinModel
from stenodesk.core.models.manifest import Manifest

log = logging.getLogger(__name__)

MB = 1_000_000

RUNTIME_OVERHEAD = 200 * MB
"""Decoder buffers, audio features and the runtime on top of the weights."""

_UNREACHABLE = frozenset({ErrorKind.NETWORK, ErrorKind.HUB_OFFLINE, ErrorKind.HUB_REFUSED})


@dataclass(frozen=True)
class Facts:
    """Published figures for a model: rounded download size, English only, a hint."""

    size_mb: int
    english_only: bool
    hint: str


_T, _B, _S, _M, _L = (
    "fastest, least accurate",
    "very fast, fair accuracy",
    "fast, good accuracy",
    "slow, very good accuracy",
    "slowest, most accurate",
)
_DISTIL = "distilled: much faster than its teacher, close in accuracy"

FACTS: dict[str, Facts] = {
    "tiny.en": Facts(78, True, _T),
    "tiny": Facts(78, False, _T),
    "base.en": Facts(148, True, _B),
    "base": Facts(148, False, _B),
    "small.en": Facts(487, True, _S),
    "small": Facts(487, False, _S),
    "medium.en": Facts(1530, True, _M),
    "medium": Facts(1530, False, _M),
    "large-v1": Facts(3090, False, "slowest; the first large model"),
    "large-v2": Facts(3090, False, _L),
    "large-v3": Facts(3090, False, _L + " (newest large)"),
    "large-v3-turbo": Facts(1620, False, "near large-v3 accuracy, several times faster"),
    "distil-small.en": Facts(336, True, _DISTIL),
    "distil-medium.en": Facts(789, True, _DISTIL),
    "distil-large-v2": Facts(1510, True, _DISTIL),
    "distil-large-v3": Facts(1510, True, _DISTIL),
    "distil-large-v3.5": Facts(1510, True, _DISTIL),
}


@dataclass(frozen=True)
class CatalogueEntry:
    """One model of the catalogue."""

    name: str
    repo_id: str
    """Empty for a built-in model that has no repository."""
    english_only: bool
    download_bytes: int | None
    memory_bytes: int | None
    hint: str
    builtin: bool = False
    aliases: tuple[str, ...] = ()
    exact: bool = False
    """Sizes are the sums of the repository's files, not the rounded table."""

    @property
    def languages(self) -> str:
        return "English" if self.english_only else "multilingual"


def memory_estimate(weights: int) -> int:
    """Rough peak memory to run a model whose files take ``weights`` bytes.

    The weights are stored as float16; on a GPU they stay so, on a CPU int8
    halves them, so the float16 size plus the runtime is an upper estimate.
    """
    return int(weights * 1.1) + RUNTIME_OVERHEAD


def catalogue(builtins: Sequence[BuiltinModel] = ()) -> list[CatalogueEntry]:
    """Every model faster-whisper knows (aliases folded into one entry) plus built-ins.

    Args:
        builtins: the built-in models that are installed (see ``ModelStore.entries``);
            an entry of the same name is marked built in.
    """
    table = fw.model_table()
    names_of: dict[str, list[str]] = {}
    for name, repo in table.items():
        names_of.setdefault(repo, []).append(name)
    builtin_names = {b.name for b in builtins}
    entries: list[CatalogueEntry] = []
    for repo, names in names_of.items():
        # The most specific name first: "large-v3" over its alias "large".
        names.sort(key=lambda n: (n not in FACTS, -len(n)))
        name, aliases = names[0], tuple(names[1:])
        facts = FACTS.get(name)
        size = facts.size_mb * MB if facts else None
        entries.append(
            CatalogueEntry(
                name=name,
                repo_id=repo,
                english_only=facts.english_only if facts else name.endswith(".en"),
                download_bytes=size,
                memory_bytes=memory_estimate(size) if size else None,
                hint=facts.hint if facts else "",
                builtin=name in builtin_names,
                aliases=aliases,
            )
        )
    for b in builtins:
        if b.name not in table:
            entries.insert(0, CatalogueEntry(b.name, "", b.english_only, None, None, b.hint, True))
    return entries


def find(name: str, entries: Iterable[CatalogueEntry]) -> CatalogueEntry | None:
    """The entry called ``name`` (or with that alias), or None."""
    return next((e for e in entries if name == e.name or name in e.aliases), None)


def find_repo(repo_id: str, entries: Iterable[CatalogueEntry]) -> CatalogueEntry | None:
    return next((e for e in entries if e.repo_id and e.repo_id == repo_id), None)


def with_repository_sizes(
    entries: Sequence[CatalogueEntry], fetch: Callable[[str], Manifest]
) -> list[CatalogueEntry]:
    """Entries whose sizes are the exact sums from each repository's file metadata.

    ``fetch`` returns a repository's manifest (see ``Hub.manifest``); an entry
    whose repository cannot be asked keeps its table figures.
    """
    out = []
    reachable = True
    for entry in entries:
        if not entry.repo_id or not reachable:
            out.append(entry)
            continue
        try:
            manifest = fetch(entry.repo_id)
        except StenodeskError as exc:
            log.info("sizes of %s: %s", entry.repo_id, exc)
            # No server (or offline mode): asking for the next one would only wait again.
            reachable = exc.kind not in _UNREACHABLE
            out.append(entry)
            continue
        out.append(
            replace(
                entry,
                download_bytes=manifest.total,
                memory_bytes=memory_estimate(manifest.total),
                exact=True,
            )
        )
    return out
