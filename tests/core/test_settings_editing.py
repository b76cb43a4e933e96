"""Subtitle rules and remembered playback in the settings; the checks follow them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.helpers.logfail import LogFailHandler

from stenodesk.core.editing.checks import Check, SubtitleRules, check_all
from stenodesk.core.settings import Settings, SettingsStore, from_dict
from stenodesk.core.transcript import Segment

BAD_VALUES = [
    ("subtitles.max_chars_per_second", 0.0),
    ("subtitles.max_chars_per_second", float("nan")),
    ("subtitles.max_chars_per_second", "17"),
    ("subtitles.min_duration", 0.0),
    ("subtitles.min_duration", 5.5),
    ("playback.speed", 0.25),
    ("playback.speed", 2.5),
    ("playback.speed", float("inf")),
    ("playback.volume", -0.1),
    ("playback.volume", 1.5),
]


@pytest.mark.parametrize(("key", "value"), BAD_VALUES)
def test_out_of_range_values_are_refused(key: str, value: object) -> None:
    with pytest.raises(ValueError):
        Settings().with_value(key, value)


def test_defaults() -> None:
    s = Settings()
    assert s.subtitles.max_chars_per_second == 17.0
    assert s.subtitles.min_duration == 1.0
    assert (s.playback.speed, s.playback.volume) == (1.0, 1.0)
    assert SubtitleRules.from_settings(s) == SubtitleRules()


def test_shortest_must_stay_below_the_export_s_longest() -> None:
    s = Settings().with_value("subtitles.min_duration", 3.0)
    with pytest.raises(ValueError, match="shorter than the longest"):
        s.with_value("export.max_duration", 3.0)
    assert s.with_value("export.max_duration", 3.5).export.max_duration == 3.5
    with pytest.raises(ValueError, match="shorter than the longest"):
        s.with_value("export.max_duration", 3.5).with_value("subtitles.min_duration", 4.0)


def test_the_checks_and_the_export_shape_lines_by_one_set_of_rules() -> None:
    s = Settings().with_value("export.max_chars_per_line", 30).with_value("export.max_lines", 1)
    s = s.with_value("export.max_duration", 4.0)
    rules = SubtitleRules.from_settings(s)
    assert (rules.max_chars_per_line, rules.max_lines, rules.max_duration) == (30, 1, 4.0)
    shaping = rules.shaping()
    assert (shaping.max_chars_per_line, shaping.max_lines, shaping.max_duration) == (30, 1, 4.0)


def test_saved_and_read_back(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    changed = (
        store.load()
        .with_value("playback.speed", 1.25)
        .with_value("playback.volume", 0.5)
        .with_value("subtitles.max_chars_per_second", 20)
    )
    assert store.save(changed)
    data = json.loads(store.path.read_text())
    assert data["playback"] == {"speed": 1.25, "volume": 0.5, "follow": True}
    assert data["subtitles"]["max_chars_per_second"] == 20.0
    assert SettingsStore(store.path).load() == changed


def test_a_file_from_before_these_settings_gets_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "export": {"format": "vtt"}}))
    s = SettingsStore(path).load()
    assert s.export.format == "vtt"
    assert s.subtitles == Settings().subtitles and s.playback == Settings().playback


def test_bad_values_in_the_file_fall_back(logfail: LogFailHandler) -> None:
    logfail.allow("stenodesk.core.settings")
    s = from_dict(
        {
            "version": 1,
            "playback": {"speed": 9, "volume": 0.3},
            "export": {"max_duration": 4.0},
            "subtitles": {"min_duration": 4.5, "max_lines": 3},
        }
    )
    assert s.playback.speed == 1.0 and s.playback.volume == 0.3
    # The pair disagrees: the one read second (subtitles, after export) is refused;
    # max_lines there is from an earlier build and is the export's now (ignored).
    assert (s.export.max_duration, s.subtitles.min_duration) == (4.0, 1.0)
    assert s.export.max_lines == 2


def test_checks_use_the_rules_from_settings() -> None:
    # 30 characters in 2 s: 15 per second, fine at the default 17, too fast at 12.
    line = Segment(0, 0.0, 2.0, "a" * 30)
    assert check_all([line], SubtitleRules.from_settings(Settings())) == ()
    strict = Settings().with_value("subtitles.max_chars_per_second", 12.0)
    (flagged,) = check_all([line], SubtitleRules.from_settings(strict))
    assert [p.check for p in flagged.problems] == [Check.TOO_FAST]
    assert flagged.problems[0].limit == 12.0
    short = Settings().with_value("subtitles.min_duration", 2.5)
    (flagged,) = check_all([line], SubtitleRules.from_settings(short))
    assert [p.check for p in flagged.problems] == [Check.TOO_SHORT]
