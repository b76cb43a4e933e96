"""The speakers option as users write it: ``off``, ``auto``, ``N`` or ``MIN-MAX``."""

from __future__ import annotations

import re

from stenodesk.core.speakers.clustering import SpeakerCount

MAX_SPEAKERS = 20
"""More voices than this in one recording is beyond what the clustering was tuned for."""

_RANGE = re.compile(r"^(\d+)\s*-\s*(\d+)$")


def parse_speakers(text: str) -> SpeakerCount | None:
    """The speaker count a speakers option asks for; None for ``off``.

    Args:
        text: ``off`` (no speakers), ``auto`` (found automatically), ``N``
            (exactly N) or ``MIN-MAX`` (between MIN and MAX), case and spaces
            ignored.

    Raises:
        ValueError: with a message fit to show the user.
    """
    value = text.strip().lower()
    if value in ("off", "none", "no", ""):
        return None
    if value == "auto":
        return SpeakerCount()
    if value.isdigit():
        return SpeakerCount(num=_bounded(int(value), text))
    found = _RANGE.match(value)
    if found is None:
        raise ValueError(
            f"speakers must be off, auto, a number such as 2 or a range such as 2-4, not {text!r}"
        )
    low, high = _bounded(int(found[1]), text), _bounded(int(found[2]), text)
    if low > high:
        raise ValueError(
            f"the speaker range {text!r} ends below its start; write it as {high}-{low}"
        )
    return SpeakerCount(low=low, high=high) if low < high else SpeakerCount(num=low)


def _bounded(n: int, text: str) -> int:
    if not 1 <= n <= MAX_SPEAKERS:
        raise ValueError(f"speakers must be between 1 and {MAX_SPEAKERS}, not {text!r}")
    return n
