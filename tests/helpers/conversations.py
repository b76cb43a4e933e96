"""Conversations of 2 to 5 real voices, with reference turns, for diarization.

The voices are the studio recordings of Debian's Asterisk prompt packages:
Allison Smith (American English), June Wallack (Canadian French), Carlo
(Italian, a man) and the Russian IVR voice, as 16 kHz G.722, then Armelle
(French) and Menardi's Italian woman, 8 kHz GSM, upsampled by the decoder.
Prompts are laid end to end in turns, with pauses and some overlapping
starts. The reference turns are where each prompt's speech lies: 20 ms
frames above -40 dBFS, pauses under 0.3 s bridged (a long prompt's inner
pauses are not speech).

A voice whose package is not installed is left out: a conversation takes the
first voices that are present, and skips the test, naming the missing
packages, only when fewer voices are present than it needs. Where dpkg keeps
its file lists, a voice's prompts are the files its own package installed:
``asterisk-core-sounds-fr`` (June again) and Armelle's package conflict, and
both put ``.gsm`` prompts in ``fr``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from stenodesk.core.speakers.result import Turn

SOUNDS = Path("/usr/share/asterisk/sounds")
DPKG_INFO = Path("/var/lib/dpkg/info")
SR = 16000


NOT_SPEECH = ("beep", "tone", "music", "ring", "monkeys")
"""Prompts with these in their name are tones or animal noises, not the voice."""


@dataclass(frozen=True)
class Voice:
    name: str
    folder: str
    suffix: str
    package: str
    """The Debian package that installs the prompts."""


VOICES = (
    Voice("allison", "en_US_f_Allison", "g722", "asterisk-core-sounds-en-g722"),
    Voice("june", "fr_CA_f_June", "g722", "asterisk-core-sounds-fr-g722"),
    Voice("carlo", "it_IT_m_Carlo", "g722", "asterisk-core-sounds-it-g722"),
    Voice("ivr-ru", "ru_RU_f_IvrvoiceRU", "g722", "asterisk-core-sounds-ru-g722"),
    Voice("armelle", "fr", "gsm", "asterisk-prompt-fr-armelle"),
    # After Armelle so that the five-voice conversations measured with her stay the same.
    Voice("menardi", "it_IT_f_Menardi", "gsm", "asterisk-prompt-it-menardi-gsm"),
)


@cache
def _installed_by(package: str, info: Path = DPKG_INFO) -> frozenset[str] | None:
    """Paths dpkg says ``package`` installed: empty when it is not installed, None without dpkg."""
    if not info.is_dir():
        return None
    listing = info / f"{package}.list"
    if not listing.is_file():
        return frozenset()
    return frozenset(listing.read_text(encoding="utf-8").splitlines())


def prompts(voice: Voice, sounds: Path = SOUNDS) -> list[Path]:
    """The voice's speech prompts (no tones), or none when its package is missing."""
    owned = _installed_by(voice.package) if sounds == SOUNDS else None
    return sorted(
        p
        for p in (sounds / voice.folder).glob(f"*.{voice.suffix}")
        if (owned is None or str(p) in owned)
        and p.stat().st_size > 0
        and not any(w in p.stem for w in NOT_SPEECH)
    )


def present(voices: tuple[Voice, ...] = VOICES, sounds: Path = SOUNDS) -> tuple[Voice, ...]:
    """The voices with prompts installed, in the order given."""
    return tuple(v for v in voices if prompts(v, sounds))


def choose(
    speakers: int, voices: tuple[Voice, ...] = VOICES, sounds: Path = SOUNDS
) -> tuple[Voice, ...]:
    """The first ``speakers`` voices present; skips the test when there are fewer.

    Raises:
        pytest.skip.Exception: fewer voices installed than needed (the reason
            names the packages to install).
    """
    found = present(voices, sounds)
    if len(found) < speakers:
        missing = ", ".join(v.package for v in voices if v not in found)
        pytest.skip(
            f"{speakers} voices needed, {len(found)} installed; install {missing} "
            "(scripts/debian-packages.txt)"
        )
    return found[:speakers]


def _loud(pcm: np.ndarray) -> np.ndarray:
    """Which 20 ms frames are louder than -40 dBFS."""
    frames = len(pcm) // 320
    rms = np.sqrt((pcm[: frames * 320].reshape(frames, 320) ** 2).mean(axis=1) + 1e-12)
    return rms > 0.01


def speech_runs(pcm: np.ndarray, pause: float = 0.3) -> list[tuple[float, float]]:
    """(start, end) seconds of speech in a prompt: loud frames, pauses under ``pause`` bridged."""
    runs: list[tuple[float, float]] = []
    for i in np.nonzero(_loud(pcm))[0]:
        start, end = i * 0.02, (i + 1) * 0.02
        if runs and start - runs[-1][1] < pause:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


def trimmed(pcm: np.ndarray) -> np.ndarray:
    """The prompt without its leading and trailing near-silence (20 ms frames under -40 dBFS)."""
    loud = np.nonzero(_loud(pcm))[0]
    if len(loud) == 0:
        return pcm[:0]
    return pcm[loud[0] * 320 : (loud[-1] + 1) * 320]


def load_prompt(path: Path) -> np.ndarray:
    from stenodesk.core.audio.decode import decode_all

    return trimmed(decode_all(path))


def _next_prompt(pool: list[Path], cursor: list[int], who: int, min_prompt: float) -> np.ndarray:
    """The speaker's next prompt of at least ``min_prompt`` seconds, going round the pool."""
    for _ in range(len(pool)):
        pcm = load_prompt(pool[cursor[who] % len(pool)])
        cursor[who] += 1
        if len(pcm) >= min_prompt * SR:
            return pcm
    pytest.fail(f"no prompt of {min_prompt} s or more in {pool[0].parent}")


@dataclass(frozen=True)
class Conversation:
    pcm: np.ndarray
    turns: tuple[Turn, ...]
    speakers: int

    @property
    def duration(self) -> float:
        return len(self.pcm) / SR


def conversation(
    speakers: int,
    seconds: float,
    *,
    seed: int,
    overlap: float = 0.15,
    min_prompt: float = 1.5,
    voices: tuple[Voice, ...] = VOICES,
    sounds: Path = SOUNDS,
) -> Conversation:
    """About ``seconds`` of ``speakers`` voices taking turns.

    Each turn is one prompt of at least ``min_prompt`` seconds; the next
    speaker is another voice, drawn at random. A turn starts 0.2 to 1.2 s
    after the previous one ends, or, with probability ``overlap``, 0.3 to
    0.8 s before it ends (both talking at once). The voices are the first
    ``speakers`` of ``voices`` installed under ``sounds`` (see :func:`choose`).
    """
    rng = np.random.default_rng(seed)
    pools = [prompts(v, sounds) for v in choose(speakers, voices, sounds)]
    for pool in pools:
        rng.shuffle(pool)
    cursor = [0] * speakers
    placed: list[tuple[int, np.ndarray, int]] = []  # (start sample, audio, speaker)
    end = int(0.5 * SR)
    who = -1
    while end < seconds * SR:
        # every voice gets a turn early on, so that short files hold them all
        order = [s for s in range(speakers) if s not in {p[2] for p in placed}]
        others = [s for s in range(speakers) if s != who] or [who]
        who = order[0] if order else int(rng.choice(others))
        pcm = _next_prompt(pools[who], cursor, who, min_prompt)
        if placed and rng.random() < overlap:
            start = end - int(rng.uniform(0.3, 0.8) * SR)
        else:
            start = end + int(rng.uniform(0.2, 1.2) * SR)
        placed.append((start, pcm, who))
        end = max(end, start + len(pcm))
    total = np.zeros(end + int(0.5 * SR), dtype=np.float32)
    turns = []
    for start, pcm, who in placed:
        total[start : start + len(pcm)] += pcm
        for a, b in speech_runs(pcm):
            turns.append(Turn(start / SR + a, start / SR + b, who))
    return Conversation(np.clip(total, -1.0, 1.0), tuple(turns), speakers)
