"""Playing a file from a given second through PortAudio (sounddevice).

Only what is about to be heard is decoded: :func:`iter_pcm` starts at the
requested second and a timer on the GUI thread decodes a quarter second at a
time, staying about two seconds ahead of the speaker. PortAudio's own
callback thread only copies those blocks into its buffer; it takes no locks
the GUI holds, emits no Qt signals and counts underruns. When the callback
runs dry at the end of the file the timer notices and reports it.

Speed (0.5x to 2x, pitch kept) is applied by :class:`TimeStretcher` as blocks
are decoded; volume by the callback, so that it changes at once. Each queued
block carries how many seconds of the file it stands for, so that
:attr:`Player.position` stays a position in the file at any speed, and the
stretcher's state after it. A speed change keeps the next queued block,
drops the rest (made for the old speed) and goes on from that block's state
at the new speed, so the sound continues without a gap or a click. A seek
reopens the stream at the new place.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from stenodesk.bridge.audio_feed import Feed
from stenodesk.core.audio.decode import SAMPLE_RATE, Pcm, iter_pcm
from stenodesk.core.audio.stretch import TimeStretcher, check_speed
from stenodesk.core.errors import ErrorKind, StenodeskError

if TYPE_CHECKING:
    import sounddevice

log = logging.getLogger(__name__)

BLOCK_SECONDS = 0.25
AHEAD_SECONDS = 2.0
TICK_MS = 40


class Player(QObject):
    """Plays one media file from a position; one stream at a time.

    Signals:
        playing_changed(bool): started or stopped (paused, finished, failed).
        playback_failed(str, str): the user message and its fix.
        speed_changed(float): the playback speed was set (0.5 to 2.0).
        volume_changed(float): the volume was set (0.0 to 1.0).
    """

    playing_changed = Signal(bool)
    playback_failed = Signal(str, str)
    speed_changed = Signal(float)
    volume_changed = Signal(float)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stream: sounddevice.OutputStream | None = None
        self._decoder: Iterator[Pcm] | None = None
        self._stretcher = TimeStretcher(1.0)
        self._origin = 0.0
        self._last_state: TimeStretcher | None = None
        self._feed = Feed()
        self._source: Path | None = None
        self._start = 0.0
        self._rate = SAMPLE_RATE
        self._speed = 1.0
        self._volume = 1.0
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def source(self) -> Path | None:
        return self._source

    @property
    def has_stream(self) -> bool:
        """True while a stream is open, playing or paused."""
        return self._stream is not None

    @property
    def is_playing(self) -> bool:
        return self._stream is not None and bool(self._stream.active)

    @property
    def position(self) -> float:
        """Seconds into the file of what the speaker is playing now."""
        return self._start + self._feed.seconds_played

    @property
    def underruns(self) -> int:
        return self._feed.underruns

    @property
    def speed(self) -> float:
        return self._speed

    @property
    def volume(self) -> float:
        return self._volume

    def set_speed(self, speed: float) -> None:
        """Play at ``speed`` (0.5 to 2.0) with the pitch kept, from now on.

        Raises:
            ValueError: a speed outside 0.5 to 2.0.
        """
        speed = check_speed(speed)
        if speed == self._speed:
            return
        self._speed = speed
        if self._stream is not None and self._source is not None:
            self._respeed()
        self.speed_changed.emit(speed)

    def set_volume(self, volume: float) -> None:
        """Set the volume from 0.0 (silent) to 1.0 (as recorded); takes effect at once."""
        volume = min(1.0, max(0.0, float(volume)))
        if volume == self._volume:
            return
        self._volume = self._feed.volume = volume
        self.volume_changed.emit(volume)

    def seek(self, seconds: float) -> None:
        """Go to ``seconds`` into the file, staying paused or playing as before."""
        seconds = max(0.0, seconds)
        if self._stream is not None and self._source is not None:
            self._reopen(seconds)
        else:
            self._start = seconds
            self._feed = self._new_feed()

    def play(self, source: Path, start: float) -> bool:
        """Play ``source`` from ``start`` seconds; False (and a signal) if it cannot."""
        self.stop()
        if not self._try_open(source, start, run=True):
            return False
        self.playing_changed.emit(True)
        return True

    def _respeed(self) -> None:
        """Go on at the new speed after the next queued block, from the state it left."""
        assert self._source is not None
        queued = self._feed.take_queued()
        if queued:
            self._feed.blocks.append(queued[0])  # a little to play while the rest is redone
            resume = queued[0].after
        else:
            resume = self._last_state
        if resume is None:  # nothing decoded yet: start over where the speaker is
            self._reopen(self.position)
            return
        self._close_decoder()
        if resume.flushed:
            return  # the file's end is queued already: it plays out as it is
        self._stretcher = resume.snapshot()
        self._stretcher.speed = self._speed
        self._feed.ended = False
        self._decoder = iter_pcm(
            self._source,
            start=self._origin + self._stretcher.received / SAMPLE_RATE,
            block_seconds=BLOCK_SECONDS,
            collect=False,
        )
        self._last_state = self._stretcher.snapshot()
        self._top_up(AHEAD_SECONDS / 2)

    def _reopen(self, start: float) -> None:
        """The current stream again from ``start``: at a new place or speed."""
        assert self._source is not None
        playing = self.is_playing
        self._close_stream()
        if self._try_open(self._source, start, run=playing) or not playing:
            return
        self.playing_changed.emit(False)

    def _try_open(self, source: Path, start: float, *, run: bool) -> bool:
        try:
            self._open(source, start, run=run)
        except StenodeskError as exc:
            self._close_stream()
            message = exc.message
            log.info("playback of %s failed: %s", source.name, exc)
            self.playback_failed.emit(message.text, message.fix)
            return False
        return True

    def _new_feed(self) -> Feed:
        feed = Feed(self._rate)
        feed.volume = self._volume
        return feed

    def _open(self, source: Path, start: float, *, run: bool = True) -> None:
        try:
            import sounddevice as sd
        except OSError as exc:  # no PortAudio library on this system
            raise StenodeskError(ErrorKind.NO_OUTPUT_DEVICE, "", str(exc)) from exc

        self._source, self._start = source, max(0.0, start)
        self._rate = _output_rate(sd)
        self._feed = self._new_feed()
        self._stretcher = TimeStretcher(self._speed)
        self._origin = self._start  # where the stretcher's first input sample lies in the file
        self._last_state = None
        # No collection when a decoder ends: the callback would wait for the GIL meanwhile.
        self._decoder = iter_pcm(
            source, start=self._start, block_seconds=BLOCK_SECONDS, collect=False
        )
        self._top_up(AHEAD_SECONDS / 2)
        feed = self._feed

        def callback(out: Any, frames: int, time: Any, status: Any) -> None:
            feed.fill(out)

        try:
            self._stream = sd.OutputStream(
                samplerate=self._rate, channels=1, dtype="float32", callback=callback
            )
            if run:
                self._stream.start()
        except (sd.PortAudioError, OSError) as exc:
            raise StenodeskError(ErrorKind.NO_OUTPUT_DEVICE, "", str(exc)) from exc
        if run:
            self._timer.start()

    def toggle(self) -> None:
        """Pause a playing stream or continue a paused one."""
        if self._stream is None:
            return
        if self._stream.active:
            self._stream.stop()
            self._timer.stop()
            self.playing_changed.emit(False)
        elif not self._feed.drained:
            self._stream.start()
            self._timer.start()
            self.playing_changed.emit(True)

    def stop(self) -> None:
        """Stop and forget the current stream."""
        was_playing = self.is_playing
        self._close_stream()
        if was_playing:
            self.playing_changed.emit(False)

    def _close_stream(self) -> None:
        self._timer.stop()
        if self._stream is not None:
            self._stream.abort()
            self._stream.close()
            self._stream = None
        self._close_decoder()

    def _close_decoder(self) -> None:
        if self._decoder is not None:
            close = getattr(self._decoder, "close", None)
            if close is not None:
                close()
            self._decoder = None

    def _top_up(self, seconds: float) -> None:
        """Decode until ``seconds`` of audio wait for the speaker (or the file ends)."""
        if self._decoder is None:
            return
        target = int(seconds * self._rate)
        while self._feed.queued_frames() < target:
            before = self._stretcher.consumed
            try:
                block = self._stretcher.process(next(self._decoder))
            except StopIteration:
                block = self._stretcher.flush()
                self._queue(block, before)
                self._feed.ended = True
                self._close_decoder()
                return
            self._queue(block, before)

    def _queue(self, block: Pcm, consumed_before: float) -> None:
        seconds = (self._stretcher.consumed - consumed_before) / SAMPLE_RATE
        if not len(block):
            return
        self._last_state = self._stretcher.snapshot()
        self._feed.push(_resample(block, self._rate), seconds, self._last_state)

    @Slot()
    def _on_timer_timeout(self) -> None:
        try:
            self._top_up(AHEAD_SECONDS)
        except StenodeskError as exc:
            log.info("playback decoding failed: %s", exc)
            self._feed.ended = True
            self._close_decoder()
        if self._feed.drained:
            self.stop()


def _output_rate(sd: Any) -> int:
    """16 kHz if the output takes it (PulseAudio and ALSA's default do), else its own rate."""
    try:
        sd.check_output_settings(samplerate=SAMPLE_RATE, channels=1, dtype="float32")
        return SAMPLE_RATE
    except (sd.PortAudioError, ValueError, OSError):
        pass
    try:
        device = sd.query_devices(kind="output")
    except (sd.PortAudioError, ValueError) as exc:
        raise StenodeskError(ErrorKind.NO_OUTPUT_DEVICE, "", str(exc)) from exc
    return int(device["default_samplerate"])


def _resample(block: Pcm, rate: int) -> Pcm:
    if rate == SAMPLE_RATE or not len(block):
        return block
    n = max(1, round(len(block) * rate / SAMPLE_RATE))
    x = np.linspace(0.0, len(block) - 1, n)
    return np.interp(x, np.arange(len(block)), block).astype(np.float32)
