"""The Live page's engine factory prepares its model as file jobs do.

A recording honours the task (translate needs a multilingual model) and the
downloaded models (small.en with Spanish switches to small when small is
here), so the same settings run the same model on both pages. The chosen
model is not on this machine, so the factory stops where it would load it,
naming the model it chose.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import speech

from stenodesk.bridge.live import whisper_engines
from stenodesk.core.audio.engine import LIVE_BEAM_SIZE
from stenodesk.core.engine.device import cpu_only_planner
from stenodesk.core.engine.modelcache import ModelCache
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.transcriber import Transcriber
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.jobs.prepare import make_resolver
from stenodesk.core.models.resolve import ModelResolver
from stenodesk.core.transcript import Transcript


def _missing_model(tmp_path: Path, options: TranscribeOptions, downloaded: set[str]) -> str:
    models = ModelCache(make_resolver(tmp_path / "cache", tmp_path / "models"))
    make = whisper_engines(
        models, cpu_only_planner, tmp_path / "models", lambda: frozenset(downloaded)
    )
    with pytest.raises(StenodeskError) as caught:
        make(options)
    assert caught.value.kind is ErrorKind.MODEL_MISSING
    return caught.value.subject


def test_a_downloaded_model_serves_a_language_the_english_one_lacks(tmp_path: Path) -> None:
    options = TranscribeOptions(model="small.en", language="es", compute_type="int8")
    assert _missing_model(tmp_path, options, {"small"}) == "small"


def test_translation_switches_away_from_an_english_only_model(tmp_path: Path) -> None:
    options = TranscribeOptions(model="small.en", task="translate", compute_type="int8")
    assert _missing_model(tmp_path, options, {"small"}) == "small"


@pytest.mark.parametrize(
    "file_settings",
    [{"cpu_threads": 2}, {"vad_filter": True}],
    ids=["two-threads", "app-defaults"],
)
def test_a_recording_started_during_a_file_job_shares_its_model(
    tmp_path: Path,
    model_cache: Path,
    speech_wav: Path,
    speech_text: str,
    file_settings: dict[str, Any],
) -> None:
    """One model in memory: the live thread decodes with the model the file job loaded.

    With the app's defaults (VAD, automatic threads) a file job asks for two
    CPU workers and a recording for one; the recording still uses the file
    job's model.

    The file job runs in a thread of its own (as in the engine thread) while
    this thread starts a recording's engine and decodes a sentence with it,
    so the model is used from two threads at once; both texts must be right.
    """
    models = ModelCache(ModelResolver(model_cache))
    transcriber = Transcriber(models)
    file_options = TranscribeOptions(model="tiny.en", language="en", **file_settings)
    first_segment = threading.Event()
    results: list[Transcript | BaseException] = []

    def file_job() -> None:
        try:
            results.append(
                transcriber.transcribe(
                    speech_wav, file_options, on_segment=lambda _s: first_segment.set()
                )
            )
        except BaseException as exc:  # reported by the assertion below
            results.append(exc)
            first_segment.set()

    job = threading.Thread(target=file_job, name="file-job")
    job.start()
    try:
        assert first_segment.wait(120), "the file job produced no segment"
        make = whisper_engines(models, cpu_only_planner, tmp_path / "models")
        live_options, engine = make(file_options.with_(beam_size=LIVE_BEAM_SIZE))
        sentence = "Please open the window because it is very warm in this room."
        words = engine.decode(speech.say_pcm(sentence, tmp_path), "")
    finally:
        job.join(300)
    assert not job.is_alive()
    (result,) = results
    assert isinstance(result, Transcript), result
    assert models.loads == 1, "the recording loaded the model a second time"
    assert (live_options.device, live_options.compute_type) == ("cpu", "int8")
    live_text = "".join(w.text for w in words)
    assert speech.wer(sentence, live_text) <= 0.2, live_text
    assert speech.wer(speech_text, result.text) <= 0.15, result.text
