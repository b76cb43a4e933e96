"""PCM WAV files at Whisper's rate, read without FFmpeg.

FFmpeg's libraries are the largest thing a transcription loads after the
model: importing PyAV adds 24 MiB to the resident size on Linux (measured
with PyAV 18), and it stays until the process ends. A WAV file that holds
plain PCM at 16 kHz in one or two channels needs none of it. Its samples are
read here and converted as FFmpeg's resampler converts them: integers scaled
by 2^-(bits-1), 8-bit offset by 128, two channels mixed with FFmpeg's weights
of 1/sqrt(2) each. So a file gives the same audio on either path.

Anything else is left to FFmpeg: other rates, more channels, compressed
WAV (ADPCM, A-law, MP3 in WAV), RF64, and files whose header this reader
does not follow to the end.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

from stenodesk.core.cancel import NEVER, CancelToken

RATE = 16000
"""The only rate read here: Whisper's (the same value as decode.SAMPLE_RATE)."""

_PCM, _FLOAT, _EXTENSIBLE = 1, 3, 0xFFFE
_PLACEHOLDERS = (0, 0xFFFFFFFF)
"""Data sizes a streaming writer leaves before it knows the size: read to the end of the file."""

_CODECS = {
    (_PCM, 1): "pcm_u8",
    (_PCM, 2): "pcm_s16le",
    (_PCM, 3): "pcm_s24le",
    (_PCM, 4): "pcm_s32le",
    (_FLOAT, 4): "pcm_f32le",
    (_FLOAT, 8): "pcm_f64le",
}
"""(format tag, bytes per sample) read here, with FFmpeg's name for each."""

_MIX = np.float32(np.sqrt(0.5))
"""FFmpeg's weight of each of two channels mixed to one."""


@dataclass(frozen=True)
class PcmWav:
    """Where the samples of a PCM WAV file are and how they are stored."""

    codec: str
    """FFmpeg's name for the sample format (``pcm_s16le``...), as a probe reports it."""
    channels: int
    width: int
    """Bytes per sample."""
    data_start: int
    """Offset of the first sample in the file."""
    frames: int
    """Whole frames the file holds: what the header says, or less when the file is cut off."""

    @property
    def duration(self) -> float:
        return self.frames / RATE


def read_header(path: Path) -> PcmWav | None:
    """The layout of ``path`` when it is a WAV file this module reads; None otherwise.

    Raises:
        OSError: the file cannot be opened or read.
    """
    with open(path, "rb") as fh:
        head = fh.read(12)
        if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return None
        size = path.stat().st_size
        return _walk(fh, size)


def _walk(fh: BinaryIO, size: int) -> PcmWav | None:
    layout: tuple[str, int, int] | None = None
    while True:
        header = fh.read(8)
        if len(header) < 8:
            return None
        chunk_id, chunk_size = header[:4], struct.unpack("<I", header[4:])[0]
        if chunk_id == b"data":
            if layout is None:
                return None  # samples before their format: FFmpeg's problem
            codec, channels, width = layout
            start = fh.tell()
            held = max(0, size - start)
            length = held if chunk_size in _PLACEHOLDERS else min(chunk_size, held)
            return PcmWav(codec, channels, width, start, length // (channels * width))
        body = fh.read(chunk_size + (chunk_size & 1))
        if chunk_id == b"fmt ":
            layout = _format(body[:chunk_size])
            if layout is None:
                return None
        elif len(body) < chunk_size:
            return None


def _format(body: bytes) -> tuple[str, int, int] | None:
    if len(body) < 16:
        return None
    tag, channels, rate, byte_rate, align, bits = struct.unpack("<HHIIHH", body[:16])
    if tag == _EXTENSIBLE:
        if len(body) < 40:
            return None
        valid_bits = struct.unpack("<H", body[18:20])[0]
        if valid_bits not in (0, bits):
            return None
        tag = struct.unpack("<H", body[24:26])[0]  # the first two bytes of the sub-format GUID
    width = bits // 8
    codec = _CODECS.get((tag, width))
    if (
        codec is None
        or bits % 8
        or rate != RATE
        or channels not in (1, 2)
        or align != channels * width
        or byte_rate != rate * align
    ):
        return None
    return codec, channels, width


def iter_blocks(
    path: Path,
    wav: PcmWav,
    *,
    start: float = 0.0,
    block: int,
    cancel: CancelToken = NEVER,
) -> Iterator[np.ndarray]:
    """Mono float32 blocks of ``block`` samples (the last may be shorter) from ``start`` seconds.

    Raises:
        OSError: the file cannot be read any more.
        Cancelled: ``cancel`` was set.
    """
    frame_bytes = wav.channels * wav.width
    first = min(wav.frames, max(0, round(start * RATE)))
    left = wav.frames - first
    with open(path, "rb") as fh:
        fh.seek(wav.data_start + first * frame_bytes)
        while left > 0:
            cancel.raise_if_cancelled()
            want = min(block, left)
            raw = fh.read(want * frame_bytes)
            frames = len(raw) // frame_bytes
            if frames == 0:
                return  # the file shrank since its header was read
            yield _to_mono(raw[: frames * frame_bytes], wav)
            left -= frames


def _to_mono(raw: bytes, wav: PcmWav) -> np.ndarray:
    samples = _to_float(raw, wav.codec)
    if wav.channels == 1:
        return samples
    pairs = samples.reshape(-1, 2)
    return pairs[:, 0] * _MIX + pairs[:, 1] * _MIX


def _to_float(raw: bytes, codec: str) -> np.ndarray:
    if codec == "pcm_s16le":
        return np.frombuffer(raw, "<i2").astype(np.float32) * np.float32(2.0**-15)
    if codec == "pcm_f32le":
        return np.frombuffer(raw, "<f4").astype(np.float32)
    if codec == "pcm_u8":
        return (np.frombuffer(raw, np.uint8).astype(np.float32) - 128) * np.float32(2.0**-7)
    if codec == "pcm_s24le":
        three = np.frombuffer(raw, np.uint8).reshape(-1, 3).astype(np.int32)
        value = three[:, 0] | (three[:, 1] << 8) | (three[:, 2] << 16)
        value = (value << 8) >> 8  # sign from the top byte
        return value.astype(np.float32) * np.float32(2.0**-23)
    if codec == "pcm_s32le":
        return np.frombuffer(raw, "<i4").astype(np.float32) * np.float32(2.0**-31)
    return np.frombuffer(raw, "<f8").astype(np.float32)
