"""The speaker step alongside decoding: same speakers, stopped with its job, errors handed on."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest
from tests.core.speakers.test_transcript import _transcript, talk
from tests.helpers import conversations

from stenodesk.core.cancel import CancelToken
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import SPEAKERS, Progress
from stenodesk.core.errors import Cancelled
from stenodesk.core.speakers import SpeakerCount, SpeakerModels, add_speakers
from stenodesk.core.speakers.background import NICENESS, BackgroundAnalysis
from stenodesk.core.speakers.pipeline import DiarizeOptions
from stenodesk.core.speakers.step import SpeakerStep

__all__ = ["talk"]  # the fixture, shared


def helpers_alive() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name == "stenodesk-speakers"]


def test_alongside_gives_the_speakers_of_the_step_after(
    speaker_models: SpeakerModels, talk: tuple[Path, conversations.Conversation]
) -> None:
    wav, found = talk
    transcript = _transcript(found)
    after = add_speakers(speaker_models, wav, transcript, SpeakerCount(num=2))
    step = SpeakerStep()
    started = step.start(wav, TranscribeOptions(speakers="2"))
    assert started is not None
    seen: list[Progress] = []
    alongside = step.finish(started, transcript, CancelToken(), seen.append)
    # One ONNX Runtime thread instead of two: sums may differ in the last bits, so the
    # labels are compared, not the embeddings.
    assert [s.speaker for s in alongside.segments] == [s.speaker for s in after.segments]
    assert seen and {p.phase for p in seen} == {SPEAKERS}
    assert seen[-1].fraction == pytest.approx(1.0, abs=0.02)
    started.stop()
    assert not helpers_alive()


def test_off_starts_nothing(talk: tuple[Path, conversations.Conversation]) -> None:
    assert SpeakerStep().start(talk[0], TranscribeOptions(speakers="off")) is None
    assert not helpers_alive()


def test_a_cancelled_job_stops_the_pass_within_a_second(
    speaker_models: SpeakerModels, talk: tuple[Path, conversations.Conversation]
) -> None:
    wav, _ = talk
    slow = threading.Event()

    def models() -> SpeakerModels:
        slow.wait(0.5)  # still loading when the job is cancelled
        return speaker_models

    analysis = BackgroundAnalysis(models, wav, DiarizeOptions(SpeakerCount()))
    token = CancelToken()
    token.cancel()
    began = time.monotonic()
    with pytest.raises(Cancelled):
        analysis.wait(token, lambda _position: None)
    assert time.monotonic() - began < 1.0 + 0.5  # a window's work at most, after the load
    assert not helpers_alive()


def test_an_error_in_the_pass_reaches_the_job(
    talk: tuple[Path, conversations.Conversation],
) -> None:
    def models() -> SpeakerModels:
        raise RuntimeError("the speaker models are damaged")  # fault injection

    analysis = BackgroundAnalysis(models, talk[0], DiarizeOptions(SpeakerCount()))
    with pytest.raises(RuntimeError, match="damaged"):
        analysis.wait(CancelToken(), lambda _position: None)
    assert not helpers_alive()


def test_the_pass_runs_at_a_low_priority_and_ends_in_the_jobs_thread(
    speaker_models: SpeakerModels, talk: tuple[Path, conversations.Conversation]
) -> None:
    """The helper takes only the time decoding leaves idle; what it has not done when
    decoding ends is analysed in the job's thread, at the job's priority."""
    wav, found = talk
    callers: list[tuple[int, int]] = []  # (thread, its niceness) of each models() call
    loading = threading.Event()

    def models() -> SpeakerModels:
        me = threading.get_native_id()
        callers.append((me, os.getpriority(os.PRIO_PROCESS, me)))
        loading.set()
        time.sleep(0.3)  # the helper is still loading when decoding ends
        return speaker_models

    analysis = BackgroundAnalysis(models, wav, DiarizeOptions(SpeakerCount(num=2)))
    assert loading.wait(10)
    seen: list[float] = []
    result = analysis.wait(CancelToken(), seen.append)
    assert not helpers_alive()
    job = threading.get_native_id()
    helper, job_niceness = callers[0][0], os.getpriority(os.PRIO_PROCESS, job)
    if sys.platform.startswith("linux"):
        assert callers[0][1] == NICENESS > job_niceness
    assert helper != job and (job, job_niceness) in callers[1:]
    assert result.duration == pytest.approx(found.duration, abs=0.1)
    assert len(result.windows) >= found.duration // 10 - 1  # the whole file, analysed here
    assert seen == sorted(seen) and seen[-1] == result.duration
