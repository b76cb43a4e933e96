"""Windows are cut in pauses, cover the audio exactly once, and stay bounded."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
from tests.helpers import speech

from stenodesk.core.audio.decode import SAMPLE_RATE
from stenodesk.core.engine.windows import Windower, WindowPlan, _quietest_frame, find_cut


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
