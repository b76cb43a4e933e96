"""Live transcription policy: when to decode, what to commit, what to keep.

Audio is fed as it is captured; :meth:`LiveTranscriber.step` runs the engine
at most once and reports text. Three rules decide what becomes final:

* A pause (Silero VAD, :mod:`.vad`) ends a phrase: the phrase is decoded
  with the committed text as the prompt and committed whole, and the audio
  buffer is cut there. Decoding starts as soon as a pause begins, so the
  result is usually ready when the pause is long enough to count.
* While someone speaks, the buffer is decoded again every ``step_seconds``
  of new audio, and the words two consecutive hypotheses agree on are
  committed (LocalAgreement-2); the rest is shown as tentative text. A long
  buffer is cut at the end of committed text.
* Nothing is ever dropped: an engine that falls behind decodes more audio
  per call (several phrases, up to ``max_window`` seconds) instead of
  skipping any, and :meth:`LiveTranscriber.finish` decodes all that is left.

No threads here: the caller (the bridge's engine thread, the command line)
drives :meth:`feed`, :meth:`step` and :meth:`finish`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from stenodesk.core.audio.decode import SAMPLE_RATE, Pcm
from stenodesk.core.audio.engine import LiveEngine
from stenodesk.core.audio.vad import WINDOW, Span, StreamingVad
from stenodesk.core.audio.words import agreed_prefix, fresh_words, join_words
from stenodesk.core.transcript import Segment, Transcript, TranscriptInfo, Word

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LiveOptions:
    """How eagerly text is decoded and committed."""

    step_seconds: float = 1.0
    """New audio between two hypotheses while someone speaks."""
    end_silence: float = 0.5
    """A pause this long ends a phrase."""
    early_silence: float = 0.1
    """A pause this long starts the phrase's final decoding, ahead of time."""
    pad: float = 0.2
    """Audio kept around speech when a phrase is cut out."""
    max_window: float = 24.0
    """The most audio decoded in one call (Whisper sees 30 s at a time)."""
    trim_seconds: float = 12.0
    """A buffer longer than this is cut at the end of committed text."""
    busy_share: float = 2.0
    """While speech goes on, decode at most every ``busy_share`` times a decode's duration."""
    prompt_chars: int = 200
    vad_threshold: float = 0.5


@dataclass(frozen=True)
class Commit:
    """Text that will not change any more, with its times in the stream (seconds)."""

    text: str
    start: float
    end: float
    committed_at: float
    """Stream time at which it was committed."""
    words: tuple[Word, ...] = ()


@dataclass(frozen=True)
class PhraseLatency:
    """One phrase (speech between pauses) and when its last word was committed."""

    start: float
    end: float
    """End of its speech, stream time."""
    committed_at: float

    @property
    def latency(self) -> float:
        return self.committed_at - self.end


@dataclass(frozen=True)
class LiveUpdate:
    """What changed in one step: new committed text and the current tentative tail."""

    committed: tuple[Commit, ...]
    tentative: str
    position: float
    """Seconds of audio received so far."""


@dataclass(frozen=True)
class LiveMetrics:
    """How a live session kept up."""

    audio_seconds: float
    engine_seconds: float
    decodes: int
    phrases: tuple[PhraseLatency, ...] = field(default=())
    dropped_frames: int = 0

    @property
    def real_time_factor(self) -> float:
        """Engine time per second of audio (below 1 keeps up)."""
        return self.engine_seconds / self.audio_seconds if self.audio_seconds > 0 else 0.0

    def latency_percentile(self, q: float) -> float | None:
        """The q-th percentile (0-100) of phrase latencies, None without phrases."""
        if not self.phrases:
            return None
        return float(np.percentile([p.latency for p in self.phrases], q))


def _sec(samples: int) -> float:
    return samples / SAMPLE_RATE


def _samples(seconds: float) -> int:
    return round(seconds * SAMPLE_RATE)


def _spoken(start: float, spans: Sequence[tuple[float, float]]) -> bool:
    """Whether a word starting at ``start`` starts in speech.

    Whisper sometimes goes on past the end of speech ("Thank you for
    watching"); such words start after the speech ended, where VAD heard none.
    Timestamps are not exact, hence the tolerance.
    """
    return any(a - 0.5 <= start <= b + 0.1 for a, b in spans)


class LiveTranscriber:
    """Turns a growing stream of 16 kHz audio into committed and tentative text.

    Args:
        engine: decodes a stretch of audio into timed words.
        options: the policy's knobs.
        clock: stream time now, in seconds (the capture's clock); commit times
            and latencies are measured with it. Defaults to the audio received.
    """

    def __init__(
        self,
        engine: LiveEngine,
        options: LiveOptions | None = None,
        *,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.engine = engine
        self.options = options or LiveOptions()
        self._clock = clock or (lambda: _sec(self._total))
        self._vad = StreamingVad(self.options.vad_threshold)
        self._buffer = np.zeros(0, dtype=np.float32)
        self._start = 0  # stream sample where the buffer begins
        self._total = 0  # samples received
        self._committed: list[Commit] = []
        self._words: list[Word] = []  # every committed word, in order
        self._hypothesis: list[Word] = []  # the last hypothesis beyond the committed words
        self._decoded_to = 0  # end of the audio the last hypothesis saw
        self._last: list[Word] | None = None  # the last hypothesis, heard up to _decoded_to
        self._phrases: list[PhraseLatency] = []
        self._engine_seconds = 0.0
        self._recent_decode = 0.0  # seconds a decode takes lately (moving average)
        self._decodes = 0

    # -- input ----------------------------------------------------------------

    def feed(self, pcm: Pcm) -> None:
        """Append captured audio (16 kHz mono float32)."""
        if not len(pcm):
            return
        pcm = np.asarray(pcm, dtype=np.float32)
        self._buffer = np.concatenate([self._buffer, pcm])
        self._total += len(pcm)
        self._vad.feed(pcm)

    # -- results ----------------------------------------------------------------

    @property
    def committed(self) -> tuple[Commit, ...]:
        return tuple(self._committed)

    @property
    def tentative(self) -> str:
        return join_words(self._hypothesis)

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self._committed)

    def metrics(self, dropped_frames: int = 0) -> LiveMetrics:
        return LiveMetrics(
            audio_seconds=_sec(self._total),
            engine_seconds=self._engine_seconds,
            decodes=self._decodes,
            phrases=tuple(self._phrases),
            dropped_frames=dropped_frames,
        )

    def transcript(
        self, model: str = "", device: str = "cpu", compute_type: str = ""
    ) -> Transcript:
        """The committed text as a transcript, for the exporters."""
        segments = tuple(
            Segment(i, c.start, c.end, " " + c.text, c.words) for i, c in enumerate(self._committed)
        )
        info = TranscriptInfo(
            language=getattr(self.engine, "language", None) or "en",
            language_probability=1.0,
            duration=_sec(self._total),
            model=model,
            device=device,
            compute_type=compute_type,
        )
        return Transcript(info, segments)

    # -- the policy -------------------------------------------------------------------

    def step(self) -> LiveUpdate | None:
        """Decode once if the policy says so; None when nothing changed."""
        o = self.options
        spans = self._speech()
        if not spans:
            return self._drop_silence()
        closed = [s for s in spans if s.closed]
        if closed:
            return self._finish_phrases(spans)
        span = spans[-1]
        limit = self._start + _samples(o.max_window)
        if self._total > limit:  # a window's worth without a pause: cut it
            return self._agree(limit, force=True)
        heard = self._vad.windows * WINDOW
        if heard - span.end >= _samples(o.early_silence):
            if not self._covers(span):
                return self._decode_early(span)
            return None
        # A slow engine decodes less often while someone speaks, so that it
        # is free when the pause comes (and takes longer steps, never skips audio).
        # Nor does it start one while the voice is fading: a pause may be coming.
        step = _samples(max(o.step_seconds, o.busy_share * self._recent_decode))
        speaking = heard - span.end < WINDOW
        long_enough = span.end - span.start >= _samples(o.step_seconds)
        if speaking and long_enough and self._total - self._decoded_to >= step:
            return self._agree(self._total)
        return None

    def finish(self) -> LiveUpdate:
        """Decode and commit everything left (call after the last :meth:`feed`)."""
        new: list[Commit] = []
        for _ in range(10_000):  # bounded: every round cuts the buffer
            spans = [Span(s.start, s.end, True) for s in self._speech(min_speech=0.0)]
            if not spans:
                break
            update = self._finish_phrases(spans)
            new.extend(update.committed)
        self._buffer = self._buffer[:0]
        self._start = self._total
        self._hypothesis = []
        self._last = None
        return LiveUpdate(tuple(new), "", _sec(self._total))

    def _speech(self, min_speech: float = 0.1) -> list[Span]:
        spans = self._vad.spans(self._start, self._total, self.options.end_silence, min_speech)
        if spans:
            self._cut_to(max(self._start, spans[0].start - _samples(self.options.pad)))
        return spans

    def _drop_silence(self) -> LiveUpdate | None:
        """Only silence is buffered: keep just the padding before any speech to come."""
        self._cut_to(max(self._start, self._total - _samples(self.options.pad)))
        if self._hypothesis:
            self._hypothesis = []
            return LiveUpdate((), "", _sec(self._total))
        return None

    def _finish_phrases(self, spans: list[Span]) -> LiveUpdate:
        """Decode the phrases that ended (several if the engine fell behind) and commit them."""
        o = self.options
        limit = self._start + _samples(o.max_window)
        closed = [s for s in spans if s.closed]
        fitting = [s for s in closed if s.end <= limit - _samples(o.pad)]
        if not fitting:  # one phrase longer than a window: take what fits, keep the tail
            return self._agree(min(limit, self._total), force=True)
        last = fitting[-1]
        after = [s.start for s in spans if s.start >= last.end]
        cut = min(last.end + _samples(o.pad), after[0] if after else self._total, self._total)
        words = self._last if self._last is not None and self._covers(last) else self._decode(cut)
        # A decode that ran on may have heard the start of the next phrase: not yet.
        words = [w for w in words if (w.start + w.end) / 2 < _sec(cut)]
        commits = self._commit(fresh_words(self._words, words), fitting)
        for span in fitting:
            self._note_phrase(span)
        self._cut_to(cut)
        self._hypothesis = []
        self._last = None
        self._decoded_to = cut
        return LiveUpdate(tuple(commits), "", _sec(self._total))

    def _decode_early(self, span: Span) -> LiveUpdate:
        """A pause began: decode up to it now, so the phrase can be committed when it lasts."""
        cut = min(span.end + _samples(self.options.pad), self._total)
        return self._take_hypothesis(self._decode(cut), cut)

    def _agree(self, end: int, *, force: bool = False) -> LiveUpdate:
        """Decode the buffer up to ``end``; commit what the last two hypotheses agree on."""
        words = self._decode(end, draft=not force)
        if force:  # a window's worth without a pause: commit all but the last second
            keep = _sec(end) - 1.0
            done = [w for w in fresh_words(self._words, words) if w.end <= keep]
            commits = self._commit(done, [])
            target = _samples(done[-1].end) if done else end
            self._cut_to(target if target > self._start else end)
            self._hypothesis = []
            self._last = None
            self._decoded_to = end
            return LiveUpdate(tuple(commits), "", _sec(self._total))
        return self._take_hypothesis(words, end)

    def _take_hypothesis(self, words: list[Word], end: int) -> LiveUpdate:
        fresh = fresh_words(self._words, words)
        agreed = agreed_prefix(self._hypothesis, fresh, _sec(self._decoded_to))
        commits = self._commit(fresh[:agreed], [])
        self._hypothesis = fresh[agreed:]
        self._last = words
        self._decoded_to = end
        if _sec(self._total - self._start) > self.options.trim_seconds:
            self._trim_at_committed()
        return LiveUpdate(tuple(commits), self.tentative, _sec(self._total))

    def _covers(self, span: Span) -> bool:
        """Whether the last decode heard all of ``span`` and the start of the pause after it."""
        margin = _samples(COVER_MARGIN)
        return self._last is not None and self._decoded_to >= span.end + margin

    def _trim_at_committed(self) -> None:
        """Cut a long buffer after committed text, at a sentence end when there is one."""
        inside = [w for w in self._words if _samples(w.end) > self._start]
        if not inside:
            return
        ends = [w for w in inside if w.text.rstrip().endswith((".", "?", "!"))]
        self._cut_to(_samples((ends or inside)[-1].end))

    def _decode(self, end: int, *, draft: bool = False) -> list[Word]:
        """Run the engine on the buffer up to stream sample ``end``; absolute word times.

        A draft is a hypothesis while speech goes on; the phrase is decoded
        in full when its pause comes, unless it runs on too long for that.
        """
        pcm = self._buffer[: max(0, end - self._start)]
        if len(pcm) < WINDOW_MIN:
            return []
        prompt = join_words(w for w in self._words if _samples(w.end) <= self._start)
        started = time.perf_counter()
        words = self.engine.decode(pcm, prompt[-self.options.prompt_chars :], draft=draft)
        took = time.perf_counter() - started
        self._recent_decode = took if not self._decodes else 0.7 * self._recent_decode + 0.3 * took
        self._engine_seconds += took
        self._decodes += 1
        log.info("decoded %.2f s at %.2f s in %.2f s", _sec(len(pcm)), _sec(self._start), took)
        offset = _sec(self._start)
        spans = [s.seconds for s in self._vad.spans(self._start, end, self.options.end_silence, 0)]
        return [
            Word(offset + w.start, offset + w.end, w.text, w.probability)
            for w in words
            if w.text.strip() and _spoken(offset + w.start, spans)
        ]

    def _commit(self, words: Sequence[Word], spans: Sequence[Span]) -> list[Commit]:
        """Commit words, one Commit per phrase when the phrases are known."""
        if not words:
            return []
        now = self._clock()
        groups: list[list[Word]] = [[]]
        bounds = [_sec(s.end) + self.options.pad for s in spans[:-1]]
        for w in words:
            while bounds and (w.start + w.end) / 2 > bounds[0]:
                bounds.pop(0)
                if groups[-1]:
                    groups.append([])
            groups[-1].append(w)
        commits = []
        for group in groups:
            if group:
                commit = Commit(join_words(group), group[0].start, group[-1].end, now, tuple(group))
                commits.append(commit)
                self._committed.append(commit)
                self._words.extend(group)
        return commits

    def _note_phrase(self, span: Span) -> None:
        """Record when the last word of a finished phrase was committed."""
        start, end = span.seconds
        pad = self.options.pad
        for c in reversed(self._committed):
            if any(start - pad < (w.start + w.end) / 2 <= end + pad for w in c.words):
                self._phrases.append(PhraseLatency(start, end, c.committed_at))
                return
            if c.end <= start - pad:
                return

    def _cut_to(self, sample: int) -> None:
        """Drop buffered audio before stream sample ``sample``."""
        sample = min(sample, self._total)
        if sample <= self._start:
            return
        self._buffer = self._buffer[sample - self._start :]
        self._start = sample
        self._hypothesis = [w for w in self._hypothesis if _samples(w.end) > sample]


WINDOW_MIN = SAMPLE_RATE // 10
"""Less audio than this (0.1 s) is not worth a decode."""
COVER_MARGIN = 0.1
"""A decode that heard this much past the end of speech can stand for the phrase."""
