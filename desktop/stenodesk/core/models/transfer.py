"""Fetching one file with Range requests: resumable, cancellable, hashed on the fly.

``NAME.part`` grows by appending what arrives; after a cancel, a crash or a
dropped connection the next request asks for ``bytes=<size of .part>-``, so
nothing on disk is fetched twice. The bytes are hashed as they are written
(the prefix already on disk is hashed first), so a finished file is checked
without reading it again. A file that fails its hash is fetched once more
from the start; failing again, it is reported corrupt and not kept.
"""

from __future__ import annotations

import collections
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import httpx2

from stenodesk.core.cancel import CancelToken
from stenodesk.core.errors import Cancelled, ErrorKind, StenodeskError
from stenodesk.core.models.hub import MAX_TICK, RETRY_STATUS, TICK, Hub
from stenodesk.core.models.manifest import HEADER_BYTES, FileSpec, Manifest
from stenodesk.core.models.state import DownloadProgress

log = logging.getLogger(__name__)

PART = ".part"
CONNECT_ATTEMPTS = 3
"""Refused connections in a row before giving up (no server at all)."""


class Meter:
    """Counts bytes for one model and reports progress about ten times a second."""

    WINDOW = 3.0

    def __init__(
        self,
        model_id: str,
        total: int,
        on_progress: Callable[[DownloadProgress], None] | None,
        *,
        done: int = 0,
        joined: bool = False,
        interval: float = 0.1,
    ) -> None:
        self.model_id, self.total, self.done = model_id, total, done
        self._on_progress, self._joined, self._interval = on_progress, joined, interval
        self.file, self.file_done, self.file_total = "", 0, 0
        self._started = time.monotonic()
        self._last_emit = 0.0
        self._moved = 0
        self._samples: collections.deque[tuple[float, int]] = collections.deque()

    def start_file(self, name: str, done: int, total: int) -> None:
        self.file, self.file_done, self.file_total = name, done, total
        self.done += done
        self.emit(force=True)

    def advance(self, n: int) -> None:
        self.done += n
        self.file_done += n
        self._moved += n
        self.emit()

    def drop_file(self) -> None:
        """The file in transfer starts again from zero."""
        self.done -= self.file_done
        self.file_done = 0
        self.emit(force=True)

    def observe(self, done: int, total: int, file: str, file_done: int, file_total: int) -> None:
        """Absolute figures, for a call that watches another download."""
        self._moved += max(0, done - self.done)
        self.done, self.total = done, total
        self.file, self.file_done, self.file_total = file, file_done, file_total
        self.emit()

    def speed(self, now: float) -> float:
        self._samples.append((now, self._moved))
        while now - self._samples[0][0] > self.WINDOW:
            self._samples.popleft()
        t0, m0 = self._samples[0]
        return (self._moved - m0) / (now - t0) if now - t0 >= 0.5 else 0.0

    def emit(self, *, force: bool = False, retrying: bool = False) -> None:
        now = time.monotonic()
        speed = self.speed(now)
        if self._on_progress is None or (not force and now - self._last_emit < self._interval):
            return
        self._last_emit = now
        self._on_progress(
            DownloadProgress(
                self.model_id,
                self.done,
                self.total,
                self.file,
                self.file_done,
                self.file_total,
                speed,
                now - self._started,
                self._joined,
                retrying,
            )
        )


def fetch_file(
    hub: Hub,
    manifest: Manifest,
    spec: FileSpec,
    folder: Path,
    *,
    cancel: CancelToken,
    meter: Meter,
    check_head: Callable[[bytes], None] | None = None,
) -> None:
    """Fetch ``spec`` into ``folder`` (resuming ``NAME.part``), verify it, rename it to NAME.

    Raises:
        StenodeskError: MODEL_CORRUPT (the server's bytes fail the hash twice),
            NETWORK, HUB_REFUSED, REPO_NOT_FOUND, MODEL_INVALID (via ``check_head``).
        Cancelled: the token was set; the ``.part`` file stays for a resume.
    """
    part = folder / (spec.name + PART)
    problem = None
    for _attempt in range(2):
        transfer = _Transfer(hub, manifest, spec, cancel=cancel, meter=meter, check_head=check_head)
        have = transfer.resume(part)
        meter.start_file(spec.name, have, spec.size)
        with part.open("ab") as fh:
            transfer.run(fh)
            fh.flush()
            os.fsync(fh.fileno())
        problem = transfer.hasher.problem()
        if problem is None:
            part.replace(folder / spec.name)
            return
        log.warning("%s: downloaded file failed its check (%s); fetching it again", part, problem)
        part.unlink()
        meter.drop_file()
    raise StenodeskError(ErrorKind.MODEL_CORRUPT, manifest.model_id, f"from the server: {problem}")


class _Transfer:
    """The request loop for one file: reconnects until done, stalled too long, or cancelled."""

    def __init__(
        self,
        hub: Hub,
        manifest: Manifest,
        spec: FileSpec,
        *,
        cancel: CancelToken,
        meter: Meter,
        check_head: Callable[[bytes], None] | None,
    ) -> None:
        self.hub, self.manifest, self.spec = hub, manifest, spec
        self.cancel, self.meter, self.check_head = cancel, meter, check_head
        self.hasher = spec.new_hasher()
        self.have = 0
        self.head = b""
        self.fh: BinaryIO | None = None
        self.answered = False
        """The current request got its response headers."""

    def resume(self, part: Path) -> int:
        """Keep the bytes of ``part`` (hashing them); a part longer than the file is dropped."""
        try:
            have = part.stat().st_size
        except FileNotFoundError:
            return 0
        if have > self.spec.size:
            part.unlink()
            return 0
        with part.open("rb") as fh:
            while block := fh.read(1 << 20):
                self.cancel.raise_if_cancelled()
                self.hasher.update(block)
                if len(self.head) < HEADER_BYTES:
                    self.head += block[: HEADER_BYTES - len(self.head)]
        self.have = have
        return have

    def run(self, fh: BinaryIO) -> None:
        """Request what is missing until the file is complete."""
        self.fh = fh
        if self.check_head is not None and len(self.head) >= HEADER_BYTES:
            self.check_head(self.head)
        timeout, refused, failures = TICK, 0, 0
        last_progress = time.monotonic()
        with self.hub.errors(self.manifest.repo_id or self.manifest.model_id):
            while self.have < self.spec.size:
                self.cancel.raise_if_cancelled()
                before = self.have
                try:
                    self._request(timeout)
                    continue
                except (httpx2.TransportError, _RetryError) as exc:
                    if self.have > before:
                        last_progress, timeout, refused, failures = time.monotonic(), TICK, 0, 0
                    refused = refused + 1 if isinstance(exc, httpx2.ConnectError) else 0
                    failures += 1
                    stalled = time.monotonic() - last_progress
                    if stalled > self.hub.stall_limit or refused >= CONNECT_ATTEMPTS:
                        raise _network_error(self.hub, exc) from exc
                    if isinstance(exc, httpx2.TimeoutException) and not self.answered:
                        # A slow server's first answer gets more time; a stalled
                        # body keeps the short timeout, so a cancel still lands.
                        timeout = min(timeout * 2, MAX_TICK)
                    log.info("%s: %s at byte %d; resuming", self.spec.name, exc, self.have)
                    self.meter.emit(force=True, retrying=True)
                    # A timeout has waited already; a refused or dropped connection backs off.
                    pause = 0.0 if isinstance(exc, httpx2.TimeoutException) else 0.2 * failures
                    if pause and self.cancel.wait(min(pause, 2.0)):
                        raise Cancelled from None

    def _request(self, timeout: float) -> None:
        m = self.manifest
        self.answered = False
        with self.hub.open(m.repo_id or "", m.revision, self.spec.name, self.have, timeout) as r:
            self.answered = True
            if r.status_code in RETRY_STATUS:
                raise _RetryError(f"HTTP {r.status_code}")
            if r.status_code == 200 and self.have > 0:
                # The server ignored the Range header: take the whole file again.
                self._restart()
            elif r.status_code == 206 and not _range_starts_at(r, self.have):
                raise StenodeskError(
                    ErrorKind.HUB_REFUSED,
                    f"{self.hub.host}: wrong range",
                    r.headers.get("Content-Range", ""),
                )
            # No chunk size: what arrives is written at once, not held back to fill a chunk.
            for chunk in r.iter_bytes():
                self.cancel.raise_if_cancelled()
                self._write(chunk)
            if self.have < self.spec.size:
                raise _RetryError(f"the response ended at byte {self.have}")

    def _write(self, chunk: bytes) -> None:
        if self.have + len(chunk) > self.spec.size:
            raise StenodeskError(
                ErrorKind.MODEL_CORRUPT,
                self.manifest.model_id,
                f"{self.spec.name} is longer than declared",
            )
        assert self.fh is not None
        self.fh.write(chunk)
        # On disk as it arrives, not in the writer's buffer: a stalled server, a
        # cancel or a crash leaves every byte received in the .part file.
        self.fh.flush()
        self.hasher.update(chunk)
        self.have += len(chunk)
        self.meter.advance(len(chunk))
        if self.check_head is not None and len(self.head) < HEADER_BYTES:
            self.head += chunk[: HEADER_BYTES - len(self.head)]
            if len(self.head) >= HEADER_BYTES or self.have == self.spec.size:
                self.check_head(self.head)

    def _restart(self) -> None:
        assert self.fh is not None
        self.fh.seek(0)
        self.fh.truncate()
        self.hasher = self.spec.new_hasher()
        self.have = 0
        self.head = b""
        self.meter.drop_file()


class _RetryError(Exception):
    """A response to try again (a busy server, or a body that ended early)."""


def _range_starts_at(response: httpx2.Response, start: int) -> bool:
    value = response.headers.get("Content-Range", "")
    try:
        return int(value.split()[1].split("-")[0]) == start
    except (IndexError, ValueError):
        return False


def _network_error(hub: Hub, exc: Exception) -> StenodeskError:
    if isinstance(exc, _RetryError) and str(exc).startswith("HTTP"):
        return StenodeskError(ErrorKind.HUB_REFUSED, f"{hub.host}: {exc}")
    return StenodeskError(ErrorKind.NETWORK, hub.host, f"{type(exc).__name__}: {exc}")
