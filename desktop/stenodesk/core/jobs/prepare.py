"""The one place that prepares a job: the model folder, the resolver, the model choice.

The command line, the file queue and the Live page all build their
:class:`ModelResolver` and choose a job's model here, so a job runs with
the same model wherever it was started.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from stenodesk.core.engine.options import TranscribeOptions

if TYPE_CHECKING:
    from stenodesk.core.export.chinese import ScriptConverter
    from stenodesk.core.models.resolve import ModelResolver

log = logging.getLogger(__name__)


def model_root(folder_setting: str, default: Path) -> Path:
    """The model folder: the ``models.folder`` setting, or ``default`` when it is empty."""
    return Path(folder_setting).expanduser() if folder_setting else Path(default)


def make_resolver(cache: Path, models: Path) -> ModelResolver:
    """Models among the built-ins, in ``models`` and in the Hugging Face cache."""
    from stenodesk.core.models.resolve import ModelResolver
    from stenodesk.core.models.store import default_hf_cache

    return ModelResolver(cache, models, default_hf_cache())


@dataclass(frozen=True)
class PreparedOptions:
    """A job's options as it will run, and what to tell the user about them."""

    options: TranscribeOptions
    notice: str = ""
    """Set when the job runs with another model than asked."""


def choose(
    options: TranscribeOptions, models: Path, downloaded: Collection[str] = ()
) -> PreparedOptions:
    """Pick the job's model ("auto", or away from an English-only one) and its language.

    Args:
        options: what the user asked for.
        models: the model folder (its ``builtin`` folder holds the assembled built-ins).
        downloaded: models ready besides the built-ins, which the choice may use.

    Raises:
        StenodeskError: see :func:`~stenodesk.core.models.choice.choose_model`.
    """
    from stenodesk.core.models.choice import choose_model
    from stenodesk.core.models.multilingual import installed_builtins

    available = installed_builtins(models / "builtin") | frozenset(downloaded)
    choice = choose_model(options.model, options.language, available, task=options.task)
    log.info("model %s: %s", choice.model, choice.reason)
    return PreparedOptions(
        options.with_(model=choice.model, language=choice.language), choice.notice
    )


def prepare(
    options: TranscribeOptions,
    models: Path,
    chinese_script: str,
    downloaded: Collection[str] = (),
) -> tuple[PreparedOptions, ScriptConverter]:
    """:func:`choose`, then the Chinese script's prompt and converter."""
    from stenodesk.core.export.chinese import ScriptConverter, lean_options

    chosen = choose(options, models, downloaded)
    leaned = PreparedOptions(lean_options(chosen.options, chinese_script), chosen.notice)
    return leaned, ScriptConverter(chinese_script)


def clock(seconds: float) -> str:
    """``m:ss`` or ``h:mm:ss``, rounded to the second."""
    total = max(0, int(seconds + 0.5))
    m, s = divmod(total, 60)
    h, m = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
