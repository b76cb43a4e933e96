"""Spotting a WAV file cut off short of what its header promises.

FFmpeg trusts the bytes it finds, so a cut-off download decodes quietly to a
few milliseconds; only the header's data size tells how long it was meant to be.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

_SLACK_SECONDS = 0.5
"""Writers round and pad; a shortfall under this is not worth a word."""


@dataclass(frozen=True)
class Shortfall:
    """How long the header says the audio is, and how long the file holds."""

    promised: float
    present: float


def wav_shortfall(path: Path) -> Shortfall | None:
    """The promised and present lengths of a WAV file cut short; None otherwise.

    Files that are not RIFF WAVE, that cannot be read, or whose data size is
    a placeholder left by a streaming writer (0 or 0xFFFFFFFF) give None.
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
            if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
                return None
            return _walk(fh, path.stat().st_size)
    except OSError:
        return None


def _walk(stream: BinaryIO, size: int) -> Shortfall | None:
    byte_rate = 0
    while True:
        header = stream.read(8)
        if len(header) < 8:
            return None
        chunk_id, chunk_size = header[:4], struct.unpack("<I", header[4:])[0]
        if chunk_id == b"fmt ":
            body = stream.read(chunk_size + (chunk_size & 1))
            if len(body) < 12:
                return None
            byte_rate = struct.unpack("<I", body[8:12])[0]
            continue
        if chunk_id == b"data":
            if byte_rate <= 0 or chunk_size in (0, 0xFFFFFFFF):
                return None
            held = max(0, size - stream.tell())
            missing = chunk_size - held
            if missing <= _SLACK_SECONDS * byte_rate:
                return None
            return Shortfall(chunk_size / byte_rate, held / byte_rate)
        stream.seek(chunk_size + (chunk_size & 1), 1)
