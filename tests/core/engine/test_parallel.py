"""Windows decoded two at a time: order, prompts, language, errors, cancel, restarts (not timed).

The pool's coordination is checked with fake decoders (fault injection and
hand-offs by events, so nothing depends on the machine's speed); the real
path with tiny.en on two CTranslate2 workers, through the Transcriber.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
import wave
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from tests.helpers.recordings import ENGLISH, require, wer

from stenodesk.core.audio.decode import SAMPLE_RATE
from stenodesk.core.cancel import CancelToken
from stenodesk.core.engine.checkpoint import WindowDone
from stenodesk.core.engine.decoding import Decoded
from stenodesk.core.engine.modelcache import available_cores
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.parallel import (
    WindowPool,
    follows_on,
    job_thread_plan,
    one_stream_fits,
    thread_plan,
)
from stenodesk.core.engine.transcriber import Transcriber
from stenodesk.core.engine.windows import Window, Windower, WindowPlan
from stenodesk.core.errors import Cancelled
from stenodesk.core.transcript import Segment

WAIT = 10.0  # seconds a hand-off may take on a busy machine before a test gives up


def decoders_alive() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("stenodesk-decoder-")]


@dataclass
class Info:
    language: str = "en"
    language_probability: float = 0.9


@dataclass
class Seg:
    text: str
    tokens: list[int] = field(default_factory=lambda: [1])
    temperature: float = 0.0


@dataclass
class Started:
    index: int
    language: str | None
    prompt: Any


class Fake:
    """A decoder that records each start and gives one segment per window by default."""

    def __init__(self, detect: str | None = "en") -> None:
        self.started: list[Started] = []
        self.lock = threading.Lock()
        self.detect = detect
        self.segments: dict[int, Callable[[], Iterator[Any]]] = {}
        self.before_start: dict[int, Callable[[], None]] = {}

    def start(self, window: Window, language: str | None, prompt: Any) -> Decoded:
        if window.index in self.before_start:
            self.before_start[window.index]()
        with self.lock:
            self.started.append(Started(window.index, language, prompt))
        make = self.segments.get(window.index, lambda: iter([Seg(f"window {window.index}")]))
        info = Info(language or self.detect) if (language or self.detect) else None
        return Decoded(make(), info)

    def indices(self) -> list[int]:
        with self.lock:
            return [s.index for s in self.started]


def carry(prompt: Any, raw: list[Any]) -> Any:
    return ("after", *(s.text for s in raw))


def windows_of(seconds: float, *, first: float = 2.0, each: float = 4.0) -> Windower:
    pcm = np.zeros(int(seconds * SAMPLE_RATE), np.float32)
    return Windower(
        [pcm],
        WindowPlan(first_seconds=first, seconds=each, pauses=False),
        reopen=lambda at: [pcm[round(at * SAMPLE_RATE) :]],
    )


def pool_for(fake: Fake, windows: Windower, **kw: Any) -> WindowPool:
    args: dict[str, Any] = {
        "language": "en",
        "prompt": "resumed",
        "initial_prompt": "own",
        "cancel": CancelToken(),
    }
    return WindowPool(windows, fake.start, carry, **{**args, **kw})


def read_all(pool: WindowPool) -> list[tuple[int, list[str]]]:
    with pool:
        return [(w.index, [s.text for s in d.segments]) for w, d in pool]


def test_thread_plan() -> None:
    assert thread_plan(0, 2, parallel=True) == (1, 2)
    assert thread_plan(0, 8, parallel=True) == (4, 2)
    assert thread_plan(0, 1, parallel=True) == (0, 1)
    assert thread_plan(3, 8, parallel=True) == (3, 1)  # the user's own count: one stream
    assert thread_plan(0, 8, parallel=False) == (0, 1)  # no VAD: one stream
    file_job = TranscribeOptions(model="tiny.en", vad_filter=True)
    assert job_thread_plan(file_job, 2) == (1, 2)
    assert job_thread_plan(file_job, 2, one_stream=True) == (0, 1)  # CTranslate2's threads
    assert job_thread_plan(file_job.with_(cpu_threads=2), 2) == (2, 1)


def test_a_short_file_is_one_stream() -> None:
    plan = WindowPlan()  # 30 s, then 150 s per stream
    assert one_stream_fits(23.0, plan)
    assert one_stream_fits(240.0, plan)
    assert not one_stream_fits(241.0, plan)
    assert not one_stream_fits(0.0, plan)  # length unknown
    # A plan of short windows (the tests'): 20 s, then 30 s per stream.
    assert one_stream_fits(62.0, WindowPlan(20.0, 60.0))
    assert not one_stream_fits(63.0, WindowPlan(20.0, 60.0))


def test_windows_come_in_order_each_from_the_prompt_its_rule_gives() -> None:
    fake = Fake()
    got = read_all(pool_for(fake, windows_of(22.0)))  # 2 s, then 4 s windows: 0..5 (+ slack)
    assert [i for i, _ in got] == list(range(len(got))) and len(got) >= 5
    assert all(texts == [f"window {i}"] for i, texts in got)
    prompts = {s.index: s.prompt for s in fake.started}
    assert sorted(prompts) == [i for i, _ in got]
    for index, prompt in prompts.items():
        if follows_on(index):  # the text of the window before it
            assert prompt == ("after", f"window {index - 1}"), index
        else:
            assert prompt == "own", index
    assert [follows_on(i) for i in range(5)] == [False, False, True, False, True]
    assert not decoders_alive()


def test_a_window_that_starts_afresh_is_decoded_beside_the_one_before_it() -> None:
    fake = Fake()
    second_began = threading.Event()

    def first_window() -> Iterator[Any]:
        # Window 1 (afresh) must start while window 0 is still being decoded.
        assert second_began.wait(WAIT), "window 1 did not start beside window 0"
        yield Seg("window 0")

    fake.segments[0] = first_window
    fake.before_start[1] = second_began.set
    got = read_all(pool_for(fake, windows_of(10.0)))
    assert got[0] == (0, ["window 0"])
    assert second_began.is_set()


def test_segments_are_handed_on_while_the_next_window_is_cut() -> None:
    """Cutting a window may take long (the first after the first scores the whole
    file): the pool's lock is let go meanwhile, so the job reads window 0's text."""
    fake = Fake()
    read_first = threading.Event()
    cutting = threading.Event()
    windows = windows_of(10.0)
    cut = windows.__next__

    class Slow:
        def __iter__(self) -> Slow:
            return self

        def __next__(self) -> Window:
            window = cut()
            if window.index == 1:
                cutting.set()
                assert read_first.wait(WAIT), "the job read nothing while a window was cut"
            return window

        def rewind(self, start: float, *, index: int) -> None:
            windows.rewind(start, index=index)

    def first_window() -> Iterator[Any]:
        assert cutting.wait(WAIT)
        yield Seg("window 0")

    fake.segments[0] = first_window
    pool = pool_for(fake, Slow())  # type: ignore[arg-type]
    got = []
    with pool:
        for window, decoded in pool:
            got.append((window.index, [s.text for s in decoded.segments]))
            read_first.set()
    assert got[0] == (0, ["window 0"]) and [i for i, _ in got] == list(range(len(got)))
    assert len(got) >= 3
    assert not decoders_alive()


def test_the_language_is_detected_once_before_any_other_window_starts() -> None:
    fake = Fake(detect="de")
    detected = threading.Event()
    early: list[int] = []

    def start(window: Window, language: str | None, prompt: Any) -> Decoded:
        if window.index == 0:
            time.sleep(0.3)  # detecting takes a while: a worker that did not wait would show
            decoded = fake.start(window, language, prompt)
            detected.set()  # faster-whisper has returned: the language is known
            return decoded
        if not detected.is_set():
            early.append(window.index)
        return fake.start(window, language, prompt)

    pool = WindowPool(
        windows_of(14.0), start, carry, language=None, prompt=None, initial_prompt="own",
        cancel=CancelToken(),
    )  # fmt: skip
    read_all(pool)
    assert early == []
    assert fake.started[0] == Started(0, None, "own")
    assert all(s.language == "de" for s in fake.started[1:]) and len(fake.started) >= 3
    assert pool.language == "de"


def test_a_first_window_without_speech_leaves_the_detection_to_the_next() -> None:
    fake = Fake(detect=None)
    real_start = fake.start

    def start(window: Window, language: str | None, prompt: Any) -> Decoded:
        decoded = real_start(window, language, prompt)
        if window.index == 1:
            decoded.info = Info("fr")
        return decoded

    fake.segments[0] = lambda: iter(())
    pool = WindowPool(
        windows_of(14.0), start, carry, language=None, prompt=None, initial_prompt=None,
        cancel=CancelToken(),
    )  # fmt: skip
    read_all(pool)
    languages = {s.index: s.language for s in fake.started}
    assert languages[0] is None and languages[1] is None
    assert all(languages[i] == "fr" for i in languages if i > 1)


def test_an_error_reaches_the_job_at_its_window_after_the_windows_before_it() -> None:
    fake = Fake()

    def broken() -> Iterator[Any]:
        yield Seg("window 2")
        raise RuntimeError("out of memory in a worker")  # fault injection

    fake.segments[2] = broken
    seen: list[tuple[int, str]] = []
    pool = pool_for(fake, windows_of(22.0))
    with pytest.raises(RuntimeError, match="out of memory"), pool:
        for window, decoded in pool:
            for segment in decoded.segments:
                seen.append((window.index, segment.text))
    assert seen == [(0, "window 0"), (1, "window 1"), (2, "window 2")]
    assert not decoders_alive()


def test_cancel_stops_the_workers_and_the_job() -> None:
    fake = Fake()
    cancel = CancelToken()

    def endless() -> Iterator[Any]:
        n = 0
        while True:
            n += 1
            yield Seg(f"again {n}")
            time.sleep(0.01)

    fake.segments[1] = endless
    with pytest.raises(Cancelled), pool_for(fake, windows_of(22.0), cancel=cancel) as pool:
        for window, decoded in pool:
            for _ in decoded.segments:
                if window.index == 1:
                    cancel.cancel()
    assert not decoders_alive()


def test_a_window_the_job_leaves_part_way_stops_its_worker() -> None:
    """As after a repetition loop: the job reads on from a restart, and the worker that
    was decoding the loop stops rather than decode it to its end."""
    fake = Fake()
    made = [0]

    def endless() -> Iterator[Any]:
        while True:
            made[0] += 1
            yield Seg(f"again {made[0]}")
            time.sleep(0.01)

    fake.segments[1] = endless
    with pool_for(fake, windows_of(22.0)) as pool:
        for window, decoded in pool:
            for n, _ in enumerate(decoded.segments):
                if window.index == 1 and n == 2:
                    pool.restart(window, 1.0, None)
                    break
        # The job is done; a worker still decoding window 1 would go on making segments.
        deadline, last = time.monotonic() + WAIT, -1
        while made[0] != last and time.monotonic() < deadline:
            last = made[0]
            time.sleep(0.3)
        assert made[0] == last, "the worker went on decoding the window the job left"


def test_leaving_early_joins_the_workers() -> None:
    fake = Fake()
    with pool_for(fake, windows_of(22.0)) as pool:
        for _ in pool:
            break
    assert not decoders_alive()


def test_no_more_than_one_window_per_worker_is_decoded_ahead_of_the_job() -> None:
    fake = Fake()
    with pool_for(fake, windows_of(40.0)) as pool:
        windows = iter(pool)
        next(windows)  # the job holds window 0 and reads on no further
        time.sleep(0.5)  # the workers would take more windows by now if they could
        assert max(fake.indices()) <= 2, fake.indices()
        rest = [w.index for w, _ in windows]
    assert rest == list(range(1, len(rest) + 1)) and len(rest) >= 8


def test_a_restart_cuts_the_next_windows_again_from_the_restart_point() -> None:
    fake = Fake()
    total = 22.0
    spans: list[tuple[int, float, float]] = []
    restarted = False
    with pool_for(fake, windows_of(total)) as pool:
        for window, decoded in pool:
            list(decoded.segments)
            spans.append((window.index, window.start, window.end))
            if window.index == 1 and not restarted:
                restarted = True
                pool.restart(window, 1.0, ("kept",))
                spans[-1] = (1, window.start, window.start + 1.0)
    assert [i for i, _, _ in spans] == list(range(len(spans)))
    for (_, _, end), (_, start, _) in itertools.pairwise(spans):
        assert start == pytest.approx(end, abs=1 / SAMPLE_RATE)  # nothing lost, nothing twice
    assert spans[0][1] == 0.0 and spans[-1][2] == pytest.approx(total, abs=1 / SAMPLE_RATE)
    again = [s for s in fake.started if s.index == 2]
    assert again[-1].prompt == ("kept",)  # window 2 follows on from the restart's prompt


def test_a_window_being_decoded_holds_no_audio() -> None:
    """Its decoder has its features: the audio of two windows (a tenth of a base job's
    memory) would only wait for a restart, which reads the file again."""
    fake = Fake()
    seen: list[tuple[int, int, int, float]] = []
    with pool_for(fake, windows_of(22.0)) as pool:
        for window, decoded in pool:
            list(decoded.segments)
            seen.append((window.index, len(window.pcm), window.samples, window.end))
    assert [n for n, _, _, _ in seen] == list(range(len(seen)))
    assert all(held == 0 for _, held, _, _ in seen)
    assert sum(samples for _, _, samples, _ in seen) == 22 * SAMPLE_RATE
    assert seen[-1][3] == pytest.approx(22.0)


def test_rewinding_reads_the_audio_again_from_there() -> None:
    pcm = np.arange(10 * SAMPLE_RATE, dtype=np.float32)
    opened: list[float] = []
    closed: list[bool] = []

    def blocks(at: float) -> Iterator[np.ndarray]:
        opened.append(at)
        try:
            rest = pcm[round(at * SAMPLE_RATE) :]
            for n in range(0, len(rest), SAMPLE_RATE):
                yield rest[n : n + SAMPLE_RATE]
        finally:
            closed.append(True)

    windows = Windower(blocks(0.0), WindowPlan(2.0, 3.0, pauses=False), reopen=blocks)
    first = next(windows)
    assert (first.index, first.start) == (0, 0.0)
    windows.rewind(1.25, index=1)
    rest = list(windows)
    assert opened == [0.0, 1.25] and closed == [True, True]
    assert rest[0].index == 1 and rest[0].start == 1.25
    assert rest[0].pcm[0] == 1.25 * SAMPLE_RATE  # the sample at 1.25 s, read again
    assert sum(w.samples for w in rest) == len(pcm) - 1.25 * SAMPLE_RATE
    with pytest.raises(RuntimeError):
        Windower([pcm]).rewind(1.0, index=1)


@pytest.fixture(scope="module")
def prompts_wav(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """About 150 s of real prompts, 1.2 s apart, as a WAV file, and their text."""
    from faster_whisper.audio import decode_audio

    parts = []
    for recording in ENGLISH:
        voice = decode_audio(str(require(recording)))
        parts += [np.zeros(int(1.2 * SAMPLE_RATE), np.float32), voice]
    pcm = np.concatenate(parts)
    path = tmp_path_factory.mktemp("parallel") / "prompts.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes((np.clip(pcm, -1, 1) * 32767).astype("<i2").tobytes())
    return path, " ".join(r.text for r in ENGLISH)


OPTIONS = TranscribeOptions(
    model="tiny.en", device="cpu", compute_type="int8", vad_filter=True, word_timestamps=True
)


def test_transcriber_decodes_two_windows_at_once_and_resumes_to_the_same_text(
    model_cache: Path, prompts_wav: tuple[Path, str], caplog: pytest.LogCaptureFixture
) -> None:
    from stenodesk.core.models.resolve import ModelResolver

    caplog.set_level(logging.INFO, "stenodesk.core.engine")
    path, text = prompts_wav
    # Short windows, so that 150 s make several of each kind (afresh, following on).
    engine = Transcriber(ModelResolver(model_cache), window_plan=WindowPlan(20.0, 60.0))
    done: list[WindowDone] = []
    whole = engine.transcribe(path, OPTIONS, on_window=done.append)
    two = available_cores() >= 2
    assert engine.model_for(OPTIONS).model.num_workers == (2 if two else 1)
    if two:
        assert "2 windows at a time" in caplog.text
        # Cut where the speech reaches equal shares (see balance): the resumed jobs
        # below score the file again and cut the same windows.
        assert "equal shares of speech" in caplog.text
        assert len(done) >= 5  # 20 s, then four windows of equal speech
    assert wer(text, " ".join(s.text for s in whole.segments)) <= 0.10
    ends = [s.end for s in whole.segments]
    assert ends == sorted(ends)
    for s in whole.segments:
        assert all(s.start - 0.5 <= w.start <= s.end + 0.5 for w in s.words)
    # Resumed after a window whose next one follows on, and after one whose next starts
    # afresh: the same decoding of the same windows, so the same text from there on.
    for point in (done[1].resume, done[2].resume):
        resumed = engine.transcribe(path, OPTIONS, resume=point)
        tail = [s.text for s in whole.segments if s.start >= point.position - 0.01]
        assert [s.text for s in resumed.segments] == tail
    assert not decoders_alive()


def test_a_window_cut_inside_speech_is_decoded_again_from_the_file(
    model_cache: Path, prompts_wav: tuple[Path, str], caplog: pytest.LogCaptureFixture
) -> None:
    """No pause of 3 s anywhere: every window is cut inside speech, and the speech
    around each cut is decoded again by the next window, read again from the file."""
    from stenodesk.core.models.resolve import ModelResolver

    if available_cores() < 2:
        pytest.skip("two windows at once need two cores")
    caplog.set_level(logging.INFO, "stenodesk.core.engine")
    path, text = prompts_wav
    plan = WindowPlan(20.0, 60.0, search_seconds=4.0, pause_seconds=3.0)
    engine = Transcriber(ModelResolver(model_cache), window_plan=plan)
    whole = engine.transcribe(path, OPTIONS)
    assert "2 windows at a time" in caplog.text
    assert "was cut inside speech; decoding from" in caplog.text
    assert wer(text, " ".join(s.text for s in whole.segments)) <= 0.10
    starts = [s.start for s in whole.segments]
    assert starts == sorted(starts)
    assert not decoders_alive()


def test_a_short_file_is_decoded_as_one_stream_unless_two_are_loaded(
    model_cache: Path,
    prompts_wav: tuple[Path, str],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from stenodesk.core.models.resolve import ModelResolver

    caplog.set_level(logging.INFO, "stenodesk.core.engine")
    path, _ = prompts_wav
    short = tmp_path / "short.wav"
    with wave.open(str(path)) as src, wave.open(str(short), "wb") as out:
        out.setparams(src.getparams())
        out.writeframes(src.readframes(40 * SAMPLE_RATE))  # 40 s: one stream under 62 s
    engine = Transcriber(ModelResolver(model_cache), window_plan=WindowPlan(20.0, 60.0))
    alone = engine.transcribe(short, OPTIONS)
    assert engine.loaded_key is not None and engine.loaded_key[4] == 1
    assert "windows at a time" not in caplog.text
    whole = engine.transcribe(path, OPTIONS)  # a long file loads two workers on 2+ cores
    two = available_cores() >= 2
    assert engine.loaded_key is not None and engine.loaded_key[4] == (2 if two else 1)

    def before_38s(segments: tuple[Segment, ...]) -> str:
        return " ".join(s.text for s in segments if s.end <= 38.0)

    assert len(before_38s(whole.segments).split()) >= 40
    assert wer(before_38s(whole.segments), before_38s(alone.segments)) <= 0.10
    if not two:
        return
    loads = engine.models.loads
    caplog.clear()
    again = engine.transcribe(short, OPTIONS)  # a short file then runs on the two loaded
    assert engine.models.loads == loads
    assert "2 windows at a time" in caplog.text
    assert wer(before_38s(alone.segments), before_38s(again.segments)) <= 0.10
    assert not decoders_alive()


def test_live_gets_one_worker_with_all_threads(model_cache: Path) -> None:
    from stenodesk.core.audio.engine import WhisperEngine
    from stenodesk.core.models.resolve import ModelResolver

    options = TranscribeOptions(model="tiny.en", device="cpu", compute_type="int8", vad_filter=True)
    engine = Transcriber(ModelResolver(model_cache))
    WhisperEngine.from_transcriber(engine, options)
    assert engine.loaded_key is not None and engine.loaded_key[4] == 1
    engine.model_for(options)  # a file job with the same options: two workers on 2+ cores
    assert engine.loaded_key is not None
    assert engine.loaded_key[4] == (2 if available_cores() >= 2 else 1)
