"""The speaker step of a job: started with decoding, finished after it.

:meth:`SpeakerStep.start` begins the slow pass over the file (segmentation
and embeddings, :mod:`.background`) when decoding begins; once the
transcript is decoded, :meth:`SpeakerStep.finish` waits for what is left of
that pass, then clusters the voices and names the speaker of each segment
and word. The models are loaded once and kept for the next job. What the
pass analysed is handed to the job's journal as it goes
(:meth:`Started.take`), and a resumed job starts its pass from there.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stenodesk.core.cancel import CancelToken
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import SPEAKERS, Progress
from stenodesk.core.speakers.assign import assign_speakers
from stenodesk.core.speakers.background import BackgroundAnalysis
from stenodesk.core.speakers.choice import parse_speakers
from stenodesk.core.speakers.clustering import SpeakerCount
from stenodesk.core.speakers.models import SpeakerModels, load_models
from stenodesk.core.speakers.pipeline import (
    FROM_THE_START,
    AnalysisSoFar,
    DiarizeOptions,
    find_speakers,
)
from stenodesk.core.speakers.stored import Json, voices_record
from stenodesk.core.transcript import Transcript

ANALYSIS_THREADS = 1
"""ONNX Runtime threads for the pass alongside decoding: it takes an idle core, never both."""


@dataclass
class Started:
    """A job's speaker step under way."""

    analysis: BackgroundAnalysis
    count: SpeakerCount

    def stop(self) -> None:
        """Stop the pass and join its thread (the job ends; harmless once done)."""
        self.analysis.stop()

    def take(self) -> Json | None:
        """A journal record of what the pass analysed since the last call, if anything."""
        taken = self.analysis.take()
        return None if taken is None else voices_record(*taken)


class SpeakerStep:
    """Speakers for jobs that ask for them, with the models loaded on first use."""

    def __init__(self) -> None:
        self._models: SpeakerModels | None = None
        self._lock = threading.Lock()

    def _loaded(self) -> SpeakerModels:
        with self._lock:
            if self._models is None:
                self._models = load_models(threads=ANALYSIS_THREADS)
            return self._models

    def start(
        self,
        source: Path,
        options: TranscribeOptions,
        earlier: AnalysisSoFar = FROM_THE_START,
    ) -> Started | None:
        """Begin the pass over ``source`` when ``options`` ask for speakers; else None.

        ``earlier``: what an interrupted run of the job had analysed (the pass goes on from it).
        """
        count = parse_speakers(options.speakers)
        if count is None:
            return None
        analysis = BackgroundAnalysis(self._loaded, source, DiarizeOptions(count), earlier)
        return Started(analysis, count)

    def finish(
        self,
        started: Started,
        transcript: Transcript,
        cancel: CancelToken,
        on_progress: Callable[[Progress], None],
    ) -> Transcript:
        """``transcript`` with a speaker on every segment and word.

        Progress is the pass's position in the audio, with the phase
        :data:`~stenodesk.core.engine.result.SPEAKERS`.

        Raises:
            Cancelled: ``cancel`` was set.
        """
        begun = time.monotonic()
        duration = transcript.info.duration

        def report(position: float) -> None:
            at = min(position, duration) if duration > 0 else 0.0
            on_progress(Progress(at, duration, time.monotonic() - begun, phase=SPEAKERS))

        analysis = started.analysis.wait(cancel, report)
        found = find_speakers(analysis, DiarizeOptions(started.count))
        segments = assign_speakers(transcript.segments, found.turns)
        return Transcript(transcript.info, segments, transcript.speaker_names)
