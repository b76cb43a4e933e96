"""One live recording: capture feeding the live transcriber, driven by the caller.

:class:`LiveSession` ties :class:`~.capture.Capture` to
:class:`~.live.LiveTranscriber` without a thread of its own: the caller calls
:meth:`LiveSession.pump` in a loop (the bridge from its engine thread, the
command line from its main loop) and :meth:`LiveSession.stop` at the end. A
device that fails ends the recording; everything captured until then is
kept in the WAV file and transcribed by :meth:`stop`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stenodesk.core.audio.capture import Capture, CaptureStats
from stenodesk.core.audio.live import Commit, LiveMetrics, LiveTranscriber, LiveUpdate
from stenodesk.core.engine.memory import release_free_memory
from stenodesk.core.errors import StenodeskError
from stenodesk.core.transcript import Transcript

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SessionResult:
    """What a finished recording left: its text, figures, WAV file and any device error."""

    commits: tuple[Commit, ...]
    metrics: LiveMetrics
    capture: CaptureStats
    failure: StenodeskError | None
    transcript: Transcript
    """The committed text as a transcript, for the exporters."""

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.commits)

    @property
    def wav_path(self) -> Path:
        return self.capture.wav_path


class LiveSession:
    """A recording in progress.

    Args:
        capture: the (not yet started) capture.
        live: the live transcriber; its clock should be ``capture.clock``.
        model: the model's name, recorded in the transcript.
        device: the device the model runs on, recorded in the transcript.
        compute_type: the model's compute type, recorded in the transcript.
    """

    def __init__(
        self,
        capture: Capture,
        live: LiveTranscriber,
        model: str = "",
        device: str = "cpu",
        compute_type: str = "int8",
    ) -> None:
        self.capture = capture
        self.live = live
        self.model = model
        self._device = device
        self._compute_type = compute_type
        self._failure: StenodeskError | None = None
        self._result: SessionResult | None = None

    def start(self) -> None:
        """Start recording.

        Raises:
            StenodeskError: NO_INPUT_DEVICE, AUDIO_DEVICE, OUTPUT_FAILED.
        """
        self.capture.start()

    @property
    def failure(self) -> StenodeskError | None:
        """The device error that ended the recording, if any."""
        return self._failure

    @property
    def running(self) -> bool:
        return self._failure is None and self._result is None

    def pump(self, timeout: float = 0.05) -> LiveUpdate | None:
        """Take the audio that arrived (waiting up to ``timeout``) and run one policy step.

        After a device failure it returns None and :attr:`running` is false;
        call :meth:`stop` to transcribe the rest.
        """
        if not self.running:
            return None
        try:
            pcm = self.capture.read(timeout)
        except StenodeskError as exc:
            self._failure = exc
            return None
        self.live.feed(pcm)
        return self.live.step()

    def stop(self) -> tuple[LiveUpdate, SessionResult]:
        """End the recording, transcribe everything not yet committed, finish the WAV."""
        if self._result is not None:
            return LiveUpdate((), "", self._result.metrics.audio_seconds), self._result
        self.live.feed(self.capture.stop())
        update = self.live.finish()
        stats = self.capture.stats
        self._result = SessionResult(
            commits=self.live.committed,
            metrics=self.live.metrics(stats.dropped_frames + stats.overflows),
            capture=stats,
            failure=self._failure,
            transcript=self.live.transcript(self.model, self._device, self._compute_type),
        )
        # The decodes' freed activations stay with the process until a trim
        # (core/engine/memory.py): 60 MiB for tiny.en, 100 MiB for base.
        release_free_memory()
        return update, self._result

    def run(
        self,
        should_stop: Callable[[], bool],
        on_update: Callable[[LiveUpdate], None],
        *,
        seconds: float | None = None,
    ) -> SessionResult:
        """Pump until ``should_stop()``, ``seconds`` of audio, or a device failure; then stop."""
        while self.running and not should_stop():
            if seconds is not None and self.capture.stats.seconds >= seconds:
                break
            update = self.pump()
            if update is not None:
                on_update(update)
        update, result = self.stop()
        on_update(update)
        return result
