"""Chinese output in one script: Simplified or Traditional (Taiwan, Hong Kong), via OpenCC.

Whisper writes Chinese in whichever script its training text leaned to, and
often mixes both in one transcript. The user's choice (setting
``ui.chinese_script``) is applied to every segment, text and words alike, so
the screen and every export agree. Conversion is by characters and regional
variants (OpenCC's ``t2s``, ``s2t``, ``s2tw``, ``s2hk``), not by vocabulary:
a transcript keeps the words that were spoken. A short prompt in the chosen
script also leans the model towards it from the first window.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.transcript import Segment, Transcript, Word

if TYPE_CHECKING:
    from collections.abc import Sequence

NONE = "none"
SCRIPTS = (NONE, "simplified", "traditional", "taiwan", "hongkong")
"""The values of ``ui.chinese_script`` and ``--chinese-script``."""

OPENCC_CONFIGS = {
    "simplified": "t2s",
    "traditional": "s2t",
    "taiwan": "s2tw",
    "hongkong": "s2hk",
}

CHINESE_LANGUAGES = frozenset({"zh", "yue"})
"""Whisper's codes for languages written in Chinese characters (Mandarin, Cantonese)."""

PROMPTS = {
    "simplified": "以下是普通话的句子。",
    "traditional": "以下是普通話的句子。",
    "taiwan": "以下是普通話的句子。",
    "hongkong": "以下是普通話的句子。",
}
"""'What follows are sentences in Mandarin.', in each script: the model continues in it."""


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


def check_script(script: str) -> None:
    """Raise ValueError unless ``script`` is one of :data:`SCRIPTS`."""
    if script not in SCRIPTS:
        raise ValueError(f"Chinese script must be one of {', '.join(SCRIPTS)}, not {script!r}")


def initial_prompt(script: str) -> str | None:
    """The prompt that leans the model towards ``script``; None for ``none``."""
    check_script(script)
    return PROMPTS.get(script)


def lean_options(options: TranscribeOptions, script: str) -> TranscribeOptions:
    """Add the script's prompt to a Mandarin job that has no prompt of its own.

    Only a job set to ``zh`` gets it: with detection the language is not
    known before decoding starts, and a Mandarin prompt would mislead a
    Cantonese (``yue``) job. Conversion of the output covers those cases.
    """
    prompt = initial_prompt(script)
    if prompt is None or options.language != "zh" or options.initial_prompt:
        return options
    if options.task != "transcribe":
        return options
    return options.with_(initial_prompt=prompt)


class ScriptConverter:
    """Converts transcript text to one Chinese script.

    Args:
        script: one of :data:`SCRIPTS`; ``none`` converts nothing.

    Raises:
        ValueError: an unknown script.
        StenodeskError: SCRIPT_UNAVAILABLE if OpenCC is not installed.
    """

    def __init__(self, script: str) -> None:
        check_script(script)
        self.script = script
        self._cc: _Converter | None = None
        if script == NONE:
            return
        try:
            import opencc
        except ImportError as exc:
            raise StenodeskError(ErrorKind.SCRIPT_UNAVAILABLE, script, str(exc)) from exc
        self._cc = opencc.OpenCC(OPENCC_CONFIGS[script])

    @property
    def active(self) -> bool:
        return self._cc is not None

    def applies_to(self, language: str) -> bool:
        """True if output in ``language`` is converted (Chinese, with a script chosen)."""
        return self.active and language in CHINESE_LANGUAGES

    def text(self, text: str) -> str:
        if self._cc is None or not text:
            return text
        return self._cc.convert(text)

    def segment(self, segment: Segment) -> Segment:
        """The segment with its text and words in the chosen script."""
        if self._cc is None:
            return segment
        return replace(segment, text=self.text(segment.text), words=self._words(segment.words))

    def transcript(self, transcript: Transcript) -> Transcript:
        """The transcript in the chosen script if it is Chinese; others are returned as they are."""
        if not self.applies_to(transcript.info.language) or transcript.info.task != "transcribe":
            return transcript
        return replace(transcript, segments=tuple(self.segment(s) for s in transcript.segments))

    def _words(self, words: Sequence[Word]) -> tuple[Word, ...]:
        # Convert the words together, so that phrases split across words (头|发)
        # are converted as phrases, then cut the result back at the same places.
        joined = "".join(w.text for w in words)
        converted = self.text(joined)
        if len(converted) != len(joined):
            return tuple(replace(w, text=self.text(w.text)) for w in words)
        out = []
        at = 0
        for w in words:
            out.append(replace(w, text=converted[at : at + len(w.text)]))
            at += len(w.text)
        return tuple(out)
