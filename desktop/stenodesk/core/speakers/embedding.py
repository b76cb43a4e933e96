"""Speaker embeddings with CAM++ for each stretch a local speaker talks in a window.

The segmentation model sometimes gives two voices that take turns in one
window the same local speaker; embedding each stretch of speech (split at
pauses) rather than a local speaker's whole activity keeps such a mix from
blurring into one embedding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from stenodesk.core.speakers import fbank, segmentation

MIN_FRAMES = 40
"""Fewest 10 ms feature frames (0.4 s of speech) an embedding is computed from."""

MAX_FRAMES = 300
"""Most feature frames per embedding (3 s): the middle of a longer stretch.

CAM++'s cost grows with its input; 3 s already tell voices apart well
(bench/speakers.py), and keeps diarization well under real time.
"""

BRIDGE = 15
"""Pauses of up to this many segmentation frames (0.25 s) stay inside one stretch."""

DIM = 192


@dataclass(frozen=True)
class Stretch:
    """Frames [first, last) of a window in which local speaker ``local`` talks."""

    local: int
    first: int
    last: int
    embedding: npt.NDArray[np.float32] | None
    alone: bool = True
    """Whether the embedding comes from speech without another voice over it."""


def _feature_to_segment_frames(count: int) -> npt.NDArray[np.int64]:
    """For each 10 ms feature frame of a window, the segmentation frame over its middle."""
    centre = np.arange(count) * fbank.SHIFT + fbank.FRAME / 2
    first = segmentation.FRAME_SPAN / 2
    index = np.rint((centre - first) / segmentation.FRAME_STEP).astype(np.int64)
    return np.clip(index, 0, segmentation.FRAMES - 1)


def runs(track: npt.NDArray[np.bool_]) -> list[tuple[int, int]]:
    """[first, last) frame ranges where ``track`` is on, pauses up to BRIDGE bridged."""
    edges = np.diff(np.concatenate([[0], track.astype(np.int8), [0]]))
    found: list[tuple[int, int]] = []
    for a, b in zip(np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0], strict=True):
        if found and a - found[-1][1] <= BRIDGE:
            found[-1] = (found[-1][0], int(b))
        else:
            found.append((int(a), int(b)))
    return found


def stretches(
    session: Any, pcm: npt.NDArray[np.float32], active: npt.NDArray[np.bool_]
) -> list[Stretch]:
    """Each local speaker's stretches of speech in a window, embedded where long enough.

    The features come from where the speaker talks alone, or, where that is
    too short, from where it talks at all.

    Args:
        session: the CAM++ ONNX Runtime session.
        pcm: the window's samples (10 s).
        active: (589, 3) activity of its local speakers.
    """
    feats = fbank.fbank(pcm)
    to_segment = _feature_to_segment_frames(len(feats))
    per_frame = active[to_segment]
    alone = per_frame & (per_frame.sum(axis=1, keepdims=True) == 1)
    found = []
    for k in range(segmentation.LOCAL):
        for first, last in runs(active[:, k]):
            inside = (to_segment >= first) & (to_segment < last)
            mask = inside & alone[:, k]
            clean = bool(mask.sum() >= MIN_FRAMES)
            if not clean:
                mask = inside & per_frame[:, k]
            vector = None
            if mask.sum() >= MIN_FRAMES:
                picked = np.nonzero(mask)[0]
                skip = max(0, (len(picked) - MAX_FRAMES) // 2)
                chosen = fbank.normalised(feats[picked[skip : skip + MAX_FRAMES]])
                vector = session.run(None, {"feats": chosen[None]})[0][0]
            found.append(Stretch(k, first, last, vector, clean))
    return found
