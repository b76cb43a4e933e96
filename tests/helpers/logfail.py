"""Fail a test that logs an unexpected WARNING or worse (after qutebrowser's logfail).

A test that expects a warning says so: ``logfail.allow("stenodesk.core.settings")``.
"""

from __future__ import annotations

import fnmatch
import logging


class LogFailHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []
        self._allowed: list[str] = []

    def allow(self, *patterns: str) -> None:
        """Logger names (fnmatch patterns) whose warnings this test expects."""
        self._allowed.extend(patterns)

    def emit(self, record: logging.LogRecord) -> None:
        if not any(fnmatch.fnmatch(record.name, p) for p in self._allowed):
            self.records.append(record)

    def report(self) -> str:
        return "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in self.records)
