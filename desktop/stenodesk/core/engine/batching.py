"""The batch size for faster-whisper's batched pipeline when the job leaves it to us.

``batch_size`` :data:`AUTO` means: batched on the GPU, where decoding several
30 s chunks at once is the big speed-up (faster-whisper's README: 13 minutes
of audio with large-v2 on an RTX 3070 Ti, 63 s sequential and 17 s with
batches of 8), and sequential on the CPU, where the measured CPU levers
(core/engine/parallel.py) are the better use of the cores.

On the GPU the batch is what the free memory holds after the model: each
chunk in flight needs activations (encoder output, the decoder's key/value
cache for the beams) of roughly a tenth of the model's weights, and never
less than :data:`MIN_PER_CHUNK`; :data:`RESERVE` stays free for cuBLAS's
workspace and the CUDA context. The figures are deliberately generous: a
batch too large is caught by the out-of-memory recovery (half the batch,
core/engine/gpufallback.py), but costs a retried window.
"""

from __future__ import annotations

from pathlib import Path

AUTO = -1
"""``TranscribeOptions.batch_size`` for "choose for the device"."""

SIZES = (16, 8, 4, 2)
"""The batch sizes tried, largest first; below 2 sequential decoding is as fast."""
RESERVE = 1 << 30
"""Bytes left free on the GPU: the CUDA context, cuBLAS's workspace, other programs' growth."""
MIN_PER_CHUNK = 128 << 20
"""Bytes each chunk in a batch needs at least (measured tiny and base need less)."""
PER_CHUNK_SHARE = 0.1
"""Activation bytes per chunk in a batch, as a share of the model's weight bytes."""
UNKNOWN_FREE = 4
"""The batch when the free memory is unknown (only libcuda answered)."""


def auto_batch_size(device: str, free_bytes: int, model_bytes: int) -> int:
    """The batch size for a job that asked for :data:`AUTO`.

    Args:
        device: ``cpu`` or ``cuda``.
        free_bytes: the GPU's free memory before the model was loaded; 0 when unknown.
        model_bytes: the size of the model's weights (``model.bin``).

    Returns:
        0 (sequential) on the CPU or when no batch of 2 fits, else one of :data:`SIZES`.
    """
    if device != "cuda":
        return 0
    if free_bytes <= 0:
        return UNKNOWN_FREE
    per_chunk = max(MIN_PER_CHUNK, int(model_bytes * PER_CHUNK_SHARE))
    room = free_bytes - model_bytes - RESERVE
    return next((size for size in SIZES if size * per_chunk <= room), 0)


def model_bytes(folder: str | Path) -> int:
    """The size of a CTranslate2 model's weights; 0 if the folder has none."""
    try:
        return (Path(folder) / "model.bin").stat().st_size
    except OSError:
        return 0
