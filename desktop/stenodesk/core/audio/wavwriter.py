"""A 16-bit PCM WAV file that stays readable while it grows.

A recording is written as it is captured. The RIFF and data sizes in the
header are fixed up every ``sync_seconds`` and on close, and the data is
handed to the operating system at the same moments, so a process killed in
the middle of a recording leaves a valid WAV file holding everything up to
the last fix-up.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import BinaryIO

import numpy as np
import numpy.typing as npt

_HEADER_BYTES = 44
_RIFF_SIZE_AT = 4
_DATA_SIZE_AT = 40
_MAX_DATA = 0xFFFFFFFF - (_HEADER_BYTES - 8)


def _header(rate: int, channels: int, data_bytes: int) -> bytes:
    block_align = channels * 2
    return b"".join(
        (
            b"RIFF",
            struct.pack("<I", _HEADER_BYTES - 8 + data_bytes),
            b"WAVEfmt ",
            struct.pack("<IHHIIHH", 16, 1, channels, rate, rate * block_align, block_align, 16),
            b"data",
            struct.pack("<I", data_bytes),
        )
    )


class GrowingWav:
    """Appends float samples to a WAV file as 16-bit PCM, keeping the header current.

    Args:
        path: the file to create (replaced if it exists).
        rate: frames per second.
        channels: interleaved channels per frame.
        sync_seconds: how much audio may be written before the header is
            fixed up and the data flushed to the operating system.

    Raises:
        OSError: the file cannot be created.
    """

    def __init__(self, path: Path, rate: int, channels: int, *, sync_seconds: float = 1.0) -> None:
        self.path = path
        self.rate = rate
        self.channels = channels
        self._sync_bytes = max(1, int(sync_seconds * rate)) * channels * 2
        self._file: BinaryIO | None = open(path, "w+b")  # noqa: SIM115 - closed in close()
        self._file.write(_header(rate, channels, 0))
        self._file.flush()
        self._data_bytes = 0
        self._synced_bytes = 0

    @property
    def frames(self) -> int:
        """Frames written so far."""
        return self._data_bytes // (self.channels * 2)

    @property
    def seconds(self) -> float:
        return self.frames / self.rate

    def write(self, samples: npt.NDArray[np.float32]) -> None:
        """Append ``samples`` (frames x channels, or 1-D for mono) in [-1, 1]."""
        if self._file is None:
            raise ValueError(f"{self.path.name} is closed")
        pcm = np.clip(samples, -1.0, 1.0) * 32767.0
        data = pcm.astype("<i2").tobytes()
        if self._data_bytes + len(data) > _MAX_DATA:
            raise OSError(f"{self.path.name} reached the 4 GiB limit of WAV files")
        self._file.write(data)
        self._data_bytes += len(data)
        if self._data_bytes - self._synced_bytes >= self._sync_bytes:
            self.sync()

    def sync(self) -> None:
        """Fix up the header for the data written so far and flush it all to the OS."""
        if self._file is None:
            return
        f = self._file
        f.seek(_RIFF_SIZE_AT)
        f.write(struct.pack("<I", _HEADER_BYTES - 8 + self._data_bytes))
        f.seek(_DATA_SIZE_AT)
        f.write(struct.pack("<I", self._data_bytes))
        f.seek(0, 2)
        f.flush()
        self._synced_bytes = self._data_bytes

    def close(self) -> None:
        """Final header fix-up; the file is complete afterwards. Safe to call twice."""
        if self._file is None:
            return
        try:
            self.sync()
            os.fsync(self._file.fileno())
        finally:
            self._file.close()
            self._file = None
