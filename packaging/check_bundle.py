"""Check a built app folder and print what it costs.

    .venv/bin/python packaging/check_bundle.py dist/cpu/Stenodesk --flavour cpu

Runs the frozen app's smoke test, ``doctor --json`` and CLI transcriptions of
the bundled sample (tiny.en, and the multilingual built-in, which is
assembled on first use), each with fresh user folders and no network; then
prints the folder's size by piece and the start-up time (exec to the first
paint of the window, several runs). Exits 1 if a check fails or the folder is
larger than its flavour's limit; ``--size-only`` checks the size alone.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from stenodesk.ui.smoke import MAX_WER, word_error_rate

LIMIT_MB = {"cpu": 660, "gpu": 1540}
"""The most an unpacked app folder may hold, in MB (10^6 bytes), models included.

40 MB above the first limits (620 and 1,500): the speaker models (36 MB) may
take up to 40 MB.
"""
STARTUP_TARGET = 2.0
# A windowed program has no stdout on Windows: what must print runs the console one
# there. On Linux both names start the same program.
GUI = "stenodesk-cli" if sys.platform == "win32" else "Stenodesk"


class CheckFailedError(Exception):
    """A check of the frozen app failed; the message says which and why."""


def fresh_env(root: Path, display: str | None) -> dict[str, str]:
    """Fresh user folders, no model hub, a screen (Xvfb) or offscreen Qt."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "QT_"))}
    env.update(
        XDG_CONFIG_HOME=str(root / "config"),
        XDG_DATA_HOME=str(root / "data"),
        XDG_CACHE_HOME=str(root / "cache"),
        XDG_STATE_HOME=str(root / "state"),
        HF_HUB_OFFLINE="1",
    )
    if display:
        env["DISPLAY"] = display
    elif not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def run(args: list[str], env: dict[str, str], timeout: float = 300, stderr: bool = False) -> str:
    """The command's stdout; its stderr too with ``stderr=True``."""
    proc = subprocess.run(
        args, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if proc.returncode != 0:
        raise CheckFailedError(
            f"{' '.join(args[:3])}... exited with {proc.returncode}:\n{proc.stderr}"
        )
    return proc.stdout + proc.stderr if stderr else proc.stdout


def check_smoke(app: Path, env: dict[str, str]) -> str:
    out = run([str(app / GUI), "--smoke-test"], env)
    if "smoke test passed" not in out:
        raise CheckFailedError(f"the smoke test did not pass: {out}")
    return out.strip()


def check_doctor(app: Path, env: dict[str, str], flavour: str) -> str:
    data = json.loads(run([str(app / "stenodesk-cli"), "doctor", "--json"], env))
    decision, libraries = data["decision"], data["libraries"]
    if not Path(data["python"]["executable"]).resolve().is_relative_to(app.resolve()):
        raise CheckFailedError(f"doctor ran outside the bundle: {data['python']['executable']}")
    outside = [f for f in data["ctranslate2"]["files"] if not Path(f).is_relative_to(app)]
    if not data["ctranslate2"]["version"] or outside:
        raise CheckFailedError(f"CTranslate2 not loaded from the bundle: {data['ctranslate2']}")
    needed = [lib for lib in libraries if lib["needed"]]
    if not needed:
        raise CheckFailedError("doctor lists no CUDA library that CTranslate2 needs")
    if flavour == "cpu":
        if decision["device"] != "cpu" or not decision["reason"]:
            raise CheckFailedError(f"the cpu build must choose the CPU and say why: {decision}")
        if any(lib["found"] for lib in libraries):
            raise CheckFailedError(f"the cpu build found CUDA libraries: {libraries}")
    else:
        bad = [lib for lib in needed if lib["source"] != "bundle" or not lib["loaded"]]
        if bad:
            raise CheckFailedError(f"CUDA libraries not loaded from the bundle: {bad}")
    names = ", ".join(f"{lib['name']} ({lib['source'] or 'not found'})" for lib in needed)
    return f"{decision['device']}/{decision['compute_type']}: {decision['reason']} [{names}]"


def check_transcription(app: Path, env: dict[str, str], out: Path, language: str) -> str:
    sample = app / "_internal" / "stenodesk" / "resources" / "sample"
    out.mkdir(parents=True, exist_ok=True)
    args = [str(app / "stenodesk-cli"), "transcribe", str(sample / "sample-en.wav")]
    args += ["--format", "txt", "--output-dir", str(out), "--language", language]
    log = run(args, env, stderr=True).strip() or "(no summary)"
    text = (out / "sample-en.txt").read_text(encoding="utf-8")
    wer = word_error_rate((sample / "sample-en.txt").read_text(encoding="utf-8"), text)
    if wer > MAX_WER:
        raise CheckFailedError(f"word error rate {wer:.0%} (language {language}): {text!r}")
    return f"WER {wer:.0%}; {log.splitlines()[-1]}"


def sizes(app: Path) -> tuple[int, list[tuple[str, int]]]:
    """Total bytes (files, not links) and the bytes of each piece, largest first."""
    pieces: dict[str, int] = {}
    for path in app.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        rel = path.relative_to(app).parts
        if rel[0] != "_internal":
            key = "executables"
        elif len(rel) == 2:
            key = "python, system libraries"
        else:
            key = rel[1].removesuffix(".libs")  # numpy with numpy.libs...
        pieces[key] = pieces.get(key, 0) + path.stat().st_size
    return sum(pieces.values()), sorted(pieces.items(), key=lambda kv: -kv[1])


def size_within_limit(app: Path, flavour: str) -> bool:
    """Print the folder's size by piece against the flavour's limit; True if within it."""
    total, pieces = sizes(app)
    limit = LIMIT_MB[flavour]
    within = total <= limit * 1_000_000
    verdict = "within" if within else "OVER"
    print(f"size  {total / 1e6:.0f} MB unpacked ({verdict} the {limit} MB limit of {flavour})")
    for key, size in pieces[:16]:
        print(f"      {size / 1e6:7.1f} MB  {key}")
    rest = sum(size for _, size in pieces[16:])
    if rest:
        print(f"      {rest / 1e6:7.1f} MB  {len(pieces) - 16} smaller pieces")
    return within


def startup_times(app: Path, env: dict[str, str], runs: int) -> list[tuple[float, float]]:
    """(exec to first paint measured outside, the same from /proc inside) per run."""
    times = []
    for _ in range(runs):
        start = time.time()
        out = run([str(app / GUI), "--startup-time"], env, timeout=120)
        data = json.loads(out.strip().splitlines()[-1])
        times.append((data["first_paint"] - start, data["seconds"] or float("nan")))
    return times


@contextlib.contextmanager
def virtual_screen() -> Iterator[str | None]:
    """An Xvfb display for real X11 windows when there is none and Xvfb is installed."""
    if os.environ.get("DISPLAY") or not any(
        (Path(d) / "Xvfb").is_file() for d in os.environ.get("PATH", "").split(os.pathsep)
    ):
        yield None
        return
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as fh:
        number = fh.readline().strip()
    try:
        yield f":{number}" if number else None
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app", type=Path, help="the app folder (dist/<flavour>/Stenodesk)")
    parser.add_argument("--flavour", choices=("cpu", "gpu"), required=True)
    parser.add_argument("--runs", type=int, default=5, help="start-up time runs")
    parser.add_argument("--size-only", action="store_true", help="check the size limit alone")
    args = parser.parse_args(argv)
    app: Path = args.app.resolve()
    if args.size_only:
        return 0 if size_within_limit(app, args.flavour) else 1
    failed = 0
    with tempfile.TemporaryDirectory(prefix="stenodesk-check-") as tmp, virtual_screen() as dsp:
        root = Path(tmp)
        checks: list[tuple[str, Callable[[dict[str, str]], str]]] = [
            ("smoke test", lambda env: check_smoke(app, env)),
            ("doctor", lambda env: check_doctor(app, env, args.flavour)),
            ("tiny.en", lambda env: check_transcription(app, env, root / "en", "en")),
            ("auto", lambda env: check_transcription(app, env, root / "auto", "auto")),
        ]
        for number, (name, check) in enumerate(checks):
            started = time.monotonic()
            try:
                result = check(fresh_env(root / f"user{number}", dsp))
                print(f"ok    {name} ({time.monotonic() - started:.1f} s): {result}")
            except (CheckFailedError, subprocess.TimeoutExpired, OSError, ValueError) as exc:
                failed += 1
                print(f"FAIL  {name}: {exc}")
        if not size_within_limit(app, args.flavour):
            failed += 1
        times = startup_times(app, fresh_env(root / "startup", dsp), args.runs)
        outside = sorted(t for t, _ in times)
        inside = sorted(t for _, t in times)
        screen = "Xvfb" if dsp else ("the display" if os.environ.get("DISPLAY") else "offscreen")
        load = f", load {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
        print(
            f"start exec to first paint ({screen}, {args.runs} runs{load}):"
            f" min {outside[0]:.2f} s, median {statistics.median(outside):.2f} s"
            f" (in-process: min {inside[0]:.2f} s, median {statistics.median(inside):.2f} s);"
            f" target {STARTUP_TARGET:.0f} s"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
