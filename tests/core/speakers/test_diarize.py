"""Diarization of conversations of real voices, scored with our DER.

The conversations are built from Debian's Asterisk prompts (tests/helpers/
conversations.py) with reference turns. Limits come from measurements:
over sixteen 120 s conversations of 2 to 5 voices (bench/speakers.py
--seeds 4), DER ranged 0.005 to 0.111 (mean 0.049) and the speaker count was
right in all twenty with 1 to 5 voices, while guessing one speaker scored
0.31 to 0.78. The tests allow 0.20, under any wrong clustering of these.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from tests.helpers import conversations, speech

from stenodesk.core.cancel import CancelToken
from stenodesk.core.errors import Cancelled
from stenodesk.core.speakers import (
    DiarizeOptions,
    SpeakerCount,
    SpeakerModels,
    Turn,
    analyse,
    diarize,
    diarize_file,
    find_speakers,
    score,
)

DER_LIMIT = 0.20


class _Talks(dict[int, conversations.Conversation]):
    """Each conversation built when first asked for: too few voices installed skips only
    the tests that need more."""

    def __missing__(self, speakers: int) -> conversations.Conversation:
        self[speakers] = conversations.conversation(speakers, 60.0, seed=100 + speakers)
        return self[speakers]


@pytest.fixture(scope="module")
def talks() -> dict[int, conversations.Conversation]:
    return _Talks()


@pytest.mark.slow
@pytest.mark.parametrize("speakers", [2, 3, 5])
def test_conversation_speakers_and_turns_are_found(
    speaker_models: SpeakerModels, talks: dict[int, conversations.Conversation], speakers: int
) -> None:
    talk = talks[speakers]
    found = diarize(speaker_models, [talk.pcm])
    assert found.speakers == speakers
    result = score(talk.turns, found.turns)
    one_speaker = score(talk.turns, [Turn(0.0, talk.duration, 0)])
    assert result.der <= DER_LIMIT, result
    assert one_speaker.der > 2 * result.der


def test_one_voice_is_one_speaker(
    speaker_models: SpeakerModels, talks: dict[int, conversations.Conversation]
) -> None:
    talk = talks[1]
    found = diarize(speaker_models, [talk.pcm])
    assert found.speakers == 1
    assert score(talk.turns, found.turns).der <= DER_LIMIT


def test_silence_gives_no_speaker(speaker_models: SpeakerModels) -> None:
    found = diarize(speaker_models, [np.zeros(25 * 16000, dtype=np.float32)])
    assert found.turns == ()
    assert found.speakers == 0
    assert found.duration == pytest.approx(25.0)


def test_shorter_than_one_window(
    speaker_models: SpeakerModels, talks: dict[int, conversations.Conversation]
) -> None:
    pcm = talks[1].pcm[: 4 * 16000]
    found = diarize(speaker_models, [pcm])
    assert found.speakers == 1
    assert all(0.0 <= t.start < t.end <= 4.0 for t in found.turns)


def test_a_given_count_is_honoured(
    speaker_models: SpeakerModels, talks: dict[int, conversations.Conversation]
) -> None:
    talk = talks[3]
    exactly_3 = DiarizeOptions(SpeakerCount(num=3))
    found = diarize(speaker_models, [talk.pcm], exactly_3)
    assert found.speakers == 3
    # The count only steers the clustering: one analysis serves the other counts,
    # and gives what diarize gives.
    analysis = analyse(speaker_models, [talk.pcm])
    assert find_speakers(analysis, exactly_3) == found
    assert find_speakers(analysis, DiarizeOptions(SpeakerCount(num=2))).speakers == 2
    at_least = DiarizeOptions(SpeakerCount(low=4, high=6))
    assert find_speakers(analysis, at_least).speakers == 4
    at_most = DiarizeOptions(SpeakerCount(low=1, high=2))
    assert find_speakers(analysis, at_most).speakers == 2


def test_blocks_of_any_size_give_the_same_turns(
    speaker_models: SpeakerModels, talks: dict[int, conversations.Conversation]
) -> None:
    pcm = talks[2].pcm
    whole = diarize(speaker_models, [pcm])
    blocks = [pcm[i : i + 12345] for i in range(0, len(pcm), 12345)]
    assert diarize(speaker_models, blocks) == whole


def test_cancel_stops_between_windows(
    speaker_models: SpeakerModels, talks: dict[int, conversations.Conversation]
) -> None:
    token = CancelToken()
    seen: list[float] = []

    def progress(p: object) -> None:
        seen.append(getattr(p, "position", 0.0))
        token.cancel()

    with pytest.raises(Cancelled):
        diarize(speaker_models, [talks[2].pcm], cancel=token, on_progress=progress)
    assert len(seen) == 1


def test_a_file_is_decoded_block_by_block(
    speaker_models: SpeakerModels,
    talks: dict[int, conversations.Conversation],
    tmp_path: Path,
) -> None:
    talk = talks[2]
    wav = speech.write_wav(tmp_path / "talk.wav", talk.pcm)
    found = diarize_file(speaker_models, wav)
    assert found.speakers == 2
    assert found.duration == pytest.approx(talk.duration, abs=0.01)
    assert score(talk.turns, found.turns).der <= DER_LIMIT
