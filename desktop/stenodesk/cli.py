"""The command line: the app's capabilities without a window.

``stenodesk`` alone starts the desktop app; ``stenodesk transcribe FILE...``
writes subtitles or text next to each file. Each subcommand lives in
``stenodesk.commands``; this module builds the parser and dispatches.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from stenodesk import __version__
from stenodesk.commands.base import (
    EXIT_CANCELLED,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_MODEL,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    MODEL_KINDS,
    Context,
)
from stenodesk.core.paths import UserDirs
from stenodesk.core.settings import Settings, SettingsStore

if TYPE_CHECKING:
    from stenodesk.commands.base import SubParsers

__all__ = [
    "COMMANDS",
    "EXIT_CANCELLED",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_MODEL",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "EXIT_USAGE",
    "MODEL_KINDS",
    "Context",
    "SubParsers",
    "build_parser",
    "main",
]

log = logging.getLogger(__name__)

COMMANDS = ("transcribe", "live", "models", "doctor")
"""Modules of ``stenodesk.commands``, one per subcommand, in help order."""


class Command(Protocol):
    def add_parser(self, sub: SubParsers, settings: Settings) -> None: ...

    def run(self, ctx: Context, args: argparse.Namespace) -> int: ...


def _command(name: str) -> Command:
    module: Command = importlib.import_module(f"stenodesk.commands.{name}")
    return module


def build_parser(settings: Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stenodesk",
        description="Speech to text on your own machine. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"Stenodesk {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start the app, transcribe the bundled sample, export and check SRT, then exit",
    )
    parser.add_argument(
        "--open",
        nargs="*",
        type=Path,
        default=[],
        metavar="FILE",
        help="open the app with these files queued (an app already running gets them)",
    )
    parser.add_argument(
        "--startup-time",
        action="store_true",
        help="start the app, print when its window was first painted (JSON), then exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        _command(name).add_parser(sub, settings)
    return parser


DECODING = ("transcribe", "live")
"""The commands that decode speech; the app (no command) does too."""


def decodes(args: Sequence[str]) -> bool:
    """Whether a command line decodes speech, and so pays for starting again (0.15 s)
    with malloc on huge pages (see ``memory.restart_with_huge_pages``)."""
    if any(a in ("-h", "--help", "--version", "--smoke-test") for a in args):
        return False
    first = next((a for a in args if a in COMMANDS), None)
    return first is None or first in DECODING


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None and decodes(sys.argv[1:]):  # run as a program: malloc on huge pages
        from stenodesk.core.engine.memory import restart_with_huge_pages

        restart_with_huge_pages()
    args_list = list(sys.argv[1:] if argv is None else argv)
    dirs = UserDirs.default()
    settings = SettingsStore(dirs.settings_file).load()
    parser = build_parser(settings)
    args, rest = parser.parse_known_args(args_list)
    if args.command is not None and rest:
        parser.error("unrecognized arguments: " + " ".join(rest))
    # Before any CUDA call, and inherited by the GPU check's child process.
    from stenodesk.core.gpu.devices import device_order_env
    from stenodesk.core.gpu.prediction import jit_cache_env

    os.environ.update(jit_cache_env(os.environ))
    os.environ.update(device_order_env(os.environ))
    if args.command is None:
        # The desktop app (it configures logging itself); Qt takes its options from `rest`.
        from stenodesk import app

        return app.main(
            [sys.argv[0], *rest],
            smoke_test=args.smoke_test,
            verbose=args.verbose,
            startup_time=args.startup_time,
            files=args.open,
        )
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    from stenodesk.core.engine.memory import started_again

    if started_again():
        logging.getLogger(__name__).info("started again with malloc on huge pages")
    ctx = Context(dirs, settings, sys.stdout, sys.stderr)
    try:
        return _command(args.command).run(ctx, args)
    except KeyboardInterrupt:
        print("Cancelled.", file=ctx.err)
        return EXIT_CANCELLED


if __name__ == "__main__":
    sys.exit(main())
