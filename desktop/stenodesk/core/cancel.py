"""Cooperative cancellation shared between a front end and long core calls."""

from __future__ import annotations

import threading

from stenodesk.core.errors import Cancelled


class CancelToken:
    """A flag that one side sets and long-running work checks between steps.

    Work calls :meth:`raise_if_cancelled` at safe points (between segments,
    between download chunks); it raises :class:`Cancelled`.
    """

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled

    def wait(self, timeout: float) -> bool:
        """Sleep up to ``timeout`` seconds, waking early on cancel; True if cancelled."""
        return self._event.wait(timeout)


NEVER = CancelToken()
"""A token nobody cancels, for callers that do not offer cancellation."""
