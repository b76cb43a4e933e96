"""Turning segments into subtitle cues that are comfortable to read.

A cue holds at most ``max_lines`` lines of at most ``max_chars_per_line``
characters and lasts at most ``max_duration`` seconds. Each segment is split
into as few cues as fit, breaking preferably after a sentence, then after a
clause, then at the longest pause; word timestamps place the breaks in time
when the transcript has them, otherwise time is shared out by characters.
Scripts written without spaces (Chinese, Japanese) are split by character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from stenodesk.core.transcript import Segment


@dataclass(frozen=True)
class SubtitleOptions:
    max_chars_per_line: int = 42
    max_lines: int = 2
    max_duration: float = 7.0
    min_duration: float = 0.3
    speaker_labels: bool = True
    """SRT cues start with the speaker's name ("Diane: "), when speakers were found."""

    def validate(self) -> None:
        if self.max_chars_per_line < 8:
            raise ValueError("a subtitle line needs room for at least 8 characters")
        if self.max_lines < 1:
            raise ValueError("a cue needs at least one line")
        if self.max_duration < 1.0:
            raise ValueError("a cue must be allowed to last at least one second")


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    lines: tuple[str, ...]
    speaker: int | None = None
    """The speaker of the segment the cue comes from, when speakers were assigned."""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class _Token:
    """A word with its leading space, as Whisper writes it (' hello', or '你')."""

    text: str
    start: float
    end: float


_CJK = "\u2e80-\u2fff\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_TOKEN = re.compile(rf"\s*[{_CJK}]|\s*[^\s{_CJK}]+")
_SENTENCE_END = (".", "?", "!", "…", "。", "？", "！")
_CLAUSE_END = (",", ";", ":", "—", "，", "；", "：", "、")


def _tokens(segment: Segment) -> list[_Token]:
    if segment.words:
        return [_Token(w.text, w.start, w.end) for w in segment.words if w.text.strip()]
    parts = _TOKEN.findall(segment.text)
    if not parts:
        return []
    span = max(segment.end - segment.start, 0.0)
    weights = [max(len(p.strip()), 1) for p in parts]
    total = sum(weights)
    tokens, t = [], segment.start
    for part, weight in zip(parts, weights, strict=True):
        dt = span * weight / total
        tokens.append(_Token(part, t, t + dt))
        t += dt
    return tokens


def _split_long(tokens: Iterable[_Token], limit: int) -> list[_Token]:
    """Cut tokens longer than a line (URLs, unbroken text) into line-sized pieces."""
    out: list[_Token] = []
    for tok in tokens:
        text = tok.text
        if len(text.strip()) <= limit:
            out.append(tok)
            continue
        lead = text[: len(text) - len(text.lstrip())]
        body = text.strip()
        pieces = [body[i : i + limit] for i in range(0, len(body), limit)]
        span = (tok.end - tok.start) / len(pieces)
        for i, piece in enumerate(pieces):
            out.append(
                _Token(
                    (lead if i == 0 else "") + piece,
                    tok.start + i * span,
                    tok.start + (i + 1) * span,
                )
            )
    return out


def _join(tokens: Sequence[_Token]) -> str:
    return "".join(t.text for t in tokens).strip()


def wrap_lines(tokens: Sequence[_Token], max_chars: int, max_lines: int) -> tuple[str, ...] | None:
    """Lay tokens out in at most ``max_lines`` balanced lines, or None if they do not fit."""
    text = _join(tokens)
    if len(text) <= max_chars:
        return (text,)
    if max_lines == 1:
        return None
    best: tuple[float, int] | None = None
    for i in range(1, len(tokens)):
        head, tail = _join(tokens[:i]), _join(tokens[i:])
        if len(head) > max_chars:
            break
        rest = wrap_lines(tokens[i:], max_chars, max_lines - 1)
        if rest is None:
            continue
        # Balanced lines read best; a break after punctuation is worth a few characters.
        cost = abs(len(head) - len(tail)) if max_lines == 2 else len(rest) * max_chars - len(head)
        if head.endswith(_SENTENCE_END + _CLAUSE_END):
            cost -= 8
        if best is None or cost < best[0]:
            best = (cost, i)
    if best is None:
        return None
    i = best[1]
    rest = wrap_lines(tokens[i:], max_chars, max_lines - 1)
    assert rest is not None
    return (_join(tokens[:i]), *rest)


def _break_score(tokens: Sequence[_Token], i: int) -> float:
    """How good a place is the gap after tokens[i-1] for ending a cue (higher is better)."""
    before = tokens[i - 1].text.strip()
    score = 0.0
    if before.endswith(_SENTENCE_END):
        score += 3.0
    elif before.endswith(_CLAUSE_END):
        score += 1.5
    if i < len(tokens):
        score += min(tokens[i].start - tokens[i - 1].end, 2.0)
    return score + i / (len(tokens) + 1) * 0.5  # prefer fuller cues


def _fits(tokens: Sequence[_Token], opts: SubtitleOptions) -> bool:
    if tokens[-1].end - tokens[0].start > opts.max_duration and len(tokens) > 1:
        return False
    return wrap_lines(tokens, opts.max_chars_per_line, opts.max_lines) is not None


def _segment_cues(tokens: list[_Token], opts: SubtitleOptions) -> list[list[_Token]]:
    groups: list[list[_Token]] = []
    while tokens:
        n = 1
        while n < len(tokens) and _fits(tokens[: n + 1], opts):
            n += 1
        if n < len(tokens):
            # Do not take all that fits: end at the best break within it.
            n = max(range(1, n + 1), key=lambda i: _break_score(tokens, i))
        groups.append(tokens[:n])
        tokens = tokens[n:]
    return groups


def shape(segments: Iterable[Segment], options: SubtitleOptions | None = None) -> list[Cue]:
    """Subtitle cues for the segments: in order, non-empty, never overlapping."""
    opts = options or SubtitleOptions()
    opts.validate()
    cues: list[Cue] = []
    for segment in segments:
        tokens = _split_long(_tokens(segment), opts.max_chars_per_line)
        for group in _segment_cues(tokens, opts):
            lines = wrap_lines(group, opts.max_chars_per_line, opts.max_lines)
            if not lines or not "".join(lines).strip():
                continue
            cues.append(Cue(group[0].start, group[-1].end, lines, segment.speaker))
    return _fix_timing(cues, opts)


def _fix_timing(cues: list[Cue], opts: SubtitleOptions) -> list[Cue]:
    """Make times strictly increasing, give every cue a minimal duration, remove overlaps."""
    fixed: list[Cue] = []
    for i, cue in enumerate(cues):
        start = max(cue.start, fixed[-1].end if fixed else 0.0)
        end = max(cue.end, start + opts.min_duration)
        if i + 1 < len(cues):
            end = min(end, max(cues[i + 1].start, start + 0.001))
        end = min(end, start + opts.max_duration) if end - start > opts.max_duration else end
        if end <= start:
            end = start + 0.001
        fixed.append(Cue(start, end, cue.lines, cue.speaker))
    return fixed
