"""Engine values as JSON and back, for the job journal.

Floats go through ``json`` unchanged (shortest repr round-trips exactly), so
a segment read back is equal to the one written.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from stenodesk.core.engine.checkpoint import Prompt, ResumePoint
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.windows import WindowPlan
from stenodesk.core.transcript import Segment, TranscriptInfo, Word

Json = dict[str, Any]

IGNORED_OPTIONS = frozenset({"cpu_threads", "speakers"})
"""Options that do not change the text, so a job may resume with another value.

Speakers are found over the whole file after decoding, so the decoded text of
an interrupted job serves any speakers choice.
"""


def segment_to_json(seg: Segment) -> Json:
    """A segment as JSON; words are ``[start, end, text, p]``, plus the speaker once found."""
    data = asdict(seg)
    data["words"] = [_word_to_json(w) for w in seg.words]
    if seg.speaker is None:
        del data["speaker"]
    return data


def _word_to_json(w: Word) -> list[Any]:
    word: list[Any] = [w.start, w.end, w.text, w.probability]
    return word if w.speaker is None else [*word, w.speaker]


def _word_from_json(item: list[Any]) -> Word:
    speaker = item[4] if len(item) > 4 else None
    return Word(float(item[0]), float(item[1]), str(item[2]), float(item[3]), _speaker(speaker))


def _speaker(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


def segment_from_json(data: Json) -> Segment:
    words = tuple(_word_from_json(item) for item in data["words"])
    return Segment(
        index=int(data["index"]),
        start=float(data["start"]),
        end=float(data["end"]),
        text=str(data["text"]),
        words=words,
        avg_logprob=float(data["avg_logprob"]),
        no_speech_prob=float(data["no_speech_prob"]),
        repeats_collapsed=int(data["repeats_collapsed"]),
        speaker=_speaker(data.get("speaker")),
    )


def _prompt_to_json(prompt: Prompt | None) -> Json | None:
    if prompt is None:
        return None
    if isinstance(prompt, str):
        return {"text": prompt}
    return {"tokens": list(prompt)}


def _prompt_from_json(data: Json | None) -> Prompt | None:
    if data is None:
        return None
    if "text" in data:
        return str(data["text"])
    return tuple(int(t) for t in data["tokens"])


def resume_to_json(point: ResumePoint) -> Json:
    return {
        "position": point.position,
        "window_index": point.window_index,
        "prompt": _prompt_to_json(point.prompt),
        "language": point.language,
        "language_probability": point.language_probability,
        "next_segment": point.next_segment,
        "previous": segment_to_json(point.previous) if point.previous else None,
    }


def resume_from_json(data: Json) -> ResumePoint:
    previous = data.get("previous")
    return ResumePoint(
        position=float(data["position"]),
        window_index=int(data["window_index"]),
        prompt=_prompt_from_json(data.get("prompt")),
        language=data.get("language"),
        language_probability=float(data.get("language_probability", 0.0)),
        next_segment=int(data["next_segment"]),
        previous=segment_from_json(previous) if previous else None,
    )


def options_to_json(options: TranscribeOptions) -> Json:
    data = asdict(options)
    data["temperatures"] = list(options.temperatures)
    return data


def options_from_json(data: Json) -> TranscribeOptions:
    """Raises ValueError on fields this version does not know (a newer journal)."""
    known = {f.name for f in fields(TranscribeOptions)}
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"unknown options {sorted(unknown)}")
    values = dict(data)
    values["temperatures"] = tuple(float(t) for t in values.get("temperatures", ()))
    return TranscribeOptions(**values)


def options_differ(a: TranscribeOptions, b: TranscribeOptions) -> list[str]:
    """Names of the options that differ in a way that changes the text."""
    left, right = options_to_json(a), options_to_json(b)
    return [k for k in left if k not in IGNORED_OPTIONS and left[k] != right.get(k)]


def plan_to_json(plan: WindowPlan) -> Json:
    return asdict(plan)


def plan_from_json(data: Json) -> WindowPlan:
    values = {k: float(v) for k, v in data.items() if k != "pauses"}
    # Older journals do not say whether windows are cut in pauses: they were.
    return WindowPlan(**values, pauses=bool(data.get("pauses", True)))


def info_to_json(info: TranscriptInfo) -> Json:
    return asdict(info)


def info_from_json(data: Json) -> TranscriptInfo:
    return TranscriptInfo(**data)
