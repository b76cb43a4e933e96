"""What live transcription needs from a speech recogniser, and the faster-whisper one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from stenodesk.core.audio.decode import SAMPLE_RATE, Pcm
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Word

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

    from stenodesk.core.engine.transcriber import Transcriber


LIVE_BEAM_SIZE = 1
"""Live decoding is greedy unless asked otherwise. Measured with tiny.en on 2
CPU threads (bench/live_latency.py, three runs each): beam 5 commits text
1.2 to 1.3 s after the end of speech (p50), greedy 0.9 to 1.0 s, for a word
error rate of 1 to 3 % instead of 0 to 2 %. "Transcribe again" runs the
recording as a file job with the file settings' beam."""

MAX_TOKENS = 200
"""New tokens per decode at most; with a 200-character prompt this stays in Whisper's 448."""


class LiveEngine(Protocol):
    """Decodes a short stretch of 16 kHz audio into timed words."""

    def decode(self, pcm: Pcm, prompt: str, *, draft: bool = False) -> Sequence[Word]:
        """Words with times in seconds from the start of ``pcm``.

        Args:
            pcm: at most about 30 s of 16 kHz mono audio.
            prompt: the text that came before (may be empty).
            draft: a hypothesis while someone speaks, decoded again later:
                speed matters more than the last bit of accuracy.
        """
        ...


class WhisperEngine:
    """A faster-whisper model decoding with word timestamps.

    Args:
        model: a loaded ``faster_whisper.WhisperModel``.
        options: language, task, beam size and the first temperature; VAD and
            conditioning options do not apply (the live policy does both).
    """

    def __init__(self, model: WhisperModel, options: TranscribeOptions) -> None:
        self._model = model
        self._options = options
        self.language: str | None = options.language

    @classmethod
    def from_transcriber(
        cls, transcriber: Transcriber, options: TranscribeOptions
    ) -> WhisperEngine:
        """Use the model the transcriber has cached (loading it if needed).

        Raises:
            StenodeskError: the model is missing or cannot be loaded.
        """
        return cls(transcriber.model_for(options), options)

    def warm_up(self) -> None:
        """Decode a second of silence, so the first phrase does not pay for the first call."""
        import numpy as np

        segments, _ = self._model.transcribe(
            np.zeros(16000, dtype=np.float32), language=self.language or "en", beam_size=1
        )
        list(segments)

    def decode(self, pcm: Pcm, prompt: str, *, draft: bool = False) -> list[Word]:
        o = self._options
        segments, info = self._model.transcribe(
            pcm,
            language=self.language,
            task=o.task,
            # Drafts are greedy whatever the beam: they keep the engine busy
            # while someone speaks, and a busy engine delays the decode that
            # commits the phrase when the pause comes.
            beam_size=1 if draft else o.beam_size,
            # No temperature fallback: a buffer that ends inside a word scores a
            # low log probability and would be decoded up to six times for
            # nothing; the next step decodes it again anyway. The no-speech
            # check stays: it drops what Whisper "hears" in a pause after speech.
            temperature=o.temperatures[0],
            # Speech runs at well under 8 tokens a second; a repetition loop
            # stops here instead of running to the end of the window.
            max_new_tokens=min(MAX_TOKENS, int(8 * len(pcm) / SAMPLE_RATE) + 24),
            word_timestamps=True,
            vad_filter=False,
            condition_on_previous_text=False,
            initial_prompt=prompt or None,
        )
        words = [
            Word(float(w.start), float(w.end), str(w.word), float(w.probability))
            for segment in segments
            for w in (segment.words or ())
        ]
        if self.language is None and words:
            self.language = info.language  # keep the language found on the first speech
        return words
