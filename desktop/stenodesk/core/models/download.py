"""Downloading a model into the model folder: resumable, cancellable, verified.

Why not ``hf_hub_download``: in huggingface_hub 1.18 and later (2.x here) it
writes each attempt to a new uniquely named ``.incomplete`` file and deletes
it on failure (huggingface/huggingface_hub#4228, #4196), so nothing survives
a cancel or a crash to resume from; and its progress hook (``tqdm_class``) is
called once per 10 MB chunk, which on a slow line is far more than a second
between chances to cancel. So each file is fetched here with Range requests
(:mod:`stenodesk.core.models.transfer`) built from huggingface_hub's own
``hf_hub_url``, ``build_hf_headers`` and ``get_session``; the file listing
with sizes and hashes comes from ``HfApi.model_info``. Mirrors
(``HF_ENDPOINT``), proxies, ``HF_TOKEN`` and offline mode work as in
huggingface_hub.

The steps of one download (the *driver*):

1. Take the model's lock file (``root/.locks/<slug>.lock``, an OS file lock).
2. Ask the server for the manifest; check that it is a CTranslate2 Whisper model.
3. Stage in ``root/.partial/<slug>``: keep finished files whose spec still
   matches, drop the rest; a corrupt copy of the model is moved in first, so
   only its bad files are fetched again. Save the expected manifest there.
4. Check free space for what is missing (before the first byte).
5. Fetch each file (small ones first; config.json and the head of model.bin
   are checked before the rest of model.bin comes).
6. Rename the staging folder to ``root/<slug>``: the model appears complete
   and verified, or not at all.

Joining without threads: core creates no threads, so a second download of
the same model cannot hand its work to a helper. Instead the lock file is
the registry. A call that finds the lock held (another thread of this
process or another process; OS file locks are per open file, so both cases
look the same) becomes a *watcher*: on its caller's own thread it polls the
staging folder five times a second, reports progress from the bytes on disk
(``joined=True``), and returns the finished folder when the driver is done.
If the driver stops without finishing (cancelled, crashed, failed), the
watcher takes the lock and carries on as the driver from the bytes on disk.
Cancelling a watcher stops only the watching.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import filelock

from stenodesk.core.cancel import NEVER, CancelToken
from stenodesk.core.errors import Cancelled, ErrorKind, StenodeskError
from stenodesk.core.models.hub import Hub
from stenodesk.core.models.manifest import (
    MANIFEST_NAME,
    FileSpec,
    Manifest,
    check_config,
    check_model_header,
    file_problem,
    folder_problems,
)
from stenodesk.core.models.state import DownloadProgress
from stenodesk.core.models.store import (
    PART,
    ModelRef,
    ModelStore,
    RefKind,
    check_space,
    disk_free,
    partial_bytes,
    writable,
)
from stenodesk.core.models.transfer import Meter, fetch_file

log = logging.getLogger(__name__)

POLL = 0.2


class Downloader:
    """Downloads models into a :class:`ModelStore`.

    Args:
        store: where models go.
        hub: the model server.
        free_space: free bytes at a path (injectable to test the space check).
    """

    def __init__(
        self,
        store: ModelStore,
        hub: Hub,
        *,
        free_space: Callable[[Path], int] = disk_free,
    ) -> None:
        self.store = store
        self.hub = hub
        self._free_space = free_space

    def download(
        self,
        model: str | ModelRef,
        *,
        cancel: CancelToken = NEVER,
        on_progress: Callable[[DownloadProgress], None] | None = None,
    ) -> Path:
        """Make ``model`` ready and return its verified folder.

        A model that is ready already (here, in the Hugging Face cache, or
        built in) returns at once without the network. Runs on the caller's
        thread; report through ``on_progress``; check ``cancel`` about every
        second at worst.

        Raises:
            StenodeskError: MODEL_UNKNOWN, REPO_NOT_FOUND, MODEL_INVALID,
                MODEL_CORRUPT, NETWORK, HUB_REFUSED, HUB_OFFLINE, DISK_FULL,
                MODEL_FOLDER_DENIED.
            Cancelled: the token was set; what was fetched stays for a resume.
        """
        ref = self.store.ref(model) if isinstance(model, str) else model
        if ref.kind is RefKind.BUILTIN:
            builtin = self.store.builtin(ref)
            return builtin.prepare(
                self.store.builtin_context, cancel=cancel, on_progress=on_progress
            )
        if ref.kind is RefKind.IMPORTED:
            return self.store.ready_folder(ref)
        status = self.store.status(ref)
        if status.ready and status.folder is not None:
            return status.folder
        with writable(self.store.root), _disk_errors(ref.model_id):
            lock = self.store.lock(ref)
            watcher: Meter | None = None
            while True:
                if _try_lock(lock):
                    try:
                        return self._drive(ref, cancel, on_progress)
                    finally:
                        lock.release()
                if watcher is None:
                    log.info("%s is being downloaded elsewhere; joining", ref.model_id)
                    watcher = Meter(ref.model_id, 0, on_progress, joined=True)
                self._watch(ref, watcher)
                if cancel.wait(POLL):
                    raise Cancelled

    def _drive(
        self,
        ref: ModelRef,
        cancel: CancelToken,
        on_progress: Callable[[DownloadProgress], None] | None,
    ) -> Path:
        status = self.store.status(ref)  # a driver before us may have finished
        if status.ready and status.folder is not None:
            return status.folder
        assert ref.repo_id is not None
        manifest = replace(self.hub.manifest(ref.repo_id, cancel=cancel), model_id=ref.model_id)
        staging = self._stage(ref, manifest)
        self._check_space(ref, manifest, staging)
        done = sum(s.size for s in manifest.files if (staging / s.name).is_file())
        meter = Meter(ref.model_id, manifest.total, on_progress, done=done)
        try:
            for spec in manifest.files:
                self._fetch(ref, manifest, spec, staging, cancel=cancel, meter=meter)
        except StenodeskError as exc:
            if exc.kind is ErrorKind.MODEL_INVALID:
                shutil.rmtree(staging, ignore_errors=True)  # nothing in it is worth keeping
            raise
        meter.emit(force=True)
        return self._finish(ref, manifest, staging)

    def _fetch(
        self,
        ref: ModelRef,
        manifest: Manifest,
        spec: FileSpec,
        staging: Path,
        *,
        cancel: CancelToken,
        meter: Meter,
    ) -> None:
        """Fetch one file unless a good copy is staged; check what makes it a Whisper model."""
        path = staging / spec.name
        if path.is_file():
            if file_problem(path, spec, self.store.hashes, fresh=False) is None:
                return
            path.unlink()
            meter.done -= spec.size

        def check_head(head: bytes) -> None:
            check_model_header(head, ref.model_id)

        fetch_file(
            self.hub,
            manifest,
            spec,
            staging,
            cancel=cancel,
            meter=meter,
            check_head=check_head if spec.name == "model.bin" else None,
        )
        if spec.sha256 is not None:
            self.store.hashes.record(path, spec.sha256)
        if spec.name == "config.json":
            check_config(path.read_bytes(), ref.model_id)

    def _stage(self, ref: ModelRef, manifest: Manifest) -> Path:
        """The staging folder with every file that still matches ``manifest`` kept."""
        staging, final = self.store.partial_dir(ref), self.store.final_dir(ref)
        staging.parent.mkdir(parents=True, exist_ok=True)
        if final.is_dir():  # not ready, so corrupt: its good files are worth keeping
            if staging.exists():
                shutil.rmtree(final)
            else:
                final.replace(staging)
        staging.mkdir(exist_ok=True)
        old = Manifest.load(staging)
        for path in staging.iterdir():
            if path.name == MANIFEST_NAME:
                continue
            name = path.name.removesuffix(PART)
            spec = manifest.spec(name)
            if spec is None or old is None or old.spec(name) != spec or path.is_symlink():
                path.unlink()
        manifest.save(staging)
        return staging

    def _check_space(self, ref: ModelRef, manifest: Manifest, staging: Path) -> None:
        need = manifest.total - partial_bytes(staging, manifest)
        check_space(ref.model_id, need, staging, self._free_space)

    def _finish(self, ref: ModelRef, manifest: Manifest, staging: Path) -> Path:
        problems = folder_problems(staging, manifest, self.store.hashes)
        if problems:
            raise StenodeskError(ErrorKind.MODEL_CORRUPT, ref.model_id, "; ".join(problems))
        final = self.store.final_dir(ref)
        if final.exists():
            shutil.rmtree(final)
        os.replace(staging, final)
        # The hashes were checked under the staging names; the files are the same.
        for spec in manifest.files:
            if spec.sha256 is not None:
                self.store.hashes.record(final / spec.name, spec.sha256)
        log.info("downloaded %s into %s", ref.model_id, final)
        return final

    def _watch(self, ref: ModelRef, meter: Meter) -> None:
        """Report the progress of a download that another call is running."""
        staging = self.store.partial_dir(ref)
        manifest = Manifest.load(staging)
        if manifest is None:
            return
        current = next((s for s in manifest.files if (staging / (s.name + PART)).exists()), None)
        file_done = 0
        if current is not None:
            with contextlib.suppress(OSError):
                file_done = (staging / (current.name + PART)).stat().st_size
        meter.observe(
            partial_bytes(staging, manifest),
            manifest.total,
            current.name if current else "",
            file_done,
            current.size if current else 0,
        )


def _try_lock(lock: filelock.BaseFileLock) -> bool:
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        return False
    return True


@contextlib.contextmanager
def _disk_errors(model_id: str) -> Iterator[None]:
    try:
        yield
    except PermissionError:
        raise  # the model folder's problem, reported by writable()
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise StenodeskError(ErrorKind.DISK_FULL, model_id, str(exc)) from exc
        raise StenodeskError(ErrorKind.DOWNLOAD_FAILED, model_id, str(exc)) from exc
