"""The media files a folder stands for (the app's drops and the command line share it)."""

from __future__ import annotations

from pathlib import Path

from stenodesk.core.audio.folders import media_in


def test_media_in_a_folder_in_name_order_depth_first(tmp_path: Path) -> None:
    for name in ("b.flac", "a.OGG", "z/c.webm", ".old/d.wav", "notes.md", ".e.wav"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "empty.mp3").touch()
    (tmp_path / "link.wav").symlink_to(tmp_path / "gone.wav")  # a broken link
    found = [p.relative_to(tmp_path).as_posix() for p in media_in(tmp_path)]
    assert found == ["a.OGG", "b.flac", "z/c.webm"]


def test_a_folder_without_media_gives_nothing(tmp_path: Path) -> None:
    (tmp_path / "list.pdf").write_bytes(b"x")
    assert media_in(tmp_path) == []
