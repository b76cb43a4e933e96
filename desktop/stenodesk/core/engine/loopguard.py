"""Catching Whisper's repetition loops as segments stream out.

On long audio Whisper sometimes falls into a loop and emits the same sentence
again and again. The guard lets two repeats through (people do repeat
themselves), and on the third identical sentence in a row it reports a loop:
the engine then keeps one copy, flags it, and decodes what follows without
the previous text as a prompt, which is what feeds such loops.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

LOOP_LENGTH = 3
"""This many identical sentences in a row make a loop."""

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Lower case, no punctuation or extra spaces: what counts as 'the same sentence'."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NON_WORD.sub(" ", text).strip()


@dataclass
class LoopGuard:
    """Feed it each segment's text; it says when a loop has started."""

    _last: str = ""
    _run: int = 0

    def feed(self, text: str) -> bool:
        """True if ``text`` makes LOOP_LENGTH identical sentences in a row."""
        key = normalise(text)
        if key and key == self._last:
            self._run += 1
        else:
            self._last, self._run = key, 1
        return self._run >= LOOP_LENGTH

    def reset(self) -> None:
        self._last, self._run = "", 0
