"""One app per user and data folder: a second launch hands its files to the first."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDir

from stenodesk.bridge.instance import InstanceGuard, instance_name

pytestmark = pytest.mark.gui

SECOND_LAUNCH = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from stenodesk.bridge.instance import InstanceGuard
app = QCoreApplication(sys.argv[:1])
first = InstanceGuard(sys.argv[1]).claim([Path(p) for p in sys.argv[2:]])
sys.exit(3 if first else 0)
"""


@pytest.fixture
def guard(tmp_path: Path) -> Any:
    first = InstanceGuard(instance_name(tmp_path / "data"))
    yield first
    first.close()


def _second_launch(name: str, *files: Path) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-c", SECOND_LAUNCH, name, *map(str, files)]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def _wait_exit(qtbot: Any, process: subprocess.Popen[bytes]) -> tuple[int, str]:
    """The second launch's exit code and output; this test's event loop answers it meanwhile."""
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=60_000)
    output, _ = process.communicate()
    return int(process.returncode), output.decode(errors="replace")


def test_a_second_process_hands_its_files_over_and_exits(
    guard: InstanceGuard, qtbot: Any, tmp_path: Path
) -> None:
    assert guard.claim()
    media = tmp_path / "talk.wav"
    media.write_bytes(b"RIFF")
    with qtbot.waitSignal(guard.activation_requested, timeout=60_000) as asked:
        second = _second_launch(guard.name, media, tmp_path / "other.mp3")
    assert _wait_exit(qtbot, second) == (0, "")
    assert asked.args == [(media, tmp_path / "other.mp3")]
    assert guard.listening, "the first instance keeps its socket"


def test_a_second_launch_without_files_only_brings_the_first_forward(
    guard: InstanceGuard, qtbot: Any
) -> None:
    assert guard.claim()
    with qtbot.waitSignal(guard.activation_requested, timeout=60_000) as asked:
        second = _second_launch(guard.name)
    assert _wait_exit(qtbot, second) == (0, "")
    assert asked.args == [()]


def test_another_data_folder_is_another_instance(tmp_path: Path) -> None:
    assert instance_name(tmp_path / "a") != instance_name(tmp_path / "b")
    assert instance_name(tmp_path / "a") == instance_name(tmp_path / "a")


def test_a_socket_left_by_a_crash_is_taken_over(guard: InstanceGuard, qtbot: Any) -> None:
    stale = Path(QDir.tempPath()) / guard.name
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(stale))  # a socket file nobody listens on, as a killed app leaves it
    dead.close()
    try:
        assert guard.claim(), "nobody answered, so this launch is the instance"
        assert guard.listening
        with qtbot.waitSignal(guard.activation_requested, timeout=60_000):
            second = _second_launch(guard.name)
        assert _wait_exit(qtbot, second) == (0, "")
    finally:
        guard.close()


def test_a_malformed_message_is_dropped(guard: InstanceGuard, qtbot: Any) -> None:
    assert guard.claim()
    asked: list[object] = []
    guard.activation_requested.connect(asked.append)
    raw = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    raw.connect(str(Path(QDir.tempPath()) / guard.name))
    raw.sendall(b"{not json\n")
    raw.setblocking(False)
    closed: list[bool] = []

    def hung_up() -> bool:
        try:
            closed.append(raw.recv(16) == b"")
        except BlockingIOError:
            return False
        return bool(closed)

    qtbot.waitUntil(hung_up, timeout=10_000)
    raw.close()
    assert closed == [True] and asked == []
