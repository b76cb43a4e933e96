"""Speakers: who said what, offline, on ONNX Runtime (no PyTorch, no account).

models = load_models()
found = diarize_file(models, "talk.wav", DiarizeOptions(SpeakerCount(low=2, high=4)))
segments = assign_speakers(transcript.segments, found.turns)
"""

from stenodesk.core.speakers.assign import assign_speakers, speaker_at, split_segment
from stenodesk.core.speakers.choice import parse_speakers
from stenodesk.core.speakers.clustering import SpeakerCount
from stenodesk.core.speakers.models import SpeakerModels, load_models
from stenodesk.core.speakers.pipeline import (
    Analysis,
    DiarizeOptions,
    analyse,
    diarize,
    diarize_file,
    find_speakers,
)
from stenodesk.core.speakers.result import Diarization, DiarizeProgress, Turn
from stenodesk.core.speakers.score import Score, read_rttm, score, write_rttm
from stenodesk.core.speakers.transcript import add_speakers

__all__ = [
    "Analysis",
    "Diarization",
    "DiarizeOptions",
    "DiarizeProgress",
    "Score",
    "SpeakerCount",
    "SpeakerModels",
    "Turn",
    "add_speakers",
    "analyse",
    "assign_speakers",
    "diarize",
    "diarize_file",
    "find_speakers",
    "load_models",
    "parse_speakers",
    "read_rttm",
    "score",
    "speaker_at",
    "split_segment",
    "write_rttm",
]
