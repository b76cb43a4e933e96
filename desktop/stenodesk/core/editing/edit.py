"""An edit of a transcript as a value: what it replaced and with what.

Every editing operation in this package returns an :class:`Edit` instead of
changing anything. ``edit.apply(segments)`` gives the edited segments (redo)
and ``edit.revert(edited)`` the original ones (undo), so a front end's undo
stack only has to keep the edits. Each :class:`Change` replaces a run of
consecutive lines; applying one checks that the lines are the ones it was
made for, so an edit is never applied to a transcript it does not fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from stenodesk.core.transcript import Segment, Transcript


class EditConflictError(Exception):
    """An edit was applied to segments other than those it was made for (a bug)."""


@dataclass(frozen=True)
class Change:
    """Lines ``row`` .. ``row + len(old) - 1`` become ``new``."""

    row: int
    old: tuple[Segment, ...]
    new: tuple[Segment, ...]


@dataclass(frozen=True)
class SpeakerNames:
    """What the user calls each speaker; unnamed ones are "Speaker N" (N from 1).

    ``named`` holds (speaker, name) pairs in speaker order, only for speakers
    given a name, so two equal sets of names compare equal.
    """

    named: tuple[tuple[int, str], ...] = ()

    def name(self, speaker: int) -> str:
        """The speaker's name, or the default English one."""
        return self.custom(speaker) or f"Speaker {speaker + 1}"

    def custom(self, speaker: int) -> str:
        """The name the user gave, or "" when none."""
        return dict(self.named).get(speaker, "")

    def renamed(self, speaker: int, name: str) -> SpeakerNames:
        """These names with ``speaker`` called ``name`` ("" forgets the name)."""
        names = dict(self.named)
        if name:
            names[speaker] = name
        else:
            names.pop(speaker, None)
        return SpeakerNames(tuple(sorted(names.items())))


@dataclass(frozen=True)
class NamesChange:
    """The speakers' names before and after an edit."""

    old: SpeakerNames
    new: SpeakerNames


@dataclass(frozen=True)
class Edit:
    """One undoable step: changes at increasing rows, rows counted before the edit.

    Attributes:
        label: what the step did, for an Undo menu, as an untranslated
            template with ``{line}`` and ``{count}`` ("Split line {line}").
        changes: non-overlapping, in increasing ``row`` order.
        count: how many things it changed, where that means something
            (replacements made); else the number of changes.
        line: the (1-based) line the label names.
        names: the speakers' names it changes, if any (a rename, a merge).
    """

    label: str
    changes: tuple[Change, ...]
    count: int = -1
    line: int = 0
    names: NamesChange | None = None

    def __post_init__(self) -> None:
        if self.count < 0:
            object.__setattr__(self, "count", len(self.changes))
        end = -1
        for change in self.changes:
            if change.row < 0 or change.row < end:
                raise ValueError("changes must be in order and must not overlap")
            end = change.row + len(change.old)

    @property
    def text(self) -> str:
        """The label filled in (English)."""
        return self.label.format(line=self.line, count=self.count)

    def apply(self, segments: Sequence[Segment]) -> tuple[Segment, ...]:
        """The segments with this edit made (redo)."""
        return _splice(segments, self.changes)

    def apply_names(self, names: SpeakerNames) -> SpeakerNames:
        """The speakers' names with this edit made (unchanged if it renames nobody)."""
        if self.names is None:
            return names
        if names != self.names.old:
            raise EditConflictError("the speakers' names are not the ones edited")
        return self.names.new

    def apply_to(self, transcript: Transcript) -> Transcript:
        """A new transcript with this edit made; its info is kept."""
        return Transcript(transcript.info, self.apply(transcript.segments))

    def revert(self, segments: Sequence[Segment]) -> tuple[Segment, ...]:
        """The segments as they were before this edit (undo); ``segments`` is the edited list."""
        return _splice(segments, self.inverse().changes)

    def inverse(self) -> Edit:
        """The edit that undoes this one, rows counted after it."""
        shift = 0
        undone = []
        for change in self.changes:
            undone.append(Change(change.row + shift, change.new, change.old))
            shift += len(change.new) - len(change.old)
        names = None if self.names is None else NamesChange(self.names.new, self.names.old)
        return Edit(self.label, tuple(undone), self.count, self.line, names)

    def to_record(self) -> dict[str, Any]:
        """This edit as a JSON-able dict with a version (see :mod:`.records`)."""
        from stenodesk.core.editing.records import edit_to_record

        return edit_to_record(self)

    @staticmethod
    def from_record(record: object) -> Edit:
        """The edit a :meth:`to_record` dict stands for.

        Raises:
            EditRecordError: an unknown version or a damaged record.
        """
        from stenodesk.core.editing.records import edit_from_record

        return edit_from_record(record)

    def rows_after(self) -> tuple[int, ...]:
        """Rows holding new or changed lines once applied (for selecting them)."""
        rows: list[int] = []
        shift = 0
        for change in self.changes:
            rows.extend(range(change.row + shift, change.row + shift + len(change.new)))
            shift += len(change.new) - len(change.old)
        return tuple(rows)


def _splice(segments: Sequence[Segment], changes: Sequence[Change]) -> tuple[Segment, ...]:
    out: list[Segment] = []
    at = 0
    for change in changes:
        stop = change.row + len(change.old)
        if stop > len(segments) or tuple(segments[change.row : stop]) != change.old:
            raise EditConflictError(f"lines {change.row + 1}..{stop} are not the ones edited")
        out.extend(segments[at : change.row])
        out.extend(change.new)
        at = stop
    out.extend(segments[at:])
    return tuple(out)


def single(label: str, row: int, old: Sequence[Segment], new: Sequence[Segment]) -> Edit:
    """An edit made of one change, labelled with its first line."""
    return Edit(label, (Change(row, tuple(old), tuple(new)),), line=row + 1)


def next_index(segments: Sequence[Segment]) -> int:
    """An ``index`` no segment has: for lines an edit creates.

    Indices name segments in the job's journal; a new line gets one above all
    the others, so an existing line keeps its own.
    """
    return max((s.index for s in segments), default=-1) + 1
