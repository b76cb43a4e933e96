"""The model server, reached through huggingface_hub.

Everything here goes through huggingface_hub's own pieces (``HfApi`` for the
file listing, ``hf_hub_url``, ``build_hf_headers``, ``get_session``), so its
settings apply as users expect: the ``HF_ENDPOINT`` mirror, proxies, the
``HF_TOKEN`` for private repositories and ``HF_HUB_OFFLINE``. Its errors
become :class:`StenodeskError` kinds here and nowhere else.

Timeouts are short, so that a cancel is noticed about once a second even
when no byte arrives; only while a slow server has not answered a request at
all do they grow (1, 2, 4 s), and a cancel then waits for the current one.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterator
from typing import TypeVar
from urllib.parse import urlsplit

import httpx2
from huggingface_hub import (
    HfApi,
    constants,
    get_hf_file_metadata,
    get_session,
    hf_hub_url,
    hf_raise_for_status,
)
from huggingface_hub.errors import (
    HfHubHTTPError,
    HFValidationError,
    OfflineModeIsEnabled,
    RemoteEntryNotFoundError,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)

# huggingface_hub.utils exports these lazily, which mypy does not see as exported.
from huggingface_hub.utils import build_hf_headers, validate_repo_id  # type: ignore[attr-defined]

from stenodesk.core.cancel import NEVER, CancelToken
from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.models.manifest import WANTED, FileSpec, Manifest, missing_files

log = logging.getLogger(__name__)

T = TypeVar("T")

TICK = 1.0
"""First timeout of a request; the longest a cancel waits while bytes flow or stall."""
MAX_TICK = 4.0
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
"""Answers that mean "busy, try again" rather than "no"."""


def is_repo_id(text: str) -> bool:
    """True for a well-formed Hugging Face repository id (``owner/name``)."""
    if text.count("/") != 1:
        return False
    try:
        validate_repo_id(text)
    except HFValidationError:
        return False
    return True


def offline() -> bool:
    """huggingface_hub's offline mode (HF_HUB_OFFLINE), read the library's way."""
    return bool(constants.is_offline_mode())


class Hub:
    """One model server: huggingface_hub's default (``endpoint=None``) or a given URL.

    Args:
        endpoint: the server's base URL; None means huggingface_hub's
            (``HF_ENDPOINT`` or huggingface.co).
        token: an access token; None means huggingface_hub's (``HF_TOKEN`` or
            the saved login).
        stall_limit: seconds without progress before a request gives up.
    """

    def __init__(
        self,
        endpoint: str | None = None,
        token: str | None = None,
        *,
        stall_limit: float = 30.0,
    ) -> None:
        self.endpoint = endpoint.rstrip("/") if endpoint else None
        self._token = token
        self.stall_limit = stall_limit

    @property
    def host(self) -> str:
        """The server's host name, for messages."""
        return urlsplit(self.endpoint or constants.ENDPOINT).netloc or "model server"

    def manifest(
        self, repo_id: str, revision: str | None = None, *, cancel: CancelToken = NEVER
    ) -> Manifest:
        """The model files of a repository with their sizes and hashes.

        Raises:
            StenodeskError: REPO_NOT_FOUND, MODEL_INVALID (not a CTranslate2
                Whisper model), NETWORK, HUB_REFUSED, HUB_OFFLINE.
        """
        api = HfApi(endpoint=self.endpoint, token=self._token)
        with self.errors(repo_id):
            info = self.patiently(
                lambda t: api.model_info(
                    repo_id, revision=revision, files_metadata=True, timeout=t
                ),
                cancel,
            )
        commit = info.sha or revision
        specs = []
        for sibling in info.siblings or []:
            if not WANTED.match(sibling.rfilename):
                continue
            if sibling.lfs is not None:
                specs.append(
                    FileSpec(sibling.rfilename, sibling.lfs.size, sha256=sibling.lfs.sha256)
                )
            elif sibling.size is not None:
                specs.append(FileSpec(sibling.rfilename, sibling.size, git_sha1=sibling.blob_id))
            else:  # a listing without sizes: ask for the file itself
                specs.append(self._head(repo_id, sibling.rfilename, commit, cancel))
        missing = missing_files({s.name for s in specs})
        if missing:
            raise StenodeskError(ErrorKind.MODEL_INVALID, repo_id, "missing " + ", ".join(missing))
        # Small files first: config.json is checked before model.bin is fetched.
        specs.sort(key=lambda s: (s.name == "model.bin", s.size, s.name))
        return Manifest(repo_id, tuple(specs), repo_id=repo_id, revision=commit)

    def _head(self, repo_id: str, name: str, commit: str | None, cancel: CancelToken) -> FileSpec:
        url = hf_hub_url(repo_id, name, revision=commit, endpoint=self.endpoint)
        with self.errors(repo_id):
            meta = self.patiently(
                lambda t: get_hf_file_metadata(url, token=self._token, timeout=t),
                cancel,
            )
        if meta.size is None:
            raise StenodeskError(ErrorKind.HUB_REFUSED, self.host, f"no size for {name}")
        return FileSpec.from_etag(name, meta.size, meta.etag)

    @contextlib.contextmanager
    def open(
        self, repo_id: str, commit: str | None, name: str, start: int, timeout: float
    ) -> Iterator[httpx2.Response]:
        """A streaming GET of ``name`` from byte ``start`` (a Range request).

        The caller checks the status (206; 200 when the server ignored the
        range; a busy answer in :data:`RETRY_STATUS`) and handles transport
        errors; other HTTP errors raise here.
        """
        url = hf_hub_url(repo_id, name, revision=commit, endpoint=self.endpoint)
        headers = build_hf_headers(token=self._token)
        # Byte offsets only mean something in the file itself, never in a gzip of it.
        headers["Accept-Encoding"] = "identity"
        headers["Range"] = f"bytes={start}-"
        with get_session().stream(
            "GET", url, headers=headers, timeout=httpx2.Timeout(timeout), follow_redirects=True
        ) as response:
            if response.status_code >= 400 and response.status_code not in RETRY_STATUS:
                response.read()
                hf_raise_for_status(response)
            yield response

    def patiently(self, call: Callable[[float], T], cancel: CancelToken) -> T:
        """``call(timeout)``, retried with growing timeouts while the server is slow."""
        timeout, started = TICK, time.monotonic()
        while True:
            cancel.raise_if_cancelled()
            try:
                return call(timeout)
            except httpx2.TimeoutException:
                if time.monotonic() - started > self.stall_limit:
                    raise
                timeout = min(timeout * 2, MAX_TICK)

    @contextlib.contextmanager
    def errors(self, repo_id: str) -> Iterator[None]:
        """Turn huggingface_hub's and the transport's errors into StenodeskError kinds."""
        try:
            yield
        except OfflineModeIsEnabled as exc:
            raise StenodeskError(ErrorKind.HUB_OFFLINE, "HF_HUB_OFFLINE is set", str(exc)) from exc
        except (RepositoryNotFoundError, RevisionNotFoundError) as exc:
            raise StenodeskError(ErrorKind.REPO_NOT_FOUND, repo_id, _first_line(exc)) from exc
        except RemoteEntryNotFoundError as exc:
            raise StenodeskError(ErrorKind.MODEL_INVALID, repo_id, _first_line(exc)) from exc
        except HfHubHTTPError as exc:
            status = exc.response.status_code if exc.response is not None else "?"
            raise StenodeskError(
                ErrorKind.HUB_REFUSED, f"{self.host}: HTTP {status}", _first_line(exc)
            ) from exc
        except HFValidationError as exc:
            raise StenodeskError(ErrorKind.MODEL_UNKNOWN, repo_id, str(exc)) from exc
        except httpx2.TransportError as exc:
            raise StenodeskError(
                ErrorKind.NETWORK, self.host, f"{type(exc).__name__}: {exc}"
            ) from exc


def _first_line(exc: BaseException) -> str:
    return next((line for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
