"""Which paths become jobs: media files and folders; the rest with a reason."""

from __future__ import annotations

from pathlib import Path

from stenodesk.bridge.intake import collect
from stenodesk.core.errors import ErrorKind


def test_files_and_folders(tmp_path: Path) -> None:
    folder = tmp_path / "recordings"
    (folder / "day 2").mkdir(parents=True)
    for name in ("b.MP3", "a.wav", "notes.txt", ".hidden.wav", "day 2/c.mkv"):
        (folder / name).write_bytes(b"x")
    (folder / "empty.wav").touch()
    loose = tmp_path / "talk.m4a"
    loose.write_bytes(b"x")
    text = tmp_path / "readme.txt"
    text.write_text("hi")
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    (nothing / "list.pdf").write_bytes(b"x")

    intake = collect([loose, folder, text, tmp_path / "gone.wav", nothing, loose])
    names = [p.relative_to(tmp_path).as_posix() for p in intake.accepted]
    assert names == ["talk.m4a", "recordings/a.wav", "recordings/b.MP3", "recordings/day 2/c.mkv"]
    reasons = {r.path.name: r.error.kind for r in intake.rejected}
    assert reasons == {
        "readme.txt": ErrorKind.NOT_MEDIA,
        "gone.wav": ErrorKind.FILE_MISSING,
        "nothing": ErrorKind.NO_MEDIA_IN_FOLDER,
    }
    message = next(r for r in intake.rejected if r.path == text).error.message
    assert message.text == "readme.txt: not an audio or video file."


def test_an_empty_file_is_rejected(tmp_path: Path) -> None:
    empty = tmp_path / "empty.wav"
    empty.touch()
    [rejected] = collect([empty]).rejected
    assert rejected.error.kind == ErrorKind.EMPTY_AUDIO
    assert rejected.error.message.text == "empty.wav: the audio is empty (zero length)."
