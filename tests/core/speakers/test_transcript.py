"""The speaker step of a job: speakers on the transcript, progress and cancellation."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import conversations, speech

from stenodesk.core.cancel import CancelToken
from stenodesk.core.engine.result import SPEAKERS, Progress
from stenodesk.core.errors import Cancelled
from stenodesk.core.speakers import SpeakerCount, SpeakerModels, Turn, add_speakers, score
from stenodesk.core.transcript import Segment, Transcript, TranscriptInfo


@pytest.fixture(scope="module")
def talk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, conversations.Conversation]:
    found = conversations.conversation(2, 60.0, seed=102)  # test_diarize's
    wav = speech.write_wav(tmp_path_factory.mktemp("step") / "talk.wav", found.pcm)
    return wav, found


def _transcript(talk: conversations.Conversation) -> Transcript:
    info = TranscriptInfo("en", 1.0, talk.duration, "tiny.en", "cpu", "int8")
    segments = tuple(Segment(i, t.start, t.end, f" turn {i}") for i, t in enumerate(talk.turns))
    return Transcript(info, segments)


def test_speakers_are_put_on_the_segments_with_progress(
    speaker_models: SpeakerModels, talk: tuple[Path, conversations.Conversation]
) -> None:
    wav, found = talk
    seen: list[Progress] = []
    named = add_speakers(
        speaker_models, wav, _transcript(found), SpeakerCount(num=2), on_progress=seen.append
    )
    assert {s.speaker for s in named.segments} == {0, 1}
    # Segments lie exactly on the reference turns, so this scores the labels alone:
    # the same limit as diarization's (test_diarize.DER_LIMIT, from the measured spread).
    labelled = [Turn(x.start, x.end, x.speaker) for x in named.segments if x.speaker is not None]
    assert score(found.turns, labelled).der <= 0.20
    assert seen and all(0.0 <= p.fraction <= 1.0 for p in seen)
    assert seen[-1].fraction == pytest.approx(1.0, abs=0.02)
    # its own phase, so the queue and the CLI can say "Finding speakers"
    assert {p.phase for p in seen} == {SPEAKERS}
    assert seen[0].position == 0.0  # announced before the first window is analysed


def test_the_speaker_step_can_be_cancelled(
    speaker_models: SpeakerModels, talk: tuple[Path, conversations.Conversation]
) -> None:
    wav, found = talk
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        add_speakers(speaker_models, wav, _transcript(found), SpeakerCount(), cancel=token)
