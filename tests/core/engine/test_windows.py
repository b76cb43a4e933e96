"""Windows are cut in pauses, cover the audio exactly once, and stay bounded."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from tests.helpers import speech

from stenodesk.core.audio.decode import SAMPLE_RATE
from stenodesk.core.engine.windows import (
    EXACT_SLACK_SECONDS,
    Windower,
    WindowPlan,
    _quietest_frame,
    choose_cut,
    find_cut,
)


def test_cut_lands_in_the_pause(tmp_path: Path) -> None:
    a = speech.say_pcm("The weather was cold and rainy all day long.", tmp_path)
    b = speech.say_pcm("We need more time to finish the work on the house.", tmp_path)
    pcm = np.concatenate([a, speech.silence(0.8), b, b])
    pause_start, pause_end = len(a), len(a) + int(0.8 * SAMPLE_RATE)
    cut = find_cut(pcm, 0, len(pcm))
    assert pause_start < cut < pause_end


def test_without_a_pause_the_quietest_spot_is_used() -> None:
    # What find_cut falls back to when speech runs on with no pause at all.
    rng = np.random.default_rng(3)
    pcm = (rng.standard_normal(10 * SAMPLE_RATE) * 0.3).astype(np.float32)
    pcm[6 * SAMPLE_RATE : 6 * SAMPLE_RATE + 1600] *= 0.01
    cut = _quietest_frame(pcm)
    assert 6 * SAMPLE_RATE - 800 <= cut <= 6 * SAMPLE_RATE + 2400


def test_silence_only_region_is_cut_anywhere_inside() -> None:
    pcm = np.zeros(10 * SAMPLE_RATE, dtype=np.float32)
    assert 0 < find_cut(pcm, 2 * SAMPLE_RATE, 8 * SAMPLE_RATE) < 8 * SAMPLE_RATE


def test_windows_cover_the_stream_exactly(tmp_path: Path) -> None:
    pcm, _ = speech.long_recording(tmp_path, 100.0)
    blocks = [pcm[i : i + 7 * SAMPLE_RATE] for i in range(0, len(pcm), 7 * SAMPLE_RATE)]
    plan = WindowPlan(first_seconds=10.0, seconds=30.0, search_seconds=5.0)
    windows = list(Windower(blocks, plan))
    np.testing.assert_array_equal(np.concatenate([w.pcm for w in windows]), pcm)
    assert windows[0].end <= 10.0 and windows[0].end >= 5.0
    assert all(len(w.pcm) <= 30 * SAMPLE_RATE for w in windows)
    assert all(a.end == b.start for a, b in itertools.pairwise(windows))
    assert windows[-1].last and not any(w.last for w in windows[:-1])


def test_windows_for_whole_chunks_are_cut_at_their_target(tmp_path: Path) -> None:
    pcm, _ = speech.long_recording(tmp_path, 100.0)
    blocks = [pcm[i : i + 7 * SAMPLE_RATE] for i in range(0, len(pcm), 7 * SAMPLE_RATE)]
    plan = WindowPlan(first_seconds=10.0, seconds=40.0).for_whole_chunks()
    assert (plan.first_seconds, plan.seconds, plan.pauses) == (30.0, 40.0, False)
    windows = list(Windower(blocks, plan))
    np.testing.assert_array_equal(np.concatenate([w.pcm for w in windows]), pcm)
    slack = int(EXACT_SLACK_SECONDS * SAMPLE_RATE)
    lengths = [len(w.pcm) for w in windows]
    assert lengths[:-1] == [30 * SAMPLE_RATE + slack, 40 * SAMPLE_RATE + slack]
    # The decoder picks each seam, so none is looked for; the file's end still is.
    assert all(w.clean_end and w.speech_start is None for w in windows)
    assert all(w.speech_end is None for w in windows[:-1]) and windows[-1].last


def test_window_times_do_not_drift() -> None:
    # Seconds summed window after window drift; a file's last window must end at its end.
    rng = np.random.default_rng(7)
    pcm = (0.01 * rng.standard_normal(int(61.3 * SAMPLE_RATE))).astype(np.float32)
    plan = WindowPlan(first_seconds=1.1, seconds=1.3, search_seconds=0.6)
    windows = list(Windower([pcm], plan, start=0.1))
    assert len(windows) > 40
    assert windows[-1].end == 0.1 + len(pcm) / SAMPLE_RATE
    assert all(w.start == round(w.start * SAMPLE_RATE) / SAMPLE_RATE for w in windows)


def test_resumed_windows_match_the_uninterrupted_ones(tmp_path: Path) -> None:
    pcm, _ = speech.long_recording(tmp_path, 90.0)
    plan = WindowPlan(first_seconds=10.0, seconds=25.0, search_seconds=5.0)
    whole = list(Windower([pcm], plan))
    k = 2
    start = round(whole[k].start * SAMPLE_RATE)
    resumed = list(Windower([pcm[start:]], plan, start=whole[k].start, index=k))
    assert [(w.index, round(w.start, 4), len(w.pcm)) for w in resumed] == [
        (w.index, round(w.start, 4), len(w.pcm)) for w in whole[k:]
    ]


def test_cut_in_a_pause_knows_where_the_speech_ended(tmp_path: Path) -> None:
    a = speech.say_pcm("The weather was cold and rainy all day long.", tmp_path)
    b = speech.say_pcm("We need more time to finish the work on the house.", tmp_path)
    loud = np.flatnonzero(np.abs(a) > 1e-3)
    pcm = np.concatenate([a[: loud[-1] + 1], speech.silence(1.0), b])
    cut = choose_cut(pcm, 0, len(pcm))
    assert cut.in_pause and cut.speech_end is not None
    assert abs(cut.speech_end - (loud[-1] + 1)) < 0.15 * SAMPLE_RATE
    assert cut.speech_end < cut.sample < loud[-1] + 1 + SAMPLE_RATE
    [first, _] = Windower([pcm], WindowPlan(first_seconds=4.5, seconds=30.0, search_seconds=3.0))
    assert first.clean_end
    assert first.speech_end == pytest.approx(cut.speech_end / SAMPLE_RATE, abs=0.05)


def test_windows_know_the_pauses_at_their_edges(tmp_path: Path) -> None:
    a = speech.say_pcm("The weather was cold and rainy all day long.", tmp_path)
    loud = np.flatnonzero(np.abs(a) > 1e-3)
    voice = a[loud[0] : loud[-1] + 1]
    pcm = np.concatenate([speech.silence(1.5), voice, speech.silence(2.0)])
    [only] = Windower([pcm], WindowPlan(first_seconds=30.0, seconds=30.0))
    assert only.last
    # Where speech begins, and where it ends before the end of the file.
    assert only.speech_start == pytest.approx(1.5, abs=0.15)
    assert only.speech_end == pytest.approx(1.5 + len(voice) / SAMPLE_RATE, abs=0.15)
    [busy] = Windower([voice], WindowPlan(first_seconds=30.0, seconds=30.0))
    assert busy.speech_start == pytest.approx(0.0, abs=0.1) and busy.speech_end is None


def test_continuous_speech_gives_a_hard_cut(tmp_path: Path) -> None:
    text = "We need more time to finish the work on the house"
    voice = speech.say_pcm(text, tmp_path)
    loud = np.flatnonzero(np.abs(voice) > 1e-3)
    pcm = np.tile(voice[loud[0] : loud[-1] + 1], 6)
    [first, *_] = Windower([pcm], WindowPlan(first_seconds=8.0, seconds=8.0, search_seconds=4.0))
    assert not first.clean_end and first.speech_end is None


def test_batched_plan_fills_one_batch_first() -> None:
    plan = WindowPlan()
    assert plan.for_batches(0) is plan
    # About a batch of speech first, then about two: batches of 8 chunks of 30 s.
    assert (plan.for_batches(8).first_seconds, plan.for_batches(8).seconds) == (360.0, 720.0)
    assert (plan.for_batches(1).first_seconds, plan.for_batches(1).seconds) == (45.0, 300.0)
    short = WindowPlan(first_seconds=10.0, seconds=20.0)
    assert short.for_batches(4) == WindowPlan(first_seconds=20.0, seconds=20.0)
