"""Subtitle shaping keeps its limits on many random transcripts."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest

from stenodesk.core.export.shaping import SubtitleOptions, shape
from stenodesk.core.transcript import Segment, Word

VOCAB = "the a meeting project report weather window house market garden library tomorrow".split()
VOCAB += ["extraordinarily", "internationalisation", "https://example.org/a/very/long/path"]


def random_segments(rng: random.Random, with_words: bool) -> list[Segment]:
    segs, t = [], 0.0
    for i in range(rng.randint(1, 12)):
        n = rng.randint(1, 40)
        words, w_t = [], t
        for _ in range(n):
            text = " " + rng.choice(VOCAB) + rng.choice(["", "", "", ",", ".", "?"])
            dur = rng.uniform(0.1, 0.8)
            words.append(Word(w_t, w_t + dur, text, 0.9))
            w_t += dur + rng.choice([0.0, 0.05, 0.3, 1.5])
        end = w_t if words else t + 1
        segs.append(
            Segment(i, t, end, "".join(w.text for w in words), tuple(words) if with_words else ())
        )
        t = end + rng.uniform(0, 2)
    return segs


@pytest.mark.parametrize("seed", range(40))
def test_limits_hold(seed: int) -> None:
    rng = random.Random(seed)
    opts = SubtitleOptions(rng.choice([16, 32, 42]), rng.choice([1, 2, 3]), rng.choice([2.0, 7.0]))
    segs = random_segments(rng, with_words=seed % 2 == 0)
    cues = shape(segs, opts)
    assert cues
    for a, b in pairwise(cues):
        assert a.end <= b.start
    for cue in cues:
        assert cue.start < cue.end
        assert cue.end - cue.start <= opts.max_duration + 1e-9
        assert 1 <= len(cue.lines) <= opts.max_lines
        assert all(0 < len(line) <= opts.max_chars_per_line for line in cue.lines)
    # Nothing lost: every character of the text appears, in order.
    said = "".join(s.text.split() and "".join(s.text.split()) for s in segs)
    shown = "".join("".join(c.text.split()) for c in cues)
    assert shown == said
