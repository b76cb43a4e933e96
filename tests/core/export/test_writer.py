"""Writing exports to disk: atomic, and readable like any file the user writes."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from stenodesk.core.export.writer import write_text_atomic


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.parametrize("overwrite", [False, True])
def test_written_file_follows_the_umask(tmp_path: Path, umask_022: None, overwrite: bool) -> None:
    target = tmp_path / "talk.srt"
    write_text_atomic(target, "1\n", overwrite=overwrite)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text() == "1\n"


def test_a_stricter_umask_is_kept(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        write_text_atomic(tmp_path / "talk.srt", "1\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "talk.srt").stat().st_mode) == 0o600
