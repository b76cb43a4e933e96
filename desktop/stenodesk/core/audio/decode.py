"""Decoding media files into 16 kHz mono float32 audio, a block at a time.

Whatever PyAV (FFmpeg) can open works: audio files and video containers
alike. WAV files holding PCM at 16 kHz are read without it (``wavread``), so
FFmpeg is loaded only for the first file that needs it. Failures become
:class:`StenodeskError` with a distinct kind so the front ends can say what
is wrong with the file. Audio is produced in bounded blocks; nothing here
holds a whole long file in memory unless asked to with :func:`decode_all`.
"""

from __future__ import annotations

import errno
import gc
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, cast

import numpy as np
import numpy.typing as npt

from stenodesk.core.audio import wavread
from stenodesk.core.audio.wavcheck import wav_shortfall
from stenodesk.core.cancel import NEVER, CancelToken
from stenodesk.core.errors import ErrorKind, StenodeskError

if TYPE_CHECKING:
    import av
    import av.audio.frame
    import av.audio.stream
    import av.container

log = logging.getLogger(__name__)

SAMPLE_RATE = 16000
"""Whisper's sample rate; everything in the engine runs at this rate."""

Pcm = npt.NDArray[np.float32]

_AV_TIME_BASE = 1_000_000
"""FFmpeg's AV_TIME_BASE: a container's duration is in microseconds."""

MEDIA_EXTENSIONS = frozenset(
    ".wav .mp3 .m4a .aac .flac .ogg .oga .opus .wma .aif .aiff .amr .mka .webm "
    ".mp4 .m4v .mkv .mov .avi .wmv .mpg .mpeg .ts .mts .3gp .flv".split()
)
"""Extensions offered in file pickers and accepted on drop; decoding tries anything."""


@dataclass(frozen=True)
class MediaInfo:
    """What :func:`probe` learnt about a media file."""

    path: Path
    duration: float
    """Seconds of audio, from the container; 0.0 when the container does not say."""
    sample_rate: int
    channels: int
    codec: str
    container: str
    has_video: bool
    promised: float | None = None
    """For a WAV file cut off short of its header: the seconds the header
    promises (``duration`` is then what the file holds); None otherwise."""


def _classify_open_error(path: Path, exc: BaseException) -> StenodeskError:
    if isinstance(exc, FileNotFoundError | IsADirectoryError):
        return StenodeskError(ErrorKind.FILE_MISSING, path.name, str(exc))
    if isinstance(exc, PermissionError):
        return StenodeskError(ErrorKind.PERMISSION_DENIED, path.name, str(exc))
    if isinstance(exc, OSError) and exc.errno == errno.EACCES:
        return StenodeskError(ErrorKind.PERMISSION_DENIED, path.name, str(exc))
    return StenodeskError(ErrorKind.NOT_MEDIA, path.name, str(exc))


def _check_file(path: Path) -> None:
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        raise StenodeskError(ErrorKind.FILE_MISSING, path.name, str(exc)) from exc
    except PermissionError as exc:
        raise StenodeskError(ErrorKind.PERMISSION_DENIED, path.name, str(exc)) from exc
    if path.is_dir():
        raise StenodeskError(ErrorKind.NOT_MEDIA, path.name, "is a folder")
    if st.st_size == 0:
        raise StenodeskError(ErrorKind.EMPTY_AUDIO, path.name, "the file is 0 bytes")
    if not os.access(path, os.R_OK):
        raise StenodeskError(ErrorKind.PERMISSION_DENIED, path.name, "not readable")


def _ffmpeg(path: Path) -> ModuleType:
    """PyAV, run now if it was deferred; a library that will not load fails this file."""
    try:
        import av

        av.error  # noqa: B018 - looking it up runs PyAV when it was deferred
    except ImportError as exc:
        raise StenodeskError(
            ErrorKind.DECODE_FAILED, path.name, f"FFmpeg (PyAV) could not be loaded: {exc}"
        ) from exc
    return av


def _open(path: Path) -> av.container.InputContainer:
    lib = _ffmpeg(path)
    try:
        opened = lib.open(str(path), mode="r", metadata_errors="ignore")
        return cast("av.container.InputContainer", opened)
    except (lib.error.FFmpegError, OSError, ValueError) as exc:
        raise _classify_open_error(path, exc) from exc


def _pcm_wav(path: Path) -> wavread.PcmWav | None:
    """The layout of a WAV file read without FFmpeg; None for any other file."""
    _check_file(path)
    try:
        return wavread.read_header(path)
    except OSError as exc:
        raise _classify_open_error(path, exc) from exc


def _audio_stream(path: Path, container: av.container.InputContainer) -> av.audio.AudioStream:
    if not container.streams.audio:
        if container.streams.video:
            raise StenodeskError(ErrorKind.NO_AUDIO_STREAM, path.name, "only video streams")
        raise StenodeskError(ErrorKind.NOT_MEDIA, path.name, "no audio or video streams")
    return container.streams.audio[0]


def probe(path: str | Path) -> MediaInfo:
    """Open a file and describe its first audio stream.

    Raises:
        StenodeskError: FILE_MISSING, PERMISSION_DENIED, NOT_MEDIA,
            NO_AUDIO_STREAM or EMPTY_AUDIO.
    """
    path = Path(path)
    wav = _pcm_wav(path)
    if wav is not None:
        info = MediaInfo(path, wav.duration, SAMPLE_RATE, wav.channels, wav.codec, "wav", False)
    else:
        info = _probe_ffmpeg(path)
    if info.sample_rate == 0:
        raise StenodeskError(ErrorKind.DECODE_FAILED, path.name, "audio stream has no rate")
    cut = wav_shortfall(path)
    if cut is not None:
        info = replace(info, duration=cut.present, promised=cut.promised)
    return info


def _probe_ffmpeg(path: Path) -> MediaInfo:
    with _open(path) as container:
        stream = _audio_stream(path, container)
        duration = _duration(container, stream)
        ctx = stream.codec_context
        return MediaInfo(
            path=path,
            duration=duration,
            sample_rate=int(ctx.sample_rate or 0),
            channels=int(ctx.channels or 0),
            codec=str(ctx.name),
            container=str(container.format.name),
            has_video=bool(container.streams.video),
        )


def _duration(container: av.container.InputContainer, stream: av.audio.AudioStream) -> float:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return float(container.duration) / _AV_TIME_BASE
    return 0.0


def iter_pcm(
    path: str | Path,
    *,
    start: float = 0.0,
    block_seconds: float = 30.0,
    cancel: CancelToken = NEVER,
    collect: bool = True,
) -> Iterator[Pcm]:
    """Yield the audio from ``start`` seconds on, as 16 kHz mono float32 blocks.

    Each block holds ``block_seconds`` of audio except the last. Undecodable
    packets are skipped, as players do. Raises EMPTY_AUDIO if the stream
    holds no samples at all (from ``start``), DECODE_FAILED if nothing could be
    decoded from a stream that should hold audio. ``collect=False`` leaves
    out the garbage collection at the end (see :func:`_resampled`): playback
    cannot afford the pause while its audio callback waits for the GIL.
    """
    path = Path(path)
    block = max(1, int(block_seconds * SAMPLE_RATE))
    wav = _pcm_wav(path)
    if wav is None:
        yield from _iter_ffmpeg(path, start, block, cancel, collect)
        return
    produced = 0
    try:
        for pcm in wavread.iter_blocks(path, wav, start=start, block=block, cancel=cancel):
            produced += len(pcm)
            yield pcm
    except OSError as exc:
        raise StenodeskError(ErrorKind.DECODE_FAILED, path.name, str(exc)) from exc
    if produced == 0 and start <= 0:
        raise StenodeskError(ErrorKind.EMPTY_AUDIO, path.name, "no audio samples")


def _iter_ffmpeg(
    path: Path, start: float, block: int, cancel: CancelToken, collect: bool
) -> Iterator[Pcm]:
    produced = 0
    with _open(path) as container:
        stream = _audio_stream(path, container)
        stream.codec_context.thread_type = "AUTO"
        if start > 0 and stream.time_base is not None:
            # Seek lands on a packet at or before `start`; samples before it are dropped below.
            container.seek(int(start / stream.time_base), stream=stream, backward=True)
        pending: list[Pcm] = []
        pending_len = 0
        skip_until = start
        errors = 0
        for chunk in _resampled(container, stream, cancel, collect=collect):
            if chunk.pcm is None:
                errors += 1
                continue
            pcm, t0 = chunk.pcm, chunk.time
            if t0 is not None and t0 < skip_until:
                drop = min(len(pcm), round((skip_until - t0) * SAMPLE_RATE))
                pcm = pcm[drop:]
            skip_until = -1.0  # only the first decoded frames can precede `start`
            if not len(pcm):
                continue
            pending.append(pcm)
            pending_len += len(pcm)
            while pending_len >= block:
                joined = np.concatenate(pending)
                yield joined[:block]
                produced += block
                rest = joined[block:]
                pending, pending_len = ([rest], len(rest)) if len(rest) else ([], 0)
        if pending_len:
            produced += pending_len
            yield np.concatenate(pending)
    if produced == 0:
        if errors:
            raise StenodeskError(ErrorKind.DECODE_FAILED, path.name, f"{errors} bad packets")
        if start > 0:
            return
        raise StenodeskError(ErrorKind.EMPTY_AUDIO, path.name, "no audio samples")


@dataclass
class _Chunk:
    pcm: Pcm | None
    time: float | None


def _resampled(
    container: av.container.InputContainer,
    stream: av.audio.AudioStream,
    cancel: CancelToken,
    *,
    collect: bool = True,
) -> Iterator[_Chunk]:
    import av

    resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
    base = 0.0
    if stream.start_time is not None and stream.time_base is not None:
        base = float(stream.start_time * stream.time_base)
    first = True
    try:
        packets = container.demux(stream)
        for packet in packets:
            cancel.raise_if_cancelled()
            try:
                frames = packet.decode()
            except av.error.InvalidDataError:
                yield _Chunk(None, None)
                continue
            for frame in frames:
                t0 = None
                if first and frame.pts is not None and frame.time_base is not None:
                    t0 = float(frame.pts * frame.time_base) - base
                frame.pts = None
                for out in resampler.resample(frame):
                    yield _Chunk(_to_mono(out), t0)
                    t0 = None
                first = False
        for out in resampler.resample(None):
            yield _Chunk(_to_mono(out), None)
    finally:
        # PyAV keeps resampler buffers alive until a collection (faster-whisper #390).
        del resampler
        if collect:
            _collector[0]()


_GC_COLLECT = gc.collect
_collector: list[Callable[[], object]] = [_GC_COLLECT]
"""The collection after each decoded file (one entry; see :func:`collect_garbage_with`)."""


def collect_garbage_with(collect: Callable[[], object] | None) -> None:
    """Run the collection after each decoded file (see :func:`_resampled`) through ``collect``.

    A full collection in a worker thread can free objects of the GUI thread:
    in the app, a Qt object left in a reference cycle was destroyed in the
    waveform thread while the GUI thread, holding the GIL, waited for a Qt
    lock that destructor held, and both waited for ever. The app passes a
    collector that runs in the GUI thread, and None when it closes
    (``gc.collect`` again, as on the command line).
    """
    _collector[0] = collect or _GC_COLLECT


def _to_mono(frame: av.AudioFrame) -> Pcm:
    return np.ascontiguousarray(frame.to_ndarray().reshape(-1), dtype=np.float32)


def decode_all(path: str | Path, *, cancel: CancelToken = NEVER) -> Pcm:
    """The whole file as one array. For short clips (tests, samples, live sessions)."""
    blocks = list(iter_pcm(path, block_seconds=60.0, cancel=cancel))
    return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.float32)
