"""Speakers onto a transcript: each word to the speaker it overlaps most.

A segment whose words change speaker is split at the word where the change
happens, so that every resulting segment has one speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from stenodesk.core.speakers.result import Turn
from stenodesk.core.transcript import Segment, Word

NEAR = 0.5
"""A word no turn overlaps takes the nearest turn's speaker within this many seconds."""


def speaker_at(turns: Sequence[Turn], start: float, end: float) -> int | None:
    """The speaker who talks most during [start, end], or the nearest one; None if none."""
    talk: dict[int, float] = {}
    for t in turns:
        common = min(end, t.end) - max(start, t.start)
        if common > 0:
            talk[t.speaker] = talk.get(t.speaker, 0.0) + common
    if talk:
        return max(sorted(talk), key=lambda s: talk[s])
    gaps = [(max(t.start - end, start - t.end), t.speaker) for t in turns]
    near = [g for g in gaps if g[0] <= NEAR]
    return min(near)[1] if near else None


def _piece(segment: Segment, words: list[Word], speaker: int | None, index: int) -> Segment:
    return Segment(
        index,
        words[0].start,
        words[-1].end,
        "".join(w.text for w in words),
        tuple(replace(w, speaker=speaker) for w in words),
        segment.avg_logprob,
        segment.no_speech_prob,
        segment.repeats_collapsed,
        speaker,
    )


def split_segment(segment: Segment, turns: Sequence[Turn], index: int) -> list[Segment]:
    """``segment`` with speakers, split where its words change speaker.

    Segments without word times get the speaker of their whole span.
    Indexes are numbered on from ``index``.
    """
    if not segment.words:
        speaker = speaker_at(turns, segment.start, segment.end)
        return [_piece_whole(segment, speaker, index)]
    groups: list[tuple[int | None, list[Word]]] = []
    for word in segment.words:
        speaker = speaker_at(turns, word.start, word.end)
        if groups and (speaker == groups[-1][0] or speaker is None):
            groups[-1][1].append(word)
        elif groups and groups[-1][0] is None:
            groups[-1] = (speaker, [*groups[-1][1], word])
        else:
            groups.append((speaker, [word]))
    if len(groups) == 1:
        return [_piece_whole(segment, groups[0][0], index)]
    return [_piece(segment, words, speaker, index + i) for i, (speaker, words) in enumerate(groups)]


def _piece_whole(segment: Segment, speaker: int | None, index: int) -> Segment:
    return Segment(
        index,
        segment.start,
        segment.end,
        segment.text,
        tuple(replace(w, speaker=speaker) for w in segment.words),
        segment.avg_logprob,
        segment.no_speech_prob,
        segment.repeats_collapsed,
        speaker,
    )


def assign_speakers(segments: Sequence[Segment], turns: Sequence[Turn]) -> tuple[Segment, ...]:
    """The segments with their speakers, split where a segment's speaker changes."""
    result: list[Segment] = []
    for segment in segments:
        result.extend(split_segment(segment, turns, len(result)))
    return tuple(result)
