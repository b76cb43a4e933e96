"""A virtual microphone for the tests: a private PulseAudio server with a null sink.

Speech played into the sink with ``paplay`` comes out of its monitor source,
which PortAudio records through ALSA's ``pulse`` device (libasound2-plugins).
The server runs in a temporary folder of its own, reachable only through
``PULSE_SERVER``, so tests never touch (or depend on) a desktop's sound.

PortAudio lists ALSA's devices once, when it is initialised, and lists none
if no server answers at that moment; so recording always happens in a child
process started with :meth:`VirtualMic.env`.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tests.helpers import speech

SINK = "steno_test"


@dataclass(frozen=True)
class VirtualMic:
    """A running private PulseAudio server and its null sink."""

    socket: Path
    sink: str = SINK

    @property
    def server(self) -> str:
        return f"unix:{self.socket}"

    @property
    def source(self) -> str:
        return f"{self.sink}.monitor"

    def env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """Environment for a process that records from (or plays into) the virtual microphone."""
        env = dict(os.environ if base is None else base)
        env.update(PULSE_SERVER=self.server, PULSE_SOURCE=self.source, PULSE_SINK=self.sink)
        return env

    def play(self, wav: Path) -> subprocess.Popen[bytes]:
        """Start playing ``wav`` into the sink in real time; wait on the returned process."""
        return subprocess.Popen(
            ["paplay", f"--device={self.sink}", str(wav)],
            env=self.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )


def missing_tools() -> list[str]:
    """The programs the virtual microphone needs that are not installed."""
    return [t for t in ("pulseaudio", "paplay", "pactl", "espeak-ng") if not shutil.which(t)]


@contextmanager
def virtual_mic(root: Path) -> Iterator[VirtualMic]:
    """Run a private PulseAudio server with a null sink until the block ends."""
    runtime = root / "runtime"
    runtime.mkdir(mode=0o700, parents=True)
    socket = runtime / "native"
    env = dict(os.environ)
    # Everything the server reads or writes stays under root.
    env.update(
        HOME=str(root),
        XDG_RUNTIME_DIR=str(runtime),
        XDG_CONFIG_HOME=str(root / "config"),
        PULSE_RUNTIME_PATH=str(runtime),
        PULSE_STATE_PATH=str(root / "state"),
    )
    env.pop("PULSE_SERVER", None)
    server = subprocess.Popen(
        [
            "pulseaudio",
            "-n",  # no default.pa: only the modules below
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--disallow-exit",
            "--use-pid-file=no",
            "--log-target=stderr",
            "--log-level=error",
            f"--load=module-null-sink sink_name={SINK} rate=44100",
            f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    mic = VirtualMic(socket)
    try:
        _wait_ready(server, mic)
        yield mic
    finally:
        server.terminate()
        try:
            server.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate()


@contextmanager
def this_process_plays_into(mic: VirtualMic) -> Iterator[VirtualMic]:
    """Make this process's PortAudio output go to ``mic``'s sink until the block ends.

    For players running in the test process (the GUI's): PortAudio lists its
    devices once, so it is started again with the server set, and again after.
    """
    import sounddevice as sd

    names = ("PULSE_SERVER", "PULSE_SINK")
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update(PULSE_SERVER=mic.server, PULSE_SINK=mic.sink)
    sd._terminate()
    sd._initialize()
    try:
        yield mic
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        sd._terminate()
        sd._initialize()


def _wait_ready(server: subprocess.Popen[bytes], mic: VirtualMic) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if server.poll() is not None:
            err = server.stderr.read().decode() if server.stderr else ""
            raise RuntimeError(f"pulseaudio exited with {server.returncode}: {err}")
        done = subprocess.run(
            ["pactl", "list", "short", "sources"],
            env=mic.env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0 and mic.source in done.stdout:
            return
        time.sleep(0.1)
    raise RuntimeError("pulseaudio did not start within 20 s")


@dataclass(frozen=True)
class Clip:
    """Speech to play: the WAV file, its sentences and where each one is spoken (seconds)."""

    wav: Path
    pcm: np.ndarray
    placed: tuple[tuple[float, float, str], ...]

    @property
    def text(self) -> str:
        return " ".join(s for _, _, s in self.placed)

    @property
    def seconds(self) -> float:
        return len(self.pcm) / speech.SR


def make_clip(
    path: Path, sentences: tuple[str, ...], *, pause: float = 1.2, lead: float = 0.5
) -> Clip:
    """Sentences with ``pause`` seconds between them, written as a 16 kHz WAV.

    Each sentence is placed where its sound begins and ends (espeak-ng's own
    silence around it is left out of the span).
    """
    parts = [speech.silence(lead)]
    placed = []
    total = lead
    for sentence in sentences:
        pcm = speech.say_pcm(sentence, path.parent)
        a, b = speech_extent(pcm)
        placed.append((total + a, total + b, sentence))
        parts += [pcm, speech.silence(pause)]
        total += len(pcm) / speech.SR + pause
    pcm = np.concatenate(parts)
    speech.write_wav(path, pcm)
    return Clip(path, pcm, tuple(placed))


def find_offset(recording: np.ndarray, clip: np.ndarray) -> float:
    """Where ``clip`` starts in ``recording`` (both 16 kHz), to the sample.

    Envelopes (10 ms) find the rough place; the waveforms then pin it down.
    Negative when the recording began after the clip did (in its lead-in).
    """
    hop = 160
    coarse = _best_lag(_envelope(recording, hop), _envelope(clip, hop)) * hop
    start, _ = speech_extent(clip)
    i = round(start * speech.SR)
    piece = clip[i : i + 2 * speech.SR].astype(np.float64)
    lo = max(0, coarse + i - 2 * hop)
    region = recording[lo : coarse + i + len(piece) + 2 * hop].astype(np.float64)
    return (lo + _best_lag(region, piece, negative=False) - i) / speech.SR


def _best_lag(a: np.ndarray, b: np.ndarray, *, negative: bool = True) -> int:
    """The shift of ``b`` into ``a`` (b[0] at a[lag]) that correlates best."""
    n = 1 << int(np.ceil(np.log2(len(a) + len(b))))
    corr = np.fft.irfft(np.fft.rfft(a, n) * np.conj(np.fft.rfft(b, n)), n)
    lags = np.arange(n)
    lags[lags >= n - len(b) + 1] -= n  # the tail holds negative lags
    keep = (lags <= len(a) - 1) & ((lags >= 0) | negative)
    return int(lags[keep][np.argmax(corr[keep])])


def _envelope(pcm: np.ndarray, hop: int) -> np.ndarray:
    frames = len(pcm) // hop
    env = np.sqrt(np.mean(pcm[: frames * hop].reshape(frames, hop) ** 2, axis=1))
    return (env - env.mean()).astype(np.float64)


def speech_extent(pcm: np.ndarray, threshold: float = 0.01) -> tuple[float, float]:
    """First and last moment (seconds) where 10 ms of audio is louder than ``threshold`` RMS."""
    hop = 160
    frames = len(pcm) // hop
    rms = np.sqrt(np.mean(pcm[: frames * hop].reshape(frames, hop) ** 2, axis=1))
    loud = np.flatnonzero(rms > threshold)
    if not len(loud):
        return 0.0, 0.0
    return loud[0] * hop / speech.SR, (loud[-1] + 1) * hop / speech.SR


@dataclass(frozen=True)
class Recorded:
    """How a recording process ended."""

    returncode: int
    stdout: str
    stderr: str


def record_while_playing(
    mic: VirtualMic,
    cmd: list[str],
    clip: Path,
    *,
    ready: str,
    env: dict[str, str] | None = None,
    stop_signal: int | None = signal.SIGINT,
    stop_after: float | None = None,
    timeout: float = 300,
) -> Recorded:
    """Start ``cmd``, play ``clip`` once it prints ``ready`` on stderr, then stop it.

    The process gets ``stop_signal`` when the playback finished (or after
    ``stop_after`` seconds of playback); with None it is left to end by itself.
    """
    proc = subprocess.Popen(
        cmd,
        env=mic.env(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    head = []
    for line in proc.stderr:
        head.append(line)
        if ready in line:
            break
    else:
        out, err = proc.communicate(timeout=timeout)
        raise AssertionError(f"{cmd} never got ready ({proc.returncode}):\n{''.join(head)}{err}")
    player = mic.play(clip)
    started = time.monotonic()
    while proc.poll() is None and player.poll() is None:
        if stop_after is not None and time.monotonic() - started >= stop_after:
            break
        time.sleep(0.05)
    if proc.poll() is None and stop_signal is not None:
        proc.send_signal(stop_signal)
    if player.poll() is None:
        player.terminate()
    _, player_err = player.communicate(timeout=10)
    if player.returncode > 0:
        raise AssertionError(f"paplay failed: {player_err.decode(errors='replace')}")
    out, err = proc.communicate(timeout=timeout)
    return Recorded(proc.returncode, out, "".join(head) + err)
