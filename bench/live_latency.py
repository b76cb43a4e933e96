"""Live transcription latency: end of speech to committed text, through a virtual microphone.

    .venv/bin/python bench/live_latency.py [--sentences N] [--threads 2] [--model tiny.en]

Plays a fixed speech file (espeak-ng, the test sentences with 1.5 s pauses)
into a private PulseAudio null sink in real time; a child process records its
monitor through PortAudio with ``stenodesk live``'s pipeline (tiny.en int8 on
2 CPU threads by default) and notes when each text was committed. The
recording is aligned with the file to the sample, so each sentence's true end
is known in stream time; the latency of a sentence is the moment its last
word was committed minus that end. Prints each sentence, p50/p90 against the
target (p50 <= 1.0 s, p90 <= 2.0 s), the live engine's real-time factor and,
as a reference measured in the same run, plain faster-whisper's on the file.
Needs the test Debian packages (pulseaudio, pulseaudio-utils,
libasound2-plugins, espeak-ng).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the virtual microphone and speech helpers live in tests/

from tests.helpers import pulse, speech  # noqa: E402

from stenodesk.core.audio.engine import LIVE_BEAM_SIZE  # noqa: E402

TARGET_P50, TARGET_P90 = 1.0, 2.0


def child(args: argparse.Namespace) -> int:
    """Record from the virtual microphone until SIGINT; write commits and figures as JSON."""
    from stenodesk.core.audio.capture import Capture
    from stenodesk.core.audio.decode import SAMPLE_RATE
    from stenodesk.core.audio.engine import WhisperEngine
    from stenodesk.core.audio.live import LiveTranscriber
    from stenodesk.core.audio.session import LiveSession
    from stenodesk.core.engine.options import TranscribeOptions
    from stenodesk.core.engine.transcriber import Transcriber
    from stenodesk.core.models.resolve import ModelResolver

    options = TranscribeOptions(
        model=args.model,
        compute_type="int8",
        cpu_threads=args.threads,
        language="en",
        beam_size=args.beam_size,
    )
    engine = WhisperEngine.from_transcriber(Transcriber(ModelResolver(args.tmp)), options)
    engine.warm_up()
    capture = Capture(args.tmp / "rec.wav", "pulse")
    decodes: list[list[float]] = []

    class Noted:
        """The engine, noting each decode's stream times for --decodes."""

        def decode(self, pcm: Any, prompt: str, *, draft: bool = False) -> Any:
            began = capture.clock()
            words = engine.decode(pcm, prompt, draft=draft)
            decodes.append([began, capture.clock(), len(pcm) / SAMPLE_RATE, float(draft)])
            return words

    session = LiveSession(capture, LiveTranscriber(Noted(), clock=capture.clock))
    session.start()
    stop = {"now": False}
    signal.signal(signal.SIGINT, lambda *_: stop.update(now=True))
    print("READY", file=sys.stderr, flush=True)
    cpu = time.process_time()
    result = session.run(lambda: stop["now"], lambda update: None)
    cpu = time.process_time() - cpu
    m = result.metrics
    data = {
        "commits": [
            {"text": c.text, "start": c.start, "end": c.end, "at": c.committed_at}
            for c in result.commits
        ],
        "phrases": [[p.start, p.end, p.latency] for p in m.phrases],
        "engine_seconds": m.engine_seconds,
        "audio_seconds": m.audio_seconds,
        "decodes": m.decodes,
        "dropped": m.dropped_frames,
        "decode_times": decodes,
        "cpu_seconds": cpu,
    }
    (args.tmp / "live.json").write_text(json.dumps(data), encoding="utf-8")
    return 0


def offline_rtf(clip: Path, model: str, threads: int, cache: Path) -> float:
    """Plain faster-whisper on the whole file: the reference speed on this machine, now."""
    from faster_whisper import WhisperModel

    from stenodesk.core.audio.decode import decode_all
    from stenodesk.core.models.resolve import ModelResolver

    pcm = decode_all(clip)
    wm = WhisperModel(
        str(ModelResolver(cache)(model)), device="cpu", compute_type="int8", cpu_threads=threads
    )
    started = time.perf_counter()
    segments, _ = wm.transcribe(pcm, language="en", beam_size=5)
    list(segments)
    return (time.perf_counter() - started) / (len(pcm) / speech.SR)


def sentence_latencies(clip: pulse.Clip, data: dict[str, Any], offset: float) -> list[float]:
    """For each sentence, when its last word was committed, minus when it was said."""
    latencies = []
    for start, end, _ in clip.placed:
        s, e = start + offset, end + offset
        mine = [c for c in data["commits"] if s - 0.3 <= c["start"] < e]
        latencies.append(max(c["at"] for c in mine) - e if mine else float("nan"))
    return latencies


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--sentences", type=int, default=10)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--model", default="tiny.en")
    p.add_argument("--beam-size", type=int, default=LIVE_BEAM_SIZE, help="as the app")
    p.add_argument("--decodes", action="store_true", help="list every decode's stream times")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--tmp", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        return child(args)
    missing = pulse.missing_tools()
    if missing:
        print("missing: " + ", ".join(missing), file=sys.stderr)
        return 2
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    with tempfile.TemporaryDirectory(prefix="live-bench-") as tmp_name:
        tmp = Path(tmp_name)
        clip = pulse.make_clip(tmp / "speech.wav", speech.SENTENCES[: args.sentences], pause=1.5)
        load = os.getloadavg()
        with pulse.virtual_mic(tmp / "pulse") as mic:
            cmd = [sys.executable, __file__, "--child", "--tmp", str(tmp)]
            cmd += ["--threads", str(args.threads), "--model", args.model]
            cmd += ["--beam-size", str(args.beam_size)]
            done = pulse.record_while_playing(mic, cmd, clip.wav, ready="READY")
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        data = json.loads((tmp / "live.json").read_text())
        reference = offline_rtf(clip.wav, args.model, args.threads, tmp)
        from stenodesk.core.audio.decode import decode_all

        offset = pulse.find_offset(decode_all(tmp / "rec.wav"), clip.pcm)
        print(
            f"{args.model} int8, beam {args.beam_size}, {args.threads} CPU threads; "
            f"load average before: {load[0]:.2f}"
        )
        report(clip, data, offset, reference)
        if args.decodes:
            print(f"{'began':>8} {'ended':>8} {'audio':>6}  (stream seconds)")
            for began, ended, seconds, draft in data["decode_times"]:
                print(f"{began:>8.2f} {ended:>8.2f} {seconds:>6.2f}{'  draft' if draft else ''}")
    return 0


def report(
    clip: pulse.Clip,
    data: dict[str, Any],
    offset: float,
    reference: float,
) -> None:
    truth = sentence_latencies(clip, data, offset)
    print(f"{'sentence':>8} {'ends at':>8} {'latency':>8}  text")
    for i, ((_, end, text), lat) in enumerate(zip(clip.placed, truth, strict=True), 1):
        print(f"{i:>8} {end + offset:>7.2f}s {lat:>7.2f}s  {text}")
    got = np.array([x for x in truth if not np.isnan(x)])
    text = " ".join(c["text"] for c in data["commits"])
    p50, p90 = np.percentile(got, 50), np.percentile(got, 90)
    verdict = "met" if p50 <= TARGET_P50 and p90 <= TARGET_P90 else "NOT met"
    print(f"latency p50 {p50:.2f} s, p90 {p90:.2f} s, max {got.max():.2f} s ({len(got)} sentences)")
    print(f"target p50 <= {TARGET_P50} s, p90 <= {TARGET_P90} s: {verdict}")
    own = np.array([ph[2] for ph in data["phrases"]])
    if len(own):
        print(
            f"as the session measured it (VAD phrase ends, {len(own)} phrases): "
            f"p50 {np.percentile(own, 50):.2f} s, p90 {np.percentile(own, 90):.2f} s"
        )
    live_rtf = data["engine_seconds"] / data["audio_seconds"]
    print(
        f"live engine real-time factor {live_rtf:.2f} ({data['decodes']} decodes); plain "
        f"faster-whisper on the file {reference:.2f}; ratio {live_rtf / reference:.1f}x"
    )
    print(
        f"CPU time of the session {data['cpu_seconds']:.1f} s, "
        f"{data['cpu_seconds'] / max(1, data['decodes']):.2f} s per decode (all threads)"
    )
    print(f"word error rate {speech.wer(clip.text, text):.3f}; dropped frames {data['dropped']}")


if __name__ == "__main__":
    sys.exit(main())
