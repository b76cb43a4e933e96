"""Live recording for the window: a bridge thread runs the capture and the live policy.

:class:`LiveRecorder` lives in the GUI thread and owns one QThread, started
when the Live page first needs it, with a :class:`LiveWorker` moved into it.
The worker lists input devices and runs a recording: it drives
:class:`~stenodesk.core.audio.session.LiveSession` (read audio, one policy
step, repeat) until the GUI sets the stop flag, then transcribes the rest and
reports. Recording has a thread of its own rather than the file-job thread:
a file job holds that thread for minutes, and audio cannot wait that long.
Signals carry frozen values only.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from stenodesk.bridge.jobs import JobError
from stenodesk.bridge.threads import SHUTDOWN_TIMEOUT_MS, WorkerThread
from stenodesk.bridge.worker import Throttle
from stenodesk.core.audio.capture import Capture
from stenodesk.core.audio.devices import pick_device, sounddevice_inputs
from stenodesk.core.audio.engine import LiveEngine
from stenodesk.core.audio.live import LiveTranscriber
from stenodesk.core.audio.session import LiveSession
from stenodesk.core.engine.device import DevicePlanner
from stenodesk.core.engine.modelcache import ModelCache
from stenodesk.core.engine.options import TranscribeOptions

log = logging.getLogger(__name__)

EngineFactory = Callable[[TranscribeOptions], tuple[TranscribeOptions, LiveEngine]]
"""Picks and loads the model for a recording (in the live thread): the options
as they will run (a concrete model, device and compute type) and the engine."""


@dataclass(frozen=True)
class LiveRequest:
    """A recording to make: where the WAV goes, which input, which model."""

    wav: Path
    device: str | int | None
    options: TranscribeOptions


@dataclass(frozen=True)
class LiveLevel:
    """For the meter and the clock: peak level (0..1) and seconds recorded."""

    level: float
    seconds: float


def whisper_engines(
    models: ModelCache,
    plan_device: DevicePlanner,
    model_root: Path,
    downloaded: Callable[[], frozenset[str]] = frozenset,
) -> EngineFactory:
    """The real engine factory: the user's model ("auto" picks a built-in).

    Models load through ``models``, the cache the file-job thread uses too,
    with the same device planner: a recording that asks for the model a file
    job has loaded uses it rather than loading a second copy. Models are found
    as for file jobs (the cache's resolver), so a model downloaded on the
    Models page serves the Live page too.

    Args:
        models: the model cache shared with the engine thread.
        plan_device: picks device and compute type, as for file jobs.
        model_root: the model folder from the settings.
        downloaded: names the models ready besides the built-ins, which
            "auto" and a job's language or task may switch to (as for file jobs).
    """

    def make(options: TranscribeOptions) -> tuple[TranscribeOptions, LiveEngine]:
        from stenodesk.core.audio.engine import WhisperEngine, live_model_options
        from stenodesk.core.jobs.prepare import choose

        options = choose(options, model_root, downloaded()).options
        loaded = models.get(live_model_options(options), plan_device(options))
        options = options.with_(device=loaded.plan.device, compute_type=loaded.plan.compute_type)
        engine = WhisperEngine(loaded.model, options)
        engine.warm_up()
        return options, engine

    return make


class LiveWorker(QObject):
    """Runs in the live thread; see :class:`LiveRecorder` for the signals."""

    devices_listed = Signal(object)
    recording_started = Signal(object)
    level_changed = Signal(object)
    text_changed = Signal(object)
    recording_finished = Signal(object)
    recording_failed = Signal(object)

    def __init__(self, make_engine: EngineFactory, stop: threading.Event) -> None:
        super().__init__()
        self._make_engine = make_engine
        self._stop = stop

    @Slot()
    def list_devices(self) -> None:
        try:
            devices = sounddevice_inputs()
        except Exception as exc:  # the page shows "no microphone" and the reason
            log.info("listing input devices failed: %s", exc)
            devices = ()
        self.devices_listed.emit(tuple(devices))

    @Slot(object)
    def record(self, request: LiveRequest) -> None:
        try:
            pick_device(request.device, sounddevice_inputs())  # before a model loads for nothing
            options, engine = self._make_engine(request.options)
            capture = Capture(request.wav, request.device)
            live = LiveTranscriber(engine, clock=capture.clock)
            session = LiveSession(
                capture, live, options.model, options.device, options.compute_type
            )
            session.start()
        except Exception as exc:  # caught at the job boundary, reported with a kind
            log.info("live recording could not start", exc_info=True)
            self.recording_failed.emit(JobError.from_exception(exc))
            return
        log.info("recording live with %s to %s", options.model, request.wav)
        self.recording_started.emit(capture.device)
        self._pump(session)

    def _pump(self, session: LiveSession) -> None:
        throttle = Throttle(1 / 15)
        capture = session.capture
        started = time.monotonic()
        try:
            while session.running and not self._stop.is_set():
                update = session.pump()
                if update is not None:
                    self.text_changed.emit(update)
                if throttle.ready():
                    self.level_changed.emit(LiveLevel(capture.level, capture.stats.seconds))
            update, result = session.stop()
        except Exception as exc:  # a bug: keep the WAV, say what happened
            log.exception("live recording failed")
            session.capture.stop()
            self.recording_failed.emit(JobError.from_exception(exc))
            return
        self.text_changed.emit(update)
        self.level_changed.emit(LiveLevel(0.0, result.capture.recorded_seconds))
        log.info("live recording done in %.1f s", time.monotonic() - started)
        self.recording_finished.emit(result)


class LiveRecorder(QObject):
    """The GUI's handle on live recording.

    Signals:
        devices_listed(tuple[InputDevice, ...]): the inputs PortAudio offers.
        recording_started(InputDevice): the stream runs.
        level_changed(LiveLevel): about fifteen times a second while recording.
        text_changed(LiveUpdate): newly committed text and the tentative tail.
        recording_finished(SessionResult): all text committed, the WAV complete;
            its ``failure`` is set when the device failed mid-recording.
        recording_failed(JobError): the recording could not start (no device,
            model missing) or broke; nothing more comes for it.
    """

    devices_listed = Signal(object)
    recording_started = Signal(object)
    level_changed = Signal(object)
    text_changed = Signal(object)
    recording_finished = Signal(object)
    recording_failed = Signal(object)
    _list_requested = Signal()
    _record_requested = Signal(object)

    def __init__(self, make_engine: EngineFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._worker = LiveWorker(make_engine, self._stop)
        self.worker_thread = WorkerThread("stenodesk-live", self._worker, on_stop=self._stop.set)
        self._list_requested.connect(self._worker.list_devices)
        self._record_requested.connect(self._worker.record)
        w = self._worker
        w.devices_listed.connect(self.devices_listed)
        w.recording_started.connect(self.recording_started)
        w.level_changed.connect(self.level_changed)
        w.text_changed.connect(self.text_changed)
        w.recording_finished.connect(self._on_worker_recording_finished)
        w.recording_failed.connect(self._on_worker_recording_failed)
        self._recording = False

    @property
    def recording(self) -> bool:
        """From :meth:`record` until ``recording_finished`` or ``recording_failed``."""
        return self._recording

    def list_devices(self) -> None:
        self._ensure_thread()
        self._list_requested.emit()

    def record(self, request: LiveRequest) -> None:
        if self._recording:
            return
        self._ensure_thread()
        self._stop.clear()
        self._recording = True
        self._record_requested.emit(request)

    def stop(self) -> None:
        """End the recording; the rest is transcribed, then ``recording_finished`` comes."""
        self._stop.set()

    def shutdown(self, timeout_ms: int = SHUTDOWN_TIMEOUT_MS) -> bool:
        """Stop any recording (finished and kept) and the thread; True if it stopped in time."""
        return self.worker_thread.stop(timeout_ms)

    def _ensure_thread(self) -> None:
        self.worker_thread.ensure_started()

    @Slot(object)
    def _on_worker_recording_finished(self, result: object) -> None:
        self._recording = False
        self.recording_finished.emit(result)

    @Slot(object)
    def _on_worker_recording_failed(self, error: object) -> None:
        self._recording = False
        self.recording_failed.emit(error)
