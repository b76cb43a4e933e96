"""The speaker step of a job: find who speaks in the file, then name them in the transcript."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from stenodesk.core.cancel import NEVER, CancelToken
from stenodesk.core.engine.result import SPEAKERS, Progress
from stenodesk.core.speakers.assign import assign_speakers
from stenodesk.core.speakers.clustering import SpeakerCount
from stenodesk.core.speakers.models import SpeakerModels
from stenodesk.core.speakers.pipeline import DiarizeOptions, diarize_file
from stenodesk.core.speakers.result import DiarizeProgress
from stenodesk.core.transcript import Transcript


def add_speakers(
    models: SpeakerModels,
    source: str | Path,
    transcript: Transcript,
    count: SpeakerCount,
    *,
    cancel: CancelToken = NEVER,
    on_progress: Callable[[Progress], None] = lambda _: None,
) -> Transcript:
    """``transcript`` of ``source`` with a speaker on every segment and word.

    Progress is reported like decoding's, as a position in the audio, with
    the phase :data:`~stenodesk.core.engine.result.SPEAKERS`, so a front end
    shows the speaker step as a second phase with the same bar and its own label.

    Raises:
        Cancelled: when ``cancel`` is set.
    """
    started = time.monotonic()
    duration = transcript.info.duration

    def report(p: DiarizeProgress) -> None:
        # Clustering comes after the whole file was analysed: the bar stays full.
        position = min(p.position, duration) if duration > 0 else 0.0
        on_progress(Progress(position, duration, time.monotonic() - started, phase=SPEAKERS))

    # At once, so the front end says "Finding speakers" before the first window is done.
    on_progress(Progress(0.0, duration, 0.0, phase=SPEAKERS))
    found = diarize_file(models, source, DiarizeOptions(count), cancel=cancel, on_progress=report)
    return Transcript(transcript.info, assign_speakers(transcript.segments, found.turns))
