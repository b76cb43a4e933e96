"""Audio inputs: which ones PortAudio offers, picking one, and opening a stream on it.

Streams are made by a factory so tests can put a failing stream in place of
the real one; :func:`sounddevice_stream` is the real one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from stenodesk.core.errors import ErrorKind, StenodeskError

Frames = npt.NDArray[np.float32]
"""Raw captured frames: frames x channels, float32."""


@dataclass(frozen=True)
class InputDevice:
    """An audio input PortAudio offers."""

    index: int
    name: str
    channels: int
    default_rate: float
    is_default: bool = False
    host_api: str = ""

    @property
    def label(self) -> str:
        """What a device picker shows."""
        return f"{self.name} ({self.host_api})" if self.host_api else self.name


DeviceLister = Callable[[], Sequence[InputDevice]]


def sounddevice_inputs() -> tuple[InputDevice, ...]:
    """The input devices PortAudio found when it was initialised.

    A microphone plugged in later shows up after a restart of Stenodesk:
    restarting PortAudio in the process (python-sounddevice #125) lists it,
    but ALSA's pulse device then delivers a tenth of a second and stalls.

    Raises:
        StenodeskError: AUDIO_DEVICE if PortAudio cannot be used at all.
    """
    try:
        import sounddevice as sd

        devices = sd.query_devices()
        apis = sd.query_hostapis()
        default_in = int(sd.default.device[0])
    except Exception as exc:  # OSError without libportaudio, else sounddevice.PortAudioError
        raise StenodeskError(ErrorKind.AUDIO_DEVICE, "PortAudio", str(exc)) from exc
    found = []
    for d in devices:
        if int(d["max_input_channels"]) <= 0:
            continue
        found.append(
            InputDevice(
                index=int(d["index"]),
                name=str(d["name"]),
                channels=int(d["max_input_channels"]),
                default_rate=float(d["default_samplerate"]),
                is_default=int(d["index"]) == default_in,
                host_api=str(apis[int(d["hostapi"])]["name"]),
            )
        )
    return tuple(found)


def pick_device(spec: str | int | None, devices: Sequence[InputDevice]) -> InputDevice:
    """The device ``spec`` names: an index, an exact name, or a unique part of a name.

    None or an empty string means the system default input.

    Raises:
        StenodeskError: NO_INPUT_DEVICE if there is no input at all or none matches.
    """
    if not devices:
        raise StenodeskError(ErrorKind.NO_INPUT_DEVICE, "", "PortAudio lists no input devices")
    if spec is None or (isinstance(spec, str) and not spec.strip()):
        return next((d for d in devices if d.is_default), devices[0])
    if isinstance(spec, int) or spec.strip().isdigit():
        index = int(spec)
        for d in devices:
            if d.index == index:
                return d
    else:
        wanted = spec.strip()
        exact = [d for d in devices if d.name == wanted]
        if exact:
            return exact[0]
        partial = [d for d in devices if wanted.casefold() in d.name.casefold()]
        if len(partial) == 1:
            return partial[0]
    names = ", ".join(f"{d.index}: {d.name}" for d in devices)
    raise StenodeskError(ErrorKind.NO_INPUT_DEVICE, f' called "{spec}"', f"inputs: {names}")


Callback = Callable[[Frames, int, Any, Any], None]


@dataclass(frozen=True)
class StreamRequest:
    """What :class:`Capture` asks a stream factory for."""

    device: int
    samplerate: int
    channels: int
    blocksize: int
    callback: Callback


class InputStream(Protocol):
    """The part of ``sounddevice.InputStream`` that capture uses."""

    @property
    def active(self) -> bool: ...

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def close(self) -> None: ...


StreamFactory = Callable[[StreamRequest], InputStream]


def sounddevice_stream(request: StreamRequest) -> InputStream:
    """A real PortAudio input stream (float32 frames)."""
    import sounddevice as sd

    stream: InputStream = sd.InputStream(
        device=request.device,
        samplerate=request.samplerate,
        channels=request.channels,
        dtype="float32",
        blocksize=request.blocksize,
        callback=request.callback,
    )
    return stream
