"""``stenodesk models list|download|delete|import|verify|folder``: the model manager."""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from stenodesk.core.errors import ErrorKind, StenodeskError
from stenodesk.core.settings import Settings

if TYPE_CHECKING:
    from stenodesk.commands.base import Context, SubParsers
    from stenodesk.core.models.resolve import ModelResolver
    from stenodesk.core.models.state import DownloadProgress, ModelStatus
    from stenodesk.core.models.store import ModelStore

log = logging.getLogger(__name__)

FAILED = 3
"""Exit code when the operation failed for a reason outside the model (network, disk)."""

_MODEL_PROBLEMS = frozenset(
    {ErrorKind.REPO_NOT_FOUND, ErrorKind.MODEL_BUILTIN, ErrorKind.MODEL_EXISTS}
)


def add_parser(sub: SubParsers, s: Settings) -> None:
    p = sub.add_parser("models", help="list, download, import, verify or delete models")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = actions.add_parser("list", help="every model, its size and whether it is here")
    ls.add_argument("--online", action="store_true", help="exact sizes from the model server")
    dl = actions.add_parser("download", help="download a model (resumes a partial one)")
    dl.add_argument("name", metavar="NAME", help="a name from the list, or a repository owner/name")
    dl.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    rm = actions.add_parser("delete", help="delete a downloaded or imported model")
    rm.add_argument("name", metavar="NAME")
    imp = actions.add_parser("import", help="add a CTranslate2 Whisper model folder")
    imp.add_argument("folder", type=Path, metavar="DIR")
    imp.add_argument("--name", help="the name to use (default: the folder's)")
    imp.add_argument("--link", action="store_true", help="link to the files instead of copying")
    ver = actions.add_parser("verify", help="check every file of a model against its hash")
    ver.add_argument("name", metavar="NAME")
    where = actions.add_parser("folder", help="print the folder a model is in")
    where.add_argument("name", metavar="NAME")


def model_root(ctx: Context) -> Path:
    """The model folder: the ``models.folder`` setting, or the default under the data dir."""
    from stenodesk.core.jobs.prepare import model_root as root

    return root(ctx.settings.models.folder, ctx.dirs.models)


def make_store(ctx: Context) -> ModelStore:
    from stenodesk.core.models.store import ModelStore, default_hf_cache

    return ModelStore(model_root(ctx), ctx.dirs.cache, hf_cache=default_hf_cache())


def make_resolver(ctx: Context) -> ModelResolver:
    from stenodesk.core.jobs.prepare import make_resolver

    return make_resolver(ctx.dirs.cache, model_root(ctx))


def run(ctx: Context, args: argparse.Namespace) -> int:
    from stenodesk.commands import base

    store = make_store(ctx)
    try:
        return _ACTIONS[args.action](ctx, store, args)
    except StenodeskError as exc:
        print(exc.message, file=ctx.err)
        log.info("models %s failed: %s", args.action, exc)
        if exc.kind in base.MODEL_KINDS or exc.kind in _MODEL_PROBLEMS:
            return base.EXIT_MODEL
        return FAILED


def _list(ctx: Context, store: ModelStore, args: argparse.Namespace) -> int:
    from stenodesk.core.models import catalogue as cat
    from stenodesk.core.models.hub import Hub
    from stenodesk.core.models.state import human_size

    entries = store.entries
    if args.online:
        entries = cat.with_repository_sizes(entries, Hub().manifest)
    rows = [("NAME", "LANGUAGES", "DOWNLOAD", "MEMORY", "STATE", "ABOUT")]
    for row in store.listing(entries):
        e, status = row.entry, row.status
        if e is None:
            size = human_size(status.bytes_total or status.bytes_on_disk)
            rows.append((row.ref.model_id, "?", size, "?", _state_text(status), row.ref.kind.value))
            continue
        size = human_size(e.download_bytes) if e.download_bytes else "?"
        if e.builtin and status.bytes_total:
            size = human_size(status.bytes_total)
        elif not e.exact:
            size = "~" + size
        memory = "~" + human_size(e.memory_bytes) if e.memory_bytes else "?"
        about = e.hint + (f" (also: {', '.join(e.aliases)})" if e.aliases else "")
        rows.append((e.name, e.languages, size, memory, _state_text(status), about))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for line in rows:
        cells = [c.ljust(w) for c, w in zip(line[:5], widths, strict=True)]
        print("  ".join([*cells, line[5]]).rstrip(), file=ctx.out)
    print(f"\nModel folder: {store.root}", file=ctx.out)
    return 0


def _state_text(status: ModelStatus) -> str:
    from stenodesk.core.models.state import ModelState, Source

    if status.state is ModelState.READY:
        where = {Source.BUILTIN: "built in", Source.HF_CACHE: "ready (HF cache)"}
        return where.get(status.source, "ready")
    if status.source is Source.BUILTIN and status.state is ModelState.NOT_DOWNLOADED:
        return "built in (set up on first use)"
    if status.state is ModelState.PARTIAL:
        total = status.bytes_total or 0
        return f"partial {100 * status.bytes_on_disk // total}%" if total else "partial"
    if status.state is ModelState.CORRUPT:
        return "corrupt"
    return "-"


def download(ctx: Context, store: ModelStore, name: str, *, quiet: bool) -> Path:
    """Download ``name`` with a progress bar on stderr; the folder when ready."""
    from stenodesk.core.models.download import Downloader
    from stenodesk.core.models.hub import Hub

    bar = DownloadBar(name, ctx.err, enabled=not quiet and ctx.err.isatty())
    try:
        return Downloader(store, Hub()).download(name, on_progress=bar.update)
    finally:
        bar.close()


def _download(ctx: Context, store: ModelStore, args: argparse.Namespace) -> int:
    from stenodesk.commands import base

    started = time.monotonic()
    try:
        folder = download(ctx, store, args.name, quiet=args.quiet)
    except KeyboardInterrupt:
        print("Cancelled; run the same command again to resume.", file=ctx.err)
        return base.EXIT_CANCELLED
    print(f"{args.name} is ready in {folder} ({time.monotonic() - started:.1f} s)", file=ctx.err)
    return 0


def _delete(ctx: Context, store: ModelStore, args: argparse.Namespace) -> int:
    from stenodesk.core.models.state import human_size

    result = store.delete(store.ref(args.name))
    for folder in result.removed:
        print(f"deleted {folder}", file=ctx.err)
    if result.removed:
        print(f"{human_size(result.freed_bytes)} freed", file=ctx.err)
    if result.kept_in_hf_cache is not None:
        print(
            f"{args.name} is also in the Hugging Face cache, shared with other tools; "
            f"left alone: {result.kept_in_hf_cache}",
            file=ctx.err,
        )
    return 0


def _import(ctx: Context, store: ModelStore, args: argparse.Namespace) -> int:
    from stenodesk.core.models.importer import import_folder

    status = import_folder(store, args.folder, name=args.name, link=args.link)
    how = "linked" if args.link else "copied"
    print(f"imported {status.model_id} ({how}) into {status.folder}", file=ctx.err)
    print(f"use it with: stenodesk transcribe --model {status.model_id} FILE", file=ctx.err)
    return 0


def _verify(ctx: Context, store: ModelStore, args: argparse.Namespace) -> int:
    from stenodesk.commands import base
    from stenodesk.core.errors import user_message
    from stenodesk.core.models.state import ModelState

    status = store.status(store.ref(args.name), fresh=True)
    where = f" ({status.source.value}: {status.folder})" if status.folder else ""
    if status.state is ModelState.READY:
        note = "" if status.verified else "; its files declare no hash to check against"
        print(f"{args.name}: every file is complete and intact{where}{note}", file=ctx.out)
        return 0
    if status.state is ModelState.CORRUPT:
        print(f"{args.name}: {status.problem}{where}", file=ctx.out)
        print(user_message(ErrorKind.MODEL_CORRUPT, args.name), file=ctx.err)
    else:
        print(f"{args.name}: {status.state.value}{where}", file=ctx.out)
        print(user_message(ErrorKind.MODEL_MISSING, args.name), file=ctx.err)
    return base.EXIT_MODEL


def _folder(ctx: Context, store: ModelStore, args: argparse.Namespace) -> int:
    print(store.reveal(store.ref(args.name)), file=ctx.out)
    return 0


_ACTIONS = {
    "list": _list,
    "download": _download,
    "delete": _delete,
    "import": _import,
    "verify": _verify,
    "folder": _folder,
}


class DownloadBar:
    """One line on stderr: bytes, speed and ETA; silent when stderr is not a terminal."""

    WIDTH = 24

    def __init__(self, name: str, stream: TextIO, *, enabled: bool) -> None:
        self._name = name[-28:]
        self._stream = stream
        self._enabled = enabled
        self._drawn = False

    def update(self, p: DownloadProgress) -> None:
        from stenodesk.core.jobs.prepare import clock
        from stenodesk.core.models.state import human_size

        if not self._enabled:
            return
        filled = int(p.fraction * self.WIDTH)
        eta = f" ETA {clock(p.eta)}" if p.eta is not None else ""
        speed = f" {human_size(p.speed)}/s" if p.speed > 0 else ""
        note = " (joined another download)" if p.joined else " (reconnecting)" if p.retrying else ""
        self._stream.write(
            f"\r{self._name} [{'#' * filled}{'.' * (self.WIDTH - filled)}] "
            f"{human_size(p.done)}/{human_size(p.total)}{speed}{eta}{note}\x1b[K"
        )
        self._stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self._stream.write("\n")
            self._drawn = False
