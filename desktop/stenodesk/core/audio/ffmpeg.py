"""Loading PyAV (FFmpeg) only when a file needs it.

faster-whisper imports PyAV when it is imported, for its own ``decode_audio``,
which Stenodesk does not use; that alone maps FFmpeg's libraries and adds
24 MiB to the resident size (PyAV 18 on Linux), for as long as the process
runs. A transcription of a WAV file needs none of it (see ``wavread``).

:func:`defer` puts the ``av`` module in ``sys.modules`` before anything imports
it, built from its own spec but not yet run. ``import av`` then finds it and
runs nothing; the first attribute looked up on it (``av.open``, ``import
av.error``, which reads ``__path__``) runs PyAV's ``__init__`` in that same
module object, so whoever imported it early holds the real module
afterwards. It is what :class:`importlib.util.LazyLoader` does, except that
the import statement itself does not set it off: LazyLoader's module loads
as soon as an import statement checks its ``__spec__``, which every ``import
av`` does.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
import threading
from types import ModuleType

log = logging.getLogger(__name__)

NAME = "av"


class _Pending:
    """The hook in the deferred module's namespace that runs PyAV on first use."""

    def __init__(self, module: ModuleType, path: list[str]) -> None:
        self._name = module.__name__
        self._module = module
        self._path = path
        self._lock = threading.RLock()
        self._running = False
        self.loaded = False

    def __call__(self, name: str) -> object:
        with self._lock:
            if self._running:
                # PyAV's own modules looking at the package while it initialises.
                raise AttributeError(f"partially initialised module {self._name!r} has no {name!r}")
            if not self.loaded:
                self._run()
        return getattr(self._module, name)

    def _run(self) -> None:
        module = self._module
        spec = module.__spec__
        assert spec is not None and spec.loader is not None
        self._running = True
        module.__path__ = self._path
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del module.__path__
            raise
        finally:
            self._running = False
        self.loaded = True
        if module.__dict__.get("__getattr__") is self:
            del module.__dict__["__getattr__"]
        log.debug("%s loaded on first use", self._name)


def defer(name: str = NAME) -> None:
    """Let ``import av`` succeed without loading FFmpeg until ``av`` is used.

    Does nothing when the package (``name``) is imported already or cannot be
    found. Safe to call more than once.
    """
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        return
    module = importlib.util.module_from_spec(spec)
    path = list(module.__path__)
    # Without __path__, importing a submodule (``import av.error``) asks the hook for it.
    del module.__path__
    module.__getattr__ = _Pending(module, path)  # type: ignore[method-assign]
    sys.modules[name] = module


def is_loaded(name: str = NAME) -> bool:
    """Whether PyAV (``name``) has run, or was imported without :func:`defer`."""
    module = sys.modules.get(name)
    if module is None:
        return False
    hook = module.__dict__.get("__getattr__")
    return not isinstance(hook, _Pending) or hook.loaded
