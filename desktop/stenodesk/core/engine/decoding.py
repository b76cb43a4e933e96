"""One window through faster-whisper, and its segments in file time.

:func:`decode_window` runs the sequential or batched pipeline over one
window's audio; :func:`to_segment` turns what it yields into our
:class:`Segment` with absolute times; :class:`SeamHold` keeps a window that
was cut inside speech from ending in a half-decoded word.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from stenodesk.core.audio.decode import SAMPLE_RATE
from stenodesk.core.cancel import NEVER, CancelToken
from stenodesk.core.engine import fw_internals as fw
from stenodesk.core.engine.checkpoint import Prompt
from stenodesk.core.engine.loopguard import normalise
from stenodesk.core.engine.memory import GrowthTrimmer, window_trimmer
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.windows import Window
from stenodesk.core.transcript import Segment, Word

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = logging.getLogger(__name__)

CHUNK_SECONDS = 30
"""Whisper's input length: the most audio one encoder pass sees."""


@dataclass
class Decoded:
    """A window being decoded."""

    segments: Iterator[Any]
    """faster-whisper's segments, in seconds from the start of the window."""
    info: Any | None
    """faster-whisper's TranscriptionInfo; None when the window held no speech."""
    held_back: float | None = None
    """Offset in the window from which the next window must start: known at the start in
    batched mode, once the segments are read in whole-chunk mode (:func:`decode_whole_chunks`)."""


def decode_window(
    model: WhisperModel,
    window: Window,
    options: TranscribeOptions,
    language: str | None,
    prompt: Prompt | None,
    *,
    cancel: CancelToken = NEVER,
) -> Decoded:
    """Start decoding a window with the sequential or the batched pipeline."""
    _prepare(model)
    o = options
    common: dict[str, Any] = {
        "language": language,
        "task": o.task,
        "beam_size": o.beam_size,
        "word_timestamps": o.word_timestamps,
        "initial_prompt": prompt,
        "temperature": list(o.temperatures),
    }
    if o.batch_size > 0:
        return _decode_batched(model, window, o.batch_size, common)

    def transcribe(pcm: Any, lang: str | None, initial: Prompt | None) -> tuple[Any, Any]:
        return model.transcribe(  # type: ignore[no-any-return]
            pcm,
            vad_filter=o.vad_filter,
            condition_on_previous_text=o.condition_on_previous_text,
            **{**common, "language": lang, "initial_prompt": initial},
        )

    if decodes_whole_chunks(o) and not window.last:
        return decode_whole_chunks(model, window, lambda: transcribe(window.pcm, language, prompt))
    segs, info = transcribe(window.pcm, language, prompt)
    return Decoded(iter(segs), info)


def decodes_whole_chunks(options: TranscribeOptions) -> bool:
    """Whether windows are decoded in whole 30 s chunks: sequential, no voice activity detection.

    Plain faster-whisper decodes a file in 30 s chunks, each starting where
    the text of the one before ended. A window that simply ran to its end
    would end in a chunk of its own, part filled, where one run over the
    file decodes a whole chunk across the seam: on ten minutes of English
    that measured 5 % more time, and on Spanish a chunk so aligned fell into
    a loop (3.5 points of WER) where plain's did not. So the decoder stops
    before the first chunk a window cannot fill, and the next window starts
    there: the chunks are the same as in one run (their features differ by
    the rounding of where a window starts and of each window's loudest
    frame). With voice activity detection faster-whisper decodes the speech
    alone, packed together, and windows are cut in pauses instead.
    """
    return not options.vad_filter and options.batch_size <= 0


def decode_whole_chunks(
    model: WhisperModel, window: Window, transcribe: Callable[[], tuple[Any, Any]]
) -> Decoded:
    """Start ``transcribe`` on the window with whole chunks only (see :func:`decodes_whole_chunks`).

    Once its segments are read, ``held_back`` is where the first chunk it
    did not decode starts, None when it decoded to the window's end.
    """
    with model.feature_extractor.whole_chunks():  # features are computed before the return
        segs, info = transcribe()
    decoded = Decoded(iter(()), info)
    decoded.segments = _until_partial(segs, decoded)
    return decoded


def _until_partial(segments: Iterable[Any], decoded: Decoded) -> Iterator[Any]:
    try:
        yield from segments
    except fw.PartialChunk as stop:
        decoded.held_back = stop.seek / fw.FRAMES_PER_SECOND


def _decode_batched(
    model: WhisperModel, window: Window, batch_size: int, common: dict[str, Any]
) -> Decoded:
    """faster-whisper's batched pipeline, fed the window's speech in full batches.

    The pipeline finds speech with voice activity detection and packs it into
    chunks of up to 30 s, each of which costs a full encoder pass, and
    decodes them ``batch_size`` at a time. Left to itself on a window, it
    would end every window with a part-filled chunk and a part-filled batch
    (measured on ten minutes of speech with batches of 8: batches of 5, 6
    and 3 where one run over the whole file has 8 and 6, and 20 % more
    time). So the speech is found here (the same detector and settings the
    pipeline uses); the pipeline gets whole batches of the chunks it would
    have built (``clip_timestamps`` over the speech alone), the rest is held
    back for the next window, and its timestamps are mapped back as it does
    itself. The last window decodes all that is left.
    """
    from faster_whisper import BatchedInferencePipeline

    pcm = window.pcm
    vad = fw.vad_options(max_speech_duration_s=CHUNK_SECONDS, min_silence_duration_ms=160)
    speech = fw.get_speech_timestamps(pcm, vad)
    held_back = None
    cut = None if window.last else held_back_from(speech, batch_size)
    if cut is not None:
        held_back = (speech[cut - 1]["end"] + speech[cut]["start"]) // 2 / SAMPLE_RATE
        speech = speech[:cut]
    if not speech:
        return Decoded(iter(()), None, held_back)
    chunks = fw.collect_chunks(pcm, speech, CHUNK_SECONDS)
    clips = []
    at = 0
    for chunk in chunks:
        # Half a sample in, so that the pipeline's int(seconds * rate) gives these exact samples.
        clips.append(
            {"start": (at + 0.5) / SAMPLE_RATE, "end": (at + len(chunk) + 0.5) / SAMPLE_RATE}
        )
        at += len(chunk)
    audio = np.concatenate(chunks)
    del chunks
    segs, info = BatchedInferencePipeline(model).transcribe(
        audio, batch_size=batch_size, vad_filter=False, clip_timestamps=clips, **common
    )
    return Decoded(iter(fw.restore_speech_timestamps(segs, speech, SAMPLE_RATE)), info, held_back)


def held_back_from(speech: list[dict[str, int]], batch_size: int) -> int | None:
    """The first speech span to leave for the next window, None to decode them all.

    The last chunk may be part full, so it goes on; of the chunks before it,
    whole batches are decoded when there are any, else all of them.
    """
    starts = chunk_starts(speech, CHUNK_SECONDS * SAMPLE_RATE)
    whole = len(starts) - 1
    if whole == 0:
        return None
    return starts[whole - whole % batch_size or whole]


def chunk_starts(speech: list[dict[str, int]], limit: int) -> list[int]:
    """Index of the first speech span of each chunk that ``collect_chunks`` would build.

    Its rule: spans join the current chunk until their total length would
    pass ``limit`` samples; that span then starts the next chunk.
    """
    starts, total = [0], 0
    for i, span in enumerate(speech):
        length = span["end"] - span["start"]
        if total + length > limit and i > 0:
            starts.append(i)
            total = length
        else:
            total += length
    return starts


def _prepare(model: WhisperModel) -> None:
    """Adapt a freshly loaded model for bounded memory (once per model)."""
    from stenodesk.core.engine.features import BlockFeatureExtractor

    if isinstance(model.feature_extractor, BlockFeatureExtractor):
        return
    fw.bound_vad_memory()  # the vad_filter's scratch arrays, bounded like the features'
    # The same features without faster-whisper's whole-window scratch arrays
    # (about 290 MB for a 300 s window; faster-whisper #1206).
    model.feature_extractor = BlockFeatureExtractor(**fw.feature_kwargs(model))
    # faster-whisper offers no hook between its steps; all of them (sequential,
    # batched, language detection) call the CTranslate2 model's encode and
    # generate, so a stand-in for it trims the heap first when it has grown.
    model.model = _Trimming(model.model, window_trimmer(getattr(model.model, "num_workers", 1)))


class _Trimming:
    """The CTranslate2 Whisper model, trimming the heap before each encode and generate."""

    def __init__(self, inner: Any, trimmer: GrowthTrimmer) -> None:
        self._inner = inner
        self._trimmer = trimmer
        # When two windows are decoded at once (see .parallel), the runs with
        # the largest activations take turns: the encoder's (about 100 MB for
        # tiny.en, 105-125 MB for base) and sampling several hypotheses at a
        # higher temperature (base: about 210 MB for faster-whisper's five,
        # against 50 MB for a beam search of five). Two at once would add up.
        self._heavy = threading.Lock()
        self._last = threading.local()  # ``run``: this thread's last encode, until it decodes

    def encode(self, features: Any, *args: Any, **kwargs: Any) -> Any:
        """The encoder's output for ``features``; the same output again for the same
        features, asked for in a row in one thread with nothing decoded between.

        faster-whisper (1.2.1) encodes a window's first 30 s to detect its
        language, then again to decode them (its ``transcribe`` hands no encoder
        output on): 1 of base's 12 encoder runs on a worker, 1.6 s of one core.
        Where the window's speech is shorter than 30 s, the detection's features
        hold one frame more, the last 10 ms of its audio, which the decoding
        leaves out as padding (:func:`_same_chunk`); the decoding then sees it.
        """
        array = _as_array(features)
        last = getattr(self._last, "run", None)
        if (
            last is not None
            and array is not None
            and last[1] == (args, kwargs)
            and _same_chunk(last[0], array)
        ):
            return last[2]
        with self._heavy:
            self._trimmer()
            output = self._inner.encode(features, *args, **kwargs)
        self._last.run = None if array is None else (array.copy(), (args, kwargs), output)
        return output

    def generate(self, *args: Any, **kwargs: Any) -> Any:
        self._last.run = None  # the next encode is another chunk's
        sampling = kwargs.get("num_hypotheses", 1) > 1
        with self._heavy if sampling else contextlib.nullcontext():
            self._trimmer()
            return self._inner.generate(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def _same_chunk(encoded: np.ndarray, asked: np.ndarray) -> bool:
    """Whether ``asked`` are the features ``encoded`` were, or those but for their last
    frame of audio (frames run along the last axis, padded with zeros)."""
    if encoded.shape != asked.shape or encoded.ndim < 2:
        return False
    frames = np.flatnonzero((encoded != asked).any(axis=-2).any(axis=tuple(range(asked.ndim - 2))))
    if len(frames) == 0:
        return True
    if len(frames) > 1:
        return False
    last = int(frames[0])
    return not asked[..., last:].any() and not encoded[..., last + 1 :].any()


def _as_array(features: Any) -> np.ndarray | None:
    """The features as an array (they are in the CPU's memory), None where they are not."""
    try:
        array = np.asarray(features)
    except (TypeError, ValueError, RuntimeError):
        return None
    return None if array.dtype == object else array


class SeamHold:
    """Drops the last segment of a window that was cut inside speech.

    Such a window's last segment may hold the first half of a word, or miss
    words Whisper could not finish before the cut. Each segment is passed on
    only once the next one has arrived; the last is dropped, and
    ``restart_at`` tells the engine to start the next window where that
    segment started, so its words are decoded once, whole, with what
    follows. The restart leaves at least half the window behind, so windows
    always move forward. Windows cut in a pause pass straight through, and so
    does the last segment where the decoder itself ended the window before
    its end (``decided_end``, read once the segments are: batched and
    whole-chunk decoding), as that segment's audio was whole.
    """

    def __init__(
        self, window: Window, *, decided_end: Callable[[], float | None] | None = None
    ) -> None:
        self._window = window
        self._decided_end = decided_end
        self.restart_at: float | None = None
        """Offset in the window where the next window must start, if a segment was dropped."""

    def __call__(self, raws: Iterable[Any]) -> Iterator[Any]:
        if self._window.clean_end:
            yield from raws
            return
        pending = None
        for raw in raws:
            if pending is not None:
                yield pending
            pending = raw
        if pending is None:
            return
        if self._decided_end is not None and self._decided_end() is not None:
            yield pending
            return
        length = self._window.seconds
        start = float(pending.start)
        if length / 2 <= start < length:
            self.restart_at = start
            log.info(
                "window %d was cut inside speech; decoding from %.2fs again",
                self._window.index,
                self._window.start + start,
            )
        else:
            yield pending


TRAILING_SLACK = 0.1
"""Seconds by which a segment may start before the end of a window's last speech and still count."""
GLUED_SECONDS = 0.5
"""How far before that end a closing phrase Whisper glues to the last sentence may start."""


def in_trailing_silence(raw: Any, window: Window) -> bool:
    """True for a segment whose speech lies in the pause a window was cut in.

    Whisper tends to invent a closing phrase ("Thank you very much.") where
    its audio ends in silence; plain faster-whisper does it once at the end
    of a file, a windowed run would do it at every seam. Voice activity
    detection found no speech after ``window.speech_end``, so a segment that
    lies there holds none.

    Such a segment's start is no guide: Whisper often glues it to the end of
    the sentence before, up to a few hundredths before the detector's edge
    (seen at 95.00 s against an edge at 95.10 s, and 118.56 s against
    118.75 s), so a rule on the start alone holds or drops it by a hair.
    What it claims to say lies after the edge: the middle of its words
    (their median, with word times) or of the segment itself (without).
    Without word times, a segment that starts well before the edge holds the
    speech before it, however far its end runs: the last sentence of a file,
    at 0.0 s of a 6 s last window whose speech ends at 2.8 s, came out as
    0.0 to 7.0 s.
    """
    if window.speech_end is None:
        return False
    edge = window.speech_end - TRAILING_SLACK
    if float(raw.start) >= edge:
        return True
    words = getattr(raw, "words", None) or ()
    if words:
        middles = sorted((float(w.start) + float(w.end)) / 2 for w in words)
        return middles[len(middles) // 2] >= edge
    if float(raw.start) < window.speech_end - GLUED_SECONDS:
        return False
    return (float(raw.start) + float(raw.end)) / 2 >= window.speech_end


def echoes_previous(raw: Any, window: Window, previous: Segment | None) -> bool:
    """True for a segment that repeats the one before it in a pause at a window's edge.

    Near a seam Whisper sometimes says the last sentence again where there is
    no speech: in the pause a window ends with, or, conditioned on the text
    before the seam, in the pause the next window starts with (seen on ten
    minutes of speech with voice activity detection on: "The new library
    will open in the spring." twice, the second time running into the pause
    at 5:22 where the window was cut). A segment that repeats the previous
    one word for word and ends in such a pause, where voice activity
    detection heard no speech, is such an echo. Either condition alone is
    not enough: people repeat themselves, and detection misses quiet speech.
    """
    if previous is None or normalise(str(raw.text)) != normalise(previous.text):
        return False
    end = float(raw.end)
    before = window.speech_start is not None and end <= window.speech_start + TRAILING_SLACK
    after = window.speech_end is not None and end > window.speech_end + TRAILING_SLACK
    return before or after


def to_segment(raw: Any, window: Window, index: int) -> Segment:
    """faster-whisper's segment as ours, in seconds from the start of the file."""
    limit = window.end
    start = min(window.start + float(raw.start), limit)
    end = min(max(window.start + float(raw.end), start), limit)
    words = tuple(
        Word(
            min(window.start + float(w.start), limit),
            min(window.start + float(w.end), limit),
            str(w.word),
            float(w.probability),
        )
        for w in (raw.words or ())
    )
    return Segment(
        index=index,
        start=start,
        end=end,
        text=str(raw.text),
        words=words,
        avg_logprob=float(raw.avg_logprob),
        no_speech_prob=float(raw.no_speech_prob),
    )
