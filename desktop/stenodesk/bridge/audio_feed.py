"""What waits for the speaker: blocks filled on the GUI side, drained by PortAudio's callback.

The callback runs on PortAudio's own thread: it takes no locks the GUI
holds, emits no Qt signals and allocates nothing but views. The two sides
share only a deque (whose single pops and appends are atomic) and a few
numbers each side writes on its own.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass
from typing import Any

import numpy as np

from stenodesk.core.audio.decode import SAMPLE_RATE, Pcm
from stenodesk.core.audio.stretch import TimeStretcher


@dataclass(frozen=True)
class Queued:
    """A block waiting for the speaker."""

    pcm: Pcm
    seconds: float
    """Seconds of the file it stands for."""
    after: TimeStretcher | None = None
    """The stretcher as it was once this block was made (to go on from it)."""


class Feed:
    """Blocks waiting for the speaker; filled by the GUI timer, drained by the callback.

    Each block is queued with the seconds of the file it stands for (its
    length divided by the output rate at 1x, more at a higher speed).
    """

    def __init__(self, rate: int = SAMPLE_RATE) -> None:
        self.blocks: collections.deque[Queued] = collections.deque()
        self.rate = rate
        self.current: Pcm | None = None
        self.scale = 1.0 / rate
        """Seconds of the file per sample of the current block."""
        self.offset = 0
        self.frames_played = 0
        self.seconds_played = 0.0
        """Seconds of the file the frames played so far stand for."""
        self.volume = 1.0
        self.underruns = 0
        self.ended = False
        """Set by the GUI side when the decoder has nothing more."""
        self.drained = False
        """Set by the callback when it ran out after ``ended``."""

    def push(
        self, block: Pcm, seconds: float | None = None, after: TimeStretcher | None = None
    ) -> None:
        """Queue ``block``, which stands for ``seconds`` of the file (its own length if None)."""
        if len(block):
            span = len(block) / self.rate if seconds is None else seconds
            self.blocks.append(Queued(block, span, after))

    def take_queued(self) -> list[Queued]:
        """Remove and return the blocks not yet started (GUI side; the callback may race)."""
        taken = []
        while True:
            try:
                taken.append(self.blocks.popleft())
            except IndexError:
                return taken

    def queued_frames(self) -> int:
        pending = sum(len(q.pcm) for q in list(self.blocks))
        current = self.current
        return pending + (len(current) - self.offset if current is not None else 0)

    def fill(self, out: Any) -> None:
        """The PortAudio callback's work: copy queued samples into ``out`` (frames x 1)."""
        need = len(out)
        written = 0
        while written < need:
            if self.current is None or self.offset >= len(self.current):
                try:
                    queued = self.blocks.popleft()  # atomic; the GUI may empty it meanwhile
                except IndexError:
                    break
                self.current = queued.pcm
                self.scale = queued.seconds / len(queued.pcm)
                self.offset = 0
            take = min(need - written, len(self.current) - self.offset)
            # In place: the callback must not allocate a scaled copy.
            np.multiply(
                self.current[self.offset : self.offset + take],
                self.volume,
                out=out[written : written + take, 0],
            )
            self.offset += take
            self.seconds_played += take * self.scale
            written += take
        if written < need:
            out[written:, 0] = 0.0
            if self.ended:
                self.drained = True
            else:
                self.underruns += 1
        self.frames_played += written
