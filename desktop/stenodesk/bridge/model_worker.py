"""The models thread's worker: one model operation at a time (see bridge.model_manager)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, SignalInstance, Slot

from stenodesk.bridge.jobs import JobError
from stenodesk.bridge.model_list import ModelListing, entry_of
from stenodesk.bridge.worker import PROGRESS_INTERVAL, Throttle
from stenodesk.core.cancel import CancelToken
from stenodesk.core.errors import Cancelled
from stenodesk.core.models.state import DownloadProgress

if TYPE_CHECKING:
    from stenodesk.core.models import catalogue as cat
    from stenodesk.core.models.hub import Hub
    from stenodesk.core.models.store import ModelStore

log = logging.getLogger(__name__)


class ModelWorker(QObject):
    """Lives on the models thread; every slot ends with a fresh listing."""

    listing_changed = Signal(object)  # ModelListing
    download_started = Signal(str)
    download_progress = Signal(str, object)  # DownloadProgress
    download_finished = Signal(str, str)
    download_failed = Signal(str, object)  # JobError
    download_cancelled = Signal(str)
    import_started = Signal(str)
    import_progress = Signal(str, object)  # DownloadProgress
    import_finished = Signal(str, str)
    import_failed = Signal(str, object)  # JobError
    import_cancelled = Signal(str)
    delete_finished = Signal(str, object)  # DeleteResult
    delete_failed = Signal(str, object)  # JobError
    sizes_checked = Signal(int, int)

    def __init__(
        self,
        make_store: Callable[[], ModelStore],
        make_hub: Callable[[], Hub],
        stopping: threading.Event,
    ) -> None:
        super().__init__()
        self._make_store, self._make_hub = make_store, make_hub
        self._store: ModelStore | None = None
        self._hub: Hub | None = None
        self._entries: list[cat.CatalogueEntry] | None = None
        self._stopping = stopping

    def store(self) -> ModelStore:
        if self._store is None:
            self._store = self._make_store()
        return self._store

    def hub(self) -> Hub:
        if self._hub is None:
            self._hub = self._make_hub()
        return self._hub

    def _reporter(self, signal: SignalInstance, key: str) -> Callable[[DownloadProgress], None]:
        throttle = Throttle(PROGRESS_INTERVAL)

        def report(progress: DownloadProgress) -> None:
            if throttle.ready(final=progress.total > 0 and progress.done >= progress.total):
                signal.emit(key, progress)

        return report

    @Slot()
    def list_models(self) -> None:
        if self._stopping.is_set():
            return
        try:
            store = self.store()
            rows = tuple(entry_of(row) for row in store.listing(self._entries))
        except Exception:  # the page shows what it had; the log says why
            log.exception("the model list could not be read")
            return
        self.listing_changed.emit(ModelListing(rows, store.root))

    @Slot(str, object)
    def download(self, name: str, token: CancelToken) -> None:
        if token.cancelled or self._stopping.is_set():
            self.download_cancelled.emit(name)
            return
        from stenodesk.core.models.download import Downloader

        self.download_started.emit(name)
        try:
            downloader = Downloader(self.store(), self.hub())
            report = self._reporter(self.download_progress, name)
            folder = downloader.download(name, cancel=token, on_progress=report)
        except Cancelled:
            log.info("download of %s cancelled", name)
            self.download_cancelled.emit(name)
        except Exception as exc:
            _log_failure("download of " + name, exc)
            self.download_failed.emit(name, JobError.from_exception(exc))
        else:
            self.download_finished.emit(name, str(folder))
        self.list_models()

    @Slot(str, str, object)
    def import_folder(self, source: str, name: str, token: CancelToken) -> None:
        from stenodesk.core.models.importer import import_folder

        self.import_started.emit(source)
        try:
            report = self._reporter(self.import_progress, source)
            status = import_folder(
                self.store(), Path(source), name=name or None, cancel=token, on_progress=report
            )
        except Cancelled:
            log.info("import of %s cancelled", source)
            self.import_cancelled.emit(source)
        except Exception as exc:
            _log_failure("import of " + source, exc)
            self.import_failed.emit(source, JobError.from_exception(exc))
        else:
            self.import_finished.emit(status.model_id, str(status.folder))
        self.list_models()

    @Slot(str)
    def delete(self, name: str) -> None:
        try:
            store = self.store()
            result = store.delete(store.ref(name))
        except Exception as exc:
            _log_failure("delete of " + name, exc)
            self.delete_failed.emit(name, JobError.from_exception(exc))
        else:
            log.info("deleted %s: %s", name, result)
            self.delete_finished.emit(name, result)
        self.list_models()

    @Slot(object)
    def check_sizes(self, token: CancelToken) -> None:
        from stenodesk.core.models import catalogue as cat

        hub = self.hub()
        try:
            entries = cat.with_repository_sizes(
                self.store().entries, lambda repo: hub.manifest(repo, cancel=token)
            )
        except Cancelled:
            return
        except Exception:
            log.exception("the online sizes could not be read")
            entries = self._entries or self.store().entries
        self._entries = entries
        asked = [e for e in entries if e.repo_id]
        self.sizes_checked.emit(sum(e.exact for e in asked), len(asked))
        self.list_models()


def _log_failure(what: str, exc: BaseException) -> None:
    from stenodesk.core.errors import StenodeskError

    if isinstance(exc, StenodeskError):
        log.info("%s failed: %s", what, exc)
    else:
        log.error("%s failed unexpectedly", what, exc_info=exc)
