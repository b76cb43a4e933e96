"""The Qt binding keeps Python's reference counts straight.

PySide6 6.12.0 under Python 3.11 drops a reference to None on every call of
a C++ method that returns void; a GUI makes thousands of those a minute and
crashes with "deallocating None". pyproject.toml excludes that release; this
test fails if such a binding comes back. (From Python 3.12 None is immortal.)
"""

from __future__ import annotations

import sys
from typing import Any

import pytest
from PySide6.QtCore import QObject, QTimer


@pytest.mark.gui
def test_void_calls_keep_the_reference_to_none(qapp: Any) -> None:
    timer, obj = QTimer(), QObject()
    before = sys.getrefcount(None)
    for _ in range(2000):
        timer.stop()
        obj.setObjectName("x")
        qapp.processEvents()
    assert sys.getrefcount(None) - before > -100
