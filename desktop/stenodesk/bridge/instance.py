"""One app per user and data folder: a second launch hands its files to the first.

Two windows writing the same job folder would each resume and append to the
other's jobs. So the first instance listens on a local socket named after
the user and the data folder (:func:`instance_name`); a later launch
connects, sends the files it was asked to open and the request to come
forward, waits for the first to confirm, and exits. A socket left behind by
a crash is removed when nobody answers on it.

The message is one line of JSON, ``{"files": ["/abs/path", ...]}``; the
answer is ``ok``.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

TIMEOUT_MS = 5_000
"""How long a second launch waits for the first to take its files."""
MAX_MESSAGE = 1_000_000
"""Bytes a message may have; more is not from us."""


def instance_name(data_folder: Path) -> str:
    """The socket name for this user's app using ``data_folder``."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        user = "user"
    digest = hashlib.sha256(f"{user}\0{data_folder.absolute()}".encode()).hexdigest()[:16]
    return f"stenodesk-{digest}"


class InstanceGuard(QObject):
    """Claims the single-instance socket, or hands files to the instance holding it.

    Signals:
        activation_requested(tuple[Path, ...]): another launch asked this
            instance to come forward and open these files (may be empty).
    """

    activation_requested = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def claim(self, files: Sequence[Path] = ()) -> bool:
        """Become the instance (True), or hand ``files`` to the running one (False).

        When the running instance does not answer in time, this one takes over.
        """
        for _attempt in range(2):  # a second try if another launch won the race to listen
            if self._hand_over(files):
                return False
            if self._listen():
                return True
        log.warning("cannot listen on %s; running without the single-instance guard", self.name)
        return True

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _hand_over(self, files: Sequence[Path]) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(TIMEOUT_MS):
            return False
        message = {"files": [str(Path(f).absolute()) for f in files]}
        socket.write((json.dumps(message) + "\n").encode("utf-8"))
        socket.flush()
        answered = False
        while socket.waitForReadyRead(TIMEOUT_MS):
            if bytes(socket.readAll().data()).strip() == b"ok":
                answered = True
                break
        socket.disconnectFromServer()
        if not answered:
            log.info("the running Stenodesk did not answer on %s", self.name)
        return answered

    def _listen(self) -> bool:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # Nobody answered, so a socket file is left from a crash: remove it and retry.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.info("listening on %s failed: %s", self.name, server.errorString())
                return False
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server
        log.info("single-instance guard listening on %s", self.name)
        return True

    @Slot()
    def _on_server_new_connection(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._on_socket_ready_read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _on_socket_ready_read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if len(data) > MAX_MESSAGE:
            log.info("dropping an oversized message on %s", self.name)
            socket.abort()
            return
        self._buffers[socket] = data
        if b"\n" not in data:
            return
        line = data.split(b"\n", 1)[0]
        try:
            files = tuple(Path(str(f)) for f in json.loads(line)["files"])
        except (ValueError, KeyError, TypeError) as exc:
            log.info("ignoring a malformed message on %s: %s", self.name, exc)
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        self.activation_requested.emit(files)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()
