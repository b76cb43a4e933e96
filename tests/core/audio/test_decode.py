"""Decoding real media files, and the error kind of each kind of bad input."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from tests.helpers import speech

from stenodesk.core.audio.decode import SAMPLE_RATE, decode_all, iter_pcm, probe
from stenodesk.core.cancel import CancelToken
from stenodesk.core.errors import Cancelled, ErrorKind, StenodeskError


def make_video(path: Path, pcm: np.ndarray, *, audio: bool = True, seconds: float = 0.0) -> Path:
    """An MP4/MKV/WEBM/MOV with a moving picture and (optionally) the given audio."""
    fmt = {".webm": ("libvpx", "libopus", 48000), ".mkv": ("mpeg4", "aac", 44100)}.get(
        path.suffix, ("mpeg4", "aac", 44100)
    )
    vcodec, acodec, rate = fmt
    duration = len(pcm) / SAMPLE_RATE if audio else seconds
    with av.open(str(path), "w") as out:
        vs = out.add_stream(vcodec, rate=10)
        vs.width, vs.height, vs.pix_fmt = 64, 48, "yuv420p"
        if audio:
            a_stream = out.add_stream(acodec, rate=rate)
            a_stream.layout = "mono"
            resampled = np.interp(
                np.arange(int(duration * rate)) / rate, np.arange(len(pcm)) / SAMPLE_RATE, pcm
            ).astype(np.float32)
            frame_size = 960 if acodec == "libopus" else 1024
            pts = 0
            for i in range(0, len(resampled), frame_size):
                chunk = resampled[i : i + frame_size]
                if len(chunk) < frame_size:
                    chunk = np.pad(chunk, (0, frame_size - len(chunk)))
                frame = av.AudioFrame.from_ndarray(
                    chunk.reshape(1, -1), format="flt", layout="mono"
                )
                frame.sample_rate, frame.pts, frame.time_base = rate, pts, Fraction(1, rate)
                pts += frame_size
                for packet in a_stream.encode(frame):
                    out.mux(packet)
            for packet in a_stream.encode(None):
                out.mux(packet)
        for i in range(int(duration * 10)):
            img = np.full((48, 64, 3), (i * 7) % 255, dtype=np.uint8)
            vf = av.VideoFrame.from_ndarray(img, format="rgb24")
            for packet in vs.encode(vf):
                out.mux(packet)
        for packet in vs.encode(None):
            out.mux(packet)
    return path


def test_wav_decodes_to_16k_mono(speech_wav: Path) -> None:
    info = probe(speech_wav)
    pcm = decode_all(speech_wav)
    assert pcm.dtype == np.float32
    assert abs(len(pcm) / SAMPLE_RATE - info.duration) < 0.05
    assert 0.05 < float(np.abs(pcm).max()) <= 1.0


def test_blocks_are_bounded_and_cover_the_file(speech_wav: Path) -> None:
    blocks = list(iter_pcm(speech_wav, block_seconds=5.0))
    assert all(len(b) == 5 * SAMPLE_RATE for b in blocks[:-1])
    assert 0 < len(blocks[-1]) <= 5 * SAMPLE_RATE
    np.testing.assert_allclose(np.concatenate(blocks), decode_all(speech_wav), atol=1e-6)


def test_start_offset_skips_the_beginning(speech_wav: Path) -> None:
    whole = decode_all(speech_wav)
    tail = np.concatenate(list(iter_pcm(speech_wav, start=10.0)))
    assert abs(len(tail) - (len(whole) - 10 * SAMPLE_RATE)) < SAMPLE_RATE // 100


@pytest.mark.parametrize("suffix", [".mp4", ".mkv", ".webm", ".mov"])
def test_video_containers(tmp_path: Path, suffix: str) -> None:
    pcm = speech.say_pcm("Video files work too.", tmp_path)
    video = make_video(tmp_path / f"clip{suffix}", pcm)
    info = probe(video)
    assert info.has_video
    out = decode_all(video)
    assert abs(len(out) - len(pcm)) < 0.1 * SAMPLE_RATE
    assert float(np.abs(out).max()) > 0.05


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StenodeskError) as err:
        probe(tmp_path / "nope.mp3")
    assert err.value.kind is ErrorKind.FILE_MISSING
    assert "nope.mp3" in str(err.value.message)


def test_permission_error_is_classified(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root (CI containers) can read mode-000 files, so inject the refusal PyAV would raise.
    target = tmp_path / "locked.wav"
    target.write_bytes(b"RIFF....WAVE")

    def refuse(*_a: object, **_k: object) -> None:
        raise av.error.PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(av, "open", refuse)
    with pytest.raises(StenodeskError) as err:
        probe(target)
    assert err.value.kind is ErrorKind.PERMISSION_DENIED


def test_text_file_is_not_media(tmp_path: Path) -> None:
    notes = tmp_path / "notes.mp3"
    notes.write_text("these are my meeting notes, not audio\n" * 50)
    with pytest.raises(StenodeskError) as err:
        probe(notes)
    assert err.value.kind is ErrorKind.NOT_MEDIA


def test_random_bytes_are_not_media(tmp_path: Path) -> None:
    junk = tmp_path / "junk.wav"
    junk.write_bytes(np.random.default_rng(1).integers(0, 255, 50_000, dtype=np.uint8).tobytes())
    with pytest.raises(StenodeskError) as err:
        decode_all(junk)
    assert err.value.kind in (ErrorKind.NOT_MEDIA, ErrorKind.DECODE_FAILED)


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.wav"
    empty.touch()
    with pytest.raises(StenodeskError) as err:
        probe(empty)
    assert err.value.kind is ErrorKind.EMPTY_AUDIO


def test_zero_length_audio(tmp_path: Path) -> None:
    wav = speech.write_wav(tmp_path / "zero.wav", np.zeros(0, dtype=np.float32))
    with pytest.raises(StenodeskError) as err:
        decode_all(wav)
    assert err.value.kind is ErrorKind.EMPTY_AUDIO


def test_video_without_audio(tmp_path: Path) -> None:
    video = make_video(tmp_path / "silent.mp4", np.zeros(0, np.float32), audio=False, seconds=2)
    with pytest.raises(StenodeskError) as err:
        probe(video)
    assert err.value.kind is ErrorKind.NO_AUDIO_STREAM


def test_folder_is_not_media(tmp_path: Path) -> None:
    with pytest.raises(StenodeskError) as err:
        probe(tmp_path)
    assert err.value.kind is ErrorKind.NOT_MEDIA


def test_each_kind_has_its_own_message(tmp_path: Path) -> None:
    kinds = [
        ErrorKind.FILE_MISSING,
        ErrorKind.NOT_MEDIA,
        ErrorKind.EMPTY_AUDIO,
        ErrorKind.NO_AUDIO_STREAM,
        ErrorKind.PERMISSION_DENIED,
    ]
    texts = {str(StenodeskError(k, "x.wav").message) for k in kinds}
    assert len(texts) == len(kinds)


def test_truncated_file_keeps_what_decodes(tmp_path: Path, speech_wav: Path) -> None:
    pcm = decode_all(speech_wav)
    mp4 = make_video(tmp_path / "talk.mp4", pcm[: 8 * SAMPLE_RATE])
    cut = tmp_path / "cut.mp4"
    data = mp4.read_bytes()
    cut.write_bytes(data[: len(data) * 2 // 3])
    try:
        out = decode_all(cut)
    except StenodeskError as exc:  # a cut-off moov atom makes the file unreadable
        assert exc.kind in (ErrorKind.NOT_MEDIA, ErrorKind.DECODE_FAILED)
    else:
        assert len(out) > 0


def test_cancel_stops_decoding(speech_wav: Path) -> None:
    token = CancelToken()
    blocks = iter_pcm(speech_wav, block_seconds=1.0, cancel=token)
    next(blocks)
    token.cancel()
    with pytest.raises(Cancelled):
        list(blocks)
