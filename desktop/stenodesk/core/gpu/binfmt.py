"""The library names a shared library asks for, read from the file itself.

CTranslate2 loads cuBLAS (and, in some versions, cuDNN) lazily by name at
its first GPU call, so ``ldd`` shows nothing; the names sit as strings in
its read-only data. A library linked the ordinary way lists them as
dependencies instead (ELF ``DT_NEEDED``, PE import table). This module reads
both from ELF (Linux) and PE (Windows) files without loading them, so that
the CUDA libraries to preload follow the installed build, not a table of
versions.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MAX_SCAN_BYTES = 32 << 20
"""Read-only data larger than this is not scanned for names (kernel libraries run to
hundreds of megabytes; the small dispatcher and stub libraries that load others by
name stay far below)."""

_DT_NEEDED = 1
_DT_SONAME = 14
_SHT_DYNAMIC = 6


class BinaryFormatError(ValueError):
    """The file is not an ELF or PE shared library this module can read."""


@dataclass(frozen=True)
class BinaryNames:
    """What a shared library says about itself and the libraries it uses.

    Attributes:
        soname: its own ELF ``DT_SONAME`` ("" on Windows or when absent).
        needed: libraries it is linked against (``DT_NEEDED`` / PE imports).
        strings: library names found in its read-only data (``.rodata`` /
            ``.rdata``): candidates it may load by name at run time.
        scanned: False when the read-only data was too large to scan.
    """

    soname: str
    needed: tuple[str, ...]
    strings: tuple[str, ...]
    scanned: bool = True


# Library names as they appear in read-only data: "libcublas.so.12",
# "libcudnn_ops.so.9", "cublas64_12.dll", "cudnn_ops64_9.dll".
_ELF_NAME = re.compile(rb"lib[A-Za-z0-9_+-]+\.so(?:\.[0-9]+)+")
_PE_NAME = re.compile(rb"[A-Za-z0-9_+-]+\.dll", re.IGNORECASE)


def read_names(path: Path, max_scan: int = MAX_SCAN_BYTES) -> BinaryNames:
    """Read the soname, linked libraries and library-name strings of ``path``.

    Raises:
        BinaryFormatError: not an ELF or PE file, or a damaged one.
        OSError: the file cannot be read.
    """
    with path.open("rb") as fh:
        magic = fh.read(4)
        fh.seek(0)
        if magic == b"\x7fELF":
            return _read_elf(fh, max_scan)
        if magic[:2] == b"MZ":
            return _read_pe(fh, max_scan)
    raise BinaryFormatError(f"{path.name}: not an ELF or PE file")


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _read_at(fh: BinaryIO, offset: int, size: int) -> bytes:
    fh.seek(offset)
    data = fh.read(size)
    if len(data) != size:
        raise BinaryFormatError("truncated file")
    return data


# -- ELF ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Section:
    name_offset: int
    kind: int
    offset: int
    size: int
    link: int


def _elf_sections(fh: BinaryIO) -> tuple[str, bool, list[_Section], dict[str, _Section]]:
    """Byte order, width, sections and sections by name of an ELF file."""
    ident = _read_at(fh, 0, 16)
    wide = ident[4] == 2  # ELFCLASS64
    order = "<" if ident[5] == 1 else ">"
    if wide:
        shoff, shentsize, shnum, shstrndx = _unpack(fh, order + "40xQ10xHHH", 0)
        entry = order + "IIQQQQIIQQ"
    else:
        shoff, shentsize, shnum, shstrndx = _unpack(fh, order + "32xI10xHHH", 0)
        entry = order + "IIIIIIIIII"
    if shoff == 0 or shnum == 0 or shentsize < struct.calcsize(entry):
        raise BinaryFormatError("ELF file without section headers")
    sections = []
    table = _read_at(fh, shoff, shentsize * shnum)
    for i in range(shnum):
        f = struct.unpack_from(entry, table, i * shentsize)
        sections.append(_Section(f[0], f[1], f[4], f[5], f[6]))
    if shstrndx >= shnum:
        raise BinaryFormatError("bad ELF section name table")
    names = sections[shstrndx]
    shstr = _read_at(fh, names.offset, names.size)
    by_name = {_cstr(shstr, s.name_offset): s for s in sections}
    return order, wide, sections, by_name


def elf_section(path: Path, name: str) -> tuple[int, int] | None:
    """File offset and size of the ELF section ``name`` of ``path``, or None.

    Raises:
        BinaryFormatError: not an ELF file, or a damaged one.
        OSError: the file cannot be read.
    """
    with path.open("rb") as fh:
        if fh.read(4) != b"\x7fELF":
            raise BinaryFormatError(f"{path.name}: not an ELF file")
        section = _elf_sections(fh)[3].get(name)
    return None if section is None else (section.offset, section.size)


def _read_elf(fh: BinaryIO, max_scan: int) -> BinaryNames:
    order, wide, sections, by_name = _elf_sections(fh)
    shnum = len(sections)
    soname, needed = "", list[str]()
    dynamic = next((s for s in sections if s.kind == _SHT_DYNAMIC), None)
    if dynamic is not None and dynamic.link < shnum:
        soname, needed = _elf_dynamic(fh, order, wide, dynamic, sections[dynamic.link])
    strings: list[str] = []
    rodata = by_name.get(".rodata")
    scanned = rodata is None or rodata.size <= max_scan
    if rodata is not None and scanned:
        blob = _read_at(fh, rodata.offset, rodata.size)
        strings = [m.decode("ascii") for m in _ELF_NAME.findall(blob)]
    return BinaryNames(soname, _unique(needed), _unique(strings), scanned)


def _elf_dynamic(
    fh: BinaryIO, order: str, wide: bool, dynamic: _Section, dynstr: _Section
) -> tuple[str, list[str]]:
    fmt = order + ("qQ" if wide else "iI")
    size = struct.calcsize(fmt)
    data = _read_at(fh, dynamic.offset, dynamic.size)
    strtab = _read_at(fh, dynstr.offset, dynstr.size)
    soname, needed = "", []
    for tag, value in struct.iter_unpack(fmt, data[: len(data) - len(data) % size]):
        if tag == 0:  # DT_NULL ends the table
            break
        if tag == _DT_NEEDED:
            needed.append(_cstr(strtab, value))
        elif tag == _DT_SONAME:
            soname = _cstr(strtab, value)
    return soname, needed


def _unpack(fh: BinaryIO, fmt: str, offset: int) -> tuple[int, ...]:
    return struct.unpack(fmt, _read_at(fh, offset, struct.calcsize(fmt)))


def _cstr(blob: bytes, offset: int) -> str:
    if offset >= len(blob):
        raise BinaryFormatError("string offset outside its table")
    end = blob.find(b"\0", offset)
    return blob[offset : end if end >= 0 else len(blob)].decode("utf-8", "replace")


# -- PE ----------------------------------------------------------------------


@dataclass(frozen=True)
class _PeSection:
    name: str
    rva: int
    virtual_size: int
    raw_size: int
    raw_offset: int


def _read_pe(fh: BinaryIO, max_scan: int) -> BinaryNames:
    (pe_offset,) = _unpack(fh, "<I", 0x3C)
    if _read_at(fh, pe_offset, 4) != b"PE\0\0":
        raise BinaryFormatError("MZ file without a PE header")
    nsections, opt_size = _unpack(fh, "<2xH12xH2x", pe_offset + 4)
    optional = pe_offset + 24
    (magic,) = _unpack(fh, "<H", optional)
    directories = optional + (112 if magic == 0x20B else 96)  # PE32+ / PE32
    sections = []
    table = _read_at(fh, optional + opt_size, 40 * nsections)
    for i in range(nsections):
        raw_name, vsize, rva, raw_size, raw_offset = struct.unpack_from("<8sIIII", table, i * 40)
        name = raw_name.rstrip(b"\0").decode("ascii", "replace")
        sections.append(_PeSection(name, rva, vsize, raw_size, raw_offset))
    needed: list[str] = []
    if opt_size >= directories - optional + 16:
        import_rva, _ = _unpack(fh, "<II", directories + 8)  # directory 1: imports
        if import_rva:
            needed = _pe_imports(fh, sections, import_rva)
    strings: list[str] = []
    rdata = next((s for s in sections if s.name == ".rdata"), None)
    scanned = rdata is None or rdata.raw_size <= max_scan
    if rdata is not None and scanned:
        blob = _read_at(fh, rdata.raw_offset, rdata.raw_size)
        strings = [m.decode("ascii") for m in _PE_NAME.findall(blob)]
    return BinaryNames("", _unique(needed), _unique(strings), scanned)


def _pe_offset(sections: list[_PeSection], rva: int) -> int:
    for s in sections:
        if s.rva <= rva < s.rva + max(s.virtual_size, s.raw_size):
            return s.raw_offset + rva - s.rva
    raise BinaryFormatError("address outside every PE section")


def _pe_imports(fh: BinaryIO, sections: list[_PeSection], rva: int) -> list[str]:
    names = []
    offset = _pe_offset(sections, rva)
    for _ in range(4096):  # a bound against a damaged table
        entry = struct.unpack("<IIIII", _read_at(fh, offset, 20))
        if not any(entry):
            break
        fh.seek(_pe_offset(sections, entry[3]))
        names.append(_cstr(fh.read(260) + b"\0", 0))
        offset += 20
    return names
