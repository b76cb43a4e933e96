"""A live recording in a child process, with faults injected, for the tests.

``python -m tests.core.audio.live_driver --json OUT ...`` records from the
virtual microphone (the environment names it) with the real capture, VAD and
tiny.en, like ``stenodesk live``, but it can put a failing stream in place of
the real one or slow the engine down. It prints ``READY`` on stderr once the
stream runs, stops on SIGINT, SIGTERM, ``--seconds`` or a device failure, and
writes what happened as JSON.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stenodesk.core.audio.capture import Capture
from stenodesk.core.audio.decode import SAMPLE_RATE, Pcm
from stenodesk.core.audio.devices import InputStream, StreamRequest, sounddevice_stream
from stenodesk.core.audio.engine import LiveEngine, WhisperEngine
from stenodesk.core.audio.live import LiveTranscriber
from stenodesk.core.audio.session import LiveSession
from stenodesk.core.engine.memory import resident_bytes
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.transcript import Word


class SlowEngine:
    """The real engine, made slower than real time: it first sleeps ``factor`` x the audio."""

    def __init__(self, engine: LiveEngine, factor: float) -> None:
        self.engine = engine
        self.factor = factor

    def decode(self, pcm: Pcm, prompt: str, *, draft: bool = False) -> Sequence[Word]:
        time.sleep(self.factor * len(pcm) / SAMPLE_RATE)
        return self.engine.decode(pcm, prompt, draft=draft)


class _BrokenStream:
    """A real stream whose device 'fails' after a while: PortAudio errors from then on."""

    def __init__(self, stream: InputStream, broken: Any) -> None:
        self._stream = stream
        self._broken = broken

    @property
    def active(self) -> bool:
        import sounddevice as sd

        if self._broken():
            raise sd.PortAudioError("Unanticipated host error", -9999)
        return self._stream.active

    def start(self) -> None:
        self._stream.start()

    def stop(self) -> None:
        self._stream.stop()
        if self._broken():
            import sounddevice as sd

            raise sd.PortAudioError("Unanticipated host error", -9999)

    def close(self) -> None:
        self._stream.close()


def faulty_factory(kind: str, after: float) -> Any:
    """A stream factory whose streams fail after ``after`` seconds of audio.

    ``abort``: the callback aborts the stream, as PortAudio does when the
    device goes away. ``error``: the device stops delivering and every call
    raises PortAudioError. ``open``: the stream cannot be created.
    """

    def factory(request: StreamRequest) -> InputStream:
        import sounddevice as sd

        if kind == "open":
            raise sd.PortAudioError("Device unavailable", -9985)
        limit = int(after * request.samplerate)
        seen = [0]

        def callback(indata: Any, frames: int, time_info: Any, status: Any) -> None:
            if seen[0] >= limit:
                if kind == "abort":
                    raise sd.CallbackAbort
                return  # a dead device delivers nothing
            request.callback(indata, frames, time_info, status)
            seen[0] += frames

        real = sounddevice_stream(
            StreamRequest(
                request.device, request.samplerate, request.channels, request.blocksize, callback
            )
        )
        if kind == "error":
            return _BrokenStream(real, lambda: seen[0] >= limit)
        return real

    return factory


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--json", type=Path, required=True)
    p.add_argument("--wav", type=Path, required=True)
    p.add_argument("--model-cache", type=Path, required=True)
    p.add_argument("--device", default="pulse")
    p.add_argument("--seconds", type=float, default=120.0)
    p.add_argument("--fault", choices=("none", "abort", "error", "open"), default="none")
    p.add_argument("--fault-after", type=float, default=5.0)
    p.add_argument("--throttle", type=float, default=0.0)
    p.add_argument("--max-file-bytes", type=int, default=0, help="a full disk, as RLIMIT_FSIZE")
    args = p.parse_args(argv)

    from stenodesk.core.engine.transcriber import Transcriber
    from stenodesk.core.errors import StenodeskError
    from stenodesk.core.models.resolve import ModelResolver

    options = TranscribeOptions(model="tiny.en", compute_type="int8", cpu_threads=2, language="en")
    whisper = WhisperEngine.from_transcriber(Transcriber(ModelResolver(args.model_cache)), options)
    whisper.warm_up()
    engine: LiveEngine = SlowEngine(whisper, args.throttle) if args.throttle else whisper
    factory = faulty_factory(args.fault, args.fault_after) if args.fault != "none" else None
    capture = Capture(args.wav, args.device, **({"stream_factory": factory} if factory else {}))
    session = LiveSession(capture, LiveTranscriber(engine, clock=capture.clock))
    if args.max_file_bytes:
        # Writes past the limit fail with EFBIG (Python ignores SIGXFSZ).
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (args.max_file_bytes, args.max_file_bytes))
    try:
        session.start()
    except StenodeskError as exc:
        _write(args.json, {"start_error": {"kind": exc.kind.value, "message": str(exc.message)}})
        return 3
    at_stop: dict[str, Any] = {}

    def stop_pressed(*_: Any) -> None:
        # Runs as soon as the signal arrives (a sleeping slow engine wakes for it).
        at_stop.update(text=session.live.text, clock=capture.clock())

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, stop_pressed)
    print("READY", file=sys.stderr, flush=True)
    while session.running and not at_stop and capture.stats.seconds < args.seconds:
        session.pump()
    if not at_stop:
        stop_pressed()
    resident_before_stop = resident_bytes()
    _, result = session.stop()
    resident_after_stop = resident_bytes()
    m = result.metrics
    _write(
        args.json,
        {
            "at_stop": at_stop,
            "commits": [
                {"text": c.text, "start": c.start, "end": c.end, "committed_at": c.committed_at}
                for c in result.commits
            ],
            "failure": None
            if result.failure is None
            else {"kind": result.failure.kind.value, "message": str(result.failure.message)},
            "phrases": [[p.start, p.end, p.latency] for p in m.phrases],
            "dropped_frames": result.capture.dropped_frames,
            "overflows": result.capture.overflows,
            "recorded_seconds": result.capture.recorded_seconds,
            "native_rate": result.capture.native_rate,
            "real_time_factor": m.real_time_factor,
            "resident_mib": {
                "before_stop": (resident_before_stop or 0) / 2**20,
                "after_stop": (resident_after_stop or 0) / 2**20,
            },
        },
    )
    return 0


def _write(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
