"""The pieces around faster-whisper: chunk packing, seam filters, heap trimming."""

from __future__ import annotations

import sys
import threading
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from faster_whisper.vad import collect_chunks

from stenodesk.core.audio.decode import SAMPLE_RATE
from stenodesk.core.engine import memory
from stenodesk.core.engine.decoding import (
    SeamHold,
    _Trimming,
    chunk_starts,
    echoes_previous,
    held_back_from,
    in_trailing_silence,
)
from stenodesk.core.engine.result import Progress
from stenodesk.core.engine.windows import Window
from stenodesk.core.transcript import Segment


@pytest.mark.parametrize("seed", range(8))
def test_chunk_starts_agree_with_faster_whisper(seed: int) -> None:
    rng = np.random.default_rng(seed)
    speech, t = [], 0
    for _ in range(int(rng.integers(1, 60))):
        t += int(rng.uniform(0.2, 3.0) * SAMPLE_RATE)
        length = int(rng.uniform(0.3, 12.0) * SAMPLE_RATE)
        speech.append({"start": t, "end": t + length})
        t += length
    pcm = np.zeros(t + SAMPLE_RATE, dtype=np.float32)
    starts = chunk_starts(speech, 30 * SAMPLE_RATE)
    chunks, _ = collect_chunks(pcm, speech, max_duration=30)
    assert len(starts) == len(chunks)
    # Chunk n holds exactly the spans from starts[n] up to the next start.
    for n, first in enumerate(starts):
        spans = speech[first : starts[n + 1] if n + 1 < len(starts) else None]
        assert len(chunks[n]) == sum(s["end"] - s["start"] for s in spans)


def spans(*seconds: float) -> list[dict[str, int]]:
    """Speech spans of these lengths, a second apart."""
    out, t = [], 0
    for length in seconds:
        out.append({"start": t, "end": t + int(length * SAMPLE_RATE)})
        t += int((length + 1.0) * SAMPLE_RATE)
    return out


def test_a_window_decodes_whole_batches_and_leaves_the_rest() -> None:
    # 20 s spans: each fills a chunk of its own (two would pass 30 s).
    assert held_back_from(spans(*[20.0] * 11), batch_size=4) == 8  # 2 batches; 2 + the last on
    assert held_back_from(spans(*[20.0] * 4), batch_size=4) == 3  # no whole batch: all but the last
    assert held_back_from(spans(20.0), batch_size=4) is None  # one chunk: nothing to leave
    assert held_back_from(spans(10.0, 10.0, 10.0), batch_size=4) is None  # all in one chunk
    assert held_back_from(spans(*[20.0] * 9), batch_size=8) == 8  # one batch, then the last


def window(seconds: float, *, clean: bool, speech_end: float | None = None) -> Window:
    pcm = np.zeros(int(seconds * SAMPLE_RATE), dtype=np.float32)
    return Window(3, 100.0, pcm, last=False, clean_end=clean, speech_end=speech_end)


def raw(start: float, end: float, words: list[tuple[float, float]] | None = None) -> Any:
    timed = [SimpleNamespace(start=a, end=b) for a, b in words or []]
    return SimpleNamespace(start=start, end=end, text=" x", words=timed or None)


def test_seam_hold_drops_the_last_segment_of_a_hard_cut() -> None:
    hold = SeamHold(window(30.0, clean=False))
    kept = list(hold(iter([raw(0, 5), raw(6, 12), raw(20, 29.9)])))
    assert [r.start for r in kept] == [0, 6]
    assert hold.restart_at == 20


def test_seam_hold_keeps_a_segment_from_the_first_half() -> None:
    hold = SeamHold(window(30.0, clean=False))
    assert [r.start for r in hold(iter([raw(2, 29.9)]))] == [2]
    assert hold.restart_at is None


@pytest.mark.parametrize("clean", [True, False])
def test_seam_hold_passes_clean_cuts_and_ends_the_decoder_chose(clean: bool) -> None:
    # A hard cut whose decoder stopped at 25 s itself (a chunk it could not fill).
    hold = SeamHold(window(30.0, clean=clean), decided_end=lambda: None if clean else 25.0)
    assert len(list(hold(iter([raw(0, 5), raw(20, 25.0)])))) == 2
    assert hold.restart_at is None


def test_trailing_silence_filter() -> None:
    w = window(30.0, clean=True, speech_end=27.0)
    assert not in_trailing_silence(raw(20.0, 26.9), w)
    assert in_trailing_silence(raw(27.0, 28.0), w)
    assert in_trailing_silence(raw(26.95, 28.0), w)  # within the slack of the VAD's edge
    assert not in_trailing_silence(raw(28.0, 29.0), window(30.0, clean=False))


def test_a_closing_phrase_glued_to_the_last_sentence_is_in_the_silence() -> None:
    # Seen on five minutes of espeak speech (tests/core/engine/test_long_seams.py,
    # seed 4), in window times: the last sentence ends at 18.28 s, the detector's
    # edge is at 18.38 s, and Whisper adds "Thank you very much." from 18.28 s,
    # its words squeezed into the silence after the edge.
    w = window(20.5, clean=True, speech_end=18.38)
    hallucinated = raw(18.28, 20.02, [(18.28, 20.02), (20.02, 20.02), (20.02, 20.02)])
    assert in_trailing_silence(hallucinated, w)
    assert in_trailing_silence(raw(18.28, 20.02), w)  # without word times: its middle
    # The last real sentence, even when Whisper stretches its end into the pause.
    assert not in_trailing_silence(raw(15.1, 18.28, [(15.1, 15.5), (15.5, 18.2)]), w)
    assert not in_trailing_silence(raw(15.1, 20.4), w)
    # A short last word right at the edge is speech.
    assert not in_trailing_silence(raw(17.9, 20.0, [(17.9, 18.3)]), w)


def test_the_last_sentence_is_speech_however_far_its_end_runs() -> None:
    # Seen at the end of five minutes of espeak speech (seed 6) decoded in whole
    # chunks, without word times: a 6 s last window whose speech ends at 2.82 s.
    last = window(6.0, clean=True, speech_end=2.82)
    assert not in_trailing_silence(raw(0.0, 7.0), last)
    assert in_trailing_silence(raw(2.5, 7.0), last)  # starts at the edge: a closing phrase


def test_an_echo_of_the_last_segment_in_a_pause_at_the_edge_is_found() -> None:
    said = " The new library will open in the spring."
    previous = Segment(41, 95.0, 98.0, said)
    lead = replace(window(30.0, clean=True), speech_start=2.9)
    tail = window(30.0, clean=True, speech_end=27.0)

    def seg(start: float, end: float, text: str = said) -> SimpleNamespace:
        return SimpleNamespace(start=start, end=end, text=text)

    assert echoes_previous(
        seg(0.0, 1.9, text=" the new library will open in the spring"), lead, previous
    )
    assert echoes_previous(seg(26.0, 29.5), tail, previous)  # runs into the closing pause
    # Said again in speech, other words, no segment before, or pauses not looked for: kept.
    assert not echoes_previous(seg(2.9, 6.0), lead, previous)
    assert not echoes_previous(seg(23.0, 27.0), tail, previous)
    assert not echoes_previous(seg(0.0, 1.9, text=" Good morning."), lead, previous)
    assert not echoes_previous(seg(0.0, 1.9), lead, None)
    assert not echoes_previous(seg(0.0, 1.9), window(30.0, clean=False), previous)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_growth_trimmer_trims_only_after_growth() -> None:
    trimmer = memory.GrowthTrimmer(slack=64 << 20)
    trimmer()
    assert trimmer.trims == 1  # the first call sets the floor
    trimmer()
    assert trimmer.trims == 1
    grown = np.ones(128 << 20, dtype=np.uint8)  # resident: touched
    trimmer()
    assert trimmer.trims == 2
    del grown
    assert memory.release_free_memory()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_only_two_streams_trim_within_a_window() -> None:
    """One stream leaves freed heap for its next encoder run; two keep their shared peak down."""
    two, one = memory.window_trimmer(2), memory.window_trimmer(1)
    one()
    two()  # the first call of a trimmer that trims sets its floor by trimming
    grown = np.ones(128 << 20, dtype=np.uint8)  # resident: touched
    one()
    two()
    assert one.trims == 0
    assert two.trims == 2
    del grown


class _Inner:
    """A stand-in CTranslate2 model whose runs wait to be let go (fault injection)."""

    def __init__(self) -> None:
        self.entered = {name: threading.Event() for name in ("encode", "beam", "sample")}
        self.go = threading.Event()

    def encode(self, *_: Any) -> str:
        self.entered["encode"].set()
        assert self.go.wait(10)
        return "encoded"

    def generate(self, *_: Any, num_hypotheses: int = 1, **__: Any) -> str:
        self.entered["beam" if num_hypotheses == 1 else "sample"].set()
        assert self.go.wait(10)
        return "generated"


def test_the_encoder_and_sampling_take_turns_but_beam_search_runs_beside_them() -> None:
    inner = _Inner()
    model = _Trimming(inner, memory.GrowthTrimmer(slack=1 << 40))
    results: list[str] = []
    runs = [
        threading.Thread(target=lambda: results.append(model.encode("features"))),
        threading.Thread(target=lambda: results.append(model.generate("e", [[1]]))),
        threading.Thread(
            target=lambda: results.append(model.generate("e", [[1]], num_hypotheses=5))
        ),
    ]
    runs[0].start()
    assert inner.entered["encode"].wait(10)
    runs[1].start()
    assert inner.entered["beam"].wait(10)  # a beam search does not wait for the encoder
    runs[2].start()
    runs[2].join(0.3)
    # Sampling five hypotheses waits while the encoder runs (a correct lock never lets it in).
    assert not inner.entered["sample"].is_set()
    inner.go.set()
    for run in runs:
        run.join(10)
    assert inner.entered["sample"].is_set()
    assert sorted(results) == ["encoded", "generated", "generated"]


def test_eta_counts_only_this_runs_audio() -> None:
    fresh = Progress(position=600.0, duration=3600.0, elapsed=60.0)
    resumed = Progress(position=600.0, duration=3600.0, elapsed=60.0, start=300.0)
    assert fresh.eta == pytest.approx(300.0)  # 600 s of audio per minute
    assert resumed.eta == pytest.approx(600.0)  # only 300 s were done in that minute
    assert Progress(300.0, 3600.0, 5.0, start=300.0).eta is None


def test_the_prompt_carried_on_starts_after_a_chunk_decoded_hot() -> None:
    # faster-whisper's prompt_reset_on_temperature: after a chunk decoded above 0.5
    # the next one starts without the text before it; the next window does the same.
    from stenodesk.core.engine.options import TranscribeOptions
    from stenodesk.core.engine.windowloop import _carry_prompt

    run = SimpleNamespace(options=TranscribeOptions(), prompt=(1, 2))
    _carry_prompt(run, [3, 4], reset=False)  # type: ignore[arg-type]
    assert run.prompt == (1, 2, 3, 4)
    _carry_prompt(run, [5], reset=True)  # type: ignore[arg-type]
    assert run.prompt == (5,)
    _carry_prompt(run, [], reset=True)  # type: ignore[arg-type]
    assert run.prompt is None


class _Counting:
    """A stand-in CTranslate2 model that counts its encoder runs."""

    def __init__(self) -> None:
        self.encoded: list[Any] = []

    def encode(self, features: Any, **_: Any) -> object:
        self.encoded.append(features)
        return object()

    def generate(self, *_: Any, **__: Any) -> str:
        return "generated"


def test_the_same_features_twice_in_a_row_are_encoded_once() -> None:
    """faster-whisper encodes a window's first 30 s to detect the language, then again to
    decode them: the second run gives the first one's output."""
    inner = _Counting()
    model = _Trimming(inner, memory.GrowthTrimmer(slack=1 << 40))
    first = np.arange(12, dtype=np.float32).reshape(1, 3, 4)
    detected = model.encode(first, to_cpu=False)
    assert model.encode(first.copy(), to_cpu=False) is detected
    assert len(inner.encoded) == 1
    model.generate(detected, [[1]])  # decoded: the next encode is another chunk's
    assert model.encode(first, to_cpu=False) is not detected
    assert model.encode(first + 1, to_cpu=False) is not None  # other features
    assert model.encode(first + 1, to_cpu=True) is not None  # asked for elsewhere
    assert len(inner.encoded) == 4
    # Each thread has its own: a window in another thread encodes its own features.
    other: list[object] = []
    thread = threading.Thread(target=lambda: other.append(model.encode(first + 1, to_cpu=True)))
    thread.start()
    thread.join(10)
    assert len(inner.encoded) == 5


def test_features_but_for_their_last_frame_of_audio_are_the_same_chunk() -> None:
    """The language is detected on a short window's frames, its last one included; its
    decoding leaves that one out (zeros, as the padding after it)."""
    from stenodesk.core.engine.decoding import _same_chunk

    rng = np.random.default_rng(1)
    detected = np.zeros((1, 80, 3000), dtype=np.float32)
    detected[..., :1200] = rng.normal(size=(1, 80, 1200))
    decoded = detected.copy()
    decoded[..., 1199] = 0
    assert _same_chunk(detected, detected.copy())
    assert _same_chunk(detected, decoded)
    assert not _same_chunk(decoded, detected)  # a frame more is not the same
    fewer = decoded.copy()
    fewer[..., 1198] = 0
    assert not _same_chunk(detected, fewer)  # two frames less
    inside = detected.copy()
    inside[0, 3, 500] += 1
    assert not _same_chunk(detected, inside)
    assert not _same_chunk(detected, detected[..., :2999])
