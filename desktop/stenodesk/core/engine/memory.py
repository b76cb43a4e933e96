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
faults later, so it is not done before every run, and with one decoding
stream not at all (:func:`window_trimmer`).

How glibc serves CTranslate2 (:func:`tune_allocator`, set when the package is
imported): by default each thread gets its own arena, and a thread other than
the first can hold no block over 64 MB in one; blocks over 32 MB are mapped
afresh each time. The encoder's attention scores are such a block (heads x
1500 x 1500 floats: 54 MB for tiny, 72 MB for base, 108 MB for small),
allocated and freed in every layer, so each layer faulted in tens of
thousands of fresh pages: 3.4 million page faults and a fifth of the CPU time
in the kernel on ten minutes of Spanish with base. One arena whose large
blocks come from the heap, and whose top is given back only above
``TRIM_THRESHOLD`` or by the trims below, serves each layer's scores from the
block the layer before freed.

Two streams (``parallel``) still left the heap holding free memory between
their runs: the blocks of one stream's encoder and of the other's beam
search land in different free pieces from run to run, and each piece, once
touched, stays resident. A :class:`HeapGuard` runs beside such a job and
trims whenever the resident size passes the most the job has had in use
(glibc's ``mallinfo2``) by more than a margin. Measured on ten minutes of
Spanish with base (docs/benchmarks.md, alternated in one process): the
peak went from 438-440 MiB to 411-412 MiB with a margin of 48 MiB, at
3.4-3.5 s more (7 %), nearly all of it page faults; tiny.en's peak did not
move, nor its time. Trimming sooner (by growth, or any free memory above a
margin) gave the pages back only to fault them in again, seconds more.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import os
import sys
import threading
from collections.abc import Callable, Mapping, MutableMapping
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def _glibc_function(name: str, *argtypes: Any, restype: Any = ctypes.c_int) -> Any:
    """``name`` from glibc, typed, or None (other systems and C libraries)."""
    if not sys.platform.startswith("linux"):
        return None  # other allocators return memory and take settings on their own terms
    try:
        # The process's own symbols: no search for the library on every start-up.
        libc = ctypes.CDLL(None)
        libc.gnu_get_libc_version  # noqa: B018  (glibc only: musl's mallopt does nothing)
        fn = getattr(libc, name)
    except (OSError, AttributeError):
        log.debug("%s is not available from glibc", name)
        return None
    fn.argtypes = list(argtypes)
    fn.restype = restype
    return fn


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    fn: Callable[[int], int] | None = _glibc_function("malloc_trim", ctypes.c_size_t)
    return fn


M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_ARENA_MAX = -1, -3, -8
"""mallopt(3)'s parameter numbers (glibc's malloc.h)."""
MMAP_THRESHOLD = 256 << 20
"""Blocks from this size on are mapped on their own: above any encoder's attention scores
on the CPU (large-v3: 20 heads, 180 MB). Smaller ones (an hour of audio as floats is
230 MB) come from the heap, and the trims give them back once freed."""
TRIM_THRESHOLD = 128 << 20
"""Free memory at the heap's top is given back once it passes this: above the scores of
tiny.en and base (the CPU's models), so the next layer's are served from the same pages."""
_USER_SETTINGS = ("MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")


@functools.cache
def _mallopt() -> Callable[[int, int], int] | None:
    fn: Callable[[int, int], int] | None = _glibc_function("mallopt", ctypes.c_int, ctypes.c_int)
    return fn


def tune_allocator(environ: Mapping[str, str] = os.environ) -> bool:
    """One malloc arena, large blocks from the heap (see the module's text); True if set.

    Must run before threads allocate (an arena, once a thread has one, stays
    its own): the package does it on import. Settings the user gave glibc
    in the environment are kept, and so is any other allocator.
    """
    if "glibc.malloc." in environ.get("GLIBC_TUNABLES", "") or any(
        k in environ for k in _USER_SETTINGS
    ):
        return False
    mallopt = _mallopt()
    if mallopt is None:
        return False
    done = [
        mallopt(M_ARENA_MAX, 1),
        mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD),
        mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD),
    ]
    if not all(done):
        log.debug("mallopt refused some settings: %s", done)
    return all(done)


HUGE_PAGES_MARK = "STENODESK_RESTARTED"
"""In the environment of a program started again by :func:`restart_with_huge_pages`: the
user's own ``GLIBC_TUNABLES`` (empty if none), put back by :func:`settle_environment`."""
FROZEN_RESET = "PYINSTALLER_RESET_ENVIRONMENT"
"""Set for the app bundle started again: its launcher then starts as a new instance of the
app (reading the bundle afresh), not as a helper of the one running (PyInstaller 6.10+)."""
THP_SETTING = Path("/sys/kernel/mm/transparent_hugepage/enabled")
"""The kernel's transparent huge pages: ``always``, ``madvise`` or ``never``, in brackets."""


def kernel_huge_pages() -> str | None:
    """The kernel's transparent huge page setting (:data:`THP_SETTING`), None if unknown."""
    try:
        return THP_SETTING.read_text(encoding="ascii")
    except OSError:
        return None


def huge_page_tunables(
    environ: Mapping[str, str], thp: str | None, glibc: str | None
) -> str | None:
    """``GLIBC_TUNABLES`` for a start with malloc on transparent huge pages, or None.

    None where the kernel gives none (``thp`` is its setting, None if unknown),
    where glibc is older than 2.35 (``hugetlb`` came then) or not there, where
    the user set malloc up themselves, or in the program started again.
    """
    if HUGE_PAGES_MARK in environ or "glibc.malloc." in environ.get("GLIBC_TUNABLES", ""):
        return None
    if any(k in environ for k in _USER_SETTINGS) or thp is None or "[never]" in thp:
        return None
    try:
        version = tuple(int(part) for part in (glibc or "").split(".")[:2])
    except ValueError:
        return None
    if len(version) < 2 or version < (2, 35):
        return None
    ours = ":".join(
        [
            "glibc.malloc.arena_max=1",
            f"glibc.malloc.mmap_threshold={MMAP_THRESHOLD}",
            f"glibc.malloc.trim_threshold={TRIM_THRESHOLD}",
            "glibc.malloc.hugetlb=1",
        ]
    )
    theirs = environ.get("GLIBC_TUNABLES")
    return f"{theirs}:{ours}" if theirs else ours


_settled = False
"""Whether this program is one started again (its environment settled)."""


def restart_with_huge_pages(environ: Mapping[str, str] = os.environ) -> None:
    """Start this program again, at once, with malloc on transparent huge pages (Linux).

    The settings of :func:`tune_allocator`, and ``glibc.malloc.hugetlb``:
    glibc then asks the kernel for 2 MiB pages for the heap, which glibc reads
    only when a program starts (no ``mallopt`` sets it). CTranslate2's blocks
    (the encoder's scores, the beam search's state) come and go in the heap:
    on ten minutes of prompts the page faults went from 0.8 to 0.3 million
    (English, tiny.en) and from 2.4-2.6 to 0.6-0.7 million (Spanish, base), and
    the jobs from 23.5-26.5 to 21.1-23.0 s and from 53.6-57.8 to 53.0-53.7 s,
    for a peak 4-19 MiB higher (docs/benchmarks.md). The app bundle starts its
    launcher again (:data:`FROZEN_RESET`). Returns where it does not restart:
    see :func:`huge_page_tunables`; a failed ``execve``.
    """
    if _settled or not sys.platform.startswith("linux"):
        return
    version = _glibc_function("gnu_get_libc_version", restype=ctypes.c_char_p)
    glibc = version().decode() if version is not None else None
    tunables = huge_page_tunables(environ, kernel_huge_pages(), glibc)
    if tunables is None:
        return
    frozen = bool(getattr(sys, "frozen", False))
    args = sys.argv[1:] if frozen else sys.orig_argv[1:]  # the interpreter's options too
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execve(
            sys.executable,
            [sys.executable, *args],
            restart_environment(environ, tunables, frozen=frozen),
        )
    except OSError as exc:
        log.debug("not started again with huge pages: %s", exc)


def restart_environment(
    environ: Mapping[str, str], tunables: str, *, frozen: bool
) -> dict[str, str]:
    """The environment :func:`restart_with_huge_pages` starts the program again in."""
    env = {
        **environ,
        "GLIBC_TUNABLES": tunables,
        HUGE_PAGES_MARK: environ.get("GLIBC_TUNABLES", ""),
    }
    if frozen:
        env[FROZEN_RESET] = "1"
    return env


def started_again() -> bool:
    """Whether this program was started again with malloc on huge pages."""
    return _settled


def settle_environment(environ: MutableMapping[str, str] = os.environ) -> None:
    """In a program started again (:func:`restart_with_huge_pages`), give back the user's
    ``GLIBC_TUNABLES``: the processes it starts in turn get their usual malloc."""
    global _settled  # noqa: PLW0603  (once per process, before any thread)
    if HUGE_PAGES_MARK not in environ:
        return
    _settled = True  # and never started again
    environ.pop(FROZEN_RESET, None)  # the bundle's own children start as its helpers again
    theirs = environ.pop(HUGE_PAGES_MARK)
    if theirs:
        environ["GLIBC_TUNABLES"] = theirs
    else:
        environ.pop("GLIBC_TUNABLES", None)


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
    """Trims the heap when resident memory grew more than ``slack`` bytes since the last trim
    (``slack`` None: never)."""

    def __init__(self, slack: int | None = 32 << 20) -> None:
        self._slack = slack
        self._floor: int | None = None
        self.trims = 0

    def __call__(self) -> None:
        if self._slack is None or _malloc_trim() is None:
            return
        now = resident_bytes()
        if now is None:
            return
        if self._floor is None or now > self._floor + self._slack:
            release_free_memory()
            self.trims += 1
            self._floor = resident_bytes()


def window_trimmer(workers: int) -> GrowthTrimmer:
    """The trimmer to call before each encoder and decoder run of a model with
    ``workers`` CTranslate2 workers: growth beyond 32 MiB with two streams, none with one.

    Two streams decode two windows at once and their peak is the job's; one
    stream's peak is far below it (English tiny.en with plain's settings:
    310-319 MiB untrimmed against 327-342 MiB for two streams), and there each
    trim made the next encoder run fault its attention scores in afresh: 0.71
    million page faults against 0.14 million, and 3-6 CPU seconds more per ten
    minutes in whole commands alternated with and without (docs/benchmarks.md).
    Windows still end with a trim (:func:`release_free_memory`), so nothing
    piles up over a long file.
    """
    return GrowthTrimmer(32 << 20 if workers > 1 else None)


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()
        )
    ]


@functools.cache
def _mallinfo2() -> Callable[[], _MallInfo2] | None:
    fn: Callable[[], _MallInfo2] | None = _glibc_function("mallinfo2", restype=_MallInfo2)
    return fn  # glibc 2.33 and later


def heap_in_use() -> int | None:
    """Bytes malloc has handed out and not had back (glibc), else None."""
    info = _mallinfo2()
    if info is None:
        return None
    now = info()
    return int(now.uordblks + now.hblkhd)


class HeapGuard:
    """Trims the heap whenever the resident size passes the job's working set by ``margin``.

    The working set is what the process held outside the heap when the
    guard started (the model loaded, its loader's memory trimmed) plus the
    most the heap has had in use since. A thread reads the resident size
    every ``period`` seconds; only when it passes the limit does it ask
    malloc how much is in use (``mallinfo2`` walks the free lists holding
    malloc's lock: 2 ms on average in a base job, so not every time), and
    then either raises the limit (more in use than ever) or trims. Use the
    guard as a context manager, so the thread ends with the job. Without
    glibc's ``mallinfo2`` and ``malloc_trim`` it does nothing.
    """

    def __init__(self, margin: int = 48 << 20, period: float = 0.01) -> None:
        self._margin = margin
        self._period = period
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.trims = 0

    def __enter__(self) -> HeapGuard:
        if _mallinfo2() is not None and _malloc_trim() is not None:
            self._thread = threading.Thread(target=self._watch, name="stenodesk-heap-guard")
            self._thread.daemon = True
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            log.debug("heap guard: %d trims", self.trims)

    def _watch(self) -> None:
        resident, used = resident_bytes(), heap_in_use()
        if resident is None or used is None:
            return
        outside, most = resident - used, used
        while not self._stop.wait(self._period):
            resident = resident_bytes()
            if resident is None or resident <= outside + most + self._margin:
                continue
            used = heap_in_use()
            most = max(most, used or 0)
            if resident > outside + most + self._margin:
                release_free_memory()
                self.trims += 1
