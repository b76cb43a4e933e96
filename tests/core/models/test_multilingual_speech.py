"""The multilingual built-in on real Spanish and French speech, through the command line.

Recordings and reference texts: tests/helpers/recordings.py (Debian's Asterisk
prompt packages). The baseline is measured in this run: plain faster-whisper
with the same assembled model, CPU int8 and its default decoding, on the same
files. Our word error rate may not be worse than that by more than 0.05.
Figures at the time of writing (faster-whisper 1.2.1, ctranslate2 4.6, base,
CPU int8, beam 5), identical for both:

    file              detected    baseline WER  Stenodesk WER
    es/demo-nogo      es 0.98     0.107         0.107
    fr/tt-allbusy     fr 1.00     0.042         0.042
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import recordings
from tests.helpers.recordings import Recording

from stenodesk import cli
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.transcriber import Transcriber
from stenodesk.core.models.resolve import ModelResolver

CLIPS = (recordings.SPANISH, recordings.FRENCH)
THREADS = "2"


@pytest.fixture(scope="module")
def base_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("store")
    return ModelResolver(store / "cache", builtin_dir=store / "builtin")("base")


@pytest.fixture(scope="module")
def base_transcriber(base_folder: Path) -> Transcriber:
    return Transcriber(lambda _name: base_folder)


@pytest.fixture(scope="module")
def baseline(base_folder: Path) -> dict[str, str]:
    """Plain faster-whisper's text for each clip, keyed by its path."""
    from faster_whisper import WhisperModel

    model = WhisperModel(
        str(base_folder), device="cpu", compute_type="int8", cpu_threads=int(THREADS)
    )
    texts = {}
    for clip in CLIPS:
        segments, _ = model.transcribe(str(recordings.require(clip)), beam_size=5)
        texts[str(clip.path)] = " ".join(s.text.strip() for s in segments)
    return texts


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One `stenodesk transcribe` over the clips with the default settings (model auto)."""
    out = tmp_path_factory.mktemp("out")
    files = [str(recordings.require(c)) for c in CLIPS]
    code, stderr = _cli(
        "transcribe",
        *files,
        "--format",
        "json,srt",
        "--output-dir",
        str(out),
        "--chinese-script",
        "traditional",  # leaves other languages as they are
    )
    assert code == 0, stderr
    return out, stderr


def _cli(*args: str) -> tuple[int, str]:
    """Run the command line in this process; its exit code and what it wrote on stderr."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = cli.main([*args, "--threads", THREADS])
    return code, err.getvalue()


@pytest.mark.parametrize("clip", CLIPS, ids=lambda c: f"{c.language}-{c.name}")
def test_default_model_detects_language_and_matches_baseline(
    clip: Recording, cli_run: tuple[Path, str], baseline: dict[str, str]
) -> None:
    out, stderr = cli_run
    data = json.loads((out / f"{clip.name}.json").read_text(encoding="utf-8"))
    info = data["info"]
    assert info["model"] == "base", "auto picks the multilingual built-in"
    assert info["language"] == clip.language
    assert info["language_probability"] > 0.5
    ours = recordings.wer(clip.text, data["text"])
    plain = recordings.wer(clip.text, baseline[str(clip.path)])
    assert ours <= plain + 0.05, (ours, plain, data["text"])
    assert ours <= 0.25, data["text"]
    name = {"es": "Spanish (es)", "fr": "French (fr)"}[clip.language]
    assert f"{clip.name}.g722 -> {clip.name}.json, {clip.name}.srt" in stderr
    assert f"{name}, detected" in stderr
    srt = (out / f"{clip.name}.srt").read_text(encoding="utf-8")
    assert recordings.wer(clip.text, _srt_text(srt)) <= ours + 0.01


def _srt_text(srt: str) -> str:
    lines = [ln for ln in srt.splitlines() if ln.strip() and "-->" not in ln]
    return " ".join(ln for ln in lines if not ln.strip().isdigit())


@pytest.mark.parametrize("clip", CLIPS, ids=lambda c: f"{c.language}-{c.name}")
def test_translate_gives_english(clip: Recording, base_transcriber: Transcriber) -> None:
    options = TranscribeOptions(model="base", task="translate", cpu_threads=int(THREADS))
    result = base_transcriber.transcribe(recordings.require(clip), options)
    english = recordings.TRANSLATIONS[clip]
    assert result.info.task == "translate"
    assert result.info.language == clip.language, "the spoken language is still reported"
    assert recordings.english_share(result.text) >= 0.25, result.text
    assert recordings.english_share(clip.text) < 0.05, "the source itself has no English words"
    assert recordings.wer(clip.text, result.text) >= 0.9, "not a transcription of the source"
    assert recordings.wer(english, result.text) <= 0.85, result.text


def test_english_model_with_french_set_switches_with_a_notice(tmp_path: Path) -> None:
    clip = recordings.FRENCH_SHORT
    code, stderr = _run_switch(clip, tmp_path)
    assert code == 0, stderr
    assert (
        "The model tiny.en understands English only, not French (fr). "
        "Using the multilingual model base instead." in stderr
    )
    assert "French (fr), as set, base on cpu" in stderr
    text = (tmp_path / f"{clip.name}.txt").read_text(encoding="utf-8")
    assert recordings.wer(clip.text, text) <= 0.2, text


def _run_switch(clip: Recording, out: Path) -> tuple[int, str]:
    path = str(recordings.require(clip))
    return _cli(
        "transcribe",
        path,
        "--model",
        "tiny.en",
        "--language",
        "fr",
        "--format",
        "txt",
        "--output-dir",
        str(out),
    )


def test_unknown_language_is_a_usage_error() -> None:
    code, stderr = _cli(
        "transcribe", str(recordings.require(recordings.FRENCH_SHORT)), "--language", "klingon"
    )
    assert code == cli.EXIT_USAGE
    assert "unknown language 'klingon'" in stderr


def test_the_language_is_detected_on_the_encoder_run_that_decodes(
    base_transcriber: Transcriber,
) -> None:
    """A clip of one chunk: one encoder run, for the language and the text."""
    from stenodesk.core.engine import decoding

    clip = recordings.SPANISH
    options = TranscribeOptions(model="base", cpu_threads=int(THREADS))
    model = base_transcriber.model_for(options)
    decoding._prepare(model)
    trimming = model.model
    inner = trimming._inner
    runs: list[str] = []

    class Counting:
        def encode(self, *args: Any, **kwargs: Any) -> Any:
            runs.append("encode")
            return inner.encode(*args, **kwargs)

        def __getattr__(self, name: str) -> Any:
            return getattr(inner, name)

    trimming._inner = Counting()
    try:
        result = base_transcriber.transcribe(recordings.require(clip), options)
    finally:
        trimming._inner = inner
    assert result.info.language == "es"
    assert result.info.duration < 30
    assert runs == ["encode"]
    assert recordings.wer(clip.text, result.text) <= 0.25, result.text
