"""What the command line and its subcommands share: exit codes and the context.

Here rather than in ``cli.py``, so that the subcommands need not import the
module that dispatches to them.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from stenodesk.core.errors import ErrorKind
from stenodesk.core.paths import UserDirs
from stenodesk.core.settings import Settings

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_MODEL = 4
EXIT_PARTIAL = 5
EXIT_CANCELLED = 130

MODEL_KINDS = frozenset(
    {
        ErrorKind.MODEL_MISSING,
        ErrorKind.MODEL_UNKNOWN,
        ErrorKind.MODEL_INVALID,
        ErrorKind.MODEL_CORRUPT,
        ErrorKind.MODEL_LOAD_FAILED,
        ErrorKind.LANGUAGE_UNSUPPORTED,
        ErrorKind.MODEL_PACKAGE_MISSING,
        ErrorKind.MODEL_PACKAGE_CORRUPT,
    }
)

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


@dataclass
class Context:
    """What every command needs; built once in :func:`stenodesk.cli.main`."""

    dirs: UserDirs
    settings: Settings
    out: TextIO
    err: TextIO
