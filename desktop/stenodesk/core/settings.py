"""Typed, versioned user settings, saved atomically and only when they change.

The schema is a tree of frozen dataclasses with defaults; keys are dotted
(``transcription.model``). A file from an older version is migrated; a value
of the wrong type or out of range falls back to its default (and is logged);
a damaged file is kept aside as ``settings.json.bad`` and defaults are used.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from stenodesk.core.filemode import match_umask

log = logging.getLogger(__name__)

VERSION = 2

INTERFACE_LANGUAGES = ("", "en", "zh_CN", "zh_TW")
"""Values of ``ui.language``: empty follows the system; the others ship translations."""


@dataclass(frozen=True)
class TranscriptionSettings:
    model: str = "auto"
    """A model name or folder; "auto" picks a built-in by language (core.models.choice)."""
    language: str = ""
    """Empty means detect."""
    task: str = "transcribe"
    beam_size: int = 5
    vad_filter: bool = True
    word_timestamps: bool = True
    batch_size: int = -1
    """-1: batched on the GPU (sized to its free memory), sequential on the CPU; 0: always
    sequential; more: that batch size (core/engine/batching.py)."""
    cpu_threads: int = 0
    speakers: str = "off"
    """off, auto, N or MIN-MAX (core/speakers/choice.py)."""


@dataclass(frozen=True)
class DeviceSettings:
    device: str = "auto"
    device_index: str = "auto"
    """Which GPU: "auto" (the one with the most free memory) or its index ("0", "1"...)."""
    compute_type: str = "auto"
    system_libraries: bool = False
    """App bundles: also look for CUDA libraries outside the bundle (the system's)."""


@dataclass(frozen=True)
class ExportSettings:
    format: str = "srt"
    max_chars_per_line: int = 42
    max_lines: int = 2
    max_duration: float = 7.0
    last_folder: str = ""
    speaker_labels: bool = True
    """SRT cues start with the speaker's name when speakers were found."""


@dataclass(frozen=True)
class AudioSettings:
    input_device: str = ""
    """Empty means the system default."""


@dataclass(frozen=True)
class ModelSettings:
    folder: str = ""
    """Empty means the default folder under the user data directory."""


@dataclass(frozen=True)
class UiSettings:
    language: str = ""
    """Interface language; empty follows the system."""
    chinese_script: str = "none"


@dataclass(frozen=True)
class SubtitleSettings:
    """The reading rules the transcript editor checks besides the export's shape.

    Line length, lines per cue and the longest cue are the export's
    (:class:`ExportSettings`): one set of rules, so a line the checks pass is
    a line the export writes as it is.
    """

    max_chars_per_second: float = 17.0
    """Reading speed: characters (spaces included) per second of the line."""
    min_duration: float = 1.0
    show_checks: bool = True
    """Lines that break the rules are marked in the transcript."""


@dataclass(frozen=True)
class PlaybackSettings:
    """The player's speed and volume, remembered between runs."""

    speed: float = 1.0
    """0.5 to 2.0, the pitch kept."""
    volume: float = 1.0
    """0.0 (silent) to 1.0 (as recorded)."""
    follow: bool = True
    """The transcript keeps the line being played in view."""


@dataclass(frozen=True)
class Settings:
    version: int = VERSION
    transcription: TranscriptionSettings = field(default_factory=TranscriptionSettings)
    device: DeviceSettings = field(default_factory=DeviceSettings)
    export: ExportSettings = field(default_factory=ExportSettings)
    audio: AudioSettings = field(default_factory=AudioSettings)
    models: ModelSettings = field(default_factory=ModelSettings)
    ui: UiSettings = field(default_factory=UiSettings)
    subtitles: SubtitleSettings = field(default_factory=SubtitleSettings)
    playback: PlaybackSettings = field(default_factory=PlaybackSettings)

    def get(self, key: str) -> Any:
        section, name = _split(key)
        return getattr(getattr(self, section), name)

    def with_value(self, key: str, value: Any) -> Settings:
        """A copy with ``key`` set; raises ValueError if the value is not allowed."""
        section, name = _split(key)
        current = getattr(self, section)
        expected = type(getattr(current, name))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ValueError(f"{key} must be {expected.__name__}, not {type(value).__name__}")
        check = _CHECKS.get(key)
        if check is not None and not check(value):
            raise ValueError(f"{key}: {value!r} is not allowed")
        changed = replace(self, **{section: replace(current, **{name: value})})
        for keys, why, agree in _AGREEMENTS:
            if key in keys and not agree(changed):
                raise ValueError(f"{key}: {value!r} does not fit: {why}")
        return changed


def _split(key: str) -> tuple[str, str]:
    section, _, name = key.partition(".")
    if not name or section not in _SECTIONS or name not in _SECTIONS[section]:
        raise KeyError(key)
    return section, name


_SECTIONS: dict[str, set[str]] = {
    f.name: {g.name for g in fields(getattr(Settings(), f.name))}
    for f in fields(Settings)
    if f.name != "version"
}


def _speakers_ok(value: str) -> bool:
    # Imported here: settings load at start-up, before anything needs the speaker code.
    from stenodesk.core.speakers.choice import parse_speakers

    try:
        parse_speakers(value)
    except ValueError:
        return False
    return True


_CHECKS: dict[str, Callable[[Any], bool]] = {
    "transcription.task": lambda v: v in ("transcribe", "translate"),
    "transcription.beam_size": lambda v: 1 <= v <= 20,
    "transcription.batch_size": lambda v: -1 <= v <= 64,
    "transcription.cpu_threads": lambda v: 0 <= v <= 256,
    "transcription.model": lambda v: bool(v.strip()),
    "device.device": lambda v: v in ("auto", "cpu", "cuda"),
    "device.device_index": lambda v: v == "auto" or (v.isdigit() and int(v) <= 63),
    "device.compute_type": lambda v: (
        v in ("auto", "int8", "int8_float32", "int8_float16", "float16", "bfloat16", "float32")
    ),
    "transcription.speakers": _speakers_ok,
    "export.format": lambda v: v in ("srt", "vtt", "txt", "json", "rttm"),
    "export.max_chars_per_line": lambda v: 8 <= v <= 200,
    "export.max_lines": lambda v: 1 <= v <= 4,
    "export.max_duration": lambda v: 1.0 <= v <= 60.0,
    "ui.language": lambda v: v in INTERFACE_LANGUAGES,
    "ui.chinese_script": lambda v: v in ("none", "simplified", "traditional", "taiwan", "hongkong"),
    "subtitles.max_chars_per_second": lambda v: 5.0 <= v <= 40.0,
    # Ranges that keep the default of the other one valid (the longest is
    # export.max_duration), so a file is read the same whichever comes first;
    # only a pair that disagrees is refused.
    "subtitles.min_duration": lambda v: 0.1 <= v <= 5.0,
    "playback.speed": lambda v: 0.5 <= v <= 2.0,
    "playback.volume": lambda v: 0.0 <= v <= 1.0,
}

_AGREEMENTS: tuple[tuple[frozenset[str], str, Callable[[Settings], bool]], ...] = (
    (
        frozenset({"subtitles.min_duration", "export.max_duration"}),
        "the shortest subtitle must be shorter than the longest",
        lambda s: s.subtitles.min_duration < s.export.max_duration,
    ),
)
"""Settings that must agree with each other: the keys, why, and the test."""


def _batch_auto(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 -> 2: the batch size default became -1 (batched on the GPU).

    Version 1 wrote its default 0 into every file and had no control for it,
    so a 0 there is the old default, not a choice: it becomes the new one.
    """
    transcription = data.get("transcription")
    if isinstance(transcription, dict) and transcription.get("batch_size") == 0:
        data = {**data, "transcription": {**transcription, "batch_size": -1}}
    return data


# version n -> function turning a version-n dict into a version n+1 dict
_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _batch_auto}


def from_dict(data: dict[str, Any]) -> Settings:
    """Build settings from a (possibly old or partly wrong) dict; never raises."""
    version = data.get("version", VERSION)
    if not isinstance(version, int) or version > VERSION:
        log.warning("settings written by a newer Stenodesk (version %s); using what fits", version)
        version = VERSION
    while version < VERSION:
        data = _MIGRATIONS[version](data)
        version += 1
    settings = Settings()
    for section, names in _SECTIONS.items():
        values = data.get(section)
        if not isinstance(values, dict):
            continue
        for name, value in values.items():
            if name not in names:
                log.info("ignoring unknown setting %s.%s", section, name)
                continue
            try:
                settings = settings.with_value(f"{section}.{name}", value)
            except ValueError as exc:
                log.warning("setting %s.%s reset to its default: %s", section, name, exc)
    return settings


def to_dict(settings: Settings) -> dict[str, Any]:
    assert is_dataclass(settings)
    return asdict(settings)


class SettingsStore:
    """Loads and saves :class:`Settings` as JSON at one path."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._saved: Settings | None = None

    def load(self) -> Settings:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self._saved = Settings()
            return self._saved
        except OSError as exc:
            log.warning("cannot read %s (%s); using defaults", self.path, exc)
            return Settings()
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not an object")
        except ValueError as exc:
            bad = self.path.with_name(self.path.name + ".bad")
            log.warning("settings file damaged (%s); kept as %s, using defaults", exc, bad.name)
            with contextlib.suppress(OSError):
                os.replace(self.path, bad)
            return Settings()
        settings = from_dict(data)
        self._saved = settings
        return settings

    def save(self, settings: Settings) -> bool:
        """Write the settings if they differ from what is on disk; True if written."""
        if settings == self._saved and self.path.exists():
            return False
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings.", dir=self.path.parent)
        try:
            match_umask(fd)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(to_dict(settings), fh, indent=2, sort_keys=True)
                fh.write("\n")
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        self._saved = settings
        return True
