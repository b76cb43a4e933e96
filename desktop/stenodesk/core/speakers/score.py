"""Diarization error rate and RTTM files: our own scorer.

DER = (missed speech + false alarm + speaker confusion) / reference speech,
on a 10 ms grid, overlapping speech scored, with a no-score collar around
every reference turn boundary, and the one-to-one mapping of reference to
hypothesis speakers that maximises their common time (as NIST md-eval does).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from stenodesk.core.speakers.result import Turn

RESOLUTION = 0.01


@dataclass(frozen=True)
class Score:
    """DER parts in seconds of speaker time."""

    reference: float
    missed: float
    false_alarm: float
    confusion: float

    @property
    def der(self) -> float:
        errors = self.missed + self.false_alarm + self.confusion
        return errors / self.reference if self.reference > 0 else float(errors > 0)


def _grid(turns: Sequence[Turn], frames: int) -> tuple[npt.NDArray[np.bool_], list[int]]:
    names = sorted({t.speaker for t in turns})
    grid = np.zeros((frames, len(names)), dtype=bool)
    for t in turns:
        grid[round(t.start / RESOLUTION) : round(t.end / RESOLUTION), names.index(t.speaker)] = True
    return grid, names


def _best_mapping(common: npt.NDArray[np.float64]) -> float:
    """Largest total of common[i, j] over one-to-one pairs (dynamic programme over subsets)."""
    rows, cols = common.shape
    if rows > cols:
        common, rows, cols = common.T, cols, rows
    best = {0: 0.0}
    for i in range(rows):
        nxt: dict[int, float] = {}
        for used, value in best.items():
            nxt[used] = max(nxt.get(used, -1.0), value)  # row i left unmatched
            for j in range(cols):
                if not used >> j & 1:
                    key = used | 1 << j
                    nxt[key] = max(nxt.get(key, -1.0), value + float(common[i, j]))
        best = nxt
    return max(best.values())


def score(reference: Sequence[Turn], hypothesis: Sequence[Turn], collar: float = 0.25) -> Score:
    """Score ``hypothesis`` against ``reference`` turns."""
    end = max((t.end for t in (*reference, *hypothesis)), default=0.0)
    frames = int(np.ceil(end / RESOLUTION)) + 1
    ref, _ = _grid(reference, frames)
    hyp, _ = _grid(hypothesis, frames)
    scored = np.ones(frames, dtype=bool)
    pad = round(collar / RESOLUTION)
    for t in reference:
        for edge in (round(t.start / RESOLUTION), round(t.end / RESOLUTION)):
            scored[max(0, edge - pad) : edge + pad] = False
    ref, hyp = ref[scored], hyp[scored]
    n_ref, n_hyp = ref.sum(axis=1), hyp.sum(axis=1)
    common = ref.T.astype(np.float64) @ hyp.astype(np.float64)
    correct = _best_mapping(common) if common.size else 0.0
    missed = np.maximum(n_ref - n_hyp, 0).sum()
    false_alarm = np.maximum(n_hyp - n_ref, 0).sum()
    confusion = np.minimum(n_ref, n_hyp).sum() - correct
    return Score(
        float(n_ref.sum()) * RESOLUTION,
        float(missed) * RESOLUTION,
        float(false_alarm) * RESOLUTION,
        float(confusion) * RESOLUTION,
    )


def write_rttm(path: Path, turns: Iterable[Turn], recording: str = "audio") -> None:
    """Write turns as RTTM ``SPEAKER`` lines."""
    lines = [
        f"SPEAKER {recording} 1 {t.start:.3f} {t.end - t.start:.3f} <NA> <NA> "
        f"spk{t.speaker:02d} <NA> <NA>"
        for t in turns
    ]
    path.write_text("".join(line + "\n" for line in lines))


def read_rttm(path: Path) -> list[Turn]:
    """Turns from an RTTM file's ``SPEAKER`` lines; speakers numbered by first appearance."""
    names: dict[str, int] = {}
    turns = []
    for line in path.read_text().splitlines():
        fields = line.split()
        if len(fields) < 8 or fields[0] != "SPEAKER":
            continue
        start, length = float(fields[3]), float(fields[4])
        speaker = names.setdefault(fields[7], len(names))
        turns.append(Turn(start, start + length, speaker))
    return turns
