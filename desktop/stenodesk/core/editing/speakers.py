"""Speakers in an edited transcript: their names, and edits that rename, merge or reassign.

A segment's ``speaker`` is a number (0 for the first voice heard); what a
user calls that voice is kept apart, in :class:`SpeakerNames`, so renaming
"Speaker 2" to "Diane" changes one name, not every line. Each operation
returns an :class:`~stenodesk.core.editing.edit.Edit` (undoable, storable as
a record) like the other editing operations: a rename carries only a
:class:`NamesChange`; a merge or a line's new speaker changes lines too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from stenodesk.core.editing.edit import Change, Edit, NamesChange, SpeakerNames
from stenodesk.core.transcript import Segment

__all__ = [
    "NamesChange",
    "SpeakerNames",
    "merge_speakers",
    "rename_speaker",
    "set_speaker",
    "speakers_in",
]

MAX_NAME_LENGTH = 80


def speakers_in(segments: Sequence[Segment]) -> tuple[int, ...]:
    """The speakers that have lines, in number order."""
    return tuple(sorted({s.speaker for s in segments if s.speaker is not None}))


def rename_speaker(names: SpeakerNames, speaker: int, name: str) -> Edit | None:
    """Call ``speaker`` ``name`` everywhere; an empty name gives back the default.

    Returns None when the name does not change.

    Raises:
        ValueError: a negative speaker, or a name longer than :data:`MAX_NAME_LENGTH`.
    """
    if speaker < 0:
        raise ValueError("speakers are numbered from 0")
    name = " ".join(name.split())  # one line, no stray spaces: it prefixes subtitle lines
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(f"a speaker's name has at most {MAX_NAME_LENGTH} characters")
    new = names.renamed(speaker, name)
    if new == names:
        return None
    return Edit("Rename speaker {line}", (), 1, speaker + 1, NamesChange(names, new))


def set_speaker(segments: Sequence[Segment], row: int, speaker: int | None) -> Edit | None:
    """Line ``row`` (and each of its words) is said by ``speaker``; None if it is already."""
    if not 0 <= row < len(segments):
        raise IndexError(f"no line {row + 1} in {len(segments)} lines")
    if speaker is not None and speaker < 0:
        raise ValueError("speakers are numbered from 0")
    seg = segments[row]
    changed = _with_speaker(seg, speaker)
    if changed == seg:
        return None
    return Edit(
        "Change the speaker of line {line}", (Change(row, (seg,), (changed,)),), line=row + 1
    )


def merge_speakers(
    segments: Sequence[Segment], names: SpeakerNames, keep: int, gone: int
) -> Edit | None:
    """Every line of ``gone`` becomes ``keep``'s; ``gone``'s name is forgotten.

    Returns None when ``gone`` has no lines and no name (nothing to merge).

    Raises:
        ValueError: a speaker merged with itself, or a negative speaker.
    """
    if keep == gone or keep < 0 or gone < 0:
        raise ValueError("merge two different speakers, numbered from 0")
    changes = tuple(
        Change(row, (seg,), (_with_speaker(seg, keep),))
        for row, seg in enumerate(segments)
        if seg.speaker == gone or any(w.speaker == gone for w in seg.words)
    )
    new_names = names.renamed(gone, "")
    if not changes and new_names == names:
        return None
    label = "Merge speaker {count} into speaker {line}"
    names_change = NamesChange(names, new_names) if new_names != names else None
    return Edit(label, changes, gone + 1, keep + 1, names_change)


def _with_speaker(seg: Segment, speaker: int | None) -> Segment:
    words = tuple(replace(w, speaker=speaker) for w in seg.words)
    return replace(seg, speaker=speaker, words=words)


def names_from_mapping(data: Mapping[int, str]) -> SpeakerNames:
    """Names from a plain mapping (empty names left out)."""
    names = SpeakerNames()
    for speaker, name in sorted(data.items()):
        names = names.renamed(speaker, name)
    return names
