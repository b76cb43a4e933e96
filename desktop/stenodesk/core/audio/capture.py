"""Microphone capture: a PortAudio input stream turned into 16 kHz mono audio.

The stream runs at the device's own rate. PortAudio calls :meth:`Capture._callback`
on its own thread; the callback only copies the frames into a bounded queue
and counts what it could not keep. The recorder thread takes them from
there, appends them to a WAV file (crash-safe, see :mod:`.wavwriter`) and
passes them on to a second queue; the caller (the bridge's engine thread, or
the command line loop) takes them with :meth:`Capture.read` and gets them
converted to 16 kHz mono with FFmpeg's resampler (PyAV).

The recorder thread is the one thread core creates, and the reason is crash
safety: the caller decodes speech between reads, and a decode can take
seconds on a busy machine. Were the WAV file written by the caller, a crash
in that time would lose everything since the last read, and the header
would say less than the file holds. The recorder never waits for a decode.

Streams come from a factory (:mod:`.devices`) so tests can put a failing
stream in place of the real one.
"""

from __future__ import annotations

import errno
import logging
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import numpy as np

from stenodesk.core.audio.decode import SAMPLE_RATE, Pcm
from stenodesk.core.audio.devices import (
    DeviceLister,
    Frames,
    InputDevice,
    InputStream,
    StreamFactory,
    StreamRequest,
    pick_device,
    sounddevice_inputs,
    sounddevice_stream,
)
from stenodesk.core.audio.resample import Resampler
from stenodesk.core.audio.wavwriter import GrowingWav
from stenodesk.core.errors import ErrorKind, StenodeskError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CaptureStats:
    """What a capture delivered and lost."""

    device: str
    native_rate: int
    channels: int
    seconds: float
    """Audio handed to the caller, at 16 kHz."""
    recorded_seconds: float
    """Audio in the WAV file."""
    overflows: int
    """Times PortAudio reported an input overflow (frames lost before they reached us)."""
    dropped_frames: int
    """Frames the callback could not queue because the consumer fell too far behind."""
    wav_path: Path


class Capture:
    """One recording from one input device.

    Call :meth:`start`, then :meth:`read` repeatedly, then :meth:`stop` (also
    after an error). :meth:`read` raises AUDIO_DEVICE once a failed stream has
    given up everything it captured; :meth:`stop` always keeps the recording.

    Args:
        wav_path: where the raw recording is written (its folder must exist).
        device: an index, a name or part of one; None for the default input.
        stream_factory: creates the PortAudio stream (tests inject faults here).
        list_devices: lists the inputs to choose from.
        queue_seconds: how much audio may wait for the consumer before frames
            are dropped (and counted).
        stall_seconds: a stream that delivers nothing for this long while
            :meth:`read` waits has failed.
        sync_seconds: how often the WAV header is fixed up on disk.
    """

    BLOCK_SECONDS = 0.02

    def __init__(
        self,
        wav_path: Path,
        device: str | int | None = None,
        *,
        stream_factory: StreamFactory = sounddevice_stream,
        list_devices: DeviceLister = sounddevice_inputs,
        queue_seconds: float = 180.0,
        stall_seconds: float = 3.0,
        sync_seconds: float = 1.0,
    ) -> None:
        self.wav_path = wav_path
        self._spec = device
        self._factory = stream_factory
        self._list_devices = list_devices
        blocks = max(1, int(queue_seconds / self.BLOCK_SECONDS))
        # PortAudio -> recorder (drained at once) and recorder -> caller (may lag).
        self._queue: queue.Queue[Frames] = queue.Queue(maxsize=blocks)
        self._ready: queue.Queue[Frames] = queue.Queue(maxsize=blocks)
        self._recorder: threading.Thread | None = None
        self._recording = threading.Event()
        self._write_failure: StenodeskError | None = None
        self._stall_seconds = stall_seconds
        self._sync_seconds = sync_seconds
        self._device: InputDevice | None = None
        self._stream: InputStream | None = None
        self._wav: GrowingWav | None = None
        self._resampler: Resampler | None = None
        self._rate = SAMPLE_RATE
        self._channels = 1
        self._t0: float | None = None
        self._overflows = 0
        self._dropped = 0  # counted on PortAudio's thread
        self._behind = 0  # counted on the recorder's
        self._delivered = 0
        self._waited = 0.0
        self._level = 0.0
        self._failure: StenodeskError | None = None
        self._stopped = False

    # -- the PortAudio thread ----------------------------------------------

    def _callback(self, indata: Frames, frames: int, time_info: Any, status: Any) -> None:
        # Runs on PortAudio's thread: copy, count, nothing else (no locks held
        # for long, no logging, no Qt).
        if self._t0 is None:
            self._t0 = time.monotonic() - frames / self._rate
        if status and status.input_overflow:
            self._overflows += 1
        try:
            self._queue.put_nowait(indata.copy())
        except queue.Full:
            self._dropped += frames

    # -- the caller's thread ---------------------------------------------------

    @property
    def device(self) -> InputDevice | None:
        return self._device

    @property
    def level(self) -> float:
        """Peak level (0..1) of the audio the last :meth:`read` returned, for a meter."""
        return self._level

    @property
    def failure(self) -> StenodeskError | None:
        """The device error that ended the recording, if one did."""
        return self._failure

    def clock(self) -> float:
        """Seconds of stream time now: how long ago the first captured frame was recorded."""
        return 0.0 if self._t0 is None else time.monotonic() - self._t0

    def start(self) -> None:
        """Pick the device, create the WAV file and start the stream.

        Raises:
            StenodeskError: NO_INPUT_DEVICE, AUDIO_DEVICE (PortAudio refused
                the device), OUTPUT_FAILED (the WAV cannot be created).
        """
        device = pick_device(self._spec, self._list_devices())
        self._device = device
        self._stream = self._open(device)
        try:
            self._wav = GrowingWav(
                self.wav_path, self._rate, self._channels, sync_seconds=self._sync_seconds
            )
        except OSError as exc:
            self._close_stream()
            raise StenodeskError(ErrorKind.OUTPUT_FAILED, self.wav_path.name, str(exc)) from exc
        self._resampler = Resampler(self._rate, self._channels)
        self._recording.set()
        self._recorder = threading.Thread(target=self._record, name="stenodesk-recorder")
        self._recorder.start()
        try:
            self._stream.start()
        except Exception as exc:  # PortAudioError and whatever a host API raises
            self._close_stream()
            self._stop_recorder()
            self._wav.close()
            self.wav_path.unlink(missing_ok=True)  # nothing was recorded
            raise StenodeskError(ErrorKind.AUDIO_DEVICE, device.name, str(exc)) from exc
        log.info(
            "recording from %s at %d Hz, %d channel(s) to %s",
            device.name,
            self._rate,
            self._channels,
            self.wav_path,
        )

    # -- the recorder thread ----------------------------------------------------

    def _record(self) -> None:
        """Write what PortAudio delivers to the WAV file, then hand it to the caller.

        Runs until :meth:`_stop_recorder` and the queue is empty. After a write
        error (a full disk) nothing more is written; the caller's next
        :meth:`read` raises it, which ends the recording like a failed device.
        """
        while True:
            try:
                block = self._queue.get(timeout=0.05)
            except queue.Empty:
                if not self._recording.is_set():
                    return
                continue
            self._write(block)
            try:
                self._ready.put_nowait(block)
            except queue.Full:
                self._behind += len(block)  # the caller is minutes behind

    def _write(self, block: Frames) -> None:
        if self._wav is None or self._write_failure is not None:
            return
        try:
            self._wav.write(block)
        except OSError as exc:
            self._write_failure = _write_error(self.wav_path, exc)

    def _stop_recorder(self) -> None:
        """Let the recorder write what is queued, and wait for it."""
        self._recording.clear()
        recorder, self._recorder = self._recorder, None
        if recorder is not None:
            recorder.join()

    # -- the caller's thread, continued ----------------------------------------

    def _open(self, device: InputDevice) -> InputStream:
        native = int(device.default_rate) or SAMPLE_RATE
        rates = dict.fromkeys((native, 48000, 44100, SAMPLE_RATE))
        tries = [(r, 1) for r in rates]
        if device.channels >= 2:
            tries += [(r, 2) for r in rates]
        error: Exception | None = None
        for rate, channels in tries:
            self._rate, self._channels = rate, channels
            request = StreamRequest(
                device.index, rate, channels, int(rate * self.BLOCK_SECONDS), self._callback
            )
            try:
                return self._factory(request)
            except Exception as exc:  # PortAudioError: this rate/channel count is refused
                log.info("%s refused %d Hz x %d: %s", device.name, rate, channels, exc)
                error = exc
        raise StenodeskError(ErrorKind.AUDIO_DEVICE, device.name, str(error))

    def read(self, timeout: float = 0.1) -> Pcm:
        """Audio captured since the last call, as 16 kHz mono; waits up to ``timeout``.

        Returns an empty array when nothing arrived in time.

        Raises:
            StenodeskError: AUDIO_DEVICE when the stream failed and everything it
                delivered has been returned; OUTPUT_FAILED or DISK_FULL when the
                WAV file cannot be written.
        """
        if self._failure is not None:
            raise self._failure
        if self._write_failure is not None:
            self._failure = self._write_failure
            raise self._failure
        if self._stream is None or self._stopped:
            raise StenodeskError(ErrorKind.JOB_STATE, "The recording is not running.")
        started = time.monotonic()
        blocks = self._take(timeout)
        if blocks:
            self._waited = 0.0
            return self._consume(blocks)
        self._waited += time.monotonic() - started
        self._check_stream()
        return np.zeros(0, dtype=np.float32)

    def _take(self, timeout: float) -> list[Frames]:
        blocks = []
        try:
            first = self._ready.get(timeout=timeout) if timeout > 0 else self._ready.get_nowait()
            blocks.append(first)
            for _ in range(self._ready.qsize()):
                blocks.append(self._ready.get_nowait())
        except queue.Empty:
            pass
        return blocks

    def _check_stream(self) -> None:
        assert self._stream is not None
        name = self._device.name if self._device else "input"
        try:
            active = self._stream.active
        except Exception as exc:  # PortAudioError from a stream whose device failed
            self._fail(name, f"PortAudio error: {exc}")
        if not active:
            self._fail(name, "the input stream stopped; was the device unplugged?")
        if self._waited >= self._stall_seconds:
            self._fail(name, f"no sound arrived for {self._waited:.1f} s")

    def _fail(self, name: str, detail: str) -> NoReturn:
        self._failure = StenodeskError(ErrorKind.AUDIO_DEVICE, f"{name}: {detail}", detail)
        log.warning("recording from %s failed: %s", name, detail)
        raise self._failure

    def _consume(self, blocks: list[Frames]) -> Pcm:
        native = np.concatenate(blocks) if len(blocks) > 1 else blocks[0]
        assert self._resampler is not None
        self._level = float(np.max(np.abs(native))) if len(native) else 0.0
        pcm = self._resampler.convert(native)
        self._delivered += len(pcm)
        return pcm

    def stop(self) -> Pcm:
        """Stop the stream, finish the WAV file and return the audio not yet read.

        Never raises for a failed device: what was captured is kept either way.
        """
        if self._stopped:
            return np.zeros(0, dtype=np.float32)
        self._stopped = True
        self._close_stream()
        self._stop_recorder()
        if self._write_failure is not None and self._failure is None:
            log.warning("could not keep all of the recording: %s", self._write_failure)
        parts = []
        blocks = self._take(0)
        if blocks:
            parts.append(self._consume(blocks))
        if self._resampler is not None:
            parts.append(self._resampler.flush())
            self._delivered += len(parts[-1])
        if self._wav is not None:
            try:
                self._wav.close()
            except OSError as exc:
                log.warning("could not finish %s: %s", self.wav_path, exc)
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)

    def _close_stream(self) -> None:
        stream, self._stream = self._stream, None
        if stream is None:
            return
        for step in (stream.stop, stream.close):
            try:
                step()
            except Exception as exc:  # a vanished device fails to stop; it is gone anyway
                log.info("closing the input stream: %s", exc)

    @property
    def stats(self) -> CaptureStats:
        return CaptureStats(
            device=self._device.name if self._device else "",
            native_rate=self._rate,
            channels=self._channels,
            seconds=self._delivered / SAMPLE_RATE,
            recorded_seconds=self._wav.seconds if self._wav else 0.0,
            overflows=self._overflows,
            dropped_frames=self._dropped + self._behind,
            wav_path=self.wav_path,
        )


def _write_error(path: Path, exc: OSError) -> StenodeskError:
    kind = ErrorKind.DISK_FULL if exc.errno == errno.ENOSPC else ErrorKind.OUTPUT_FAILED
    return StenodeskError(kind, path.name, str(exc))
