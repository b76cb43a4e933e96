"""Closing the app stops all four bridge threads together."""

from __future__ import annotations

from typing import Any

import pytest

from stenodesk.app import Stenodesk

pytestmark = pytest.mark.gui


def test_shutdown_stops_every_bridge_thread(desk: Stenodesk, qtbot: Any) -> None:
    ctx = desk.ctx
    services = (ctx.engine, ctx.model_manager, ctx.gpu, ctx.live)
    ctx.live.list_devices()  # the live thread starts on first use
    qtbot.waitUntil(lambda: all(s.worker_thread.running for s in services), timeout=10_000)
    desk.window.close()
    desk.shutdown()
    assert [s.worker_thread.name for s in services if s.worker_thread.running] == []
