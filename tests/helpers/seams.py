"""Finding words lost or doubled near window seams.

The reference is what was placed in the audio (sentence, start, end); each of
its words gets a time spread evenly over its sentence. The hypothesis words
take their times from word timestamps. After aligning the two word lists,
every inserted word (doubled or invented) and every deleted word (lost) that
lies within ``radius`` seconds of a seam is reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import jiwer
from tests.helpers import speech

from stenodesk.core.transcript import Segment


def reference_words(placed: speech.Placed) -> list[tuple[str, float]]:
    words: list[tuple[str, float]] = []
    for t0, t1, text in placed:
        tokens = speech.normalise(text).split()
        for j, token in enumerate(tokens):
            words.append((token, t0 + (j + 0.5) / len(tokens) * (t1 - t0)))
    return words


def hypothesis_words(segments: Iterable[Segment]) -> list[tuple[str, float]]:
    words: list[tuple[str, float]] = []
    for seg in segments:
        if not seg.words:
            raise ValueError("transcribe with word_timestamps=True to locate words")
        for w in seg.words:
            for token in speech.normalise(w.text).split():
                words.append((token, (w.start + w.end) / 2))
    return words


def seam_errors(
    placed: speech.Placed,
    segments: Sequence[Segment],
    seams: Iterable[float],
    radius: float = 4.0,
) -> list[str]:
    """Words inserted or deleted within ``radius`` seconds of any seam, described."""
    ref, hyp = reference_words(placed), hypothesis_words(segments)
    out = jiwer.process_words(" ".join(w for w, _ in ref), " ".join(w for w, _ in hyp))
    seams = list(seams)
    errors: list[str] = []
    for chunk in out.alignments[0]:
        if chunk.type == "insert":
            found = hyp[chunk.hyp_start_idx : chunk.hyp_end_idx]
            kind = "doubled or invented"
        elif chunk.type == "delete":
            found = ref[chunk.ref_start_idx : chunk.ref_end_idx]
            kind = "lost"
        else:
            continue
        for word, t in found:
            near = [s for s in seams if abs(s - t) <= radius]
            if near:
                errors.append(f"{kind} {word!r} at {t:.2f}s (seam at {near[0]:.2f}s)")
    return errors
