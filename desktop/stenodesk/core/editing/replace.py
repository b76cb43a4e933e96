"""Find and replace across a transcript's lines.

Options as in any editor: match case, whole word, regular expression. A
search never crosses from one line into the next. Replace-all is a single
:class:`Edit` (one undo step) whose ``count`` is the number of replacements.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from stenodesk.core.editing.edit import Change, Edit
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.transcript import Segment


@dataclass(frozen=True)
class FindOptions:
    match_case: bool = False
    whole_word: bool = False
    regex: bool = False
    """The query is a Python regular expression; the replacement may use \\1 and \\g<name>."""


@dataclass(frozen=True)
class Match:
    """A found piece of text: line ``row``, characters ``start`` to ``end``."""

    row: int
    start: int
    end: int


def compile_query(query: str, options: FindOptions) -> re.Pattern[str]:
    """The pattern a search runs.

    Raises:
        StenodeskError: FIND_PATTERN for an invalid regular expression
            (subject: what is wrong with it).
    """
    body = query if options.regex else re.escape(query)
    if options.whole_word:
        # \b fails next to punctuation ("Dr." or "C++"): look for no word character around instead.
        body = rf"(?<!\w)(?:{body})(?!\w)"
    flags = 0 if options.match_case else re.IGNORECASE
    try:
        return re.compile(body, flags)
    except re.error as exc:
        raise StenodeskError(ErrorKind.FIND_PATTERN, str(exc), query) from exc


def find_all(
    segments: Sequence[Segment], query: str, options: FindOptions = FindOptions()
) -> tuple[Match, ...]:
    """Every non-empty match, line by line, in order (none for an empty query)."""
    if not query:
        return ()
    pattern = compile_query(query, options)
    return tuple(
        Match(row, m.start(), m.end())
        for row, seg in enumerate(segments)
        for m in pattern.finditer(seg.text)
        if m.end() > m.start()
    )


def find_next(
    segments: Sequence[Segment],
    query: str,
    options: FindOptions = FindOptions(),
    *,
    after: tuple[int, int] = (0, -1),
) -> Match | None:
    """The first match after (row, character) ``after``, wrapping round; None if none."""
    matches = find_all(segments, query, options)
    for match in matches:
        if (match.row, match.start) > after:
            return match
    return matches[0] if matches else None


def replace_all(
    segments: Sequence[Segment],
    query: str,
    replacement: str,
    options: FindOptions = FindOptions(),
) -> Edit | None:
    """Replace every match; None if nothing matches or nothing would change.

    Raises:
        StenodeskError: FIND_PATTERN for a bad query, or a replacement that
            refers to a group the expression does not have.
    """
    if not query:
        return None
    pattern = compile_query(query, options)
    template = _template(replacement, options)
    changes = []
    count = 0
    for row, seg in enumerate(segments):
        text, n = _substitute(pattern, template, seg.text)
        if n and text != seg.text:
            changes.append(Change(row, (seg,), (seg.with_text(text),)))
            count += n
    if not changes:
        return None
    return Edit("Replace {count} matches", tuple(changes), count=count)


def replace_one(
    segments: Sequence[Segment],
    match: Match,
    query: str,
    replacement: str,
    options: FindOptions = FindOptions(),
) -> Edit:
    """Replace the one match ``match`` (as found by :func:`find_next`)."""
    pattern = compile_query(query, options)
    seg = segments[match.row]
    found = pattern.match(seg.text, match.start)
    if found is None or found.end() != match.end:
        raise StenodeskError(ErrorKind.FIND_PATTERN, "the text changed since it was found")
    new = _expand(found, _template(replacement, options))
    text = seg.text[: match.start] + new + seg.text[match.end :]
    change = Change(match.row, (seg,), (seg.with_text(text),))
    return Edit("Replace in line {line}", (change,), count=1, line=match.row + 1)


def _template(replacement: str, options: FindOptions) -> str:
    """The replacement as a match template: taken literally unless searching by expression."""
    return replacement if options.regex else replacement.replace("\\", "\\\\")


def _expand(match: re.Match[str], template: str) -> str:
    try:
        return match.expand(template)
    except (re.error, IndexError) as exc:
        raise StenodeskError(ErrorKind.FIND_PATTERN, str(exc), template) from exc


def _substitute(pattern: re.Pattern[str], template: str, text: str) -> tuple[str, int]:
    """``text`` with every non-empty match replaced, and how many there were."""
    pieces: list[str] = []
    at = count = 0
    for match in pattern.finditer(text):
        if match.end() == match.start():
            continue  # "x*" matches nothing between letters: not a replacement
        pieces += [text[at : match.start()], _expand(match, template)]
        at = match.end()
        count += 1
    pieces.append(text[at:])
    return "".join(pieces), count
