"""Catching Whisper's repetition loops as segments stream out.

On long audio Whisper sometimes falls into a loop and emits the same sentence
again and again. The guard lets two repeats through (people do repeat
themselves), and on the third identical sentence in a row it reports a loop:
the engine then keeps one copy, flags it, and decodes what follows without
the previous text as a prompt, which is what feeds such loops.

Segments of punctuation alone (". . .", "...") hold no words: Whisper writes
them into silence, and once the previous text is full of them it goes on
writing nothing else, chunk after chunk (seen with greedy decoding and no
temperature fallback over half an hour of sparse speech: 1,600 such
segments and most sentences after them lost). They count as one sentence
here, so three in a row are a loop too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

LOOP_LENGTH = 3
"""This many identical sentences in a row make a loop."""

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_NO_WORDS = "\x00punctuation"
"""The key every segment of punctuation alone shares."""


def normalise(text: str) -> str:
    """Lower case, no punctuation or extra spaces: what counts as 'the same sentence'."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NON_WORD.sub(" ", text).strip()


def no_words(text: str) -> bool:
    """``text`` is punctuation alone ("...", ". . ."), with no word, digit or symbol (not "♪")."""
    marks = "".join(text.split())
    return bool(marks) and all(unicodedata.category(c).startswith("P") for c in marks)


@dataclass
class LoopGuard:
    """Feed it each segment's text; it says when a loop has started."""

    _last: str = ""
    _run: int = 0

    def feed(self, text: str) -> bool:
        """True if ``text`` makes LOOP_LENGTH identical sentences in a row."""
        key = normalise(text) or (_NO_WORDS if no_words(text) else "")
        if key and key == self._last:
            self._run += 1
        else:
            self._last, self._run = key, 1
        return self._run >= LOOP_LENGTH

    def reset(self) -> None:
        self._last, self._run = "", 0
