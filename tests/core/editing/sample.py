"""A small transcript to edit: one line with word times, two without."""

from __future__ import annotations

from stenodesk.core.transcript import Segment, Word

WORDS = (
    Word(0.0, 0.4, " Hello", 0.9),
    Word(0.5, 0.9, " world,", 0.9),
    Word(1.0, 1.2, " this", 0.9),
    Word(1.3, 1.5, " is", 0.9),
    Word(1.6, 2.0, " Ann.", 0.9),
)

LINES = (
    Segment(0, 0.0, 2.0, " Hello world, this is Ann.", WORDS),
    Segment(1, 2.5, 4.0, " The cat sat on the mat."),
    Segment(2, 4.0, 6.0, " Concatenate the CAT files."),
)
