"""Word-level helpers for live transcription: agreement between hypotheses, overlap removal."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from stenodesk.core.transcript import Word

_NON_WORD = re.compile(r"[^\w']+")


def norm(text: str) -> str:
    """A word as compared between hypotheses: lower case, no punctuation."""
    return _NON_WORD.sub("", text.casefold())


def join_words(words: Iterable[Word]) -> str:
    """Words back into text (Whisper's words carry their own leading spaces)."""
    return "".join(w.text for w in words).strip()


def agreed_prefix(previous: Sequence[Word], current: Sequence[Word], cut: float) -> int:
    """How many leading words of ``current`` the ``previous`` hypothesis also had.

    LocalAgreement-2: text two consecutive hypotheses agree on is stable
    enough to commit. Words compare without case and punctuation. A word of
    the previous hypothesis ending within 0.25 s of ``cut`` (where its audio
    ended) may have been heard only in part, so agreement stops before it.
    """
    n = 0
    for a, b in zip(previous, current, strict=False):
        if a.end > cut - 0.25 or norm(a.text) != norm(b.text):
            break
        n += 1
    return n


def fresh_words(committed: Sequence[Word], words: Sequence[Word], max_ngram: int = 5) -> list[Word]:
    """The part of a hypothesis that follows the committed words.

    A hypothesis over a buffer that still holds committed audio repeats the
    committed words; they are recognised by time (their middle lies before
    the end of the committed text) and, at the seam, by text: when up to
    ``max_ngram`` words at the start repeat the last committed ones close in
    time, they are dropped too.
    """
    if not committed:
        return list(words)
    end = committed[-1].end
    fresh = [w for w in words if (w.start + w.end) / 2 > end]
    if not fresh or fresh[0].start > end + 1.0:
        return fresh
    tail = [norm(w.text) for w in committed[-max_ngram:]]
    for n in range(min(len(tail), len(fresh)), 0, -1):
        if tail[-n:] == [norm(w.text) for w in fresh[:n]]:
            return fresh[n:]
    return fresh
