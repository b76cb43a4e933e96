"""A new job in the app runs with the same options as ``stenodesk transcribe FILE``."""

from __future__ import annotations

from pathlib import Path

from stenodesk.cli import build_parser
from stenodesk.commands.transcribe import options_from_args
from stenodesk.core.settings import Settings, SettingsStore
from stenodesk.ui.settings_vm import SettingsViewModel


def test_gui_job_defaults_equal_the_command_line_defaults(tmp_path: Path) -> None:
    settings = Settings()
    cli = options_from_args(build_parser(settings).parse_args(["transcribe", "talk.wav"]))
    gui = SettingsViewModel(SettingsStore(tmp_path / "settings.json"), settings)
    assert gui.transcribe_options() == cli
    # The fast defaults: speech found first, automatic threads, compute type and batch
    # (-1: batched on the GPU, sequential on the CPU).
    assert (cli.vad_filter, cli.cpu_threads, cli.compute_type, cli.batch_size) == (
        True,
        0,
        "auto",
        -1,
    )
