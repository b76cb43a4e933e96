"""One window through faster-whisper, and its segments in file time.

:func:`decode_window` runs the sequential or batched pipeline over one
window's audio; :func:`to_segment` turns what it yields into our
:class:`Segment` with absolute times; :class:`SeamHold` keeps a window that
was cut inside speech from ending in a half-decoded word.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from stenodesk.core.audio.decode import SAMPLE_RATE, Pcm
from stenodesk.core.engine.checkpoint import Prompt
from stenodesk.core.engine.memory import GrowthTrimmer
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Segment, Word
from stenodesk.core.engine.windows import Window

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = logging.getLogger(__name__)


def decode_window(
    model: WhisperModel,
    pcm: Pcm,
    options: TranscribeOptions,
    language: str | None,
    prompt: Prompt | None,
) -> tuple[Iterator[Any], Any]:
    """Start decoding ``pcm``; returns faster-whisper's segment iterator and its info."""
    _prepare(model)
    o = options
    common: dict[str, Any] = {
        "language": language,
        "task": o.task,
        "beam_size": o.beam_size,
        "word_timestamps": o.word_timestamps,
        "initial_prompt": prompt,
    }
    if o.batch_size > 0:
        from faster_whisper import BatchedInferencePipeline

        pipeline = BatchedInferencePipeline(model)
        segs, info = pipeline.transcribe(
            pcm, batch_size=o.batch_size, temperature=list(o.temperatures), **common
        )
    else:
        segs, info = model.transcribe(
            pcm,
            temperature=list(o.temperatures),
            vad_filter=o.vad_filter,
            condition_on_previous_text=o.condition_on_previous_text,
            **common,
        )
    return iter(segs), info


def _prepare(model: WhisperModel) -> None:
    """Adapt a freshly loaded model for bounded memory (once per model)."""
    from stenodesk.core.engine.features import BlockFeatureExtractor

    if isinstance(model.feature_extractor, BlockFeatureExtractor):
        return
    # The same features without faster-whisper's whole-window scratch arrays
    # (about 240 MB for a 300 s window; faster-whisper #1206).
    model.feature_extractor = BlockFeatureExtractor(**model.feat_kwargs)
    # faster-whisper offers no hook between its 30-second chunks; every chunk
    # (sequential, batched, language detection) goes through WhisperModel.encode,
    # so the instance's encode trims the heap first when it has grown (.memory).
    encode = model.encode
    trimmer = GrowthTrimmer()

    def encode_trimmed(features: Any, *args: Any, **kwargs: Any) -> Any:
        trimmer()
        return encode(features, *args, **kwargs)

    model.encode = encode_trimmed


class SeamHold:
    """Drops the last segment of a window that was cut inside speech.

    Such a window's last segment may hold the first half of a word, or miss
    words Whisper could not finish before the cut. Each segment is passed on
    only once the next one has arrived; the last is dropped, and
    ``restart_at`` tells the engine to start the next window where that
    segment started, so its words are decoded once, whole, with what
    follows. The restart leaves at least half the window behind, so windows
    always move forward. Windows cut in a pause pass straight through.
    """

    def __init__(self, window: Window) -> None:
        self._window = window
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
        length = len(self._window.pcm) / SAMPLE_RATE
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
