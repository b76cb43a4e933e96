"""Model downloads, imports, deletes and the model list, on a thread of their own.

Why not the engine thread: a download takes minutes and an import of a large
model copies gigabytes; queued on the engine thread they would hold up every
transcription behind them (and a job would wait for a download the user may
cancel anyway). So :class:`ModelManager` owns a second QThread, the *models
thread*, with a :class:`~stenodesk.bridge.model_worker.ModelWorker` that
runs one model operation at a time, in the order asked: list, download,
import, delete, check online sizes. Downloads of several models therefore
run one after another (they would share the bandwidth anyway); a model whose
download is queued shows as waiting and can be cancelled before it starts. A
delete or import asked for while a download runs waits for it.

Everything the worker touches that is slow to import or to compute (the
catalogue imports faster-whisper; a first look at a model hashes its files)
happens on the models thread, after the window shows.

Cancellation goes through one :class:`CancelToken` per download or import;
the downloader checks it about once a second. Progress is throttled to about
ten signals a second.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from stenodesk.bridge.jobs import JobError
from stenodesk.bridge.model_list import ModelListing
from stenodesk.bridge.model_worker import ModelWorker
from stenodesk.bridge.threads import SHUTDOWN_TIMEOUT_MS, WorkerThread
from stenodesk.core.cancel import CancelToken

if TYPE_CHECKING:
    from stenodesk.core.models.hub import Hub
    from stenodesk.core.models.store import ModelStore

log = logging.getLogger(__name__)


class ModelManager(QObject):
    """The model list and model operations, run on the models thread.

    Lives in the GUI thread; every request is queued to the worker. Signals
    carry a model name (or, for imports, the source folder) and a frozen value.

    Signals:
        listing_changed(object): a new :class:`ModelListing`.
        download_queued(str), download_started(str),
        download_progress(str, object): a :class:`DownloadProgress`,
        download_finished(str, str): name and folder,
        download_failed(str, object): a :class:`JobError`,
        download_cancelled(str).
        import_started(str), import_progress(str, object),
        import_finished(str, str): the new model's name and folder,
        import_failed(str, object): source folder and a :class:`JobError`,
        import_cancelled(str).
        delete_finished(str, object): name and ``DeleteResult``,
        delete_failed(str, object).
        sizes_checked(int, int): repositories with exact sizes, repositories asked.

    Args:
        make_store: builds the ModelStore (called on the models thread).
        make_hub: builds the model server client (called on the models thread).
    """

    listing_changed = Signal(object)
    download_queued = Signal(str)
    download_started = Signal(str)
    download_progress = Signal(str, object)
    download_finished = Signal(str, str)
    download_failed = Signal(str, object)
    download_cancelled = Signal(str)
    import_started = Signal(str)
    import_progress = Signal(str, object)
    import_finished = Signal(str, str)
    import_failed = Signal(str, object)
    import_cancelled = Signal(str)
    delete_finished = Signal(str, object)
    delete_failed = Signal(str, object)
    sizes_checked = Signal(int, int)

    _list_requested = Signal()
    _download_requested = Signal(str, object)
    _import_requested = Signal(str, str, object)
    _delete_requested = Signal(str)
    _sizes_requested = Signal(object)

    def __init__(
        self,
        make_store: Callable[[], ModelStore],
        make_hub: Callable[[], Hub],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._stopping = threading.Event()
        self._tokens: dict[str, CancelToken] = {}
        self._import_token: CancelToken | None = None
        self._sizes_token = CancelToken()
        self._listing: ModelListing | None = None
        self._worker = ModelWorker(make_store, make_hub, self._stopping)
        self.worker_thread = WorkerThread("stenodesk-models", self._worker, on_stop=self._on_stop)
        self._connect_worker()

    def _connect_worker(self) -> None:
        w = self._worker
        self._list_requested.connect(w.list_models)
        self._download_requested.connect(w.download)
        self._import_requested.connect(w.import_folder)
        self._delete_requested.connect(w.delete)
        self._sizes_requested.connect(w.check_sizes)
        w.listing_changed.connect(self._on_worker_listing_changed)
        w.download_finished.connect(self._on_worker_download_finished)
        w.download_failed.connect(self._on_worker_download_failed)
        w.download_cancelled.connect(self._on_worker_download_cancelled)
        w.import_finished.connect(self._on_worker_import_finished)
        w.import_failed.connect(self._on_worker_import_failed)
        w.import_cancelled.connect(self._on_worker_import_cancelled)
        for name in (
            "download_started",
            "download_progress",
            "import_started",
            "import_progress",
            "delete_finished",
            "delete_failed",
            "sizes_checked",
        ):
            getattr(w, name).connect(getattr(self, name))

    # -- state --------------------------------------------------------------

    @property
    def listing(self) -> ModelListing | None:
        """The last model list, or None before the first one."""
        return self._listing

    def active(self, name: str) -> bool:
        """True while ``name`` is queued or downloading."""
        return name in self._tokens

    @property
    def importing(self) -> bool:
        return self._import_token is not None

    def usable_names(self) -> frozenset[str]:
        """Models a job can use now (for the model choice); read from any thread."""
        listing = self._listing
        return frozenset(listing.usable_names()) if listing is not None else frozenset()

    # -- requests -----------------------------------------------------------

    def start(self) -> None:
        """Start the models thread and read the list (call once the window shows)."""
        self.worker_thread.ensure_started()
        self.refresh()

    def refresh(self) -> None:
        self._ensure_running()
        self._list_requested.emit()

    def download(self, name: str) -> bool:
        """Queue a download (or the set-up of a built-in); False if it is queued already."""
        if name in self._tokens or self._stopping.is_set():
            return False
        self._ensure_running()
        token = CancelToken()
        self._tokens[name] = token
        self.download_queued.emit(name)
        self._download_requested.emit(name, token)
        return True

    def cancel(self, name: str) -> None:
        """Stop a download within about a second (what was fetched stays for a resume)."""
        token = self._tokens.get(name)
        if token is not None:
            token.cancel()

    def import_folder(self, source: Path, name: str = "") -> bool:
        """Queue the import of a model folder; False while another import runs."""
        if self._import_token is not None or self._stopping.is_set():
            return False
        self._ensure_running()
        self._import_token = CancelToken()
        self._import_requested.emit(str(source), name, self._import_token)
        return True

    def cancel_import(self) -> None:
        if self._import_token is not None:
            self._import_token.cancel()

    def delete(self, name: str) -> None:
        """Delete a downloaded or imported model (never a built-in: that fails)."""
        self._ensure_running()
        self._delete_requested.emit(name)

    def check_sizes(self) -> None:
        """Ask the model server for each repository's exact size."""
        self._ensure_running()
        self._sizes_requested.emit(self._sizes_token)

    def _ensure_running(self) -> None:
        self.worker_thread.ensure_started()

    def shutdown(self, timeout_ms: int = SHUTDOWN_TIMEOUT_MS) -> bool:
        """Cancel what runs, stop the thread; partial downloads stay for next time."""
        return self.worker_thread.stop(timeout_ms)

    def _on_stop(self) -> None:
        self._stopping.set()
        for token in (*self._tokens.values(), self._import_token, self._sizes_token):
            if token is not None:
                token.cancel()

    # -- from the worker ----------------------------------------------------

    @Slot(object)
    def _on_worker_listing_changed(self, listing: ModelListing) -> None:
        self._listing = listing
        self.listing_changed.emit(listing)

    @Slot(str, str)
    def _on_worker_download_finished(self, name: str, folder: str) -> None:
        self._tokens.pop(name, None)
        self.download_finished.emit(name, folder)

    @Slot(str, object)
    def _on_worker_download_failed(self, name: str, error: JobError) -> None:
        self._tokens.pop(name, None)
        self.download_failed.emit(name, error)

    @Slot(str)
    def _on_worker_download_cancelled(self, name: str) -> None:
        self._tokens.pop(name, None)
        self.download_cancelled.emit(name)

    @Slot(str, str)
    def _on_worker_import_finished(self, name: str, folder: str) -> None:
        self._import_token = None
        self.import_finished.emit(name, folder)

    @Slot(str, object)
    def _on_worker_import_failed(self, source: str, error: JobError) -> None:
        self._import_token = None
        self.import_failed.emit(source, error)

    @Slot(str)
    def _on_worker_import_cancelled(self, source: str) -> None:
        self._import_token = None
        self.import_cancelled.emit(source)


def default_model_manager(model_root: Path, cache_dir: Path) -> ModelManager:
    """The manager for this installation: ``model_root``, the Hugging Face cache, the Hub.

    The store and the server client are made on the models thread (their
    imports are slow), and huggingface_hub's settings apply (``HF_ENDPOINT``,
    proxies, ``HF_TOKEN``, ``HF_HUB_OFFLINE``).
    """

    def make_store() -> ModelStore:
        from stenodesk.core.models.store import ModelStore, default_hf_cache

        return ModelStore(model_root, cache_dir, hf_cache=default_hf_cache())

    def make_hub() -> Hub:
        from stenodesk.core.models.hub import Hub

        return Hub()

    return ModelManager(make_store, make_hub)
