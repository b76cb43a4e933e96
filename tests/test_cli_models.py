"""``stenodesk models ...`` and ``transcribe --download`` as a user runs them: in a
subprocess, with HF_ENDPOINT pointing at the loopback model server."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from tests.helpers import speech
from tests.helpers.hfserver import HubServer

from stenodesk.core.models.bundled import TINY_EN

MODEL_BIN = 75_537_502


@pytest.fixture
def server(tmp_path: Path) -> Iterator[HubServer]:
    folder = TINY_EN.folder()
    assert folder is not None
    files = {p.name: p for p in folder.iterdir() if p.is_file()}
    with HubServer() as hub:
        hub.add_repo("Systran/faster-whisper-tiny", files)
        hub.add_repo("acme/private-tiny", files)
        hub.tokens["acme/private-tiny"] = "hf_test_token"
        yield hub


@pytest.fixture
def env(tmp_path: Path, server: HubServer) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "XDG_"))}
    env.update(
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        HF_HOME=str(tmp_path / "hf-home"),
        HF_ENDPOINT=server.url,
        HF_HUB_DISABLE_TELEMETRY="1",
    )
    return env


def stenodesk(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stenodesk.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_list_offline_shows_the_catalogue(env: dict[str, str], tmp_path: Path) -> None:
    result = stenodesk({**env, "HF_HUB_OFFLINE": "1"}, "models", "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["NAME", "LANGUAGES", "DOWNLOAD"]
    tiny_en = next(line for line in lines if line.startswith("tiny.en "))
    assert "built in" in tiny_en and "English" in tiny_en
    assert any(line.startswith("large-v3 ") and "multilingual" in line for line in lines)
    assert any(line.startswith("small ") and "~487 MB" in line for line in lines)
    assert str(tmp_path / "data" / "stenodesk" / "models") in result.stdout


def test_download_verify_list_delete(env: dict[str, str], server: HubServer) -> None:
    result = stenodesk(env, "models", "download", "tiny")
    assert result.returncode == 0, result.stderr
    assert "tiny is ready in" in result.stderr
    assert server.served["model.bin"] == MODEL_BIN

    result = stenodesk({**env, "HF_HUB_OFFLINE": "1"}, "models", "verify", "tiny")
    assert result.returncode == 0, result.stderr
    assert "complete and intact" in result.stdout

    listed = stenodesk({**env, "HF_HUB_OFFLINE": "1"}, "models", "list").stdout
    assert any(line.startswith("tiny ") and " ready " in line for line in listed.splitlines())
    folder = stenodesk(env, "models", "folder", "tiny").stdout.strip()
    assert (Path(folder) / "model.bin").is_file()

    result = stenodesk(env, "models", "delete", "tiny")
    assert result.returncode == 0, result.stderr
    assert "freed" in result.stderr and not Path(folder).exists()


def test_models_in_the_hf_home_cache_are_used(
    env: dict[str, str], server: HubServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import huggingface_hub.constants
    from huggingface_hub import snapshot_download

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    snapshot_download(  # as faster-whisper would, into $HF_HOME/hub
        "Systran/faster-whisper-tiny", cache_dir=tmp_path / "hf-home" / "hub", endpoint=server.url
    )
    server.reset_counts()
    listed = stenodesk({**env, "HF_HUB_OFFLINE": "1"}, "models", "list").stdout
    assert any(
        line.startswith("tiny ") and "ready (HF cache)" in line for line in listed.splitlines()
    )
    result = stenodesk(env, "models", "download", "tiny")
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "hf-home" / "hub") in result.stderr
    assert server.requests == []


def test_second_process_joins_the_first(
    env: dict[str, str], server: HubServer, tmp_path: Path
) -> None:
    server.stall("model.bin", 10_000_000)
    cmd = [sys.executable, "-m", "stenodesk.cli", "-v", "models", "download", "tiny"]
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    with first_log.open("w") as f1, second_log.open("w") as f2:
        first = subprocess.Popen(cmd, env=env, stderr=f1, stdout=subprocess.DEVNULL)
        assert server.stalled.wait(60)
        second = subprocess.Popen(cmd, env=env, stderr=f2, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while "joining" not in second_log.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        server.release()
        assert first.wait(120) == 0, first_log.read_text()
        assert second.wait(120) == 0, second_log.read_text()
    assert "joining" in second_log.read_text()
    assert server.served["model.bin"] == MODEL_BIN, "one transfer for two downloads"


def test_transcribe_downloads_only_when_asked(
    env: dict[str, str], server: HubServer, tmp_path: Path
) -> None:
    sentences = speech.SENTENCES[:2]
    wav = speech.write_wav(
        tmp_path / "talk.wav", np.concatenate([speech.say_pcm(s, tmp_path) for s in sentences])
    )
    args = ("transcribe", str(wav), "--model", "tiny", "--format", "txt", "--threads", "2")
    result = stenodesk(env, *args)
    assert result.returncode == 4
    assert "stenodesk models download tiny" in result.stderr
    assert "--download" in result.stderr
    assert sum(server.served.values()) == 0

    result = stenodesk(env, *args, "--download")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "talk.txt").read_text()
    assert speech.wer(" ".join(sentences), text) <= 0.2, text


def test_private_repository_needs_the_token(env: dict[str, str], server: HubServer) -> None:
    result = stenodesk(env, "models", "download", "acme/private-tiny")
    assert result.returncode == 4 and "HF_TOKEN" in result.stderr
    result = stenodesk(
        {**env, "HF_TOKEN": "hf_test_token"}, "models", "download", "acme/private-tiny"
    )
    assert result.returncode == 0, result.stderr
    assert server.served["model.bin"] == MODEL_BIN


def test_bad_requests_get_clear_messages(env: dict[str, str], tmp_path: Path) -> None:
    result = stenodesk(env, "models", "delete", "tiny.en")
    assert result.returncode == 4 and "built in" in result.stderr

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.json").write_text("{}")
    result = stenodesk(env, "models", "import", str(broken))
    assert result.returncode == 4
    assert "not a CTranslate2 Whisper model" in result.stderr

    result = stenodesk(env, "models", "download", "acme/nothing-here")
    assert result.returncode == 4 and "no repository acme/nothing-here" in result.stderr

    result = stenodesk({**env, "HF_HUB_OFFLINE": "1"}, "models", "download", "tiny")
    assert result.returncode == 3 and "offline mode" in result.stderr
