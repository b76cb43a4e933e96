"""The engine thread with the real tiny.en model: jobs, cancel, failures, stop and resume."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread
from tests.helpers import speech

from stenodesk.bridge.engine import Engine
from stenodesk.bridge.jobs import JobError, JobSpec
from stenodesk.bridge.worker import Throttle
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Progress
from stenodesk.core.engine.transcriber import Transcriber
from stenodesk.core.engine.windows import WindowPlan
from stenodesk.core.errors import ErrorKind
from stenodesk.core.jobs.journal import JournalState
from stenodesk.core.jobs.store import JobStore
from stenodesk.core.models.resolve import ModelResolver
from stenodesk.core.paths import sample_audio
from stenodesk.core.transcript import Segment, Transcript

pytestmark = pytest.mark.gui

OPTIONS = TranscribeOptions(model="tiny.en", cpu_threads=2)
SAMPLE = sample_audio()
SAMPLE_TEXT = SAMPLE.with_suffix(".txt").read_text(encoding="utf-8")


class Seen:
    """Everything an engine said, by signal."""

    def __init__(self, engine: Engine) -> None:
        self.segments: dict[str, list[Segment]] = {}
        self.progress: list[Progress] = []
        self.ended: dict[str, object] = {}
        engine.job_segment.connect(lambda j, s: self.segments.setdefault(j, []).append(s))
        engine.job_progress.connect(lambda _j, p: self.progress.append(p))
        engine.job_finished.connect(self.ended.__setitem__)
        engine.job_failed.connect(self.ended.__setitem__)
        engine.job_cancelled.connect(lambda j: self.ended.__setitem__(j, "cancelled"))


def stored(store: JobStore | Path) -> list[JournalState]:
    """Every job's journal read back, in queue order."""
    store = store if isinstance(store, JobStore) else JobStore(store)
    return [snapshot.state for snapshot in store.snapshots()]


def make_engine(store: Path, make: Any) -> Engine:
    engine = Engine(make, JobStore(store))
    engine.start(warm_up=False)
    return engine


@pytest.fixture
def engine(tmp_path: Path, transcriber: Transcriber) -> Iterator[Engine]:
    threads: list[str] = []

    def make() -> Transcriber:
        threads.append(QThread.currentThread().objectName())
        return transcriber

    engine = make_engine(tmp_path / "jobs", make)
    engine.threads = threads  # type: ignore[attr-defined]
    yield engine
    assert engine.shutdown()


def test_a_job_streams_segments_from_the_engine_thread(qtbot: Any, engine: Engine) -> None:
    seen = Seen(engine)
    with qtbot.waitSignal(engine.job_finished, timeout=120_000) as blocker:
        engine.submit(JobSpec("j1", SAMPLE, OPTIONS))
    job_id, transcript = blocker.args
    assert job_id == "j1" and isinstance(transcript, Transcript)
    assert engine.threads == ["stenodesk-engine"]  # type: ignore[attr-defined]
    assert seen.segments["j1"] == list(transcript.segments)
    assert speech.wer(SAMPLE_TEXT, transcript.text) <= 0.15, transcript.text
    fractions = [p.fraction for p in seen.progress]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    [state] = stored(engine.store)
    assert state.finished == transcript.info and state.header.origin == "app"
    assert state.segments == transcript.segments


def test_cancel_mid_job_keeps_what_was_done(qtbot: Any, engine: Engine, speech_wav: Path) -> None:
    seen = Seen(engine)
    with qtbot.waitSignal(engine.job_segment, timeout=120_000):
        engine.submit(JobSpec("c1", speech_wav, OPTIONS))
    with qtbot.waitSignal(engine.job_cancelled, timeout=60_000):
        engine.cancel("c1")
    assert seen.ended == {"c1": "cancelled"}
    [state] = stored(engine.store)
    assert state.cancelled and state.finished is None
    assert 1 <= len(state.all_segments) == len(seen.segments["c1"])
    assert state.all_segments[-1].end < 40.0, "it stopped before the end"


def test_a_bad_file_fails_with_its_reason_and_the_queue_goes_on(
    qtbot: Any, engine: Engine, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.wav"
    bad.write_bytes(b"RIFF" + b"\x13" * 2000)
    seen = Seen(engine)
    with qtbot.waitSignal(engine.job_finished, timeout=120_000):
        engine.submit(JobSpec("bad", bad, OPTIONS))
        engine.submit(JobSpec("good", SAMPLE, OPTIONS))
        assert engine.running_job == "bad" and engine.pending_jobs == ("good",)
    error = seen.ended["bad"]
    assert isinstance(error, JobError)
    assert error.kind in (ErrorKind.NOT_MEDIA, ErrorKind.DECODE_FAILED)
    assert error.message.text.startswith("broken.wav:")
    assert isinstance(seen.ended["good"], Transcript)


def test_waiting_jobs_run_in_the_order_asked(qtbot: Any, engine: Engine, speech_wav: Path) -> None:
    started: list[str] = []
    engine.job_started.connect(started.append)
    with qtbot.waitSignal(engine.job_started, timeout=60_000):
        engine.submit(JobSpec("first", speech_wav, OPTIONS))
    engine.submit(JobSpec("a", SAMPLE, OPTIONS))
    engine.submit(JobSpec("b", SAMPLE, OPTIONS))
    engine.reorder(["first", "b", "a"])
    engine.cancel("first")
    with qtbot.waitSignal(engine.job_cancelled, timeout=60_000):
        engine.cancel("a")  # waiting: cancelled at once
    qtbot.waitUntil(lambda: engine.running_job is None and not engine.pending_jobs, timeout=120_000)
    assert started == ["first", "b"]


def test_stopping_leaves_the_job_resumable_and_resume_completes_it(
    qtbot: Any, tmp_path: Path, model_cache: Path, speech_wav: Path, speech_text: str
) -> None:
    plan = WindowPlan(first_seconds=10.0, seconds=10.0, search_seconds=4.0)
    small = Transcriber(ModelResolver(model_cache), window_plan=plan)
    store = tmp_path / "jobs"
    engine = make_engine(store, lambda: small)
    # With voice activity detection: its windows are cut in pauses, 10 s each (in whole
    # chunks they would be 30 s, and 45 s of speech would end before the stop).
    options = OPTIONS.with_(vad_filter=True)
    engine.submit(JobSpec("long", speech_wav, options))
    journal = store / "long.jsonl"
    qtbot.waitUntil(lambda: journal.read_text().count('"type":"window"') >= 2, timeout=120_000)
    assert engine.shutdown()
    [job] = stored(store)
    assert job.finished is None and not job.cancelled and job.resume.window_index >= 2
    kept = list(job.segments)

    engine = make_engine(store, lambda: small)
    seen = Seen(engine)
    begun: list[int] = []
    engine.job_begun.connect(lambda _j, n: begun.append(n))
    with qtbot.waitSignal(engine.job_finished, timeout=120_000):
        engine.resume(JobSpec("long", speech_wav, options, job.resume))
    assert engine.shutdown()
    new = seen.segments["long"]
    assert begun == [job.resume.next_segment] == [len(kept)]
    assert new[0].index == len(kept) and new[0].start >= job.resume.position - 0.01
    [done] = stored(store)
    assert done.finished is not None and list(done.segments) == kept + new
    text = " ".join(s.text for s in done.segments)
    assert speech.wer(speech_text, text) <= 0.2, text


def test_throttle_lets_ten_a_second_through_and_always_the_last() -> None:
    now = [0.0]
    throttle = Throttle(0.1, clock=lambda: now[0])
    passed = 0
    for _ in range(100):  # 100 reports in one second
        passed += throttle.ready()
        now[0] += 0.01
    assert 9 <= passed <= 11
    assert throttle.ready(final=True)


def test_a_chosen_chinese_script_holds_detected_text_until_the_language_is_known(
    qtbot: Any, tmp_path: Path, transcriber: Transcriber
) -> None:
    from stenodesk.bridge.jobs import PreparedJob
    from stenodesk.core.export.chinese import ScriptConverter

    def prepare(options: TranscribeOptions) -> PreparedJob:
        return PreparedJob(options, "a notice", ScriptConverter("simplified"))

    engine = Engine(lambda: transcriber, JobStore(tmp_path / "jobs"), prepare=prepare)
    engine.start(warm_up=False)
    seen = Seen(engine)
    notices: list[str] = []
    engine.job_notice.connect(lambda _j, text: notices.append(text))
    with qtbot.waitSignal(engine.job_finished, timeout=120_000) as blocker:
        engine.submit(JobSpec("zh?", SAMPLE, OPTIONS))  # language detected: English
    assert engine.shutdown()
    transcript = blocker.args[1]
    assert notices == ["a notice"]
    assert seen.segments["zh?"] == list(transcript.segments), "English is left as it is"
    assert speech.wer(SAMPLE_TEXT, transcript.text) <= 0.15
    records = (tmp_path / "jobs" / "zh?.jsonl").read_text().splitlines()
    kinds = [line.split('"type":"')[1].split('"')[0] for line in records]
    assert kinds.index("window") > max(n for n, k in enumerate(kinds) if k == "segment")


def test_a_loop_guard_revision_reaches_the_window_and_the_queue_file(
    qtbot: Any, tmp_path: Path, model_cache: Path, speech_wav: Path, logfail: Any
) -> None:
    """The repeat count the loop guard adds to a segment shown earlier is not lost.

    The model's output is scripted to loop (fault injection, as in
    tests/core/engine/test_loopguard.py); the JSON export counts the repeats.
    """
    from tests.core.engine.test_loopguard import LoopingDecoder

    from stenodesk.core.export.formats import to_json
    from stenodesk.ui.transcript_model import TranscriptDocument

    logfail.allow("stenodesk.core.engine.windowloop")
    looping = Transcriber(ModelResolver(model_cache), decode=LoopingDecoder())
    engine = make_engine(tmp_path / "jobs", lambda: looping)
    doc = TranscriptDocument("loop", speech_wav)
    engine.job_segment.connect(lambda _job, seg: doc.put(seg))
    try:
        with qtbot.waitSignal(engine.job_finished, timeout=120_000):
            engine.submit(JobSpec("loop", speech_wav, OPTIONS.with_(language="en")))
    finally:
        assert engine.shutdown()
    shown = [(s.text.strip(), s.repeats_collapsed) for s in doc.segments]
    assert shown[:3] == [("Hello there.", 0), ("Thanks for watching!", 2), ("After the loop.", 0)]
    [state] = stored(tmp_path / "jobs")
    assert [s.repeats_collapsed for s in state.segments[:3]] == [0, 2, 0]
    assert '"repeats_collapsed": 2' in to_json(doc.transcript(OPTIONS))


@pytest.mark.slow
def test_a_job_with_speakers_names_two_real_voices(
    qtbot: Any, engine: Engine, tmp_path: Path
) -> None:
    """Allison's recorded prompt, then espeak-ng's voice; the speaker step runs after decoding."""
    import numpy as np
    from tests.helpers import conversations, recordings

    allison = conversations.load_prompt(recordings.require(recordings.ENGLISH[3]))
    robot = conversations.trimmed(speech.say_pcm(speech.SENTENCES[8], tmp_path))
    gap = np.zeros(int(0.6 * speech.SR), dtype=np.float32)
    change = (len(gap) + len(allison) + len(gap) / 2) / speech.SR
    wav = speech.write_wav(tmp_path / "two.wav", np.concatenate([gap, allison, gap, robot, gap]))
    seen = Seen(engine)
    with qtbot.waitSignal(engine.job_finished, timeout=120_000) as blocker:
        engine.submit(JobSpec("two", wav, OPTIONS.with_(speakers="auto")))
    transcript = blocker.args[1]
    words = [(w, w.speaker) for s in transcript.segments for w in s.words]
    assert {sp for w, sp in words if w.end < change - 0.3} == {0}
    assert {sp for w, sp in words if w.start > change + 0.3} == {1}
    text = f"{recordings.ENGLISH[3].text} {speech.SENTENCES[8]}"
    assert speech.wer(text, transcript.text) <= 0.15
    fractions = [p.fraction for p in seen.progress]
    assert fractions[-1] == pytest.approx(1.0, abs=0.02)
    [state] = stored(engine.store)
    assert state.segments == transcript.segments, "the journal keeps the speakers found"
