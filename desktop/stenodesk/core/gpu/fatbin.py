"""The GPU architectures and PTX version compiled into a CUDA library.

nvcc stores the device code of a library in the ELF section ``.nv_fatbin``: a
run of fat binaries, each a small header (magic ``0xBA55ED50``, version,
header size, payload size) followed by entries. Every entry header names its
kind (1 = PTX text, 2 = machine code), its target architecture (86 for
sm_86/compute_86) and, for PTX, the PTX ISA version (8.7). Reading these
headers tells which cards the installed CTranslate2 runs on directly, which
need the driver to compile PTX at first use, and which driver that PTX needs,
without a table of releases that ages with every wheel.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from stenodesk.core.gpu.binfmt import BinaryFormatError, elf_section

FATBIN_MAGIC = 0xBA55ED50
_BLOB_HEADER = struct.Struct("<IHHQ")  # magic, version, header size, payload size
# kind, (unknown), header size, payload size, compressed size, (unknown),
# minor, major, architecture.
_ENTRY_HEADER = struct.Struct("<HHIQIIHHI")
_KIND_PTX = 1
_KIND_ELF = 2
_MAX_ENTRIES = 1 << 16  # a bound against a damaged section


@dataclass(frozen=True)
class DeviceCode:
    """The device code a library carries.

    Attributes:
        sm: architectures with machine code, as numbers (53 for sm_53), ascending.
        ptx: architectures with PTX, as numbers (86 for compute_86), ascending.
        ptx_version: the highest PTX ISA version carried, as (major, minor);
            (0, 0) without PTX.
    """

    sm: tuple[int, ...]
    ptx: tuple[int, ...]
    ptx_version: tuple[int, int]

    @property
    def sm_names(self) -> tuple[str, ...]:
        """``sm_53``-style names of the machine-code architectures."""
        return tuple(f"sm_{a}" for a in self.sm)

    @property
    def ptx_names(self) -> tuple[str, ...]:
        """``compute_86``-style names of the PTX architectures."""
        return tuple(f"compute_{a}" for a in self.ptx)

    @property
    def ptx_version_text(self) -> str:
        """The PTX ISA version as ``8.7``, or "" without PTX."""
        return f"{self.ptx_version[0]}.{self.ptx_version[1]}" if self.ptx else ""

    def runs_natively(self, major: int, minor: int) -> bool:
        """Whether machine code exists for a GPU of compute capability major.minor.

        Machine code runs on the same major version with an equal or higher minor
        version (sm_86 code runs on an 8.9 card, never on 9.0).
        """
        return any(a // 10 == major and a % 10 <= minor for a in self.sm)

    def runs_via_ptx(self, major: int, minor: int) -> bool:
        """Whether the driver can compile the PTX for this compute capability."""
        return any(a <= major * 10 + minor for a in self.ptx)


def parse_fatbin(data: bytes) -> DeviceCode:
    """Read the entry headers of a ``.nv_fatbin`` section's bytes.

    Raises:
        BinaryFormatError: the bytes are not a run of fat binaries.
    """
    sm: set[int] = set()
    ptx: set[int] = set()
    version = (0, 0)
    pos = 0
    entries = 0
    while pos + _BLOB_HEADER.size <= len(data):
        magic, _, header_size, payload = _BLOB_HEADER.unpack_from(data, pos)
        if magic != FATBIN_MAGIC:
            if any(data[pos:]):  # trailing zeros are alignment padding
                raise BinaryFormatError(f"no fat binary at offset {pos}")
            break
        end = pos + header_size + payload
        if header_size < _BLOB_HEADER.size or end > len(data):
            raise BinaryFormatError(f"fat binary at offset {pos} runs past its section")
        entry = pos + header_size
        while entry + _ENTRY_HEADER.size <= end:
            entries += 1
            if entries > _MAX_ENTRIES:
                raise BinaryFormatError("too many fat binary entries")
            kind, _, entry_size, size, _, _, minor, major, arch = _ENTRY_HEADER.unpack_from(
                data, entry
            )
            if entry_size < _ENTRY_HEADER.size:
                raise BinaryFormatError(f"bad fat binary entry at offset {entry}")
            if kind == _KIND_ELF:
                sm.add(arch)
            elif kind == _KIND_PTX:
                ptx.add(arch)
                version = max(version, (major, minor))
            entry += entry_size + size
        pos = end
    if not entries:
        raise BinaryFormatError("fat binary section without entries")
    return DeviceCode(tuple(sorted(sm)), tuple(sorted(ptx)), version)


def read_device_code(path: Path) -> DeviceCode | None:
    """The device code compiled into the shared library ``path``.

    Returns:
        None when the library has no ``.nv_fatbin`` section (a CPU-only build).

    Raises:
        BinaryFormatError: not an ELF file, or a damaged fat binary.
        OSError: the file cannot be read.
    """
    where = elf_section(path, ".nv_fatbin")
    if where is None:
        return None
    offset, size = where
    with path.open("rb") as fh:
        fh.seek(offset)
        data = fh.read(size)
    if len(data) != size:
        raise BinaryFormatError(f"{path.name}: truncated .nv_fatbin section")
    return parse_fatbin(data)


@dataclass(frozen=True)
class DeviceCodeReport:
    """The device code of the installed CTranslate2, or why it is unknown.

    Attributes:
        code: what the first library with a fat binary carries (None: none found).
        path: that library ("" when none).
        error: why a library could not be read ("" when every one could).
    """

    code: DeviceCode | None = None
    path: str = ""
    error: str = ""


def find_device_code(files: tuple[str, ...]) -> DeviceCodeReport:
    """Read the device code from the first of CTranslate2's ``files`` that has one.

    Python extension modules and PE files have none; they are skipped (PE files
    keep their device code in a section this module does not read yet).
    """
    errors = []
    for name in files:
        path = Path(name)
        try:
            code = read_device_code(path)
        except (BinaryFormatError, OSError) as exc:
            errors.append(f"{path.name}: {exc}")
            continue
        if code is not None:
            return DeviceCodeReport(code, name)
    return DeviceCodeReport(error="; ".join(errors))
