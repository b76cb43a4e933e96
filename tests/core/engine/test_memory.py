"""How the package sets up glibc's allocator for CTranslate2 (``memory.tune_allocator``).

The children here allocate what the encoder does in every layer: one large
block (100 MB, between base's 72 MB of attention scores and small's 108 MB)
from a thread other than the main one, touched, freed, five times. Tuned, the
block comes from the heap and is served again from the same pages; glibc's
defaults map it afresh each time, and each time its pages fault in again.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import threading

import pytest

from stenodesk.core.engine import memory

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or memory._mallopt() is None, reason="glibc's malloc"
)

CHILD = r"""
import ctypes, json, resource, sys, threading
import stenodesk

class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
        "uordblks", "fordblks", "keepcost")]

libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p
libc.malloc.argtypes = [ctypes.c_size_t]
libc.free.argtypes = [ctypes.c_void_p]
libc.memset.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t]
libc.mallinfo2.restype = Info
SIZE = 100 << 20
seen = {}

def layers():
    faults = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
    mapped = []
    for _ in range(5):
        block = libc.malloc(SIZE)
        libc.memset(block, 1, SIZE)
        mapped.append(libc.mallinfo2().hblkhd)
        libc.free(block)
    seen["mapped"] = min(mapped)
    seen["faults"] = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - faults

worker = threading.Thread(target=layers)
worker.start()
worker.join()
print(json.dumps(seen))
"""


def _run(script: str, *args: str, **env: str) -> dict[str, float]:
    ours = ("GLIBC_TUNABLES", *memory._USER_SETTINGS)
    base = {k: v for k, v in os.environ.items() if k not in ours}
    out = subprocess.run(
        [sys.executable, "-c", script, *args],
        env={**base, **env},
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def _child(**env: str) -> dict[str, float]:
    return _run(CHILD, **env)


def test_a_large_block_is_served_again_from_the_same_pages() -> None:
    pages = (100 << 20) // os.sysconf("SC_PAGE_SIZE")
    tuned = _child()
    assert tuned["mapped"] < 1 << 20, "the block came from the heap"
    # Five allocations, faulted in about once (measured: 1.0 times the pages).
    assert tuned["faults"] < 2 * pages, tuned
    # A setting of the user's own leaves glibc's defaults: mapped, faulted in five times.
    default = _child(MALLOC_ARENA_MAX="8")
    assert default["mapped"] >= 100 << 20
    assert default["faults"] > tuned["faults"]


@pytest.mark.parametrize(
    "environ",
    [
        {"GLIBC_TUNABLES": "glibc.malloc.arena_max=4"},
        {"MALLOC_ARENA_MAX": "2"},
        {"MALLOC_MMAP_THRESHOLD_": "131072"},
        {"MALLOC_TRIM_THRESHOLD_": "131072"},
    ],
)
def test_the_users_own_allocator_settings_are_kept(environ: dict[str, str]) -> None:
    assert memory.tune_allocator(environ) is False


def test_without_glibc_nothing_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory, "_mallopt", lambda: None)
    assert memory.tune_allocator({}) is False


GUARD_CHILD = r"""
import ctypes, json, sys, time
import stenodesk
from stenodesk.core.engine.memory import HeapGuard, heap_in_use, resident_bytes

libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p
libc.malloc.argtypes = [ctypes.c_size_t]
libc.free.argtypes = [ctypes.c_void_p]
libc.memset.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t]
MiB = 1 << 20
guarded = sys.argv[1] == "guarded"

def settle(seconds):
    # Wait for the resident size to stop falling (the guard reads it every 10 ms).
    last, deadline = resident_bytes(), time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.2)
        now = resident_bytes()
        if now >= last:
            return now
        last = now
    return last

class Off:
    trims = 0
    def __enter__(self): return self
    def __exit__(self, *exc): pass

with HeapGuard(margin=16 * MiB) if guarded else Off() as guard:
    time.sleep(0.1)
    # 96 blocks of 1 MiB touched, every other one freed, then 48 blocks of 1.5 MiB that
    # fit none of the holes: 48 MiB of free pieces between blocks in use, as two
    # streams leave them, held beyond the most the heap has had in use.
    blocks = [libc.malloc(MiB) for _ in range(96)]
    for b in blocks:
        libc.memset(b, 1, MiB)
    for b in blocks[::2]:
        libc.free(b)
    larger = [libc.malloc(3 * MiB // 2) for _ in range(48)]
    for b in larger:
        libc.memset(b, 1, 3 * MiB // 2)
    held = resident_bytes()
    after = settle(5.0 if guarded else 1.0)
    used = heap_in_use()
print(json.dumps({"held": held / MiB, "after": after / MiB, "trims": guard.trims,
                  "used": used / MiB}))
"""


def _guarded(how: str) -> dict[str, float]:
    return _run(GUARD_CHILD, how)


@pytest.mark.skipif(memory.heap_in_use() is None, reason="glibc's mallinfo2")
def test_the_guard_gives_back_free_heap_beyond_its_margin() -> None:
    guarded, unguarded = _guarded("guarded"), _guarded("unguarded")
    assert guarded["used"] == pytest.approx(unguarded["used"], abs=2)
    # Measured: 133 MiB resident with the guard (one trim), 181 MiB without it, for
    # 122 MiB in use: the 48 MiB of free pieces went back.
    assert unguarded["after"] - guarded["after"] > 30, (guarded, unguarded)
    assert guarded["trims"] >= 1


def test_the_guard_does_nothing_without_glibcs_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory, "_mallinfo2", lambda: None)
    assert memory.heap_in_use() is None
    with memory.HeapGuard() as guard:
        assert not any(t.name == "stenodesk-heap-guard" for t in threading.enumerate())
    assert guard.trims == 0


THP = "always [madvise] never\n"


@pytest.mark.parametrize(
    ("environ", "thp", "glibc", "started_again"),
    [
        ({}, THP, "2.36", True),
        ({"GLIBC_TUNABLES": "glibc.cpu.x86_shstk=off"}, THP, "2.36", True),  # theirs kept
        ({}, "[always] madvise never\n", "2.39", True),
        ({}, "always madvise [never]\n", "2.36", False),  # the kernel gives none
        ({}, None, "2.36", False),
        ({}, THP, "2.34", False),  # no hugetlb tunable yet
        ({}, THP, None, False),  # not glibc
        ({"MALLOC_ARENA_MAX": "4"}, THP, "2.36", False),  # the user's own
        ({"GLIBC_TUNABLES": "glibc.malloc.hugetlb=0"}, THP, "2.36", False),
        ({memory.HUGE_PAGES_MARK: ""}, THP, "2.36", False),  # started again already
    ],
)
def test_huge_pages_are_asked_for_where_glibc_and_the_kernel_give_them(
    environ: dict[str, str], thp: str | None, glibc: str | None, started_again: bool
) -> None:
    tunables = memory.huge_page_tunables(environ, thp, glibc)
    assert (tunables is not None) == started_again
    if tunables is not None:
        assert tunables.endswith(":glibc.malloc.hugetlb=1")
        assert f"glibc.malloc.mmap_threshold={memory.MMAP_THRESHOLD}" in tunables
        assert "glibc.malloc.arena_max=1" in tunables
        assert tunables.startswith(environ.get("GLIBC_TUNABLES", "glibc.malloc."))


def test_a_program_started_again_gives_its_children_the_users_environment() -> None:
    environ = {"GLIBC_TUNABLES": "x=1:glibc.malloc.hugetlb=1", memory.HUGE_PAGES_MARK: "x=1"}
    memory.settle_environment(environ)
    assert environ == {"GLIBC_TUNABLES": "x=1"}
    environ = {"GLIBC_TUNABLES": "glibc.malloc.hugetlb=1", memory.HUGE_PAGES_MARK: ""}
    memory.settle_environment(environ)
    assert environ == {}
    # The app bundle: its launcher started as a new instance, its children as its helpers.
    environ = {"GLIBC_TUNABLES": "glibc.malloc.hugetlb=1", memory.HUGE_PAGES_MARK: ""}
    environ[memory.FROZEN_RESET] = "1"
    memory.settle_environment(environ)
    assert environ == {}


def test_the_environment_of_the_start_again_keeps_the_users_and_marks_it() -> None:
    user = {"PATH": "/bin", "GLIBC_TUNABLES": "x=1"}
    env = memory.restart_environment(user, "x=1:glibc.malloc.hugetlb=1", frozen=False)
    assert env == {
        "PATH": "/bin",
        "GLIBC_TUNABLES": "x=1:glibc.malloc.hugetlb=1",
        memory.HUGE_PAGES_MARK: "x=1",
    }
    bundle = memory.restart_environment({"PATH": "/bin"}, "glibc.malloc.hugetlb=1", frozen=True)
    assert bundle[memory.HUGE_PAGES_MARK] == "" and bundle[memory.FROZEN_RESET] == "1"


HUGE_CHILD = """
import ctypes, json, os
from stenodesk.core.engine import memory

memory.restart_with_huge_pages()
with open("/proc/self/environ", "rb") as f:
    started = b"glibc.malloc.hugetlb=1" in f.read()
libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p
libc.malloc.argtypes = [ctypes.c_size_t]
libc.memset.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t]
SIZE = 96 << 20  # from the heap (under the mmap threshold), touched
libc.memset(libc.malloc(SIZE), 1, SIZE)
huge = 0
with open("/proc/self/smaps_rollup") as f:
    for line in f:
        if line.startswith("AnonHugePages:"):
            huge = int(line.split()[1])
print(json.dumps({
    "started": started,
    "settled": "GLIBC_TUNABLES" not in os.environ and memory.HUGE_PAGES_MARK not in os.environ,
    "huge": huge,
}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc and its tunables")
def test_the_program_starts_again_once_with_malloc_on_huge_pages() -> None:
    """A real start: where the kernel and glibc give huge pages, the heap gets them and the
    environment of the program is the user's again; elsewhere nothing happens."""
    child = _run(HUGE_CHILD)
    thp = memory.kernel_huge_pages()
    environ = {
        k: v for k, v in os.environ.items() if k not in ("GLIBC_TUNABLES", *memory._USER_SETTINGS)
    }
    expected = memory.huge_page_tunables(environ, thp, platform.libc_ver()[1] or None)
    assert child["started"] == (expected is not None)
    assert child["settled"]
    if expected is not None:
        assert child["huge"] >= 2048  # kB: 2 MiB pages under the block
        # Not started again (as if it had been), glibc's heap gets small pages only.
        again = _run(HUGE_CHILD, **{memory.HUGE_PAGES_MARK: ""})
        assert again["huge"] < child["huge"], (again, child)
