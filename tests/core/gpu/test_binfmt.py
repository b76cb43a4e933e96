"""Reading library names out of ELF and PE files, without loading them."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from tests.core.gpu import fakes

from stenodesk.core.gpu.binfmt import BinaryFormatError, read_names
from stenodesk.core.gpu.libraries import discover, family, load_order
from stenodesk.core.gpu.locate import LibrarySearch, ctranslate2_files


def test_installed_ctranslate2_names_cublas() -> None:
    files = ctranslate2_files(LibrarySearch())
    assert any("ctranslate2" in f.name for f in files)
    names = set()
    for f in files:
        names.update(read_names(f).strings)
    assert "libcublas.so.12" in names, "CTranslate2 4.6.3+ opens cuBLAS 12 by name"


def test_elf_soname_needed_and_strings(built: Path) -> None:
    cublas = read_names(built / "libcublas.so.12")
    assert cublas.soname == "libcublas.so.12"
    assert cublas.needed[0] == "libcublasLt.so.12"
    cudnn = read_names(built / "libcudnn.so.9")
    assert {"libcudnn_ops.so.9", "libcudnn_cnn.so.9", "libcudnn_graph.so.9"} <= set(cudnn.strings)
    capped = read_names(built / "libcudnn.so.9", max_scan=16)
    assert (capped.scanned, capped.strings) == (False, ())
    assert capped.needed == cudnn.needed, "linked libraries are read whatever the size"


def test_damaged_files_raise_a_format_error(built: Path, tmp_path: Path) -> None:
    with pytest.raises(BinaryFormatError):
        read_names(built / "libcublasLt-broken.so.12")
    truncated = tmp_path / "libtruncated.so.1"
    truncated.write_bytes((built / "libcublas.so.12").read_bytes()[:200])
    with pytest.raises(BinaryFormatError):
        read_names(truncated)


def make_pe(path: Path, imports: tuple[str, ...], rdata: tuple[str, ...]) -> Path:
    """A minimal PE32+ DLL: an import table and a .rdata section with strings."""
    data = bytearray(0x800)
    data[0:2] = b"MZ"
    struct.pack_into("<I", data, 0x3C, 0x40)
    data[0x40:0x44] = b"PE\0\0"
    struct.pack_into("<HHIIIHH", data, 0x44, 0x8664, 2, 0, 0, 0, 240, 0x2022)
    optional = 0x58
    struct.pack_into("<H", data, optional, 0x20B)
    struct.pack_into("<II", data, optional + 112 + 8, 0x2000, 20 * (len(imports) + 1))
    table = optional + 240
    struct.pack_into("<8sIIII", data, table, b".rdata", 0x200, 0x1000, 0x200, 0x400)
    struct.pack_into("<8sIIII", data, table + 40, b".idata", 0x200, 0x2000, 0x200, 0x600)
    blob = b"\0".join(b"Loading " + s.encode() for s in rdata) + b"\0"
    data[0x400 : 0x400 + len(blob)] = blob
    names_at = 0x600 + 20 * (len(imports) + 1)
    for i, name in enumerate(imports):
        rva = 0x2000 + (names_at - 0x600)
        struct.pack_into("<IIIII", data, 0x600 + 20 * i, 0, 0, 0, rva, 0)
        data[names_at : names_at + len(name) + 1] = name.encode() + b"\0"
        names_at += len(name) + 1
    path.write_bytes(bytes(data))
    return path


def test_pe_imports_and_rdata_strings(tmp_path: Path) -> None:
    dll = make_pe(
        tmp_path / "ctranslate2.dll",
        imports=("cudnn64_9.dll", "KERNEL32.dll"),
        rdata=("cublas64_12.dll", "cublasLt64_12.dll"),
    )
    names = read_names(dll)
    assert names.needed == ("cudnn64_9.dll", "KERNEL32.dll")
    assert {"cublas64_12.dll", "cublasLt64_12.dll"} <= set(names.strings)
    assert [family(n, windows=True) for n in names.needed] == ["cudnn", None]
    assert family("cublasLt64_12.dll", windows=True) == "cublaslt"


def test_windows_layout_finds_dlls_in_wheel_bin_folders(tmp_path: Path) -> None:
    """Discovery with Windows names: ``nvidia/<lib>/bin`` holds the DLLs."""
    ct2 = make_pe(tmp_path / "ctranslate2.dll", (), ("cublas64_12.dll",))
    bin_dir = tmp_path / "site" / "nvidia" / "cublas" / "bin"
    bin_dir.mkdir(parents=True)
    make_pe(bin_dir / "cublas64_12.dll", ("cublasLt64_12.dll", "KERNEL32.dll"), ())
    make_pe(bin_dir / "cublasLt64_12.dll", ("KERNEL32.dll",), ())
    search = LibrarySearch(
        python_path=(str(tmp_path / "site"),),
        system_dirs=(),
        use_ldconfig=False,
        ctranslate2_files=(ct2,),
        windows=True,
    )
    report = discover(search)
    found = {lib.name: lib for lib in report.libraries}
    assert found["cublas64_12.dll"].path == str(bin_dir / "cublas64_12.dll")
    assert found["cublasLt64_12.dll"].named_by == "cublas64_12.dll"
    assert found["cublas64_12.dll"].version == "12"
    assert [lib.name for lib in load_order(report)] == ["cublasLt64_12.dll", "cublas64_12.dll"]


def test_fake_libraries_carry_their_real_sonames(built: Path) -> None:
    for lib in fakes.CUDA_LIBS:
        assert read_names(built / lib.soname).soname == lib.soname
