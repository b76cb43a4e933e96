"""What live transcription needs from a speech recogniser, and the faster-whisper one."""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from stenodesk.core.audio.decode import SAMPLE_RATE, Pcm
from stenodesk.core.engine import fw_internals as fw
from stenodesk.core.engine.loopguard import normalise
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.transcript import Word

if TYPE_CHECKING:
    from faster_whisper import WhisperModel
    from faster_whisper.tokenizer import Tokenizer

    from stenodesk.core.engine.transcriber import Transcriber

log = logging.getLogger(__name__)

LIVE_BEAM_SIZE = 5
"""The beam of a phrase's final decode (drafts while someone speaks are
greedy). Measured with tiny.en on 2 CPU threads (bench/live_latency.py, 12
sentences, two or three runs each): beam 5 commits text 0.56 to 0.57 s
after the end of speech (p50; p90 0.59 to 0.62 s) at a word error rate of
1.6 to 2.4 %, greedy 0.56 s (p90 0.59 s) at 4.8 %. Most of that time is the pause that
ends a phrase (0.5 s)."""

MAX_TOKENS = 200
"""New tokens per decode at most; with a 200-character prompt this stays in Whisper's 448."""


CONTEXT_PAD = 3.0
"""Seconds of padding the encoder sees after live audio, at least."""
CONTEXT_MIN = 20.0
"""Seconds the encoder sees at least. Measured with bench/live_context.py on
196 studio-recorded English prompts, each decoded with the text before it
as the prompt (as live), greedy; word error rate and decodes that looped:

======================  =====  ======
encoder input           WER    looped
======================  =====  ======
30 s (faster-whisper)   2.6 %  0
audio + 1 s             12 %   98
audio + 1 s, >= 15 s    4.4 %  5
audio + 5 s, >= 10 s    3.9 %  14
audio + 5 s, >= 15 s    3.1 %  5
audio + 3 s, >= 20 s    3.0 %  0
======================  =====  ======

Without a minimum the model often emits nothing for a long stretch of
audio, or loops."""
FRAMES_PER_SECOND = 100
FULL_FRAMES = 3000
"""Whisper's 30-second input, in feature frames."""
SECONDS_PER_TOKEN = 0.02
"""A timestamp token's step."""
MAX_INITIAL_TIMESTAMP = 50
"""The first segment starts within 1 s (faster-whisper's default)."""
NO_SPEECH_THRESHOLD = 0.6
LOG_PROB_THRESHOLD = -1.0
PREPEND_PUNCTUATIONS = "\"'“¿([{-"
APPEND_PUNCTUATIONS = "\"'.。,，!！?？:：”)]}、"


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


def live_model_options(options: TranscribeOptions) -> TranscribeOptions:
    """The options a recording asks the model cache with.

    One phrase at a time: a model with one worker that has all the threads,
    not the two single-thread workers files get with voice activity detection
    (core/engine/parallel.py); a file job's loaded model still serves it
    (core/engine/modelcache.py).
    """
    return options.with_(vad_filter=False)


class WhisperEngine:
    """A faster-whisper model decoding short stretches of audio with word timestamps.

    Whisper's encoder is trained on 30-second inputs, and faster-whisper pads
    every input to that. A live phrase is a few seconds long, and encoding 30 s
    is two thirds of what decoding it costs (tiny.en, 2 CPU threads: 0.25 s of
    0.43 s for a 4-second phrase). So the encoder here sees the audio plus
    :data:`CONTEXT_PAD` of padding and at least :data:`CONTEXT_MIN`, in whole
    seconds (20 s for that phrase: 0.08 s). Less input than that makes Whisper
    stop early or say the phrase over and over; a decode that still loops is
    cut where the text starts over (:func:`loop_period`).

    Args:
        model: a loaded ``faster_whisper.WhisperModel``.
        options: language, task, beam size and the first temperature; VAD and
            conditioning options do not apply (the live policy does both).
        context_pad: seconds of padding the encoder sees after the audio;
            None gives it the full 30 s every time, as faster-whisper does.
        context_min: seconds the encoder sees at least.
    """

    def __init__(
        self,
        model: WhisperModel,
        options: TranscribeOptions,
        *,
        context_pad: float | None = CONTEXT_PAD,
        context_min: float = CONTEXT_MIN,
    ) -> None:
        self._model = model
        self._options = options
        self._context_pad = context_pad
        self._context_min = context_min
        self._tokenizers: dict[str | None, Tokenizer] = {}
        self.language: str | None = options.language
        self.loops = 0
        """Decodes whose words looped and were cut to their first round."""

    @classmethod
    def from_transcriber(
        cls, transcriber: Transcriber, options: TranscribeOptions
    ) -> WhisperEngine:
        """Use the model the transcriber has cached (loading it if needed).

        Raises:
            StenodeskError: the model is missing or cannot be loaded.
        """
        return cls(transcriber.model_for(live_model_options(options)), options)

    def warm_up(self) -> None:
        """Decode silence, so the first phrase does not pay for the first calls."""
        import numpy as np

        silence = np.zeros(SAMPLE_RATE, dtype=np.float32)
        self._decode(silence, "", self._tokenizer(self.language or "en"), 1)

    def decode(self, pcm: Pcm, prompt: str, *, draft: bool = False) -> list[Word]:
        language = self.language
        if language is None and self._model.model.is_multilingual:
            language = self._model.detect_language(audio=pcm)[0]
        tokenizer = self._tokenizer(language)
        # Drafts are greedy whatever the beam: they keep the engine busy
        # while someone speaks, and a busy engine delays the decode that
        # commits the phrase when the pause comes.
        words = self._decode(pcm, prompt, tokenizer, 1 if draft else self._options.beam_size)
        if self.language is None and words:
            self.language = language  # keep the language found on the first speech
        return words

    def _tokenizer(self, language: str | None) -> Tokenizer:
        if language not in self._tokenizers:
            self._tokenizers[language] = fw.tokenizer(self._model, self._options.task, language)
        return self._tokenizers[language]

    def _decode(self, pcm: Pcm, prompt: str, tokenizer: Tokenizer, beam: int) -> list[Word]:
        """One encoder pass over the audio and its padding, and one generation."""
        m = self._model
        features = m.feature_extractor(pcm)
        content = features.shape[-1] - 1  # as faster-whisper: the last frame goes
        frames = context_frames(content, self._context_pad, self._context_min)
        encoder_output = fw.encode(m, fw.pad_or_trim(features[:, :content], frames))
        previous = tokenizer.encode(" " + prompt.strip()) if prompt.strip() else []
        start = fw.prompt_tokens(m, tokenizer, previous)
        temperature = self._options.temperatures[0]
        sampling = (
            {"sampling_topk": 0, "sampling_temperature": temperature}
            if temperature > 0
            else {"beam_size": beam}
        )
        # Speech runs at well under 8 tokens a second; a repetition loop
        # stops here instead of running to the end of the window.
        new_tokens = min(MAX_TOKENS, int(8 * content / FRAMES_PER_SECOND) + 24)
        result = fw.generate(
            m,
            encoder_output,
            start,
            max_length=len(start) + new_tokens,
            return_scores=True,
            return_no_speech_prob=True,
            suppress_blank=True,
            suppress_tokens=fw.suppressed_tokens(tokenizer),
            max_initial_timestamp_index=MAX_INITIAL_TIMESTAMP,
            **sampling,
        )
        tokens = result.sequences_ids[0]
        # faster-whisper's no-speech check: it drops what Whisper "hears" in
        # a pause after speech. (No temperature fallback: a buffer that ends
        # inside a word scores low and would be decoded up to six times for
        # nothing; the next step decodes it again anyway.)
        average = result.scores[0] * len(tokens) / (len(tokens) + 1)
        if result.no_speech_prob > NO_SPEECH_THRESHOLD and average < LOG_PROB_THRESHOLD:
            return []
        text = heard_tokens(tokens, tokenizer.timestamp_begin, tokenizer.eot, content)
        if not text:
            return []
        spelled, grouped = tokenizer.split_to_word_tokens(text)
        period = loop_period(spelled)
        if period is not None:
            self.loops += 1
            log.info("decode looped: %r; keeping its first round", "".join(spelled))
            text = [t for group in grouped[:period] for t in group]
        alignment = fw.alignment(m, tokenizer, text, encoder_output, content)
        fw.merge_punctuations(alignment, PREPEND_PUNCTUATIONS, APPEND_PUNCTUATIONS)
        return [
            Word(float(a["start"]), float(a["end"]), str(a["word"]), float(a["probability"]))
            for a in alignment
            if a["word"]
        ]


def context_frames(content: int, pad: float | None, minimum: float = CONTEXT_MIN) -> int:
    """Encoder input for ``content`` frames of audio: ``pad`` seconds more, in whole seconds.

    At least ``minimum`` seconds, at most Whisper's 30 s (3000 frames), which
    is also what None gives.
    """
    if pad is None:
        return FULL_FRAMES
    wanted = max(content + pad * FRAMES_PER_SECOND, minimum * FRAMES_PER_SECOND)
    return min(FULL_FRAMES, FRAMES_PER_SECOND * math.ceil(wanted / FRAMES_PER_SECOND))


def heard_tokens(tokens: Sequence[int], timestamp_begin: int, eot: int, content: int) -> list[int]:
    """The text tokens of segments that start before the audio ends.

    Generation runs with timestamps: ``<|t0|> text <|t1|>`` per segment. A
    segment that starts past the end of the audio was made up in the padding.
    """
    end = content / FRAMES_PER_SECOND - 0.1
    kept: list[int] = []
    segment: list[int] = []
    start: float | None = None
    for token in tokens:
        if token >= timestamp_begin:
            time = (token - timestamp_begin) * SECONDS_PER_TOKEN
            if start is None:
                start = time
                continue
            if start < end:
                kept.extend(segment)
            segment, start = [], None
        elif token < eot:
            segment.append(token)
    if segment and (start is None or start < end):
        kept.extend(segment)
    return kept


def loop_period(words: Sequence[str], shortest: int = 3) -> int | None:
    """How many words come before the text starts over (``a b c a b c a``: 3), or None.

    What Whisper does now and then on a short encoder input: it says the
    phrase, then says it again until it runs out of tokens, never closing
    the segment (and the repeats may fray: ``a b c a b c a a a``). The text
    starts over at word k when the words after the first k repeat them from
    the start, as many of them as follow, or all k. Units shorter than
    ``shortest`` words ("no, no") and repeats shorter than that are left
    alone.
    """
    keys = [normalise(w) for w in words]
    keys = [k for k in keys if k]  # punctuation is not a word here
    n = len(keys)
    for k in range(shortest, n - shortest + 1):
        m = min(k, n - k)
        if keys[k : k + m] == keys[:m]:
            return _word_index(words, k)
    return None


def _word_index(words: Sequence[str], k: int) -> int:
    """The index in ``words`` of the k-th word that is not punctuation, past its punctuation."""
    seen = 0
    for i, word in enumerate(words):
        if normalise(word):
            if seen == k:
                return i
            seen += 1
    return len(words)
