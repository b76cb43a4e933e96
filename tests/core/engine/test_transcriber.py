"""The engine with the real tiny.en model on real (espeak-ng) speech."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from tests.core.audio.test_decode import make_video
from tests.helpers import speech

from stenodesk.core.cancel import CancelToken
from stenodesk.core.engine.checkpoint import WindowDone
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Progress
from stenodesk.core.engine.transcriber import Transcriber
from stenodesk.core.errors import Cancelled, ErrorKind, StenodeskError
from stenodesk.core.transcript import Segment

OPTIONS = TranscribeOptions(model="tiny.en", cpu_threads=2)


def test_word_error_rate_on_speech(
    transcriber: Transcriber, speech_wav: Path, speech_text: str
) -> None:
    result = transcriber.transcribe(speech_wav, OPTIONS)
    assert speech.wer(speech_text, result.text) <= 0.15, result.text
    assert result.info.language == "en"
    assert result.info.device == "cpu"
    assert result.info.compute_type == "int8"
    assert result.info.duration == pytest.approx(45, abs=15)


def test_segments_stream_before_the_job_ends(transcriber: Transcriber, speech_wav: Path) -> None:
    seen: list[Segment] = []
    result = transcriber.transcribe(speech_wav, OPTIONS, on_segment=seen.append)
    assert seen == list(result.segments)
    assert [s.index for s in seen] == list(range(len(seen)))


LONG_SECONDS = 360.0
"""Windows of 30 s, 300 s and the rest: seams and progress across windows."""


@pytest.fixture(scope="module")
def long_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, speech.Placed]:
    tmp = tmp_path_factory.mktemp("long")
    pcm, placed = speech.long_recording(tmp, LONG_SECONDS)
    return speech.write_wav(tmp / "six-minutes.wav", pcm), placed


def test_minutes_monotonic_with_full_progress(
    transcriber: Transcriber, long_file: tuple[Path, speech.Placed]
) -> None:
    path, placed = long_file
    progress: list[Progress] = []
    windows: list[WindowDone] = []
    # Greedy: half the time of beams of five (15 s against 30 s here), at 3.6 % WER
    # against 0.3 %; windows, progress and times are what this test is about.
    result = transcriber.transcribe(
        path, OPTIONS.with_(beam_size=1), on_progress=progress.append, on_window=windows.append
    )
    segs = result.segments
    assert result.info.duration == pytest.approx(LONG_SECONDS, abs=0.1)
    assert len(windows) >= 2, "a six-minute file is decoded in several windows"
    assert all(0.0 <= s.start <= s.end <= LONG_SECONDS for s in segs)
    assert all(a.start <= b.start for a, b in itertools.pairwise(segs))
    fractions = [p.fraction for p in progress]
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    # Absolute timestamps: the sentences spoken during a segment are its text.
    bad = [s for s in segs if not _text_matches_time(s, placed)]
    assert len(bad) <= len(segs) * 0.05, bad[:5]
    reference = " ".join(text for _, _, text in placed)
    assert speech.wer(reference, result.text) <= 0.15


def _text_matches_time(seg: Segment, placed: speech.Placed) -> bool:
    spoken = [text for t0, t1, text in placed if seg.start <= (t0 + t1) / 2 <= seg.end]
    return bool(spoken) and speech.wer(" ".join(spoken), seg.text) <= 0.5


def test_cancel_stops_within_one_segment(
    transcriber: Transcriber, long_file: tuple[Path, speech.Placed]
) -> None:
    path, _ = long_file
    token = CancelToken()
    seen: list[Segment] = []

    def on_segment(seg: Segment) -> None:
        seen.append(seg)
        if len(seen) == 3:
            token.cancel()

    with pytest.raises(Cancelled):
        transcriber.transcribe(path, OPTIONS, cancel=token, on_segment=on_segment)
    assert len(seen) == 3


def test_video_container_transcribes(transcriber: Transcriber, tmp_path: Path) -> None:
    text = "Please open the window because it is very warm in this room."
    video = make_video(tmp_path / "talk.mp4", speech.say_pcm(text, tmp_path))
    result = transcriber.transcribe(video, OPTIONS)
    assert speech.wer(text, result.text) <= 0.2, result.text


def test_model_is_reused_and_unloaded(transcriber: Transcriber, speech_wav: Path) -> None:
    transcriber.load(OPTIONS)
    key = transcriber.loaded_key
    assert key is not None and key[1:] == ("cpu", "int8", 2, 1)
    transcriber.load(OPTIONS.with_(language="en", beam_size=1))
    assert transcriber.loaded_key == key, "decoding options do not reload the model"
    transcriber.load(OPTIONS.with_(compute_type="float32"))
    assert transcriber.loaded_key is not None and transcriber.loaded_key[2] == "float32"
    transcriber.unload()
    assert transcriber.loaded_key is None


def test_english_model_refuses_other_languages(transcriber: Transcriber, speech_wav: Path) -> None:
    with pytest.raises(StenodeskError) as err:
        transcriber.transcribe(speech_wav, OPTIONS.with_(language="fr"))
    assert err.value.kind is ErrorKind.LANGUAGE_UNSUPPORTED
    assert "English only" in str(err.value.message)


def test_bad_input_fails_before_loading_a_model(tmp_path: Path, model_cache: Path) -> None:
    from stenodesk.core.models.resolve import ModelResolver

    fresh = Transcriber(ModelResolver(model_cache))
    bad = tmp_path / "bad.wav"
    bad.write_text("not audio")
    with pytest.raises(StenodeskError) as err:
        fresh.transcribe(bad, OPTIONS)
    assert err.value.kind is ErrorKind.NOT_MEDIA
    assert fresh.loaded_key is None


def test_missing_model_says_how_to_get_it(transcriber: Transcriber, speech_wav: Path) -> None:
    with pytest.raises(StenodeskError) as err:
        transcriber.transcribe(speech_wav, OPTIONS.with_(model="large-v3"))
    assert err.value.kind is ErrorKind.MODEL_MISSING
    assert "stenodesk models download large-v3" in str(err.value.message)


@pytest.mark.parametrize("batch", [0, 4])
def test_word_timestamps_and_batched_mode(
    transcriber: Transcriber, speech_wav: Path, speech_text: str, batch: int
) -> None:
    options = OPTIONS.with_(word_timestamps=True, batch_size=batch, vad_filter=True)
    result = transcriber.transcribe(speech_wav, options)
    assert speech.wer(speech_text, result.text) <= 0.15, result.text
    words = [w for s in result.segments for w in s.words]
    assert len(words) > 50
    assert all(
        s.start - 0.01 <= w.start <= w.end <= s.end + 0.01 for s in result.segments for w in s.words
    )
