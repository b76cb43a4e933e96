"""A loopback model server that speaks the parts of the Hugging Face Hub protocol
huggingface_hub uses, serving real files, with fault injection.

Endpoints: the model info API (``/api/models/OWNER/NAME[/revision/REV]``,
with ``?blobs=true`` sizes and hashes), the tree listing
(``/api/models/OWNER/NAME/tree/REV``), and ``/OWNER/NAME/resolve/REV/FILE``
with HEAD and GET. Like the Hub, a file kept in LFS redirects to a content
address (``/cdn/...``, which honours Range requests) and carries
``X-Linked-Size``/``X-Linked-Etag``; a small file is served directly with its
git blob id as ETag; every resolve answer has ``X-Repo-Commit``. Errors carry
``X-Error-Code`` (RepoNotFound, RevisionNotFound, EntryNotFound).

Faults: ``drop_at`` (close the connection once a file reaches an offset),
``stall_at`` (stop sending at an offset until :meth:`release`), ``corrupt``
(serve a flipped byte N times), ``busy`` (answer 503 N times), ``throttle``
(bytes per second), ``refuse`` (answer every request with a status).
``served`` counts the body bytes sent per file, ``ranges`` the start offset
of every GET.
"""

from __future__ import annotations

import collections
import hashlib
import json
import re
import select
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMMIT = "3d1f2a9c4b5e6f708192a3b4c5d6e7f801234567"
CHUNK = 64 * 1024


@dataclass
class RepoFile:
    name: str
    path: Path
    lfs: bool
    size: int = 0
    sha256: str = ""
    git_sha1: str = ""

    def __post_init__(self) -> None:
        data = self.path.read_bytes()
        self.size = len(data)
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.git_sha1 = hashlib.sha1(f"blob {len(data)}\0".encode() + data).hexdigest()

    @property
    def etag(self) -> str:
        return self.sha256 if self.lfs else self.git_sha1


@dataclass
class Faults:
    drop_at: dict[str, int] = field(default_factory=dict)
    stall_at: dict[str, int] = field(default_factory=dict)
    corrupt: dict[str, int] = field(default_factory=dict)
    busy: dict[str, int] = field(default_factory=dict)
    throttle: float | None = None
    refuse: int | None = None


class HubServer:
    """Start with ``with HubServer() as hub:``; ``hub.url`` is the endpoint."""

    def __init__(self) -> None:
        self.repos: dict[str, dict[str, RepoFile]] = {}
        self.tokens: dict[str, str] = {}
        """Private repositories: repo id -> the access token they need."""
        self.faults = Faults()
        self.served: collections.Counter[str] = collections.Counter()
        self.ranges: list[tuple[str, int]] = []
        self.requests: list[str] = []
        self.stalled = threading.Event()
        self._released = threading.Event()
        self.lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.hub = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def add_repo(self, repo_id: str, files: dict[str, Path], lfs: tuple[str, ...] = ("model.bin",)):
        self.repos[repo_id] = {n: RepoFile(n, p, n in lfs) for n, p in files.items()}

    def stall(self, name: str, offset: int) -> None:
        """Stop sending ``name`` at ``offset`` (every request) until :meth:`release`."""
        self._released.clear()
        self.stalled.clear()
        self.faults.stall_at[name] = offset

    def release(self) -> None:
        """Let stalled transfers go on (and stop stalling)."""
        self.faults.stall_at.clear()
        self._released.set()

    def reset_counts(self) -> None:
        with self.lock:
            self.served.clear()
            self.ranges.clear()
            self.requests.clear()

    def __enter__(self) -> HubServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
        self._httpd.shutdown()
        self._httpd.server_close()


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A client that hangs up mid-file is what several tests do on purpose.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: ThreadingHTTPServer

    @property
    def hub(self) -> HubServer:
        return self.server.hub  # type: ignore[attr-defined,no-any-return]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._route(body=False)

    def do_GET(self) -> None:
        self._route(body=True)

    def _route(self, *, body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        with self.hub.lock:
            self.hub.requests.append(f"{self.command} {path}")
        if self.hub.faults.refuse is not None:
            return self._error(self.hub.faults.refuse, "Refused", "refused by test")
        if m := re.fullmatch(r"/api/models/([^/]+/[^/]+)(?:/revision/([^/]+))?", path):
            return self._info(m[1], m[2])
        if m := re.fullmatch(r"/api/models/([^/]+/[^/]+)/tree/([^/]+)(?:/.*)?", path):
            return self._tree(m[1], m[2])
        if m := re.fullmatch(r"/([^/]+/[^/]+)/resolve/([^/]+)/(.+)", path):
            return self._resolve(m[1], m[2], m[3], body=body)
        if m := re.fullmatch(r"/cdn/([^/]+/[^/]+)/(.+)", path):
            return self._content(m[1], m[2], body=body)
        return self._error(404, "", "no such endpoint")

    def _repo(self, repo_id: str, revision: str | None) -> dict[str, RepoFile] | None:
        token = self.hub.tokens.get(repo_id)
        if token is not None and self.headers.get("Authorization") != f"Bearer {token}":
            self._error(401, "RepoNotFound", "Repository not found")  # what the Hub says
            return None
        if repo_id not in self.hub.repos:
            self._error(404, "RepoNotFound", "Repository not found")
            return None
        if revision not in (None, "main", COMMIT):
            self._error(404, "RevisionNotFound", "Invalid rev id")
            return None
        return self.hub.repos[repo_id]

    def _info(self, repo_id: str, revision: str | None) -> None:
        files = self._repo(repo_id, revision)
        if files is None:
            return
        siblings = []
        for f in files.values():
            s: dict[str, object] = {"rfilename": f.name, "size": f.size, "blobId": f.git_sha1}
            if f.lfs:
                s["lfs"] = {"size": f.size, "sha256": f.sha256, "pointerSize": 134}
            siblings.append(s)
        self._json({"id": repo_id, "modelId": repo_id, "sha": COMMIT, "siblings": siblings})

    def _tree(self, repo_id: str, revision: str) -> None:
        files = self._repo(repo_id, revision)
        if files is None:
            return
        entries = []
        for f in files.values():
            e: dict[str, object] = {
                "type": "file",
                "path": f.name,
                "size": f.size,
                "oid": f.git_sha1,
            }
            if f.lfs:
                e["lfs"] = {"oid": f.sha256, "size": f.size, "pointerSize": 134}
            entries.append(e)
        self._json(entries)

    def _resolve(self, repo_id: str, revision: str, name: str, *, body: bool) -> None:
        files = self._repo(repo_id, revision)
        if files is None:
            return
        f = files.get(name)
        if f is None:
            return self._error(404, "EntryNotFound", "Entry not found", commit=True)
        if f.lfs:
            self.send_response(302)
            self.send_header("Location", f"{self.hub.url}/cdn/{repo_id}/{name}")
            self.send_header("X-Repo-Commit", COMMIT)
            self.send_header("X-Linked-Size", str(f.size))
            self.send_header("X-Linked-Etag", f'"{f.sha256}"')
            self.send_header("ETag", f'"{f.git_sha1}"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return self._content(repo_id, name, body=body)

    def _content(self, repo_id: str, name: str, *, body: bool) -> None:
        f = self.hub.repos.get(repo_id, {}).get(name)
        if f is None:
            return self._error(404, "EntryNotFound", "Entry not found")
        start = 0
        if m := re.fullmatch(r"bytes=(\d+)-", self.headers.get("Range", "")):
            start = int(m[1])
        if start > f.size:
            return self._error(416, "", "bad range")
        with self.hub.lock:
            busy = self.hub.faults.busy.get(name, 0)
            self.hub.faults.busy[name] = max(0, busy - 1)
        if busy:
            return self._error(503, "", "busy, try again")
        self.send_response(206 if "Range" in self.headers else 200)
        self.send_header("Content-Length", str(f.size - start))
        if "Range" in self.headers:
            self.send_header("Content-Range", f"bytes {start}-{f.size - 1}/{f.size}")
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("ETag", f'"{f.etag}"')
        self.send_header("X-Repo-Commit", COMMIT)
        self.end_headers()
        if body:
            with self.hub.lock:
                self.hub.ranges.append((name, start))
            self._send(f, start)
        return None

    def _send(self, f: RepoFile, start: int) -> None:
        faults = self.hub.faults
        flip = False
        with self.hub.lock:
            if faults.corrupt.get(f.name, 0) > 0:
                faults.corrupt[f.name] -= 1
                flip = True
        with f.path.open("rb") as fh:
            fh.seek(start)
            pos = start
            while pos < f.size:
                stall = faults.stall_at.get(f.name)
                if stall is not None and pos >= stall and not self._stall():
                    return
                drop = faults.drop_at.get(f.name)
                stops = [s for s in (stall, drop) if s is not None and s > pos]
                data = bytearray(fh.read(min([CHUNK, *(s - pos for s in stops)])))
                if flip and pos <= f.size // 2 < pos + len(data):
                    data[f.size // 2 - pos] ^= 0xFF
                self.wfile.write(data)
                with self.hub.lock:
                    self.hub.served[f.name] += len(data)
                pos += len(data)
                if drop is not None and pos >= drop:
                    faults.drop_at.pop(f.name, None)
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                if faults.throttle:
                    time.sleep(len(data) / faults.throttle)

    def _stall(self) -> bool:
        """Send nothing until released; False if the client went away meanwhile."""
        self.hub.stalled.set()
        while True:
            released = self.hub._released.wait(0.05)
            readable, _, _ = select.select([self.connection], [], [], 0)
            if readable and not self.connection.recv(1, socket.MSG_PEEK):
                self.close_connection = True
                return False
            if released:
                return True

    def _json(self, data: object) -> None:
        raw = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _error(self, status: int, code: str, message: str, *, commit: bool = False) -> None:
        raw = json.dumps({"error": message}).encode()
        self.send_response(status)
        if code:
            self.send_header("X-Error-Code", code)
        self.send_header("X-Error-Message", message)
        if commit:
            self.send_header("X-Repo-Commit", COMMIT)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(raw)
