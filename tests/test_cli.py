"""The command line as a user runs it: a subprocess, real files, real model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import srt
from tests.core.audio.test_decode import make_video
from tests.helpers import speech


def stenodesk(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    return subprocess.run(
        [sys.executable, "-m", "stenodesk.cli", *map(str, args)],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture(scope="module")
def talk_mp4(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("cli")
    text = " ".join(speech.SENTENCES[:4])
    return make_video(tmp / "talk.mp4", speech.say_pcm(text, tmp)), text


def test_transcribe_video_to_srt(talk_mp4: tuple[Path, str]) -> None:
    video, text = talk_mp4
    # A format named twice is written once.
    done = stenodesk("transcribe", video, "--format", "srt,SRT", "--threads", "2", "--overwrite")
    assert done.returncode == 0, done.stderr
    subs = list(srt.parse(video.with_suffix(".srt").read_text(encoding="utf-8")))
    assert speech.wer(text, " ".join(s.content for s in subs)) <= 0.15
    assert "talk.mp4 -> talk.srt (" in done.stderr


def test_batch_goes_on_past_bad_files(tmp_path: Path, talk_mp4: tuple[Path, str]) -> None:
    video, text = talk_mp4
    bad = tmp_path / "notes.mp3"
    bad.write_text("not audio at all")
    empty = tmp_path / "empty.wav"
    empty.touch()
    # A folder stands for the media files in it and below, as when dropped on the
    # app: others are left out quietly, and a folder with none is refused.
    talks = tmp_path / "talks" / "monday"
    talks.mkdir(parents=True)
    (talks / "talk.mp4").write_bytes(video.read_bytes())
    (talks / "notes.txt").write_text("not media")
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    done = stenodesk(
        "transcribe",
        bad,
        tmp_path / "talks",
        empty,
        tmp_path / "missing.wav",
        nothing,
        "--format",
        "txt,json",
        "--output-dir",
        tmp_path,
        "--threads",
        "2",
    )
    assert done.returncode == 5, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert any("notes.mp3: not an audio or video file" in line for line in lines)
    assert any("empty.wav: the audio is empty" in line for line in lines)
    assert any("missing.wav: file not found" in line for line in lines)
    assert any("nothing: no audio or video files in this folder" in line for line in lines)
    assert not any("notes.txt" in line for line in lines)
    assert speech.wer(text, (tmp_path / "talk.txt").read_text()) <= 0.15
    data = json.loads((tmp_path / "talk.json").read_text())
    assert data["info"]["language"] == "en" and data["segments"]
    assert not (tmp_path / "notes.txt").exists()


def test_all_files_bad_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "a.wav"
    bad.write_bytes(b"\0" * 100)
    assert stenodesk("transcribe", bad).returncode == 3


def test_existing_output_is_kept(tmp_path: Path, talk_mp4: tuple[Path, str]) -> None:
    video, _ = talk_mp4
    out = tmp_path / "talk.srt"
    out.write_text("mine")
    done = stenodesk("transcribe", video, "--output-dir", tmp_path, "--threads", "2")
    assert done.returncode == 3
    assert "exists already" in done.stderr and "--overwrite" in done.stderr
    assert out.read_text() == "mine"
    # Refused before any work: no finished transcript waits in the journal, so
    # the run that may overwrite decodes the file itself (an hour-long file must
    # not be transcribed only to be refused at the end).
    again = stenodesk(
        "transcribe", video, "--output-dir", tmp_path, "--threads", "2", "--overwrite"
    )
    assert again.returncode == 0, again.stderr
    assert "earlier run" not in again.stderr and "resumed" not in again.stderr
    assert out.read_text() != "mine"


def test_missing_model_is_a_model_error(talk_mp4: tuple[Path, str]) -> None:
    video, _ = talk_mp4
    video.with_suffix(".srt").touch()  # a missing model is said first: it stops every file
    done = stenodesk("transcribe", video, "--model", "medium")
    assert done.returncode == 4
    assert "stenodesk models download medium" in done.stderr


def test_usage_errors(talk_mp4: tuple[Path, str]) -> None:
    video, _ = talk_mp4
    assert stenodesk("transcribe", video, "--format", "doc").returncode == 2
    assert stenodesk("transcribe").returncode == 2
    assert stenodesk("transcribe", video, "--beam-size", "0").returncode == 2
    assert stenodesk("--version").stdout.startswith("Stenodesk ")


def test_missing_output_folder_is_created(tmp_path: Path, talk_mp4: tuple[Path, str]) -> None:
    video, _ = talk_mp4
    out = tmp_path / "out" / "subs"
    done = stenodesk("transcribe", video, "--output-dir", out, "--format", "srt", "--threads", "2")
    assert done.returncode == 0, done.stderr
    assert (out / "talk.srt").read_text(encoding="utf-8").strip()


def test_output_folder_that_cannot_be_created(tmp_path: Path, talk_mp4: tuple[Path, str]) -> None:
    video, _ = talk_mp4
    (tmp_path / "notes").write_text("a file, not a folder")
    done = stenodesk("transcribe", video, "--output-dir", tmp_path / "notes" / "out")
    assert done.returncode == 2
    assert "cannot create the output folder" in done.stderr
    assert "Traceback" not in done.stderr


def test_cut_off_wav_says_so(tmp_path: Path) -> None:
    """A header that promises ten minutes over 60 ms of sound: a cut-off download."""
    wav = speech.write_wav(tmp_path / "cut.wav", speech.silence(0.06))
    data = bytearray(wav.read_bytes())
    promised = 600 * 16000 * 2
    data[4:8] = (36 + promised).to_bytes(4, "little")
    at = data.index(b"data")
    data[at + 4 : at + 8] = promised.to_bytes(4, "little")
    wav.write_bytes(bytes(data))
    done = stenodesk("transcribe", wav, "--format", "srt", "--threads", "2")
    assert "shorter than its header says" in done.stderr
    assert "cut off" in done.stderr
    assert "no speech found" in done.stderr


@pytest.mark.parametrize(
    ("args", "decoding"),
    [
        (["transcribe", "a.wav"], True),
        (["live"], True),
        ([], True),  # the app
        (["--open", "a.wav"], True),
        (["models", "list"], False),
        (["doctor"], False),
        (["--version"], False),
        (["transcribe", "--help"], False),
    ],
)
def test_only_command_lines_that_decode_start_again_with_huge_pages(
    args: list[str], decoding: bool
) -> None:
    from stenodesk import cli

    assert cli.decodes(args) == decoding
