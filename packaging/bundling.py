"""What goes into the app folder, for the parts the spec cannot say in one line.

Imported at build time by ``packaging/stenodesk.spec`` and the hooks in
``packaging/hooks`` (in the project's virtual environment), never by the app.
"""

from __future__ import annotations

import fnmatch
import hashlib
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

EXCLUDES = (
    # Never used at run time, pulled in by optional imports.
    *("torch", "tensorflow", "jax", "transformers", "IPython", "matplotlib", "pandas"),
    *("scipy", "PIL", "tkinter", "_tkinter", "pytest", "_pytest", "setuptools"),
    *("pkg_resources", "pip", "wheel", "distutils", "numpy.f2py", "numpy.distutils"),
    *("fsspec", "rich", "pygments", "jiwer", "rapidfuzz", "mypy", "readline"),
    # filelock's read-write locks (we take plain file locks); it copes without.
    "sqlite3",
    # Hugging Face's Xet transfer client: our downloads are plain HTTP ranges.
    "hf_xet",
    # onnxruntime's tooling; faster-whisper only runs an InferenceSession.
    *("onnxruntime.transformers", "onnxruntime.quantization", "onnxruntime.tools"),
    *("onnxruntime.training", "onnxruntime.datasets", "onnxruntime.backend"),
    # Data in the bundle, where paths.resources_dir() looks.
    "stenodesk.resources",
)
"""Modules left out of the bundle (tests/e2e/test_frozen_build.py checks none is imported)."""

SYSTEM_ONLY = ("libmvec.so.1",)
"""Parts of glibc that PyInstaller does not know to leave out (libx265 links libmvec):
a copy from the build machine must not meet another machine's glibc."""

QT_RUNTIME_HOOK = "pyi_rth_pyside6"
"""PyInstaller's run-time hook for PySide6, left out (:func:`without_runtime_hook`).

It runs before the entry point of every start and imports QtCore to look
for a qt.conf, so the command line loaded Qt and shiboken for nothing: on
the build machine ``stenodesk-cli --version`` took 0.50-0.56 s and 66 MB
with it, 0.35-0.41 s and 55 MB without, and a transcription peaked 11 MB
higher. PySide6's wheels register their own qt.conf when QtCore loads,
which finds the plugins and translations in the bundle; the hook's other
work is for QML and for QtNetwork's TLS on Windows, neither of which
Stenodesk uses. The smoke test checks that the window finds Qt's platform
plugins and translations."""

QT_PLUGINS_KEPT: dict[str, tuple[str, ...]] = {
    # X11, Wayland, Windows, and offscreen for the smoke test.
    "platforms": (
        *("libqxcb.so", "libqwayland*.so", "libqoffscreen.so"),
        *("qwindows.dll", "qoffscreen.dll"),
    ),
    # File dialogs through the desktop portal. Not gtk3: it links the system's
    # GTK, which would be copied from the build machine.
    "platformthemes": ("libqxdgdesktopportal.so",),
    # Dead keys (compose) and input methods (ibus: Chinese, Japanese...).
    "platforminputcontexts": (
        "libcomposeplatforminputcontextplugin.so",
        "libibusplatforminputcontextplugin.so",
    ),
    "imageformats": ("libqsvg.so", "qsvg.dll"),  # PNG is built into QtGui
    "iconengines": ("libqsvgicon.so", "qsvgicon.dll"),
    "xcbglintegrations": ("*",),
    "wayland-shell-integration": ("libxdg-shell.so",),
    "wayland-decoration-client": ("*",),
    "wayland-graphics-integration-client": ("libqt-plugin-wayland-egl.so",),
    "styles": ("*",),
}
"""Qt plugins by folder; any other plugin folder (eglfs, evdev, tls, sql...) is left out."""

QT_TRANSLATIONS_KEPT = ("qtbase_zh_CN.qm", "qtbase_zh_TW.qm")
"""Qt's own strings in the interface languages Stenodesk ships besides English."""

RESOURCE_PATTERNS = (
    "icons/*.svg",
    "icons/hicolor/*/apps/*",
    "translations/*.qm",
    "sample/*",
    "speakers/*",
    "*.desktop",
    "*.metainfo.xml",
)
"""Files of the top-level resources/ folder that the app and install.sh use."""


class BuildError(Exception):
    """The bundle cannot be built as asked; the message says why and what to do."""


# -- Qt ---------------------------------------------------------------------------


def without_runtime_hook(scripts: Iterable[tuple[str, str, str]], name: str) -> list[Any]:
    """The Analysis's scripts without the run-time hook ``name``.

    Raises BuildError when there is none of that name: a PyInstaller that
    renamed it would otherwise bring it back unnoticed.
    """
    scripts = list(scripts)
    kept = [entry for entry in scripts if entry[0] != name]
    if len(kept) == len(scripts):
        names = ", ".join(entry[0] for entry in scripts)
        raise BuildError(f"PyInstaller added no run-time hook {name} (it added: {names})")
    return kept


def keep_qt_file(dest: str) -> bool:
    """Whether a file PySide6's hooks collect belongs in the bundle (by its destination)."""
    parts = PurePath(dest).parts
    if "plugins" in parts:
        rest = parts[parts.index("plugins") + 1 :]
        if len(rest) < 2:
            return True
        patterns = QT_PLUGINS_KEPT.get(rest[0], ())
        return any(fnmatch.fnmatch(rest[-1], p) for p in patterns)
    if "translations" in parts:
        return parts[-1] in QT_TRANSLATIONS_KEPT
    return True


def filter_qt(entries: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(source, destination folder) pairs from a Qt hook, without the unused plugins."""
    return [(src, dest) for src, dest in entries if keep_qt_file(f"{dest}/{Path(src).name}")]


# -- resources and models -----------------------------------------------------------


def resource_datas(root: Path) -> list[tuple[str, str]]:
    """The app's resources, laid out as the package ``stenodesk.resources``."""
    base = root / "resources"
    found: list[tuple[str, str]] = []
    for pattern in RESOURCE_PATTERNS:
        for path in sorted(base.glob(pattern)):
            if path.is_file():
                rel = path.relative_to(base).parent
                found.append((str(path), str(PurePath("stenodesk", "resources", rel))))
    return found


# -- CUDA libraries (gpu flavour) ---------------------------------------------------


def cuda_binaries(windows: bool = sys.platform == "win32") -> list[tuple[str, str]]:
    """The CUDA libraries the installed CTranslate2 needs, from the nvidia-* wheels.

    Reads the names from CTranslate2's own libraries with ``stenodesk.core.gpu``
    (the same code that preloads them at run time), so nothing is hard-coded:
    cuBLAS with cuBLASLt for a CTranslate2 that needs only them, cuDNN too for
    one that names it. Each file keeps its wheel layout (``nvidia/cublas/lib``,
    ``nvidia/cublas/bin`` on Windows), where the frozen app looks first.

    Raises:
        BuildError: CTranslate2 names no CUDA library, or one it needs is not
            installed as a wheel.
    """
    from stenodesk.core.gpu.libraries import discover
    from stenodesk.core.gpu.locate import LibrarySearch

    # Wheels only: a bundle must not carry whatever the build machine has in /usr/lib.
    report = discover(LibrarySearch(system_dirs=(), use_ldconfig=False, windows=windows))
    needed = [lib for lib in report.libraries if lib.needed]
    if not needed:
        detail = f" ({report.error})" if report.error else ""
        raise BuildError(f"the installed CTranslate2 names no CUDA library{detail}")
    missing = [lib.name for lib in needed if not lib.found]
    if missing:
        raise BuildError(
            "CUDA libraries needed by CTranslate2 are not installed: "
            + ", ".join(missing)
            + " (scripts/build gpu installs the gpu extra)"
        )
    binaries = []
    for lib in needed:
        path = Path(lib.path)
        parts = path.parts
        if "nvidia" not in parts:
            raise BuildError(f"{lib.name} is not from an nvidia-* wheel: {path}")
        dest = PurePath(*parts[parts.index("nvidia") : -1])
        binaries.append((str(path), str(dest)))
    return binaries


def is_cuda_destination(dest: str) -> bool:
    return PurePath(dest).parts[:1] == ("nvidia",)


# -- stripping (Linux) ----------------------------------------------------------------

_SHT_SYMTAB = 2
_PT_LOAD = 1


@dataclass(frozen=True)
class ElfLayout:
    """What stripping needs to know about a 64-bit ELF file."""

    has_symbols: bool
    """It has a symbol table (``.symtab``), which ``strip`` removes."""
    loadable: bool
    """Every loadable segment's file offset and address agree modulo its alignment,
    as the dynamic loader requires ("ELF load command address/offset not page-aligned")."""


def elf_layout(path: Path) -> ElfLayout | None:
    """The layout of a little-endian 64-bit ELF file; None for anything else."""
    try:
        with path.open("rb") as fh:
            header = fh.read(64)
            if len(header) < 64 or header[:4] != b"\x7fELF" or header[4:6] != b"\x02\x01":
                return None
            phoff, shoff = struct.unpack_from("<QQ", header, 0x20)
            phentsize, phnum, shentsize, shnum = struct.unpack_from("<HHHH", header, 0x36)
            fh.seek(phoff)
            programs = fh.read(phentsize * phnum)
            fh.seek(shoff)
            sections = fh.read(shentsize * shnum)
    except (OSError, struct.error):
        return None
    symbols = any(
        struct.unpack_from("<I", sections, i * shentsize + 4)[0] == _SHT_SYMTAB
        for i in range(len(sections) // shentsize if shentsize else 0)
    )
    loadable = True
    for i in range(len(programs) // phentsize if phentsize else 0):
        kind, _, offset, vaddr = struct.unpack_from("<IIQQ", programs, i * phentsize)
        align = struct.unpack_from("<Q", programs, i * phentsize + 48)[0]
        if kind == _PT_LOAD and align > 1 and offset % align != vaddr % align:
            loadable = False
    return ElfLayout(symbols, loadable)


def strip_binaries(
    toc: list[tuple[str, str, str]], cache: Path
) -> tuple[list[tuple[str, str, str]], int]:
    """Replace unstripped ELF libraries and extension modules in a TOC by stripped copies.

    Only files with a symbol table are copied and stripped (the CTranslate2
    extension drops from 66 MB to about 1 MB); CUDA libraries, which come
    stripped and are huge, are left alone. ``strip`` can break a library
    that patchelf rewrote (auditwheel does that to the ones in ``*.libs``):
    a copy whose segments no longer load is dropped and the original kept.
    Copies are cached in ``cache`` by source path, size and time.

    Returns:
        The new TOC and the bytes saved.
    """
    cache.mkdir(parents=True, exist_ok=True)
    out: list[tuple[str, str, str]] = []
    saved = 0
    for dest, src, kind in toc:
        path = Path(src)
        copy = _stripped_copy(path, cache) if _strippable(dest, kind) else None
        if copy is None:
            out.append((dest, src, kind))
            continue
        saved += path.stat().st_size - copy.stat().st_size
        out.append((dest, str(copy), kind))
    return out, saved


def _strippable(dest: str, kind: str) -> bool:
    return kind in ("BINARY", "EXTENSION") and not is_cuda_destination(dest)


def _stripped_copy(path: Path, cache: Path) -> Path | None:
    st = path.stat()
    key = hashlib.sha256(f"{path}:{st.st_size}:{st.st_mtime_ns}".encode()).hexdigest()[:16]
    copy = cache / key / path.name
    refused = cache / key / ".refused"
    if copy.is_file():
        return copy
    if refused.exists():
        return None
    layout = elf_layout(path)
    if layout is None or not layout.has_symbols or not layout.loadable:
        return None
    copy.parent.mkdir(exist_ok=True)
    work = copy.parent / (path.name + ".tmp")
    shutil.copy2(path, work)
    try:
        subprocess.run(["strip", "--strip-unneeded", str(work)], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise BuildError(f"strip failed on {path} (binutils installed?): {exc}") from exc
    after = elf_layout(work)
    if after is None or not after.loadable:
        work.unlink()
        refused.touch()
        print(f"not stripping {path.name}: the stripped copy would not load")
        return None
    work.rename(copy)
    return copy


def prebuilt_models(work: Path) -> list[tuple[str, str]]:
    """The multilingual built-ins, joined and verified now, as PyInstaller datas.

    The bundle carries each ready (core/paths.py: ``prebuilt_model``) instead of
    its package parts, so the first multilingual job copies nothing into the
    user's model folder.
    """
    from stenodesk.core.errors import StenodeskError
    from stenodesk.core.models.multilingual import BUILTIN_ASSEMBLED, ensure_assembled
    from stenodesk.core.paths import PREBUILT_MODELS

    datas = []
    for name, model in BUILTIN_ASSEMBLED.items():
        try:
            folder = ensure_assembled(model, work / name)
        except StenodeskError as exc:
            raise BuildError(f"{exc.message} ({exc.detail})") from None
        files = sorted(p for p in folder.iterdir() if p.is_file())
        datas += [(str(p), f"{PREBUILT_MODELS}/{name}") for p in files]
    return datas


def verify_prebuilt_models(contents: Path) -> None:
    """Check the copies in the app folder and stamp them, so no start hashes them again."""
    from stenodesk.core.models.multilingual import BUILTIN_ASSEMBLED, is_ready
    from stenodesk.core.paths import PREBUILT_MODELS

    for name, model in BUILTIN_ASSEMBLED.items():
        if not is_ready(model, contents / PREBUILT_MODELS / name):
            raise BuildError(f"the bundled copy of {name} does not match its checksums")
