"""Writing exports to disk atomically, never clobbering a file unless asked."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.export.formats import FORMATS, to_rttm
from stenodesk.core.export.shaping import SubtitleOptions
from stenodesk.core.filemode import match_umask
from stenodesk.core.transcript import Transcript


def write_text_atomic(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write ``text`` as UTF-8 so that ``path`` is either absent, old or complete.

    Raises:
        StenodeskError: OUTPUT_EXISTS when ``path`` exists and ``overwrite`` is
            false; OUTPUT_FAILED or DISK_FULL when the write fails.
    """
    if not overwrite and path.exists():
        raise StenodeskError(ErrorKind.OUTPUT_EXISTS, path.name)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        match_umask(fd)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            _link_exclusive(tmp, path)
        tmp = None
    except StenodeskError:
        raise
    except OSError as exc:
        kind = ErrorKind.DISK_FULL if exc.errno == errno.ENOSPC else ErrorKind.OUTPUT_FAILED
        raise StenodeskError(kind, path.name, str(exc)) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _link_exclusive(tmp: str, path: Path) -> None:
    """Move tmp to path only if path does not exist, without a check-then-act race."""
    try:
        os.link(tmp, path)
    except FileExistsError as exc:
        raise StenodeskError(ErrorKind.OUTPUT_EXISTS, path.name) from exc
    except OSError:
        # No hard links here (FAT, some network shares): fall back to check and rename.
        if path.exists():
            raise StenodeskError(ErrorKind.OUTPUT_EXISTS, path.name) from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def export(
    transcript: Transcript,
    fmt: str,
    path: Path,
    *,
    subtitles: SubtitleOptions | None = None,
    overwrite: bool = False,
) -> Path:
    """Render ``transcript`` in format ``fmt`` and write it to ``path``."""
    try:
        spec = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}") from None
    if fmt == "rttm":
        # RTTM names the recording on every line: the file's own name says it best.
        text = to_rttm(transcript, path.stem)
    else:
        text = spec.render(transcript, subtitles or SubtitleOptions())
    write_text_atomic(path, text, overwrite=overwrite)
    return path
