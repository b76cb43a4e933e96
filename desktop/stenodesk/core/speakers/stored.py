"""The voices analysed so far, as JSON for a job's journal and back.

A job that asks for speakers analyses the voices of its file alongside
decoding (:mod:`.background`). What was analysed is journaled as it goes, so
a job interrupted part way keeps it: the resumed job goes on from the next
window, or, when the whole file was analysed, only clusters.

A record holds the windows analysed since the previous one, where the next
window starts, and the file's length in samples once all of it was
analysed. Activities are packed bits, embeddings little-endian float32, both
in base64: about 1.3 kB per window with two voices.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from stenodesk.core.speakers import segmentation
from stenodesk.core.speakers.embedding import DIM, Stretch
from stenodesk.core.speakers.pipeline import AnalysedWindow, AnalysisSoFar

Json = dict[str, Any]


def _pack(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unpack(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _stretch_to_json(s: Stretch) -> list[Any]:
    vector = None if s.embedding is None else _pack(np.asarray(s.embedding, "<f4").tobytes())
    return [s.local, s.first, s.last, s.alone, vector]


def _stretch_from_json(item: Sequence[Any]) -> Stretch:
    local, first, last, alone, vector = item
    embedding = None
    if vector is not None:
        embedding = np.frombuffer(_unpack(vector), dtype="<f4").astype(np.float32)
        if embedding.shape != (DIM,):
            raise ValueError(f"an embedding of {embedding.shape[0]} values, not {DIM}")
    return Stretch(int(local), int(first), int(last), embedding, bool(alone))


def window_to_json(window: AnalysedWindow) -> Json:
    active = np.asarray(window.active, dtype=bool)
    return {
        "start": window.start,
        "active": _pack(np.packbits(active.reshape(-1)).tobytes()),
        "stretches": [_stretch_to_json(s) for s in window.stretches],
    }


def window_from_json(data: Json) -> AnalysedWindow:
    shape = (segmentation.FRAMES, segmentation.LOCAL)
    bits = np.frombuffer(_unpack(data["active"]), dtype=np.uint8)
    active = np.unpackbits(bits, count=shape[0] * shape[1]).astype(bool).reshape(shape)
    stretches = [_stretch_from_json(item) for item in data["stretches"]]
    return AnalysedWindow(int(data["start"]), active, stretches)


def voices_record(windows: Iterable[AnalysedWindow], next_start: int, samples: int | None) -> Json:
    """A journal record of windows analysed since the last one (without its ``type``)."""
    return {
        "next": next_start,
        "samples": samples,
        "windows": [window_to_json(w) for w in windows],
    }


def so_far(records: Iterable[Json]) -> AnalysisSoFar:
    """What the records of one run after another add up to.

    Raises:
        ValueError, KeyError, TypeError: a record that is not one of ours.
    """
    windows: list[AnalysedWindow] = []
    next_start, samples = 0, None
    for record in records:
        windows.extend(window_from_json(w) for w in record["windows"])
        next_start = int(record["next"])
        samples = None if record["samples"] is None else int(record["samples"])
    return AnalysisSoFar(tuple(windows), next_start, samples)
