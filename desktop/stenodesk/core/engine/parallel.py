"""Windows decoded two at a time, on two CTranslate2 workers, handed on in order.

Beam search over a small Whisper model is a long run of small matrix
products, which two threads on one stream barely share: on 2 cores, ten
minutes of speech took 30.6 s with one stream of two threads and 17.2 s as
two streams of one thread each (tiny.en, beam 5, int8). So on the CPU a
file job with voice activity detection loads the model with two workers
(:func:`thread_plan`), and a :class:`WindowPool` keeps both busy: two
helper threads each take the next window they can start as soon as they
are free, and the job reads the windows' segments in order, each as soon as
it is decoded. No worker waits for a whole window to end: while the first
(short) window is decoded, the other worker already decodes the second.
Where the windows of a file of up to half an hour end is measured on its
speech (:mod:`.balance`), so that both workers finish together. A short
file is decoded as one stream with all the threads instead
(:func:`one_stream_fits`).

A window can only go on from the text before it once that text is decoded,
so the rule is fixed (:func:`follows_on`): the first two windows and every
odd one after them start from the job's own prompt, as after a pause (the
windows are cut in pauses); every even one goes on from the odd one before
it. A worker never waits on another for long: the window it cannot start
yet is the next but one. The rule depends on the window's number alone, so
a resumed job decodes each window as an uninterrupted one does.

Measured on ten minutes of recorded prompts (2026-12-06, every rule in the
same conditions): English tiny.en 4.17 % WER (plain faster-whisper 4.06 %),
Spanish base 16.28 % (16.15 %).
Starting every window afresh gave 6.49 % in English: Whisper then wrote the
numbers of the last windows as words ("press three"), where the text before
had digits. Going on from the window two before (so that no worker ever
waits) gave 8.34 %: text from minutes earlier misleads more than it helps.

The helper threads only drive faster-whisper's generators (the CPU work
runs in CTranslate2, outside the GIL). They check the job's cancel token
and the pool's stop flag between segments, take at most one window per
worker more than the job is reading (memory stays that of two windows and
one in hand), and are joined when the pool closes, so no thread outlives
its job. They are the only threads in ``core`` that decode: there is no
other way to feed CTranslate2's second worker from faster-whisper.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from stenodesk.core.audio.decode import SAMPLE_RATE
from stenodesk.core.cancel import CancelToken

if TYPE_CHECKING:
    from stenodesk.core.engine.decoding import Decoded
    from stenodesk.core.engine.options import TranscribeOptions
    from stenodesk.core.engine.windows import Window, Windower, WindowPlan

log = logging.getLogger(__name__)

WORKERS = 2
"""Decoding streams on the CPU: more than two measured no faster on 2 to 8 cores
(each stream's share of the cores then runs its matrix products alone)."""

ONE_STREAM_WINDOWS = 1.4
"""A job no longer than the first window and this many windows of two streams is one stream.

Two streams pay only where each has windows of its own to decode. A short
file has few: the first window is decoded alone while the other worker
scores the file, and the windows after it are cut small (a part-filled
30 s chunk each, starting without the text before them). Measured on
2026-12-07 (2-core AMD EPYC, whole commands, alternated; the default plan's
windows are 30 s, then 150 s per stream), one stream of two threads against
two: English (tiny.en) 2.4-2.5 against 2.8-3.0 s for 23 s, 5.6-7.8 against
7.2-8.7 s for 90 s, 9.8-10.3 against 12.4-13.0 s for 180 s, even at 240 s,
14.9 against 14.2 s for 300 s; Spanish (base) 9.5-10.8 against 10.7-12.4 s
for 90 s, 22.0-22.6 against 22.7-24.6 s for 180 s, 39-41 against 36-38 s for
300 s. One stream was faster on 14 of 16 cuts of up to 240 s; the other two
were even (English, 240 s) and slower (Spanish, the file's first 120 s:
18.3-19.4 against 16.7 s). So the line is at 30 + 1.4 x 150 = 240 s with the
default plan.
"""

CANCEL_POLL_SECONDS = 0.2
"""How often the job's thread, waiting for a worker, looks at the cancel token."""

StartWindow = Callable[["Window", str | None, Any], "Decoded"]
"""Starts decoding a window in the given language (None: detect it) with the given prompt."""
Carry = Callable[[Any, list[Any]], Any]
"""(the prompt a window started with, its segments) -> the prompt after it."""


def one_stream_fits(seconds: float, plan: WindowPlan) -> bool:
    """Whether a file of ``seconds`` decodes faster as one stream (:data:`ONE_STREAM_WINDOWS`).

    ``seconds`` is the whole file's length, not what a resumed job has left,
    so that a resumed job decodes the same windows as an uninterrupted one;
    0 (unknown) is not short.
    """
    each = plan.for_workers(WORKERS).seconds
    return 0 < seconds <= plan.first_seconds + ONE_STREAM_WINDOWS * each


def thread_plan(cpu_threads: int, cores: int, *, parallel: bool) -> tuple[int, int]:
    """(threads per worker, workers) for a CPU model.

    ``cpu_threads`` 0 (automatic) on two cores or more, for jobs whose
    windows are decoded two at a time (``parallel``: voice activity
    detection on, sequential): two workers sharing the cores. Otherwise one
    worker, with the threads the user set (0: CTranslate2's choice).
    """
    if cpu_threads > 0 or cores < 2 or not parallel:
        return cpu_threads, 1
    return max(1, cores // WORKERS), WORKERS


def decodes_in_parallel(options: TranscribeOptions) -> bool:
    """Whether a job's windows may be decoded two at a time (see :func:`thread_plan`)."""
    return options.vad_filter and options.batch_size <= 0  # AUTO (-1): sequential on the CPU


def job_thread_plan(
    options: TranscribeOptions, cores: int, *, one_stream: bool = False
) -> tuple[int, int]:
    """:func:`thread_plan` for a CPU model that decodes a job with ``options``.

    ``one_stream``: the job is short (:func:`one_stream_fits`), one worker
    with all the threads decodes it faster.
    """
    parallel = decodes_in_parallel(options) and not one_stream
    return thread_plan(options.cpu_threads, cores, parallel=parallel)


@dataclass(eq=False)
class _Slot:
    """One window taken from the windower, and what its worker decoded of it."""

    window: Window
    claimed: bool = False
    decoded: Decoded | None = None
    """Set once decoding started (faster-whisper has found the speech and the language)."""
    segments: list[Any] = field(default_factory=list)
    done: bool = False
    error: BaseException | None = None
    dropped: bool = False
    """The job no longer wants more of it: read (whole or part way), dropped by a restart
    before it, or the pool closed."""
    prompt_after: Any = None
    """The prompt the window after it starts with, if that one follows on (set when done)."""


def follows_on(index: int) -> bool:
    """Whether window ``index`` starts from the text of the window before it.

    Even windows after the first do; the others start from the job's own
    prompt. Window 1 starts afresh so that it is decoded beside window 0
    (the first text of a job), whose language it needs but not its words.
    """
    return index > 0 and index % 2 == 0


class WindowPool:
    """Takes windows from ``windows`` and decodes them on ``workers`` threads at once.

    Iterating yields each window with its :class:`Decoded`, in order; the
    segments come as the worker decodes them. A free worker takes the first
    window it can start: one that starts afresh (:func:`follows_on`), or one
    whose predecessor is decoded. The language is detected once, on the first
    window with speech: until then one window is decoded at a time. Use it as
    a context manager, so that the threads are joined however the job ends.

    Args:
        start: starts a window's decoder (in a worker's thread).
        carry: the prompt after a window, from its segments.
        language: the job's (None: detect it).
        prompt: the prompt the job goes on from (a resumed job's), for a first
            window that follows on.
        initial_prompt: the job's own, for windows that start afresh.
    """

    def __init__(
        self,
        windows: Windower,
        start: StartWindow,
        carry: Carry,
        *,
        language: str | None,
        prompt: Any,
        initial_prompt: Any,
        cancel: CancelToken,
        workers: int = WORKERS,
    ) -> None:
        self._windows = windows
        self._start = start
        self._carry = carry
        self._cancel = cancel
        self.language = language
        self._detecting = False  # a worker is decoding the window that finds the language
        self._last_prompt = prompt  # after the last window the job has read
        self._initial_prompt = initial_prompt
        self._slots: list[_Slot] = []  # taken, not yet read by the job: the first is its next
        self._exhausted = False
        self._taking = False  # a worker is cutting the next window, the lock released
        self._failure: BaseException | None = None  # from the windower: raised in order
        self._stop = False
        self._changed = threading.Condition()
        self._threads = [
            threading.Thread(target=self._work, name=f"stenodesk-decoder-{n + 1}", daemon=True)
            for n in range(workers)
        ]
        self._started = False

    def __enter__(self) -> WindowPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[tuple[Window, Decoded]]:
        if not self._started:
            self._started = True
            for thread in self._threads:
                thread.start()
        while True:
            with self._changed:
                while not self._slots and not self._exhausted and self._failure is None:
                    self._wait()
                if not self._slots:
                    if self._failure is not None:
                        raise self._failure
                    return
                slot = self._slots[0]
                while slot.decoded is None and not slot.done:
                    self._wait()
            if slot.decoded is None:  # failed (or cancelled) before decoding began
                self._cancel.raise_if_cancelled()
                assert slot.error is not None
                raise slot.error
            decoded = slot.decoded
            decoded.segments = self._read(slot)
            yield slot.window, decoded
            with self._changed:
                slot.dropped = True  # read, or left part way (a loop): its worker may stop
                if self._slots and self._slots[0] is slot:
                    self._slots.pop(0)
                    self._last_prompt = slot.prompt_after
                    self._changed.notify_all()

    def prompt_after(self, window: Window) -> Any:
        """The prompt after ``window`` (the one just read): the job's to go on from."""
        with self._changed:
            slot = self._slots[0] if self._slots else None
            return slot.prompt_after if slot is not None and slot.window is window else None

    def restart(self, window: Window, offset: float, prompt: Any) -> None:
        """Start the next window ``offset`` seconds into ``window`` (the one just read).

        The windows taken after it are dropped, and the windower reads the
        audio again from there (the windows' own was dropped when their
        decoding began); ``prompt`` is the one to go on from.
        """
        cut = round(offset * SAMPLE_RATE)
        with self._changed:
            here = bool(self._slots) and self._slots[0].window is window
            later = self._slots[1:] if here else []
            for slot in later:
                slot.dropped = True
            while self._taking or any(slot.claimed and not slot.done for slot in later):
                self._changed.wait()
            if here:
                self._slots[0].prompt_after = prompt
            del self._slots[1:]
            self._windows.rewind(window.start + cut / SAMPLE_RATE, index=window.index + 1)
            self._exhausted = False
            self._changed.notify_all()

    def close(self) -> None:
        """Stop the workers after the segment each is on, and join them."""
        with self._changed:
            self._stop = True
            for slot in self._slots:
                slot.dropped = True
            self._changed.notify_all()
        for thread in self._threads:
            if thread.is_alive():
                thread.join()

    # -- the job's side ----------------------------------------------------

    def _wait(self) -> None:
        """Wait for a worker (holding the lock); a cancel wakes no one, so look at it too."""
        self._changed.wait(CANCEL_POLL_SECONDS)
        self._cancel.raise_if_cancelled()

    def _read(self, slot: _Slot) -> Iterator[Any]:
        """The segments of ``slot`` as its worker appends them; its error at the end."""
        at = 0
        while True:
            with self._changed:
                while at == len(slot.segments) and not slot.done:
                    self._wait()
                new, done = slot.segments[at:], slot.done
            at += len(new)
            yield from new
            if done and at == len(slot.segments):
                break
        if slot.error is not None:
            raise slot.error
        self._cancel.raise_if_cancelled()  # a window cut short by a cancel is not whole

    # -- the workers' side -------------------------------------------------

    def _work(self) -> None:
        while True:
            claimed = self._claim()
            if claimed is None:
                return
            slot, language, prompt, detecting = claimed
            try:
                self._decode(slot, language, prompt, detecting)
            except BaseException as exc:  # handed to the job's thread in order
                slot.error = exc
            finally:
                with self._changed:
                    if detecting:
                        self._detecting = False
                    slot.done = True
                    self._changed.notify_all()

    def _claim(self) -> tuple[_Slot, str | None, Any, bool] | None:
        """The next window to decode: (slot, language, prompt, whether it detects the language)."""
        with self._changed:
            while True:
                if self._stop or self._cancel.cancelled:
                    return None
                if self.language is not None or not self._detecting:
                    for at, slot in enumerate(self._slots):
                        if slot.claimed:
                            continue
                        ready, prompt = self._prompt_for(at)
                        if ready:
                            slot.claimed = True
                            detecting = self.language is None
                            self._detecting = self._detecting or detecting
                            return slot, self.language, prompt, detecting
                room = len(self._slots) <= len(self._threads)  # one in hand, one per worker
                if room and not self._exhausted and self._failure is None and not self._taking:
                    self._take()
                    continue
                self._changed.wait()  # a restart may give more windows after the last

    def _take(self) -> None:
        """Take the next window from the windower (called holding the lock).

        The lock is let go while the window is cut (reading and scoring audio,
        a whole file's the first time after the first window: see ``balance``),
        so that the other worker hands on its segments meanwhile.
        """
        self._taking = True
        self._changed.release()
        window: Window | None = None
        failure: BaseException | None = None
        try:
            window = next(self._windows)
        except StopIteration:
            pass
        except BaseException as exc:  # a decoding error in the file, a cancel
            failure = exc
        finally:
            self._changed.acquire()
            self._taking = False
        if window is not None:
            self._slots.append(_Slot(window))
        elif failure is not None:
            self._failure = failure
        else:
            self._exhausted = True
        self._changed.notify_all()

    def _prompt_for(self, at: int) -> tuple[bool, Any]:
        """(ready, prompt) for the window in ``self._slots[at]``."""
        if not follows_on(self._slots[at].window.index):
            return True, self._initial_prompt
        if at == 0:
            return True, self._last_prompt
        before = self._slots[at - 1]
        return before.done, before.prompt_after

    def _decode(self, slot: _Slot, language: str | None, prompt: Any, detecting: bool) -> None:
        decoded = self._start(slot.window, language, prompt)
        segments = decoded.segments
        with self._changed:
            # Its features are computed: its audio (a tenth of the job's memory with base,
            # two windows of it) goes, and a restart reads the file again.
            slot.window = slot.window.without_audio()
            info = decoded.info
            if detecting and info is not None and self.language is None:
                self.language = info.language  # the other workers may start now
            slot.decoded = decoded
            self._changed.notify_all()
        for segment in segments:
            with self._changed:
                if slot.dropped or self._stop or self._cancel.cancelled:
                    return
                slot.segments.append(segment)
                self._changed.notify_all()
        slot.prompt_after = self._carry(prompt, slot.segments)
