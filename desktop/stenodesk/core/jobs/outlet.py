"""Where a run's segments go: the chosen Chinese script, the journal, the front end.

When a script is chosen and the language is being detected, the first
window's segments wait until the window ends and the language is known, so
the journal and the screen only ever hold converted text, whichever front
end ran the job.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from stenodesk.core.engine.checkpoint import WindowDone
from stenodesk.core.engine.result import Segment
from stenodesk.core.jobs.writer import JournalWriter


class SegmentConverter(Protocol):
    """Rewrites segments for display and export (Chinese script conversion)."""

    @property
    def active(self) -> bool: ...

    def applies_to(self, language: str) -> bool: ...

    def segment(self, segment: Segment) -> Segment: ...


class Outlet:
    """One run's segments, converted, into the journal and then to ``on_segment``."""

    def __init__(
        self,
        writer: JournalWriter,
        convert: SegmentConverter | None,
        language: str | None,
        on_segment: Callable[[Segment], None] | None,
    ) -> None:
        self._writer = writer
        self._convert = convert if convert is not None and convert.active else None
        self._language = language
        self._on_segment = on_segment
        self._held: list[Segment] = []

    def segment(self, segment: Segment) -> None:
        if self._convert is not None and self._language is None:
            self._held.append(segment)
        else:
            self._send(segment)

    def window(self, done: WindowDone) -> WindowDone:
        """Write the window's checkpoint; returns it with its revisions converted."""
        self.learn(done.resume.language)
        revised = tuple(self._converted(seg) for seg in done.revised)
        done = replace(done, revised=revised)
        self._writer.window(done)  # the revisions, then the checkpoint
        if self._on_segment is not None:
            for seg in revised:  # the same index again: front ends replace it
                self._on_segment(seg)
        return done

    def learn(self, language: str | None) -> None:
        """The language is known (or the run ends): held segments go out."""
        if self._language is None and language:
            self._language = language
        self.flush()

    def flush(self) -> None:
        held, self._held = self._held, []
        for segment in held:
            self._send(segment)

    def _converted(self, segment: Segment) -> Segment:
        c, language = self._convert, self._language
        if c is not None and language is not None and c.applies_to(language):
            return c.segment(segment)
        return segment

    def _send(self, segment: Segment) -> None:
        segment = self._converted(segment)
        self._writer.segment(segment)
        if self._on_segment is not None:
            self._on_segment(segment)
