"""SRT, WebVTT, plain text and JSON renderings of a transcript: pure functions."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from stenodesk.core.engine.result import Segment, Transcript, TranscriptInfo, Word
from stenodesk.core.export.shaping import Cue, SubtitleOptions, shape

JSON_VERSION = 1


def timestamp(seconds: float, sep: str = ",") -> str:
    """``HH:MM:SS,mmm`` (SRT) or, with ``sep='.'``, ``HH:MM:SS.mmm`` (VTT)."""
    ms = max(0, round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _clean(line: str) -> str:
    # A blank line or "-->" inside a cue would end it early in players.
    return line.replace("-->", "->").strip()


def to_srt(transcript: Transcript, options: SubtitleOptions | None = None) -> str:
    blocks = []
    for n, cue in enumerate(_cues(transcript, options), start=1):
        text = "\n".join(_clean(line) for line in cue.lines)
        blocks.append(f"{n}\n{timestamp(cue.start)} --> {timestamp(cue.end)}\n{text}\n")
    return "\n".join(blocks)


def to_vtt(transcript: Transcript, options: SubtitleOptions | None = None) -> str:
    blocks = ["WEBVTT\n"]
    for cue in _cues(transcript, options):
        text = "\n".join(_vtt_escape(_clean(line)) for line in cue.lines)
        blocks.append(f"{timestamp(cue.start, '.')} --> {timestamp(cue.end, '.')}\n{text}\n")
    return "\n".join(blocks)


def _vtt_escape(line: str) -> str:
    return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cues(transcript: Transcript, options: SubtitleOptions | None) -> list[Cue]:
    return [c for c in shape(transcript.segments, options) if any(_clean(x) for x in c.lines)]


def to_txt(transcript: Transcript, *, timestamps: bool = False) -> str:
    lines = []
    for seg in transcript.segments:
        text = seg.text.strip()
        if not text:
            continue
        if timestamps:
            lines.append(f"[{timestamp(seg.start, '.')} --> {timestamp(seg.end, '.')}] {text}")
        else:
            lines.append(text)
    return "\n".join(lines) + ("\n" if lines else "")


def to_json(transcript: Transcript) -> str:
    data = {
        "format": "stenodesk-transcript",
        "version": JSON_VERSION,
        "info": asdict(transcript.info),
        "text": transcript.text,
        "segments": [asdict(s) for s in transcript.segments],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def from_json(text: str) -> Transcript:
    """Read back what :func:`to_json` wrote."""
    data = json.loads(text)
    if data.get("format") != "stenodesk-transcript":
        raise ValueError("not a Stenodesk transcript")
    info = TranscriptInfo(**data["info"])
    segments = tuple(_segment(s) for s in data["segments"])
    return Transcript(info, segments)


def _segment(raw: dict[str, Any]) -> Segment:
    words = tuple(Word(**w) for w in raw.pop("words", ()))
    return Segment(words=words, **raw)


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    label: str
    render: Callable[[Transcript, SubtitleOptions], str]


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("srt", ".srt", "SubRip subtitles (.srt)", to_srt),
        Format("vtt", ".vtt", "WebVTT subtitles (.vtt)", to_vtt),
        Format("txt", ".txt", "Plain text (.txt)", lambda t, _o: to_txt(t)),
        Format("json", ".json", "JSON with words and times (.json)", lambda t, _o: to_json(t)),
    )
}
