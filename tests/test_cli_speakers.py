"""``stenodesk transcribe --speakers``: who said what, on a conversation of two real voices."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from tests.helpers import conversations, recordings, speech
from tests.test_cli import stenodesk


@pytest.fixture(scope="module")
def dialogue(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, str, list[tuple[float, float]]]:
    """Allison's recorded prompts taking turns with espeak-ng's voice.

    Returns the WAV, its text and the spans of Allison's turns.
    """
    tmp = tmp_path_factory.mktemp("speakers")
    gap = np.zeros(int(0.6 * speech.SR), dtype=np.float32)
    parts: list[np.ndarray] = [gap]
    texts: list[str] = []
    allison: list[tuple[float, float]] = []
    for n in range(2):
        human = recordings.ENGLISH[n]
        pcm = conversations.load_prompt(recordings.require(human))
        start = sum(len(p) for p in parts) / speech.SR
        # Her turn reaches to the middle of the pauses around it: Whisper's word
        # times start up to 0.3 s early (measured: "That" at 0.30 s, speech at 0.60 s).
        allison.append((start - 0.3, start + len(pcm) / speech.SR + 0.3))
        robot = conversations.trimmed(speech.say_pcm(speech.SENTENCES[n + 5], tmp))
        parts += [pcm, gap, robot, gap]
        texts += [human.text, speech.SENTENCES[n + 5]]
    wav = speech.write_wav(tmp / "dialogue.wav", np.concatenate(parts))
    return wav, " ".join(texts), allison


@pytest.mark.slow
def test_speakers_are_found_and_named_in_the_exports(
    dialogue: tuple[Path, str, list[tuple[float, float]]],
) -> None:
    wav, text, allison = dialogue
    done = stenodesk(
        "transcribe", wav, "--format", "json,txt", "--speakers", "auto", "--threads", "2",
        "--overwrite",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(wav.with_suffix(".json").read_text(encoding="utf-8"))
    assert [s["name"] for s in data["speakers"]] == ["Speaker 1", "Speaker 2"]
    words = [w for s in data["segments"] for w in s["words"]]
    assert all(w["speaker"] is not None for w in words)

    def hers(w: dict[str, float]) -> bool:
        middle = (w["start"] + w["end"]) / 2
        return any(a <= middle <= b for a, b in allison)

    assert {w["speaker"] for w in words if hers(w)} == {0}
    assert {w["speaker"] for w in words if not hers(w)} == {1}
    # Measured 0.0 (every word right); the limit leaves room for a CPU where tiny.en slips.
    assert speech.wer(text, data["text"]) <= 0.1
    paragraphs = wav.with_suffix(".txt").read_text(encoding="utf-8").split("\n\n")
    assert [p.split("]")[1].split(":")[0] for p in paragraphs] == [
        " Speaker 1", " Speaker 2", " Speaker 1", " Speaker 2",
    ]  # fmt: skip


def test_bad_speakers_are_a_usage_error(
    dialogue: tuple[Path, str, list[tuple[float, float]]],
) -> None:
    done = stenodesk("transcribe", dialogue[0], "--speakers", "two")
    assert done.returncode == 2
    assert "speakers must be off, auto, a number" in done.stderr
