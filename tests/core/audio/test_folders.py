"""The media files a folder stands for (the app's drops and the command line share it)."""

from __future__ import annotations

from pathlib import Path

from stenodesk.core.audio.folders import expand, file_problem, media_in
from stenodesk.core.errors import ErrorKind


def test_media_in_a_folder_in_name_order_its_own_files_first(tmp_path: Path) -> None:
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


def test_expand_keeps_order_and_each_path_once(tmp_path: Path) -> None:
    talks = tmp_path / "talks"
    talks.mkdir()
    for name in ("b.wav", "a.wav"):
        (talks / name).write_bytes(b"x")
    empty = tmp_path / "empty"
    empty.mkdir()
    loose = tmp_path / "notes.txt"
    paths = [loose, talks, empty, talks / "a.wav", loose]
    assert expand(paths) == [loose, talks / "a.wav", talks / "b.wav", empty]


def test_file_problem_names_the_reason(tmp_path: Path) -> None:
    (tmp_path / "a.wav").write_bytes(b"x")
    (tmp_path / "empty.wav").touch()
    (tmp_path / "notes.txt").write_text("hi")
    kinds = {
        name: (problem.kind if (problem := file_problem(tmp_path / name)) else None)
        for name in ("a.wav", "empty.wav", "notes.txt", "gone.wav")
    }
    assert kinds == {
        "a.wav": None,
        "empty.wav": ErrorKind.EMPTY_AUDIO,
        "notes.txt": ErrorKind.NOT_MEDIA,
        "gone.wav": ErrorKind.FILE_MISSING,
    }
