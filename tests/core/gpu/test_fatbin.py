"""Architectures and PTX version read from a library's .nv_fatbin section."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from tests.core.gpu import fakes

from stenodesk.commands.doctor import device_code_text
from stenodesk.core.gpu.binfmt import BinaryFormatError
from stenodesk.core.gpu.fatbin import (
    FATBIN_MAGIC,
    find_device_code,
    parse_fatbin,
    read_device_code,
)
from stenodesk.core.gpu.locate import LibrarySearch, ctranslate2_files


def entry(kind: int, arch: int, major: int, minor: int, payload: bytes) -> bytes:
    """One fat binary entry with a 64-byte header, the size nvcc writes."""
    head = struct.pack("<HHIQIIHHI", kind, 0x0101, 64, len(payload), 0, 0, minor, major, arch)
    return head.ljust(64, b"\0") + payload


def blob(*entries: bytes) -> bytes:
    body = b"".join(entries)
    return struct.pack("<IHHQ", FATBIN_MAGIC, 1, 16, len(body)) + body


def test_installed_ctranslate2_carries_sm53_to_sm86_and_ptx_8_7() -> None:
    libs = [f for f in ctranslate2_files(LibrarySearch()) if f.name.startswith("libctranslate2")]
    assert libs, "the pinned ctranslate2 wheel ships its library"
    code = read_device_code(libs[0])
    assert code is not None
    assert code.sm == (53, 60, 61, 70, 75, 80, 86)
    assert code.ptx_names == ("compute_86",)
    assert code.ptx_version_text == "8.7"
    assert code.runs_natively(8, 9), "RTX 40 runs the sm_86 code"
    assert not code.runs_natively(9, 0) and code.runs_via_ptx(9, 0), "H100 needs the PTX"
    assert not code.runs_natively(12, 0) and code.runs_via_ptx(12, 0), "RTX 50 needs the PTX"
    assert not code.runs_natively(5, 2) and not code.runs_via_ptx(5, 2)


def test_crafted_library_section_is_read(tmp_path: Path) -> None:
    data = blob(entry(2, 75, 1, 7, b"\x7fELF" + b"\0" * 12), entry(1, 75, 8, 0, b"ptx\0"))
    data += blob(entry(2, 90, 1, 7, b"x" * 8), entry(1, 90, 8, 4, b"ptx\0")) + b"\0" * 8
    array = ",".join(str(b) for b in data)
    src = (
        '__attribute__((section(".nv_fatbin"), used)) '
        f"static const unsigned char fatbin[] = {{{array}}};\n"
    )
    out = tmp_path / "libdevice.so"
    fakes.compile_library(src, out, "libdevice.so", tmp_path, ())
    code = read_device_code(out)
    assert code is not None
    assert (code.sm_names, code.ptx, code.ptx_version) == (("sm_75", "sm_90"), (75, 90), (8, 4))


def test_library_without_device_code_reads_none(tmp_path: Path) -> None:
    out = tmp_path / "libplain.so"
    fakes.compile_library("int f(void) { return 1; }\n", out, "libplain.so", tmp_path, ())
    assert read_device_code(out) is None


@pytest.mark.parametrize(
    "data",
    [
        b"\x01" * 32,  # not a fat binary
        struct.pack("<IHHQ", FATBIN_MAGIC, 1, 16, 999) + b"\0" * 8,  # runs past the section
        blob(),  # no entries
        struct.pack("<IHHQ", FATBIN_MAGIC, 1, 16, 64) + b"\0" * 64,  # entry header size 0
    ],
)
def test_damaged_sections_raise_a_format_error(data: bytes) -> None:
    with pytest.raises(BinaryFormatError):
        parse_fatbin(data)


def test_non_elf_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "x.so"
    path.write_bytes(b"MZ" + b"\0" * 62)
    with pytest.raises(BinaryFormatError):
        read_device_code(path)


def test_find_device_code_skips_unreadable_and_plain_files(tmp_path: Path) -> None:
    broken = tmp_path / "ctranslate2.dll"
    broken.write_bytes(b"\0" * 64)
    plain = tmp_path / "libplain.so"
    fakes.compile_library("int f(void) { return 1; }\n", plain, "libplain.so", tmp_path, ())
    report = find_device_code((str(broken), str(plain)))
    assert (report.code, report.path) == (None, "")
    assert report.error.startswith("ctranslate2.dll: ")
    real = [f for f in ctranslate2_files(LibrarySearch()) if f.name.startswith("libctranslate2")]
    found = find_device_code((str(plain), *map(str, real)))
    assert found.code is not None and found.path == str(real[0]) and not found.error


def test_doctor_line_for_a_cpu_only_build() -> None:
    empty = {"architectures": [], "ptx": [], "ptx_version": "", "device_code_error": ""}
    assert device_code_text(empty) == "none (a CPU-only build)"
    ptx_only = {**empty, "ptx": ["compute_90"], "ptx_version": "8.4"}
    assert device_code_text(ptx_only) == "no machine code; PTX compute_90 (8.4)"
