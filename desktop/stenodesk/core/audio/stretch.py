"""Changing the speed of speech without changing its pitch (WSOLA).

Waveform-similarity overlap-add: the output is built from Hann-windowed
frames of the input laid down every ``hop`` samples, half overlapping. The
frames are read from the input every ``hop * speed`` samples, so the output
is ``1 / speed`` times as long, while each frame keeps its own waveform (and
so its pitch). To avoid the phase jumps that would otherwise make a rough,
clicking sound, each frame may be taken up to ``tolerance`` seconds away
from its nominal place: where it best matches the continuation of the
previous frame in the input, found by normalised cross-correlation.

:class:`TimeStretcher` works on a stream: blocks of any size go in, the
output that is final comes out, and the state needed to continue is kept.
Where each frame is read depends only on the input samples and the speed,
not on how the input was cut into blocks. The speed may change between
blocks; it applies from the next frame on.
"""

from __future__ import annotations

import copy
import math

import numpy as np
import numpy.typing as npt

from stenodesk.core.audio.decode import SAMPLE_RATE, Pcm

MIN_SPEED = 0.5
MAX_SPEED = 2.0

_EMPTY: Pcm = np.zeros(0, dtype=np.float32)


def check_speed(speed: float) -> float:
    """``speed`` as a float if it is one the stretcher supports.

    Raises:
        ValueError: not a finite number from 0.5 to 2.0.
    """
    value = float(speed)
    if not math.isfinite(value) or not MIN_SPEED <= value <= MAX_SPEED:
        raise ValueError(f"speed must be from {MIN_SPEED} to {MAX_SPEED}, not {speed!r}")
    return value


class TimeStretcher:
    """Stream time-stretching at a kept pitch, for one mono signal.

    Args:
        speed: 0.5 (half speed, twice as long) to 2.0 (double speed).
        sample_rate: of the signal, in Hz.
        frame_seconds: length of each overlap-added frame; 40 ms holds a few
            periods of any voice, short enough not to smear syllables.
        tolerance_seconds: how far a frame may move to match its
            predecessor; 10 ms covers half a period of voices down to 50 Hz.
    """

    def __init__(
        self,
        speed: float = 1.0,
        *,
        sample_rate: int = SAMPLE_RATE,
        frame_seconds: float = 0.04,
        tolerance_seconds: float = 0.01,
    ) -> None:
        self._speed = check_speed(speed)
        self._hop = max(2, round(frame_seconds * sample_rate / 2))
        self._frame = 2 * self._hop
        self._tol = max(1, round(tolerance_seconds * sample_rate))
        # A periodic Hann window: copies half overlapping sum to exactly one.
        n = np.arange(self._frame)
        self._window = (0.5 - 0.5 * np.cos(2 * np.pi * n / self._frame)).astype(np.float32)
        self._first_window = self._window.copy()
        self._first_window[: self._hop] = 1.0  # nothing precedes the first frame: no fade-in
        self._fft = 1 << (self._frame + 2 * self._tol - 1).bit_length()
        self.reset()

    def reset(self) -> None:
        """Forget the stream; the next block starts a new one."""
        self._input = _EMPTY
        self._base = 0  # absolute index of self._input[0]
        self._received = 0  # input samples taken in so far
        self._nominal = 0.0  # where the next frame would be read without searching
        self._previous: int | None = None  # where the previous frame was read
        self._tail = np.zeros(self._hop, dtype=np.float32)  # its second half, windowed
        self._consumed = 0.0  # input seconds*rate the emitted output stands for
        self._flushed = False

    @property
    def speed(self) -> float:
        return self._speed

    @speed.setter
    def speed(self, value: float) -> None:
        self._speed = check_speed(value)

    @property
    def flushed(self) -> bool:
        """True once :meth:`flush` ended the stream."""
        return self._flushed

    @property
    def received(self) -> int:
        """Input samples taken in so far."""
        return self._received

    def snapshot(self) -> TimeStretcher:
        """An independent copy of the stream's state, to continue from later.

        Cheap: the arrays are never changed in place, only replaced, so the
        copy shares them (a few thousand samples at most).
        """
        return copy.copy(self)

    @property
    def consumed(self) -> float:
        """Input samples that the output given out so far stands for."""
        return self._consumed

    def process(self, block: Pcm) -> Pcm:
        """Take the next input samples; return the output that is now final.

        Raises:
            RuntimeError: after :meth:`flush`, without a :meth:`reset`.
        """
        if self._flushed:
            raise RuntimeError("the stream was flushed; reset() starts a new one")
        if len(block):
            self._input = np.concatenate([self._input, np.asarray(block, dtype=np.float32)])
            self._received += len(block)
        out = self._run(self._received)
        self._drop_used_input()
        return out

    def flush(self) -> Pcm:
        """Finish the stream: the rest of the output, ending where the input ended."""
        if self._flushed:
            return _EMPTY
        self._flushed = True
        end = self._received
        # Frames near the end read past it: pretend silence follows.
        pad = np.zeros(self._frame + 2 * self._tol + self._hop + 2, dtype=np.float32)
        self._input = np.concatenate([self._input, pad])
        out = self._run(end + len(pad), stop=end)
        if self._consumed > end:
            # The last frame stepped past the end: give back what stands for beyond it.
            over = round((self._consumed - end) / self._speed)
            out = out[: len(out) - over]
        else:
            # The last frame's fading half, cut where the input's end falls.
            left = round((end - self._consumed) / self._speed)
            out = np.concatenate([out, self._tail[: min(self._hop, left)]])
        self._consumed = float(end)
        return out

    def _run(self, available: int, stop: int | None = None) -> Pcm:
        """Lay down every frame whose input (and search region) is within ``available``."""
        pieces: list[Pcm] = []
        while True:
            nominal = round(self._nominal)
            if stop is not None and nominal >= stop:
                break
            need = nominal + self._tol + self._frame
            if self._previous is not None:
                need = max(need, self._previous + self._hop + self._frame)
            if need > available:
                break
            pieces.append(self._lay_frame(nominal))
        return np.concatenate(pieces) if pieces else _EMPTY

    def _lay_frame(self, nominal: int) -> Pcm:
        """Add the frame read near ``nominal``; return the ``hop`` samples now complete."""
        if self._previous is None:
            at, window = nominal, self._first_window
        else:
            at, window = self._best_match(nominal), self._window
        frame = self._slice(at, self._frame) * window
        out = self._tail + frame[: self._hop]
        self._tail = frame[self._hop :].copy()
        self._previous = at
        step = self._hop * self._speed
        self._nominal += step
        self._consumed += step
        return out.astype(np.float32, copy=False)

    def _best_match(self, nominal: int) -> int:
        """Where near ``nominal`` a frame best continues the previous one."""
        assert self._previous is not None
        template = self._slice(self._previous + self._hop, self._frame).astype(np.float64)
        lo = max(0, nominal - self._tol)
        hi = nominal + self._tol
        region = self._slice(lo, hi - lo + self._frame).astype(np.float64)
        lags = hi - lo + 1
        spectrum = np.fft.rfft(region, self._fft) * np.conj(np.fft.rfft(template, self._fft))
        corr = np.fft.irfft(spectrum, self._fft)[:lags]
        power = np.concatenate([[0.0], np.cumsum(region * region)])
        energy = power[self._frame : self._frame + lags] - power[:lags]
        # Normalised so a loud candidate does not win by loudness alone.
        score = corr / np.sqrt(np.maximum(energy, 1e-12))
        if not np.any(energy > 1e-9):
            return nominal  # silence: any place is as good, keep the nominal one
        return lo + int(np.argmax(score))

    def _slice(self, start: int, length: int) -> npt.NDArray[np.float32]:
        i = start - self._base
        assert i >= 0, "input needed again was already dropped"
        return self._input[i : i + length]

    def _drop_used_input(self) -> None:
        """Keep only the input that later frames may still read."""
        keep_from = round(self._nominal) - self._tol
        if self._previous is not None:
            keep_from = min(keep_from, self._previous + self._hop)
        drop = max(0, keep_from - self._base)
        if drop > 0:
            self._input = self._input[drop:]
            self._base += drop


def stretch(pcm: Pcm, speed: float, *, sample_rate: int = SAMPLE_RATE) -> Pcm:
    """A whole clip at ``speed``, pitch kept (see :class:`TimeStretcher`)."""
    stretcher = TimeStretcher(speed, sample_rate=sample_rate)
    return np.concatenate([stretcher.process(pcm), stretcher.flush()])
