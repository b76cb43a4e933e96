"""WAV files read without FFmpeg give the audio FFmpeg gives, and the rest still goes to FFmpeg.

The files are written by FFmpeg's own WAV muxer (through PyAV) from real
speech, in each sample format read here, so the reader is checked against
the headers another program writes, and the samples against FFmpeg's
decoding of the same file (``decode._iter_ffmpeg``).
"""

from __future__ import annotations

import struct
import sys
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from tests.helpers import speech

from stenodesk.core.audio import decode, wavread
from stenodesk.core.audio.decode import SAMPLE_RATE, decode_all, iter_pcm, probe
from stenodesk.core.cancel import NEVER, CancelToken
from stenodesk.core.errors import Cancelled, ErrorKind, StenodeskError

FORMATS = {  # FFmpeg's encoder: (its sample format, NumPy's type of it)
    "pcm_u8": ("u8", np.uint8),
    "pcm_s16le": ("s16", np.int16),
    "pcm_s24le": ("s32", np.int32),
    "pcm_s32le": ("s32", np.int32),
    "pcm_f32le": ("flt", np.float32),
    "pcm_f64le": ("dbl", np.float64),
}


@pytest.fixture(scope="module")
def voice(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    """Real speech (espeak-ng), about 5 s, louder on the left channel than on the right."""
    tmp = tmp_path_factory.mktemp("wavread")
    mono = speech.say_pcm("Reading a file without FFmpeg gives the same words.", tmp)
    return np.stack([mono * 0.9, mono * 0.4])


def ffmpeg_wav(path: Path, stereo: np.ndarray, codec: str, *, channels: int, rate: int) -> Path:
    """``stereo`` (two rows of float samples at 16 kHz) written by FFmpeg's WAV muxer."""
    fmt, kind = FORMATS.get(codec, ("s16", np.int16))
    pcm = stereo[:channels]
    if rate != SAMPLE_RATE:
        t = np.arange(int(pcm.shape[1] * rate / SAMPLE_RATE)) / rate
        pcm = np.stack([np.interp(t, np.arange(pcm.shape[1]) / SAMPLE_RATE, c) for c in pcm])
    if np.issubdtype(kind, np.integer):
        info = np.iinfo(kind)
        scaled = pcm * 128 + 128 if info.min == 0 else pcm * float(info.max)
        data = np.clip(np.round(scaled), info.min, info.max).astype(kind)
    else:
        data = pcm.astype(kind)
    layout = {1: "mono", 2: "stereo", 3: "3.0"}[channels]
    with av.open(str(path), "w", format="wav") as out:
        stream = out.add_stream(codec, rate=rate, layout=layout)
        step = 4096
        for at in range(0, data.shape[1], step):
            part = np.ascontiguousarray(data[:, at : at + step].T.reshape(1, -1))
            frame = av.AudioFrame.from_ndarray(part, format=fmt, layout=layout)
            frame.sample_rate, frame.pts, frame.time_base = rate, at, Fraction(1, rate)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


def by_ffmpeg(path: Path, *, start: float = 0.0) -> np.ndarray:
    blocks = list(decode._iter_ffmpeg(path, start, 60 * SAMPLE_RATE, NEVER, True))
    return np.concatenate(blocks)


@pytest.mark.parametrize("channels", [1, 2])
@pytest.mark.parametrize("codec", sorted(FORMATS))
def test_each_sample_format_reads_as_ffmpeg_decodes_it(
    tmp_path: Path, voice: np.ndarray, codec: str, channels: int
) -> None:
    wav = ffmpeg_wav(tmp_path / "voice.wav", voice, codec, channels=channels, rate=SAMPLE_RATE)
    layout = wavread.read_header(wav)
    assert layout is not None and layout.codec == codec and layout.channels == channels
    ours, theirs = decode_all(wav), by_ffmpeg(wav)
    assert ours.dtype == np.float32 and len(ours) == len(theirs) == voice.shape[1]
    # Measured: equal to the bit in mono; two channels mixed differ by at most one
    # float32 rounding (6e-8) where FFmpeg's mixing rounds otherwise.
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-6)
    assert float(np.abs(ours).max()) > 0.2
    info = probe(wav)
    assert (info.codec, info.container, info.channels, info.sample_rate) == (
        codec,
        "wav",
        channels,
        SAMPLE_RATE,
    )
    assert info.duration == pytest.approx(voice.shape[1] / SAMPLE_RATE)


@pytest.mark.parametrize(
    ("codec", "channels", "rate"),
    [
        ("pcm_s16le", 1, 44100),  # another rate
        ("pcm_s16le", 2, 48000),
        ("pcm_s16le", 3, SAMPLE_RATE),  # more channels than two
        ("pcm_alaw", 1, SAMPLE_RATE),  # compressed
        ("adpcm_ms", 1, SAMPLE_RATE),
    ],
)
def test_other_wav_files_go_to_ffmpeg(
    tmp_path: Path, voice: np.ndarray, codec: str, channels: int, rate: int
) -> None:
    stereo = np.concatenate([voice, voice[:1]]) if channels == 3 else voice
    wav = ffmpeg_wav(tmp_path / "voice.wav", stereo, codec, channels=channels, rate=rate)
    assert wavread.read_header(wav) is None
    pcm = decode_all(wav)
    assert abs(len(pcm) - voice.shape[1]) < SAMPLE_RATE // 10  # ADPCM pads its last block
    assert float(np.abs(pcm).max()) > 0.2


def test_a_start_offset_and_blocks_match_ffmpeg(tmp_path: Path, voice: np.ndarray) -> None:
    wav = ffmpeg_wav(tmp_path / "voice.wav", voice, "pcm_s16le", channels=1, rate=SAMPLE_RATE)
    blocks = list(iter_pcm(wav, start=1.25, block_seconds=0.5))
    assert all(len(b) == SAMPLE_RATE // 2 for b in blocks[:-1])
    np.testing.assert_array_equal(np.concatenate(blocks), by_ffmpeg(wav, start=1.25))
    assert list(iter_pcm(wav, start=60.0)) == []  # past the end: nothing, as from FFmpeg


def riff(*chunks: tuple[bytes, bytes]) -> bytes:
    body = b"WAVE" + b"".join(
        name + struct.pack("<I", len(data)) + data + b"\0" * (len(data) & 1)
        for name, data in chunks
    )
    return b"RIFF" + struct.pack("<I", len(body)) + body


def fmt_chunk(channels: int = 1, bits: int = 16, tag: int = 1) -> bytes:
    align = channels * bits // 8
    return struct.pack("<HHIIHH", tag, channels, SAMPLE_RATE, SAMPLE_RATE * align, align, bits)


def test_odd_chunks_before_the_samples_are_stepped_over(tmp_path: Path) -> None:
    samples = (np.sin(np.arange(8000) / 9) * 20000).astype("<i2").tobytes()
    wav = tmp_path / "tagged.wav"
    wav.write_bytes(
        riff((b"LIST", b"INFOISFT\x03\0\0\0ab\0"), (b"fmt ", fmt_chunk()), (b"data", samples))
    )
    assert wavread.read_header(wav) is not None
    np.testing.assert_array_equal(decode_all(wav), by_ffmpeg(wav))


@pytest.mark.parametrize("size", [0, 0xFFFFFFFF])
def test_a_streaming_writers_size_reads_to_the_end(tmp_path: Path, size: int) -> None:
    samples = (np.sin(np.arange(16000) / 7) * 20000).astype("<i2").tobytes()
    data = bytearray(riff((b"fmt ", fmt_chunk()), (b"data", samples)))
    data[40:44] = struct.pack("<I", size)
    wav = tmp_path / "growing.wav"
    wav.write_bytes(bytes(data))
    ours = decode_all(wav)
    assert len(ours) == 16000
    np.testing.assert_array_equal(ours, by_ffmpeg(wav))


def test_a_cut_off_file_gives_what_it_holds(tmp_path: Path, voice: np.ndarray) -> None:
    whole = ffmpeg_wav(tmp_path / "whole.wav", voice, "pcm_s16le", channels=2, rate=SAMPLE_RATE)
    cut = tmp_path / "cut.wav"
    data = whole.read_bytes()
    cut.write_bytes(data[: len(data) // 2 + 3])  # mid-frame, as a download stops
    ours = decode_all(cut)
    np.testing.assert_allclose(ours, by_ffmpeg(cut), rtol=0, atol=1e-6)
    info = probe(cut)
    assert info.duration == pytest.approx(len(ours) / SAMPLE_RATE, abs=1e-3)
    assert info.promised == pytest.approx(voice.shape[1] / SAMPLE_RATE, abs=0.01)


def test_a_header_without_samples_is_empty_audio(tmp_path: Path) -> None:
    wav = tmp_path / "header.wav"
    wav.write_bytes(riff((b"fmt ", fmt_chunk()), (b"data", b"")))
    assert wavread.read_header(wav) is not None
    with pytest.raises(StenodeskError) as err:
        decode_all(wav)
    assert err.value.kind is ErrorKind.EMPTY_AUDIO


@pytest.mark.parametrize(
    "content",
    [
        riff((b"data", b"\0\0" * 100), (b"fmt ", fmt_chunk())),  # samples before their format
        riff(
            (b"fmt ", fmt_chunk(bits=12)),
        ),  # no samples at all, an odd width
        b"RIFF\0\0\0\0WAVEfmt ",  # cut off in the header
    ],
)
def test_headers_this_reader_does_not_follow_go_to_ffmpeg(tmp_path: Path, content: bytes) -> None:
    wav = tmp_path / "odd.wav"
    wav.write_bytes(content)
    assert wavread.read_header(wav) is None
    try:
        decode_all(wav)
    except StenodeskError as exc:  # FFmpeg's verdict, as before this reader
        assert exc.kind in (ErrorKind.NOT_MEDIA, ErrorKind.EMPTY_AUDIO, ErrorKind.DECODE_FAILED)


@pytest.mark.parametrize("rate", [SAMPLE_RATE, 44100])  # read here, and by FFmpeg
def test_cancel_stops_either_path(tmp_path: Path, voice: np.ndarray, rate: int) -> None:
    wav = ffmpeg_wav(tmp_path / "voice.wav", voice, "pcm_s16le", channels=1, rate=rate)
    assert (wavread.read_header(wav) is not None) == (rate == SAMPLE_RATE)
    token = CancelToken()
    blocks = iter_pcm(wav, block_seconds=0.5, cancel=token)
    assert len(next(blocks)) == SAMPLE_RATE // 2
    token.cancel()
    with pytest.raises(Cancelled):
        list(blocks)


def test_ffmpeg_that_will_not_load_fails_only_the_files_that_need_it(
    tmp_path: Path, voice: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    native = ffmpeg_wav(tmp_path / "native.wav", voice, "pcm_s16le", channels=1, rate=SAMPLE_RATE)
    other = ffmpeg_wav(tmp_path / "other.wav", voice, "pcm_s16le", channels=1, rate=44100)
    monkeypatch.setitem(sys.modules, "av", None)  # `import av` now raises ImportError
    assert len(decode_all(native)) == voice.shape[1]
    with pytest.raises(StenodeskError) as err:
        probe(other)
    assert err.value.kind is ErrorKind.DECODE_FAILED
    assert "FFmpeg (PyAV) could not be loaded" in err.value.detail
