"""Grouping embeddings into speakers: average-linkage clustering on cosine similarity.

Memory stays bounded on long recordings: at most :data:`MAX_LINKED`
embeddings, spread evenly over the file, are clustered together; every other
embedding joins the nearest resulting centroid.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

MAX_LINKED = 1000
MIN_SHARE = 0.02
"""Share of the embeddings a speaker needs in automatic counting (and at least min_size)."""
Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class SpeakerCount:
    """How many speakers to find: exactly ``num``, or between ``low`` and ``high``.

    With neither, the similarity threshold decides.
    """

    num: int | None = None
    low: int = 1
    high: int | None = None

    def clamp(self, found: int) -> int:
        if self.num is not None:
            return self.num
        found = max(found, self.low)
        return min(found, self.high) if self.high is not None else found


def unit(x: Floats) -> Floats:
    norm = np.linalg.norm(x, axis=1, keepdims=True)
    result: Floats = (x / np.maximum(norm, 1e-8)).astype(np.float32)
    return result


def _merges(x: Floats) -> list[tuple[int, int, float]]:
    """Average-linkage merges (kept, absorbed, similarity), most similar first."""
    n = len(x)
    sim = (x @ x.T).astype(np.float64)
    np.fill_diagonal(sim, -np.inf)
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    merges: list[tuple[int, int, float]] = []
    for _ in range(n - 1):
        flat = int(np.argmax(sim))
        i, j = divmod(flat, n)
        best = float(sim[i, j])
        merged = (size[i] * sim[i] + size[j] * sim[j]) / (size[i] + size[j])
        merged[~alive] = -np.inf
        merged[i] = -np.inf
        sim[i, :] = merged
        sim[:, i] = merged
        sim[j, :] = -np.inf
        sim[:, j] = -np.inf
        size[i] += size[j]
        alive[j] = False
        merges.append((i, j, best))
    return merges


def _cut(n: int, merges: list[tuple[int, int, float]], clusters: int) -> Ints:
    parent = np.arange(n)
    for i, j, _ in merges[: max(0, n - clusters)]:
        parent[parent == j] = i
    _, labels = np.unique(parent, return_inverse=True)
    return labels.astype(np.int64)


def _centroids(x: Floats, labels: Ints, keep: list[int]) -> Floats:
    return unit(np.stack([x[labels == c].mean(axis=0) for c in keep]))


def cluster(
    x: Floats,
    count: SpeakerCount,
    threshold: float,
    min_size: int,
    trusted: npt.NDArray[np.bool_] | None = None,
) -> Ints:
    """Speaker labels 0..K-1 for embeddings ``x`` (n, dim).

    Args:
        x: embeddings, one per row.
        count: the number of speakers wanted, or its bounds.
        threshold: cosine similarity under which two groups stay apart (auto count).
        min_size: fewest embeddings a group needs to count as a speaker of its own;
            smaller groups join the nearest speaker.
        trusted: rows that may form speakers (the others, such as embeddings of
            overlapping speech, only join the nearest one); all rows by default.
    """
    n = len(x)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    x = unit(x)
    pool = np.nonzero(trusted)[0] if trusted is not None and trusted.any() else np.arange(n)
    picks = np.linspace(0, len(pool) - 1, min(len(pool), MAX_LINKED)).round().astype(np.int64)
    sub = x[pool[np.unique(picks)]]
    merges = _merges(sub)
    # A recording of a few stretches: then a single one may be a speaker. In a
    # long one, a speaker needs a share of the stretches too: a few stray
    # embeddings (overlaps, noises) are not a new person.
    min_size = max(min_size, round(MIN_SHARE * len(sub)))
    min_size = min_size if len(sub) > 2 * min_size else 1
    by_threshold = len(sub) - sum(1 for *_, s in merges if s >= threshold)
    labels = _cut(len(sub), merges, by_threshold)
    sizes = np.bincount(labels)
    wanted = min(count.clamp(int((sizes >= min_size).sum())), len(sub))
    for k in range(max(wanted, 1), len(sub) + 1):
        labels = _cut(len(sub), merges, k)
        sizes = np.bincount(labels)
        if (sizes >= min_size).sum() >= wanted or k == len(sub):
            break
    keep = [int(c) for c in np.argsort(-sizes, kind="stable")[: max(wanted, 1)]]
    centroids = _centroids(sub, labels, keep)
    result: Ints = np.argmax(x @ centroids.T, axis=1).astype(np.int64)
    return result
