"""``stenodesk live``: transcribe the microphone as you speak.

Committed text goes to stdout as it arrives, one phrase a line; what the
recording is doing, the latency figures and the path of the WAV recording go
to stderr. Ctrl+C (or ``--seconds``) stops the recording; what was said up to
then is transcribed before the command ends.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from stenodesk.core.audio.engine import LIVE_BEAM_SIZE
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.export.formats import FORMATS
from stenodesk.core.languages import parse_language
from stenodesk.core.settings import Settings

if TYPE_CHECKING:
    from stenodesk.commands.base import Context, SubParsers
    from stenodesk.core.audio.live import LiveUpdate
    from stenodesk.core.audio.session import SessionResult
    from stenodesk.core.transcript import Transcript

log = logging.getLogger(__name__)


def add_parser(sub: SubParsers, s: Settings) -> None:
    t = s.transcription
    p = sub.add_parser("live", help="transcribe the microphone as you speak")
    p.add_argument(
        "--device",
        default=s.audio.input_device or None,
        help="input device: index, name or part of one (default: the system default)",
    )
    p.add_argument("--model", default=t.model, help=f"model name or folder (default {t.model})")
    p.add_argument("--language", default=t.language or "auto", help="language code, or auto")
    p.add_argument("--seconds", type=float, help="stop after this many seconds")
    p.add_argument(
        "--output", type=Path, help="also write the transcript here (.srt, .vtt, .txt or .json)"
    )
    p.add_argument("--list-devices", action="store_true", help="list input devices and exit")
    p.add_argument("--threads", type=int, default=t.cpu_threads, help="CPU threads, 0 = auto")
    p.add_argument(
        "--beam-size",
        type=int,
        default=LIVE_BEAM_SIZE,
        help=f"beam size of a phrase's final decode (default {LIVE_BEAM_SIZE}; 1 is greedy)",
    )


def run(ctx: Context, args: argparse.Namespace) -> int:
    # Capture (sounddevice, PortAudio) is imported only when this command runs:
    # building the parser for any command must not load it.
    from stenodesk.commands import base
    from stenodesk.core.audio.capture import Capture
    from stenodesk.core.audio.live import LiveTranscriber
    from stenodesk.core.audio.session import LiveSession

    if args.list_devices:
        return _list_devices(ctx)
    fmt = None
    if args.output is not None:
        fmt = _format_for(args.output)
        if fmt is None or args.output.exists():
            problem = "exists already" if fmt else "needs a .srt, .vtt, .txt or .json name"
            print(f"stenodesk live: {args.output} {problem}", file=ctx.err)
            return base.EXIT_USAGE
    options = TranscribeOptions(
        model=args.model,
        device="cpu",
        compute_type="int8",
        cpu_threads=args.threads,
        language=parse_language(args.language),
        beam_size=args.beam_size,
    )
    try:
        options.validate()
    except ValueError as exc:
        print(f"stenodesk live: {exc}", file=ctx.err)
        return base.EXIT_USAGE
    try:
        options, engine = _engine(ctx, options)
    except StenodeskError as exc:
        print(exc.message, file=ctx.err)
        return base.EXIT_MODEL
    ctx.dirs.recordings.mkdir(parents=True, exist_ok=True)
    wav = ctx.dirs.recordings / f"live-{datetime.now():%Y%m%d-%H%M%S}.wav"
    capture = Capture(wav, args.device)
    session = LiveSession(capture, LiveTranscriber(engine, clock=capture.clock), options.model)
    try:
        session.start()
    except StenodeskError as exc:
        print(exc.message, file=ctx.err)
        return base.EXIT_INPUT
    name = capture.device.name if capture.device else "?"
    print(f'Recording from "{name}"; press Ctrl+C to stop.', file=ctx.err, flush=True)
    with _stop_requested() as stopped:
        result = session.run(stopped, lambda u: _show(ctx.out, u), seconds=args.seconds)
    _report(ctx.err, result)
    code = base.EXIT_OK
    if args.output is not None and fmt is not None:
        code = _write(ctx, result.transcript, fmt, args.output)
    if result.failure is not None:
        print(result.failure.message, file=ctx.err)
        return base.EXIT_PARTIAL
    return code


def _write(ctx: Context, transcript: Transcript, fmt: str, path: Path) -> int:
    from stenodesk.commands import base
    from stenodesk.core.export.writer import export

    try:
        export(transcript, fmt, path)
    except StenodeskError as exc:
        print(exc.message, file=ctx.err)
        return base.EXIT_PARTIAL
    print(f"Transcript: {path}", file=ctx.err)
    return base.EXIT_OK


def _engine(ctx: Context, options: TranscribeOptions) -> tuple[TranscribeOptions, Any]:
    """The model the options ask for ("auto" picks the built-in), loaded and warmed up."""
    from stenodesk.commands import models
    from stenodesk.commands.transcribe import prepare_job
    from stenodesk.core.audio.engine import WhisperEngine
    from stenodesk.core.engine.device import cpu_only_planner
    from stenodesk.core.engine.transcriber import Transcriber

    options, _ = prepare_job(ctx, options, "none")
    transcriber = Transcriber(models.make_resolver(ctx), plan_device=cpu_only_planner)
    engine = WhisperEngine.from_transcriber(transcriber, options)
    engine.warm_up()
    return options, engine


@contextlib.contextmanager
def _stop_requested() -> Iterator[Any]:
    """Ctrl+C and SIGTERM end the recording instead of the process."""
    flag = {"stop": False}

    def handler(signum: int, frame: Any) -> None:
        flag["stop"] = True

    saved = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield lambda: flag["stop"]
    finally:
        for s, previous in saved.items():
            signal.signal(s, previous)


def _show(out: TextIO, update: LiveUpdate | None) -> None:
    if update is None:
        return
    for commit in update.committed:
        print(f"[{_stamp(commit.start)}] {commit.text}", file=out, flush=True)


def _stamp(seconds: float) -> str:
    m, s = divmod(seconds, 60)
    return f"{int(m)}:{s:04.1f}"


def _report(err: TextIO, result: SessionResult) -> None:
    m = result.metrics
    if m.phrases:
        p50, p90 = m.latency_percentile(50), m.latency_percentile(90)
        print(
            f"Latency from end of speech to committed text, {len(m.phrases)} phrases: "
            f"p50 {p50:.2f} s, p90 {p90:.2f} s",
            file=err,
        )
        for p in m.phrases:
            print(f"  phrase {_stamp(p.start)}-{_stamp(p.end)}: {p.latency:.2f} s", file=err)
    print(
        f"Real-time factor {m.real_time_factor:.2f} ({m.engine_seconds:.1f} s of decoding "
        f"for {m.audio_seconds:.1f} s of audio, {m.decodes} decodes); "
        f"dropped frames: {m.dropped_frames}",
        file=err,
    )
    wav = result.wav_path
    print(
        f"Recording: {wav} ({result.capture.recorded_seconds:.1f} s); "
        f"transcribe it again with: stenodesk transcribe {wav}",
        file=err,
    )


def _list_devices(ctx: Context) -> int:
    from stenodesk.commands import base
    from stenodesk.core.audio.devices import sounddevice_inputs

    try:
        devices = sounddevice_inputs()
    except StenodeskError as exc:
        print(exc.message, file=ctx.err)
        return base.EXIT_INPUT
    if not devices:
        print(StenodeskError(ErrorKind.NO_INPUT_DEVICE).message, file=ctx.err)
        return base.EXIT_INPUT
    for d in devices:
        mark = "  (default)" if d.is_default else ""
        print(f"{d.index}: {d.label}, {d.channels} ch, {d.default_rate:.0f} Hz{mark}", file=ctx.out)
    return base.EXIT_OK


def _format_for(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return next((name for name, f in FORMATS.items() if f.extension == suffix), None)
