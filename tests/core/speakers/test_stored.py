"""Voices analysed so far: journaled exactly, and a pass continued from them finds the same."""

from __future__ import annotations

import base64
import time
from pathlib import Path

import numpy as np
import pytest
from tests.core.speakers.test_transcript import talk
from tests.helpers import conversations

from stenodesk.core.audio.decode import iter_pcm
from stenodesk.core.cancel import CancelToken
from stenodesk.core.speakers import SpeakerCount, SpeakerModels
from stenodesk.core.speakers.background import BackgroundAnalysis
from stenodesk.core.speakers.pipeline import (
    AnalysedWindow,
    Analysis,
    AnalysisSoFar,
    DiarizeOptions,
    analyse,
    find_speakers,
    resume_offset,
    step_samples,
)
from stenodesk.core.speakers.segmentation import RATE
from stenodesk.core.speakers.stored import so_far, voices_record, window_from_json

__all__ = ["talk"]  # the fixture, shared

OPTIONS = DiarizeOptions(SpeakerCount(num=2))


@pytest.fixture(scope="module")
def whole(
    speaker_models: SpeakerModels, talk: tuple[Path, conversations.Conversation]
) -> tuple[Analysis, list[int]]:
    """The uninterrupted analysis, and the start of every window it went through."""
    starts: list[int] = []
    blocks = iter_pcm(talk[0], block_seconds=30.0)
    done = analyse(speaker_models, blocks, OPTIONS, on_window=lambda s, _w: starts.append(s))
    return done, starts


def _same(a: AnalysedWindow, b: AnalysedWindow) -> None:
    assert a.start == b.start
    assert np.array_equal(a.active, b.active)
    assert [(s.local, s.first, s.last, s.alone) for s in a.stretches] == [
        (s.local, s.first, s.last, s.alone) for s in b.stretches
    ]
    for x, y in zip(a.stretches, b.stretches, strict=True):
        assert (x.embedding is None) == (y.embedding is None)
        if x.embedding is not None and y.embedding is not None:
            assert np.array_equal(x.embedding, y.embedding)


def test_records_read_back_what_was_written(whole: tuple[Analysis, list[int]]) -> None:
    done, _ = whole
    windows = done.windows
    assert len(windows) >= 3
    half = len(windows) // 2
    records = [
        voices_record(windows[:half], windows[half].start, None),
        voices_record(windows[half:], windows[-1].start + step_samples(OPTIONS), done.samples),
    ]
    back = so_far(records)
    assert back.samples == done.samples
    assert back.next_start == windows[-1].start + step_samples(OPTIONS)
    assert len(back.windows) == len(windows)
    for a, b in zip(back.windows, windows, strict=True):
        _same(a, b)
    with pytest.raises(ValueError, match="4 values, not"):  # an embedding of the wrong size
        bad = voices_record(windows[:1], 0, None)
        stretch = next(s for s in bad["windows"][0]["stretches"] if s[4] is not None)
        stretch[4] = base64.b64encode(np.zeros(4, "<f4").tobytes()).decode()  # 4 values
        so_far([bad])
    assert window_from_json(records[0]["windows"][0]).active.shape == windows[0].active.shape


def test_a_continued_pass_finds_what_one_pass_found(
    speaker_models: SpeakerModels,
    talk: tuple[Path, conversations.Conversation],
    whole: tuple[Analysis, list[int]],
) -> None:
    done, starts = whole
    step = step_samples(OPTIONS)
    begin = starts[len(starts) // 2]  # stopped half way
    assert begin > 0
    earlier = AnalysisSoFar(tuple(w for w in done.windows if w.start < begin), begin)
    offset = resume_offset(begin, step)
    blocks = iter_pcm(talk[0], start=offset / RATE, block_seconds=30.0)
    seen: list[int] = []
    resumed = analyse(
        speaker_models, blocks, OPTIONS, earlier=earlier, on_window=lambda s, _w: seen.append(s)
    )
    assert seen == [s for s in starts if s >= begin]  # no window twice, none left out
    assert resumed.samples == done.samples
    assert [w.start for w in resumed.windows] == [w.start for w in done.windows]
    # The same audio through the same models: the same voices, so the same speakers.
    assert find_speakers(resumed, OPTIONS).turns == find_speakers(done, OPTIONS).turns


def test_a_file_analysed_whole_before_is_not_read_again(
    talk: tuple[Path, conversations.Conversation], whole: tuple[Analysis, list[int]]
) -> None:
    done, _ = whole

    def models() -> SpeakerModels:
        raise AssertionError("the models were loaded for a file already analysed")

    earlier = AnalysisSoFar(done.windows, done.windows[-1].start + 1, done.samples)
    missing = talk[0].with_name("gone.wav")  # nothing to read, and nothing is read
    analysis = BackgroundAnalysis(models, missing, OPTIONS, earlier)
    result = analysis.wait(CancelToken(), lambda _position: None)
    assert result.samples == done.samples and len(result.windows) == len(done.windows)
    assert analysis.resumed_at > 0
    assert analysis.take() is None  # nothing new for the journal


def test_take_hands_out_each_window_once(
    speaker_models: SpeakerModels, talk: tuple[Path, conversations.Conversation]
) -> None:
    analysis = BackgroundAnalysis(lambda: speaker_models, talk[0], OPTIONS)
    taken: list[tuple[list[AnalysedWindow], int, int | None]] = []
    deadline = time.monotonic() + 120
    while not taken or taken[-1][2] is None:  # until the file's length is handed out
        assert time.monotonic() < deadline
        got = analysis.take()
        if got is not None:
            taken.append(got)
        time.sleep(0.005)
    result = analysis.wait(CancelToken(), lambda _position: None)
    analysis.stop()
    windows = [w for fresh, _, _ in taken for w in fresh]
    assert [w.start for w in windows] == [w.start for w in result.windows]
    nexts = [n for _, n, _ in taken]
    assert nexts == sorted(nexts)
    assert taken[-1][2] == result.samples
    assert analysis.take() is None
