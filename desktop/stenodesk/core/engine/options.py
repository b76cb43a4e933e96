"""What a transcription job asks for, as one frozen value."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Task = Literal["transcribe", "translate"]
DEFAULT_TEMPERATURES: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


@dataclass(frozen=True)
class TranscribeOptions:
    """Options for one transcription; defaults match faster-whisper's.

    ``device`` is ``auto``, ``cpu`` or ``cuda``; ``compute_type`` is ``auto``
    or a CTranslate2 compute type (``int8``, ``float16``, ...). ``language``
    None means detect. ``batch_size`` 0 decodes sequentially; a positive value
    uses faster-whisper's batched pipeline (which always applies VAD); -1
    (``core.engine.batching.AUTO``) batches on the GPU, sized to its free
    memory, and decodes sequentially on the CPU.
    """

    model: str = "tiny.en"
    device: str = "auto"
    device_index: str = "auto"
    """Which GPU: ``auto`` (the most free memory) or an index (core/gpu/devices.py)."""
    compute_type: str = "auto"
    cpu_threads: int = 0
    language: str | None = None
    task: Task = "transcribe"
    beam_size: int = 5
    vad_filter: bool = False
    word_timestamps: bool = False
    initial_prompt: str | None = None
    temperatures: tuple[float, ...] = field(default=DEFAULT_TEMPERATURES)
    condition_on_previous_text: bool = True
    batch_size: int = 0
    speakers: str = "off"
    """Who speaks: ``off``, ``auto``, ``N`` or ``MIN-MAX`` (core/speakers/choice.py)."""

    def with_(self, **changes: object) -> TranscribeOptions:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def validate(self) -> None:
        """Raise ValueError on values faster-whisper would reject later and less clearly."""
        if self.task not in ("transcribe", "translate"):
            raise ValueError(f"task must be transcribe or translate, not {self.task!r}")
        if self.device not in ("auto", "cpu", "cuda"):
            raise ValueError(f"device must be auto, cpu or cuda, not {self.device!r}")
        if self.device_index != "auto" and not (
            self.device_index.isdigit() and int(self.device_index) <= 63
        ):
            raise ValueError(f"device index must be auto or 0 to 63, not {self.device_index!r}")
        if self.beam_size < 1:
            raise ValueError("beam size must be at least 1")
        if self.batch_size < -1:
            raise ValueError("batch size must be -1 (auto), 0 (sequential) or more")
        if self.cpu_threads < 0:
            raise ValueError("cpu threads must be 0 (automatic) or more")
        if not self.temperatures:
            raise ValueError("at least one temperature is needed")
        # Imported here: the speakers package imports the engine's result types.
        from stenodesk.core.speakers.choice import parse_speakers

        parse_speakers(self.speakers)
