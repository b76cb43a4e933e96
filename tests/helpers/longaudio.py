"""Long recordings (minutes to hours) written straight to disk, never whole in memory.

:func:`tests.helpers.speech.long_recording` returns the audio as one array,
which is fine for minutes; two hours of it would be 460 MB in the test
process. These helpers stream the same kind of audio (espeak-ng sentences
between pauses) into a 16 kHz WAV block by block.
"""

from __future__ import annotations

import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from tests.helpers import speech

SR = speech.SR


def voices(tmp: Path) -> list[np.ndarray]:
    """Each of :data:`speech.SENTENCES` spoken once, as 16 kHz float32."""
    return [speech.say_pcm(s, tmp) for s in speech.SENTENCES]


def _blocks(
    spoken: list[np.ndarray],
    seconds: float,
    pause: tuple[float, float],
    seed: int,
    placed: speech.Placed,
) -> Iterator[np.ndarray]:
    rng = np.random.default_rng(seed)
    limit = int(seconds * SR)
    total = 0
    i = 0
    while True:
        k = i % len(spoken)
        gap = int(float(rng.uniform(*pause)) * SR)
        if total + gap + len(spoken[k]) > limit:
            break
        yield np.zeros(gap, dtype=np.float32)
        total += gap
        yield spoken[k]
        placed.append((total / SR, (total + len(spoken[k])) / SR, speech.SENTENCES[k]))
        total += len(spoken[k])
        i += 1
    while total < limit:  # trailing silence, in bounded pieces
        n = min(limit - total, 60 * SR)
        yield np.zeros(n, dtype=np.float32)
        total += n


def write_long_recording(
    path: Path,
    seconds: float,
    spoken: list[np.ndarray],
    *,
    pause: tuple[float, float] = (0.4, 4.0),
    seed: int = 7,
) -> speech.Placed:
    """Write ``seconds`` of sentences and pauses to a 16 kHz mono WAV at ``path``.

    ``pause`` bounds the silence before each sentence (uniformly drawn): the
    default gives continuous talk like :func:`speech.long_recording`; a long
    pause such as ``(25.0, 35.0)`` gives a mostly silent file with speech
    spread across it. Returns (start, end, sentence) for each sentence placed.
    """
    placed: speech.Placed = []
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SR)
        for block in _blocks(spoken, seconds, pause, seed, placed):
            w.writeframes((np.clip(block, -1.0, 1.0) * 32767).astype("<i2").tobytes())
    return placed
