"""PyAV is loaded on first use, not when faster-whisper imports it.

Each check runs in a fresh interpreter: what is imported is the point. A
stand-in package (written here) counts how often its ``__init__`` runs and
can fail its first run, as a broken install of FFmpeg's libraries would.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest


def run(script: str, *paths: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture
def standin(tmp_path: Path) -> Path:
    """A package ``fakeav`` with a submodule, whose ``__init__`` fails once when told to."""
    pkg = tmp_path / "fakeav"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(
        textwrap.dedent(
            """
            import os, sys
            runs = sys.modules.setdefault("fakeav_runs", type(sys)("fakeav_runs"))
            runs.count = getattr(runs, "count", 0) + 1
            if os.environ.get("FAIL_ONCE") and runs.count == 1:
                raise ImportError("libavcodec.so.62: cannot open shared object file")
            from fakeav import error
            from fakeav.error import FFmpegError
            import fakeav
            assert not hasattr(fakeav, "open")  # not yet defined: partly initialised
            def open(name):
                return f"opened {name}"
            """
        )
    )
    (pkg / "error.py").write_text("class FFmpegError(Exception):\n    pass\n")
    return tmp_path


def test_faster_whisper_imports_without_loading_ffmpeg() -> None:
    result = run(
        """
        import json, sys
        import stenodesk.core  # defers PyAV
        import faster_whisper
        from stenodesk.core.audio import ffmpeg
        def mapped():
            return any("libavcodec" in line for line in open("/proc/self/maps"))
        before = [ffmpeg.is_loaded(), mapped()]
        import av.error  # a submodule: loads the package first
        after = [ffmpeg.is_loaded(), mapped()]
        import av
        print(json.dumps({
            "before": before, "after": after,
            "same": faster_whisper.audio.av is av,
            "works": issubclass(av.error.InvalidDataError, av.error.FFmpegError),
        }))
        """
    )
    assert result == {"before": [False, False], "after": [True, True], "same": True, "works": True}


def test_first_use_runs_the_package_once_in_the_module_everyone_holds(standin: Path) -> None:
    result = run(
        """
        import json, sys, threading
        sys.path.insert(0, sys.argv[1])
        from stenodesk.core.audio import ffmpeg
        ffmpeg.defer("fakeav")
        import fakeav  # what faster-whisper does: runs nothing yet
        held = fakeav
        idle = [ffmpeg.is_loaded("fakeav"), "fakeav_runs" in sys.modules]
        start = threading.Barrier(8)
        seen = []
        def use():
            start.wait()
            seen.append(held.open("x"))
        threads = [threading.Thread(target=use) for _ in range(8)]
        for t in threads: t.start()
        for t in threads: t.join()
        import fakeav
        print(json.dumps({
            "idle": idle, "seen": sorted(set(seen)), "uses": len(seen),
            "runs": sys.modules["fakeav_runs"].count, "loaded": ffmpeg.is_loaded("fakeav"),
            "same": sys.modules["fakeav"] is held, "hook_gone": "__getattr__" not in vars(held),
        }))
        """,
        standin,
    )
    assert result == {
        "idle": [False, False],
        "seen": ["opened x"],
        "uses": 8,
        "runs": 1,
        "loaded": True,
        "same": True,
        "hook_gone": True,
    }


def test_a_package_that_fails_to_load_fails_the_use_and_is_tried_again(standin: Path) -> None:
    result = run(
        """
        import json, os, sys
        sys.path.insert(0, sys.argv[1])
        os.environ["FAIL_ONCE"] = "1"
        from stenodesk.core.audio import ffmpeg
        ffmpeg.defer("fakeav")
        import fakeav
        try:
            fakeav.open("x")
            first = "opened"
        except ImportError as exc:
            first = str(exc)
        print(json.dumps({"first": first, "loaded": ffmpeg.is_loaded("fakeav"),
                          "second": fakeav.open("y"), "runs": sys.modules["fakeav_runs"].count}))
        """,
        standin,
    )
    assert result == {
        "first": "libavcodec.so.62: cannot open shared object file",
        "loaded": False,
        "second": "opened y",
        "runs": 2,
    }


def test_a_package_imported_already_is_left_alone(standin: Path) -> None:
    result = run(
        """
        import json, sys
        sys.path.insert(0, sys.argv[1])
        import fakeav
        from stenodesk.core.audio import ffmpeg
        ffmpeg.defer("fakeav")
        ffmpeg.defer("no_such_package_here")
        print(json.dumps({"same": sys.modules["fakeav"] is fakeav,
                          "loaded": ffmpeg.is_loaded("fakeav"),
                          "missing": "no_such_package_here" in sys.modules}))
        """,
        standin,
    )
    assert result == {"same": True, "loaded": True, "missing": False}
