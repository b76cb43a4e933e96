"""The command line imports only what a command needs (start-up time is throughput).

Each check runs the command in a fresh interpreter and then looks at
``sys.modules``: the hub client (huggingface_hub's HTTP stack), PortAudio
(sounddevice) and Qt cost a quarter to half a second each to import, and a
command that transcribes an installed model's file needs none of them.
onnxruntime (21 MiB of library pages) is for speakers only: the voice
activity model runs in NumPy. FFmpeg (24 MiB of PyAV's libraries) is loaded
for files that need it, and a 16 kHz PCM WAV file does not.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers import speech
from tests.helpers.recordings import ENGLISH, require, wer

from stenodesk.core.audio.decode import decode_all

NEVER_NEEDED = (
    "huggingface_hub.hf_api",
    "httpx2",
    "sounddevice",
    "stenodesk.core.audio.capture",
    "PySide6",
    "onnxruntime",
)

SCRIPT = """
import json, sys
from stenodesk import cli
from stenodesk.core.audio import ffmpeg
names = json.loads(sys.argv[1])
try:
    code = cli.main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code
with open("/proc/self/maps") as maps:
    mapped = any("libavcodec" in line for line in maps)
print(json.dumps({"code": code, "loaded": [m for m in names if m in sys.modules],
                  "ffmpeg": [ffmpeg.is_loaded(), mapped]}))
"""


def loaded_after(*args: str | Path, cwd: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(NEVER_NEEDED), *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        cwd=cwd,
        check=False,
        timeout=300,
    )
    assert done.stdout.strip(), done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_help_imports_no_hub_audio_or_qt(tmp_path: Path) -> None:
    result = loaded_after("--help", cwd=tmp_path)
    assert result == {"code": 0, "loaded": [], "ffmpeg": [False, False]}


def srt_text(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if line and not line[0].isdigit())


def test_transcribe_imports_no_hub_audio_or_qt(tmp_path: Path) -> None:
    recording = ENGLISH[9]  # demo-nogo, about ten seconds
    source = tmp_path / "prompt.g722"
    shutil.copyfile(require(recording), source)
    result = loaded_after("transcribe", source, "--model", "tiny.en", "-q", cwd=tmp_path)
    # G.722 needs FFmpeg: loaded when the file is opened.
    assert result == {"code": 0, "loaded": [], "ffmpeg": [True, True]}
    assert wer(recording.text, srt_text(source.with_suffix(".srt"))) <= 0.25


def test_transcribing_a_16khz_wav_file_loads_no_ffmpeg(tmp_path: Path) -> None:
    recording = ENGLISH[9]
    source = speech.write_wav(tmp_path / "prompt.wav", decode_all(require(recording)))
    result = loaded_after("transcribe", source, "--model", "tiny.en", "-q", cwd=tmp_path)
    assert result == {"code": 0, "loaded": [], "ffmpeg": [False, False]}
    assert wer(recording.text, srt_text(source.with_suffix(".srt"))) <= 0.25


@pytest.mark.parametrize("command", ["live", "models", "doctor"])
def test_each_command_help_builds_without_the_others(tmp_path: Path, command: str) -> None:
    result = loaded_after(command, "--help", cwd=tmp_path)
    assert result["code"] == 0
