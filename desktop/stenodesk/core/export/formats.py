"""SRT, WebVTT, plain text, JSON and RTTM renderings of a transcript: pure functions.

A transcript with speakers (``Segment.speaker`` set) names them in every
format; one without is rendered exactly as before speakers existed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from stenodesk.core.export.shaping import Cue, SubtitleOptions, shape
from stenodesk.core.transcript import Segment, Transcript, TranscriptInfo, Word

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


def speaker_name(speaker: int) -> str:
    """How a speaker is called in exports: ``Speaker 1`` for the first voice heard."""
    return f"Speaker {speaker + 1}"


def _who(transcript: Transcript, speaker: int) -> str:
    """The name the user gave ``speaker``, or its default one."""
    return dict(transcript.speaker_names).get(speaker) or speaker_name(speaker)


def has_speakers(transcript: Transcript) -> bool:
    return any(s.speaker is not None for s in transcript.segments)


def to_srt(transcript: Transcript, options: SubtitleOptions | None = None) -> str:
    blocks = []
    labels = options is None or options.speaker_labels
    for n, cue in enumerate(_cues(transcript, options), start=1):
        text = "\n".join(_clean(line) for line in cue.lines)
        if cue.speaker is not None and labels:
            text = f"{_who(transcript, cue.speaker)}: {text}"
        blocks.append(f"{n}\n{timestamp(cue.start)} --> {timestamp(cue.end)}\n{text}\n")
    return "\n".join(blocks)


def to_vtt(transcript: Transcript, options: SubtitleOptions | None = None) -> str:
    blocks = ["WEBVTT\n"]
    for cue in _cues(transcript, options):
        text = "\n".join(_vtt_escape(_clean(line)) for line in cue.lines)
        if cue.speaker is not None:
            # A voice span; the end tag may be left out when it covers the whole cue.
            text = f"<v {_vtt_escape(_who(transcript, cue.speaker))}>{text}"
        blocks.append(f"{timestamp(cue.start, '.')} --> {timestamp(cue.end, '.')}\n{text}\n")
    return "\n".join(blocks)


def _vtt_escape(line: str) -> str:
    return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cues(transcript: Transcript, options: SubtitleOptions | None) -> list[Cue]:
    return [c for c in shape(transcript.segments, options) if any(_clean(x) for x in c.lines)]


def to_txt(transcript: Transcript, *, timestamps: bool = False) -> str:
    if has_speakers(transcript):
        return _speaker_paragraphs(transcript)
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


def _speaker_paragraphs(transcript: Transcript) -> str:
    """A paragraph per turn, ``[0:01:23] Speaker 1: ...``; segments of one voice join."""
    turns: list[tuple[float, int | None, list[str]]] = []
    for seg in transcript.segments:
        text = seg.text.strip()
        if not text:
            continue
        if turns and turns[-1][1] == seg.speaker:
            turns[-1][2].append(text)
        else:
            turns.append((seg.start, seg.speaker, [text]))
    paragraphs = []
    for start, speaker, texts in turns:
        who = f" {_who(transcript, speaker)}:" if speaker is not None else ""
        paragraphs.append(f"[{_clock(start)}]{who} {' '.join(texts)}")
    return "\n\n".join(paragraphs) + ("\n" if paragraphs else "")


def _clock(seconds: float) -> str:
    whole = max(0, int(seconds))
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def to_json(transcript: Transcript) -> str:
    speakers = sorted({s.speaker for s in transcript.segments if s.speaker is not None})
    data: dict[str, Any] = {
        "format": "stenodesk-transcript",
        "version": JSON_VERSION,
        "info": asdict(transcript.info),
        "text": transcript.text,
        "segments": [_segment_json(s, bool(speakers)) for s in transcript.segments],
    }
    if speakers:
        data["speakers"] = [{"id": s, "name": _who(transcript, s)} for s in speakers]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _segment_json(segment: Segment, speakers: bool) -> dict[str, Any]:
    data = asdict(segment)
    if not speakers:
        # Without speakers the file stays what it was before they existed.
        del data["speaker"]
        for word in data["words"]:
            del word["speaker"]
    return data


def to_rttm(transcript: Transcript, file_id: str = "audio") -> str:
    """NIST RTTM ``SPEAKER`` lines, one per run of segments with one speaker.

    Segments without a speaker are left out; so a transcript without
    speakers gives an empty file.
    """
    lines = []
    runs: list[tuple[float, float, int]] = []
    for seg in transcript.segments:
        if seg.speaker is None or not seg.text.strip():
            continue
        if runs and runs[-1][2] == seg.speaker:
            runs[-1] = (runs[-1][0], max(runs[-1][1], seg.end), seg.speaker)
        else:
            runs.append((seg.start, seg.end, seg.speaker))
    name = file_id.replace(" ", "_") or "audio"
    for start, end, speaker in runs:
        who = "_".join(_who(transcript, speaker).split())
        lines.append(
            f"SPEAKER {name} 1 {start:.3f} {max(0.0, end - start):.3f} <NA> <NA> {who} <NA> <NA>"
        )
    return "\n".join(lines) + ("\n" if lines else "")


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
        Format("rttm", ".rttm", "Speaker turns, RTTM (.rttm)", lambda t, _o: to_rttm(t)),
    )
}
