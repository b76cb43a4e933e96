"""Speakers onto transcripts: words by time overlap, segments split where the voice changes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from tests.helpers import conversations, recordings, speech

from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.speakers import SpeakerModels, Turn, assign_speakers, diarize, speaker_at
from stenodesk.core.transcript import Segment, Word

TURNS = (Turn(0.0, 4.0, 0), Turn(4.2, 9.0, 1), Turn(8.5, 9.5, 0))


def _words(*spans: tuple[float, float, str], speaker: int | None = None) -> tuple[Word, ...]:
    return tuple(Word(a, b, text, 0.9, speaker) for a, b, text in spans)


def test_a_word_goes_to_the_speaker_it_overlaps_most() -> None:
    assert speaker_at(TURNS, 3.5, 4.1) == 0
    assert speaker_at(TURNS, 3.9, 4.6) == 1
    assert speaker_at(TURNS, 8.6, 9.4) == 0  # overlap: the one who talks longer in it
    assert speaker_at(TURNS, 4.05, 4.15) == 0  # in a pause: the nearest turn
    assert speaker_at(TURNS, 20.0, 21.0) is None  # far from any turn


def test_a_segment_is_split_at_the_word_where_the_speaker_changes() -> None:
    words = _words(
        (2.8, 3.3, " Thank"), (3.3, 3.8, " you."), (4.3, 4.7, " Hello"), (4.7, 5.0, " there.")
    )
    segment = Segment(5, 2.8, 5.0, " Thank you. Hello there.", words, -0.2, 0.01)
    first, second = assign_speakers([segment], TURNS)
    assert (first.text, first.speaker, first.start, first.end) == (" Thank you.", 0, 2.8, 3.8)
    assert (second.text, second.speaker, second.start, second.end) == (" Hello there.", 1, 4.3, 5.0)
    assert (first.index, second.index) == (0, 1)
    assert [w.text for w in first.words + second.words] == [w.text for w in words]
    assert [w.speaker for w in first.words + second.words] == [0, 0, 1, 1]


def test_one_speaker_keeps_the_segment_whole() -> None:
    words = _words((0.5, 1.0, " One"), (1.0, 1.6, " voice."))
    segment = Segment(0, 0.5, 1.6, " One voice.", words)
    (only,) = assign_speakers([segment], TURNS)
    speaking = _words((0.5, 1.0, " One"), (1.0, 1.6, " voice."), speaker=0)
    assert only == Segment(0, 0.5, 1.6, " One voice.", speaking, speaker=0)


def test_segments_without_words_take_their_span_speaker() -> None:
    (only,) = assign_speakers([Segment(0, 4.5, 8.0, " Later.")], TURNS)
    assert only.speaker == 1
    assert assign_speakers([Segment(0, 30.0, 31.0, " Alone.")], TURNS)[0].speaker is None


@pytest.mark.slow
def test_whisper_segment_split_between_two_real_voices(
    transcriber,  # type: ignore[no-untyped-def]
    speaker_models: SpeakerModels,
    tmp_path: Path,
) -> None:
    """Allison's recorded prompt, then espeak-ng's voice after a short breath."""
    allison = conversations.load_prompt(recordings.require(recordings.ENGLISH[3]))
    robot = conversations.trimmed(speech.say_pcm(speech.SENTENCES[8], tmp_path))
    gap = np.zeros(int(0.35 * speech.SR), dtype=np.float32)
    pad = np.zeros(speech.SR // 2, dtype=np.float32)
    pcm = np.concatenate([pad, allison, gap, robot, pad])
    change = (len(pad) + len(allison) + len(gap) / 2) / speech.SR
    wav = speech.write_wav(tmp_path / "two.wav", pcm)

    found = diarize(speaker_models, [pcm])
    options = TranscribeOptions(model="tiny.en", cpu_threads=2, word_timestamps=True)
    segments = assign_speakers(transcriber.transcribe(wav, options).segments, found.turns)

    assert found.speakers == 2
    words = [(w, s.speaker) for s in segments for w in s.words]
    before = {speaker for w, speaker in words if w.end < change - 0.2}
    after = {speaker for w, speaker in words if w.start > change + 0.2}
    assert len(before) == 1 and len(after) == 1 and before != after
    assert all(w.speaker == speaker for w, speaker in words)
    for s in segments:  # no segment holds both voices
        assert s.end < change + 0.2 or s.start > change - 0.2
