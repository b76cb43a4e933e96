"""A window decoded as two halves at once, on two CTranslate2 workers.

Beam search over a small Whisper model is a long run of small matrix
products, which two threads on one stream barely share: on 2 cores, ten
minutes of speech took 30.6 s with one stream of two threads and 17.2 s as
two streams of one thread each (tiny.en, beam 5, int8). So on the CPU the
model is loaded with two workers (``thread_plan``) and each window of a
minute or more is split in the longest pause near its middle; the first
half is decoded in the caller's thread as usual (conditioned on the text
before it, detecting the language), the second half at the same time in a
helper thread, which starts without a prompt, as after a pause. Segments
come out in order: the first half's as they are decoded, then the second's.
A window with no pause near its middle is decoded whole.

The helper thread only drives faster-whisper's generator (the CPU work runs
in CTranslate2, outside the GIL); it checks the job's cancel token and a
stop flag between segments and is joined before the window's segments end,
so no thread outlives its window. It is the one thread in ``core``: there
is no other way to feed CTranslate2's second worker from faster-whisper.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from typing import Any

from stenodesk.core.audio.decode import SAMPLE_RATE, Pcm
from stenodesk.core.cancel import CancelToken
from stenodesk.core.engine.windows import choose_cut

SPLIT_MIN_SECONDS = 60.0
"""Shorter windows are decoded whole: the split's cost (a lost prompt) is not worth it."""
SEARCH_SECONDS = 15.0
"""How far either side of a window's middle a pause to split in is looked for."""
MIN_PAUSE_SECONDS = 0.3
"""The shortest pause a window is split in: between sentences, not between words."""

Transcribe = Callable[[Pcm, str | None, Any], tuple[Any, Any]]
"""(audio, language, prompt) -> faster-whisper's (segments, info)."""


def thread_plan(cpu_threads: int, cores: int, *, halves: bool) -> tuple[int, int]:
    """(threads per worker, workers) for a CPU model.

    ``cpu_threads`` 0 (automatic) on two cores or more, for jobs that decode
    in halves (``halves``: voice activity detection on, sequential): two
    workers sharing the cores. Otherwise one worker, with the threads the
    user set (0: CTranslate2's choice). Without voice activity detection the
    halves are not used: the second half starts without the text before it,
    and in the pauses of a recording that measured 4 points of WER worse.
    """
    if cpu_threads > 0 or cores < 2 or not halves:
        return cpu_threads, 1
    return max(1, cores // 2), 2


def decodes_in_halves(vad_filter: bool, batch_size: int) -> bool:
    """Whether a job's windows may be split in halves (see :func:`thread_plan`)."""
    return vad_filter and batch_size <= 0  # AUTO (-1) runs sequential on the CPU


def split_point(pcm: Pcm) -> int | None:
    """A sample in the longest pause near the middle of ``pcm``, or None."""
    if len(pcm) < SPLIT_MIN_SECONDS * SAMPLE_RATE:
        return None
    middle, reach = len(pcm) // 2, int(SEARCH_SECONDS * SAMPLE_RATE)
    cut = choose_cut(pcm, middle - reach, middle + reach, pause_seconds=MIN_PAUSE_SECONDS)
    return cut.sample if cut.in_pause else None


def decode_halves(
    transcribe: Transcribe,
    pcm: Pcm,
    cut: int,
    *,
    language: str | None,
    prompt: Any,
    second_prompt: Any,
    cancel: CancelToken,
) -> tuple[Iterator[Any], Any]:
    """Decode ``pcm[:cut]`` here and ``pcm[cut:]`` in a helper thread, at once.

    Returns the segments of both in order (the second's shifted by the cut)
    and the first half's TranscriptionInfo.

    When the language is known, the helper starts first: faster-whisper
    finds the speech and computes the features of a half before it returns
    its segment generator, so the first half's share of that work then runs
    while the second half's does, not before it (about 0.5 s of a 300 s
    window on one core). Otherwise the second half waits for the language
    the first half detects.
    """
    if language is None:
        first, info = transcribe(pcm[:cut], language, prompt)
        helper = _Half(transcribe, pcm[cut:], info.language, second_prompt, cancel)
        helper.start()
        return _in_order(first, helper, cut / SAMPLE_RATE), info
    helper = _Half(transcribe, pcm[cut:], language, second_prompt, cancel)
    helper.start()
    try:
        first, info = transcribe(pcm[:cut], language, prompt)
    except BaseException:
        helper.stop()  # no thread outlives its window
        raise
    return _in_order(first, helper, cut / SAMPLE_RATE), info


def _in_order(first: Iterator[Any], helper: _Half, offset: float) -> Iterator[Any]:
    try:
        yield from first
        yield from (shifted(s, offset) for s in helper.result())
    finally:
        helper.stop()


class _Half(threading.Thread):
    def __init__(
        self, transcribe: Transcribe, pcm: Pcm, language: str, prompt: Any, cancel: CancelToken
    ) -> None:
        super().__init__(name="stenodesk-second-half", daemon=True)
        self._args = (pcm, language, prompt)
        self._transcribe = transcribe
        self._cancel = cancel
        self._stopped = threading.Event()
        self._segments: list[Any] = []
        self._error: BaseException | None = None

    def run(self) -> None:
        try:
            segments, _ = self._transcribe(*self._args)
            for segment in segments:
                if self._stopped.is_set() or self._cancel.cancelled:
                    return
                self._segments.append(segment)
        except BaseException as exc:  # handed to the caller's thread by result()
            self._error = exc

    def result(self) -> list[Any]:
        """The second half's segments, once it is done; its error is raised here."""
        self.join()
        if self._error is not None:
            raise self._error
        self._cancel.raise_if_cancelled()
        return self._segments

    def stop(self) -> None:
        """Ask the thread to stop after the segment it is on, and wait for it."""
        self._stopped.set()
        self.join()


def shifted(segment: Any, offset: float) -> Any:
    """faster-whisper's segment (and its words) ``offset`` seconds later."""
    words = segment.words
    if words:
        words = [dataclasses.replace(w, start=w.start + offset, end=w.end + offset) for w in words]
    return dataclasses.replace(
        segment, start=segment.start + offset, end=segment.end + offset, words=words
    )
