"""Handing memory freed between windows back to the operating system.

Each window allocates the same large, short-lived buffers (its audio, its
features, the encoder's activations) and frees them when it is done. glibc
does not always return such memory: after a large block served by mmap is
freed, it raises its mmap threshold (mallopt(3), M_MMAP_THRESHOLD is
"dynamic" by default), so the next blocks of that size come from the heap
arenas, where free space between live allocations stays in the process.
Over a two-hour file that showed as resident memory creeping up window
after window (measured: 300 MB after the first windows, 450 MB after two
hours, with the same peak work in every window). ``malloc_trim`` after each
window releases the free heap pages and keeps the resident size flat.

Within a window the same happens between faster-whisper's 30-second chunks:
the memory freed after one chunk's decoding stayed resident while the next
chunk's encoder (about 100 MB of attention scores for tiny.en) came on top,
so a window's peak depended on how much had piled up before it (and on
chunks decoded again at higher temperatures, more). A :class:`GrowthTrimmer`
called before each encoder and decoder run trims whenever the resident size
has grown by more than a margin since the last trim; trimming costs page
faults later, so it is not done before every run.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import os
import sys
from collections.abc import Callable

log = logging.getLogger(__name__)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None  # other allocators return memory on their own terms
    name = ctypes.util.find_library("c") or "libc.so.6"
    try:
        libc = ctypes.CDLL(name)
        trim = libc.malloc_trim  # glibc only; musl has no malloc_trim
    except (OSError, AttributeError):
        log.debug("malloc_trim is not available in %s", name)
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    fn: Callable[[int], int] = trim
    return fn


def release_free_memory() -> bool:
    """Return free heap memory to the system; True if anything could be done."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


def resident_bytes() -> int | None:
    """The process's resident memory now (Linux), else None."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            pages = int(fh.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


class GrowthTrimmer:
    """Trims the heap when resident memory grew more than ``slack`` bytes since the last trim."""

    def __init__(self, slack: int = 32 << 20) -> None:
        self._slack = slack
        self._floor: int | None = None
        self.trims = 0

    def __call__(self) -> None:
        if _malloc_trim() is None:
            return
        now = resident_bytes()
        if now is None:
            return
        if self._floor is None or now > self._floor + self._slack:
            release_free_memory()
            self.trims += 1
            self._floor = resident_bytes()
