"""A WAV file cut off short of its header is told apart from a whole one."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import speech

from stenodesk.core.audio.wavcheck import wav_shortfall


def _promise(wav: Path, data_size: int) -> Path:
    data = bytearray(wav.read_bytes())
    at = data.index(b"data")
    data[at + 4 : at + 8] = data_size.to_bytes(4, "little")
    wav.write_bytes(bytes(data))
    return wav


def test_whole_file_is_fine(tmp_path: Path) -> None:
    assert wav_shortfall(speech.write_wav(tmp_path / "a.wav", speech.silence(1.0))) is None


def test_cut_off_file_gives_both_lengths(tmp_path: Path) -> None:
    wav = _promise(speech.write_wav(tmp_path / "a.wav", speech.silence(0.06)), 600 * 32000)
    cut = wav_shortfall(wav)
    assert cut is not None
    assert cut.promised == pytest.approx(600.0)
    assert cut.present == pytest.approx(0.06, abs=0.001)


@pytest.mark.parametrize("size", [0, 0xFFFFFFFF])
def test_streaming_placeholder_is_not_a_cut(tmp_path: Path, size: int) -> None:
    assert (
        wav_shortfall(_promise(speech.write_wav(tmp_path / "a.wav", speech.silence(1.0)), size))
        is None
    )


def test_other_files_are_not_judged(tmp_path: Path) -> None:
    other = tmp_path / "a.mp3"
    other.write_bytes(b"ID3" + b"\0" * 100)
    assert wav_shortfall(other) is None
    assert wav_shortfall(tmp_path / "missing.wav") is None
