"""Windows of two decoding streams end where each holds its share of the speech."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from tests.helpers import speech

from stenodesk.core.audio import vad
from stenodesk.core.audio.decode import SAMPLE_RATE
from stenodesk.core.engine import balance
from stenodesk.core.engine.windows import Windower, WindowPlan

PLAN = WindowPlan(first_seconds=30.0, seconds=150.0)
FRAME = vad.WINDOW_SECONDS


def frames(*parts: tuple[float, float]) -> np.ndarray:
    """Probabilities for (seconds, share of speech) parts, the speech spread evenly."""
    out = []
    for seconds, share in parts:
        n = round(seconds / FRAME)
        out.append((np.arange(n) % 10 < round(share * 10)).astype(np.float32))
    return np.concatenate(out)


def speech_between(p: np.ndarray, start: float, end: float) -> float:
    return float((p[round(start / FRAME) : round(end / FRAME)] >= 0.5).sum() * FRAME)


def shares(p: np.ndarray, ends: tuple[float, ...]) -> list[float]:
    edges = [PLAN.first_seconds, *ends, len(p) * FRAME]
    return [speech_between(p, a, b) for a, b in itertools.pairwise(edges)]


def test_the_first_pair_carries_half_the_first_window_each_and_the_rest_is_even() -> None:
    p = frames((600.0, 0.7))
    ends = balance.window_ends(p, PLAN)
    assert ends is not None and len(ends) == 3  # four windows after the first: two pairs
    first = speech_between(p, 0.0, PLAN.first_seconds)
    got = shares(p, ends)
    share = (sum(got) - first) / 4
    for pair_first, value in zip([True, True, False, False], got, strict=True):
        want = share + (first / 2 if pair_first else 0.0)
        assert value == pytest.approx(want, abs=2 * FRAME)
    # The first pair's worker has as much speech as the other with the first window.
    assert got[0] + got[1] == pytest.approx(first + got[2] + got[3], abs=4 * FRAME)


def test_windows_are_longer_where_the_speech_is_sparse() -> None:
    # The same audio length, but the first half holds half as much speech as the second.
    p = frames((30.0, 0.6), (300.0, 0.4), (300.0, 0.8))
    ends = balance.window_ends(p, PLAN)
    assert ends is not None
    lengths = np.diff([PLAN.first_seconds, *ends, len(p) * FRAME])
    assert lengths[0] > lengths[3] * 1.4
    got = shares(p, ends)
    assert got[2] == pytest.approx(got[3], abs=2 * FRAME)
    assert got[0] + got[1] == pytest.approx(
        speech_between(p, 0.0, PLAN.first_seconds) + got[2] + got[3], abs=4 * FRAME
    )


@pytest.mark.parametrize(("minutes", "windows"), [(5, 4), (10, 4), (15, 4), (20, 8), (30, 12)])
def test_each_worker_gets_as_many_pairs(minutes: int, windows: int) -> None:
    ends = balance.window_ends(frames((minutes * 60.0, 0.7)), PLAN)
    assert ends is not None and len(ends) + 1 == windows
    assert list(ends) == sorted(ends)


def test_no_plan_where_it_would_not_pay_or_would_hold_too_much_audio() -> None:
    assert balance.window_ends(frames((25.0, 0.7)), PLAN) is None  # the first window only
    # Under 15 s of speech a window: four windows would be mostly padding.
    assert balance.window_ends(frames((90.0, 0.5)), PLAN) is None
    assert balance.window_ends(frames((600.0, 0.0)), PLAN) is None
    # Twenty silent minutes after the speech: a window would hold more than twice the plan.
    assert balance.window_ends(frames((300.0, 0.8), (1200.0, 0.0)), PLAN) is None


def test_an_unreadable_file_keeps_the_plan_s_lengths() -> None:
    def broken() -> object:
        yield np.zeros(SAMPLE_RATE, np.float32)
        raise OSError("the disk went away")

    assert balance.balanced_ends(broken(), PLAN) is None  # type: ignore[arg-type]


def test_windows_end_in_the_pauses_nearest_the_planned_ends(tmp_path: Path) -> None:
    pcm, _ = speech.long_recording(tmp_path, 150.0, seed=11)
    blocks = [pcm[i : i + 5 * SAMPLE_RATE] for i in range(0, len(pcm), 5 * SAMPLE_RATE)]
    plan = WindowPlan(first_seconds=10.0, seconds=30.0, search_seconds=6.0)
    probabilities = vad.speech_probabilities(iter(blocks))
    planned = balance.window_ends(probabilities, plan)
    assert planned is not None and len(planned) == 3
    asked: list[int] = []

    def ends() -> tuple[float, ...] | None:
        asked.append(1)
        return planned

    windows = list(Windower(iter(blocks), plan, ends=ends))
    assert asked == [1]  # scored once, for window 1
    np.testing.assert_array_equal(np.concatenate([w.pcm for w in windows]), pcm)
    assert [w.index for w in windows] == [0, 1, 2, 3, 4]
    assert windows[0].end <= 10.0
    for window, end in zip(windows[1:], planned, strict=False):
        assert abs(window.end - end) <= plan.search_seconds / 2 + 1e-6, (window.end, end)
        assert window.clean_end  # in a pause
    assert windows[-1].last and windows[-1].end == pytest.approx(len(pcm) / SAMPLE_RATE)
    # A resumed job cuts the same windows from where it resumes.
    again = list(
        Windower(
            [pcm[round(windows[2].start * SAMPLE_RATE) :]],
            plan,
            start=windows[2].start,
            index=2,
            ends=lambda: planned,
        )
    )
    assert [(w.start, w.end) for w in again] == [(w.start, w.end) for w in windows[2:]]
