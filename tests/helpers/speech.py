"""Real speech for the tests, made with espeak-ng, and word error rate.

The sentences are everyday English that tiny.en recognises well from
espeak-ng's en-us voice, so a failure points at our code, not at the voice.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import wave
from pathlib import Path

import jiwer
import numpy as np

SR = 16000

SENTENCES = (
    "Good morning everyone, thank you for coming to the meeting today.",
    "We will talk about the new project and the plan for next year.",
    "Please open the window because it is very warm in this room.",
    "My sister likes to read books about history and science.",
    "Can you send me the report before the end of the week?",
    "The weather was cold and rainy all day long.",
    "We need more time to finish the work on the house.",
    "He bought some bread, milk and fresh fruit at the market.",
    "Thank you very much for your help with this problem.",
    "The children played in the garden until it was dark.",
    "She called her mother every Sunday evening.",
    "The new library will open in the spring.",
)

VOICE = ("-v", "en-us", "-s", "165")


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


def say(text: str, path: Path) -> Path:
    """Speak ``text`` into a WAV file (22.05 kHz, as espeak-ng writes it)."""
    subprocess.run(["espeak-ng", *VOICE, "-w", str(path), text], check=True)
    return path


_SPOKEN: dict[str, np.ndarray] = {}
"""espeak-ng's speech by text, kept for the session: the same sentences are spoken
for dozens of tests, and each espeak-ng run and decode costs about 0.2 s."""


def say_pcm(text: str, tmp: Path) -> np.ndarray:
    """Speak ``text`` and return it as 16 kHz mono float32 (a fresh copy each call)."""
    if text not in _SPOKEN:
        from stenodesk.core.audio.decode import decode_all

        wav = say(text, tmp / "say.wav")
        _SPOKEN[text] = decode_all(wav)
        wav.unlink()
    return _SPOKEN[text].copy()


def write_wav(path: Path, pcm: np.ndarray, rate: int = SR) -> Path:
    """Write float32 mono samples as 16-bit PCM WAV."""
    data = (np.clip(pcm, -1.0, 1.0) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(data.tobytes())
    return path


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SR), dtype=np.float32)


def normalise(text: str) -> str:
    text = text.lower().replace("-", " ")
    return " ".join(re.sub(r"[^a-z0-9' ]", " ", text).split())


def wer(reference: str, hypothesis: str) -> float:
    return float(jiwer.wer(normalise(reference), normalise(hypothesis)))


Placed = list[tuple[float, float, str]]


def long_recording(tmp: Path, seconds: float, *, seed: int = 7) -> tuple[np.ndarray, Placed]:
    """Speech and silences up to ``seconds``; returns the audio and (start, end, sentence).

    Sentences are synthesised once and reused; pauses vary from 0.4 s to 4 s so
    that windows have real choices to make.
    """
    rng = np.random.default_rng(seed)
    voices = [say_pcm(s, tmp) for s in SENTENCES]
    parts: list[np.ndarray] = []
    placed: Placed = []
    total = 0
    limit = int(seconds * SR)
    i = 0
    while True:
        k = i % len(SENTENCES)
        pause = silence(float(rng.uniform(0.4, 4.0)))
        if total + len(pause) + len(voices[k]) > limit:
            break
        parts.append(pause)
        total += len(pause)
        parts.append(voices[k])
        placed.append((total / SR, (total + len(voices[k])) / SR, SENTENCES[k]))
        total += len(voices[k])
        i += 1
    parts.append(silence((limit - total) / SR))
    return np.concatenate(parts), placed
