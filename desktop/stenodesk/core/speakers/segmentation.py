"""Who speaks when inside one 10 s window: pyannote segmentation-3.0 on ONNX.

The model sees 10 s of 16 kHz audio and gives, for each of 589 frames (one
every 270 samples, each covering 721 samples), log-probabilities over seven
"powerset" classes: nobody, one of three local speakers, or one of the three
pairs. Local speakers are numbered per window only; clustering links them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

RATE = 16000
WINDOW = 10 * RATE
FRAME_STEP = 270
FRAME_SPAN = 721
FRAMES = 589
LOCAL = 3
STEP_S = FRAME_STEP / RATE

# Powerset class -> which local speakers it means.
_POWERSET = np.array(
    [
        [0, 0, 0],
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
        [1, 1, 0],
        [1, 0, 1],
        [0, 1, 1],
    ],
    dtype=bool,
)


def frame_centre(frame: npt.NDArray[np.int64] | int) -> Any:
    """Seconds from a window's start to the middle of a frame."""
    return (np.asarray(frame) * FRAME_STEP + FRAME_SPAN / 2) / RATE


def window_starts(samples: int, step: int) -> list[int]:
    """Start samples of the windows that cover ``samples``, the last one ending at the end."""
    if samples <= WINDOW:
        return [0]
    starts = list(range(0, samples - WINDOW + 1, step))
    if starts[-1] + WINDOW < samples:
        starts.append(samples - WINDOW)
    return starts


def activity(session: Any, windows: npt.NDArray[np.float32]) -> npt.NDArray[np.bool_]:
    """(windows, 589, 3) speech activity of the local speakers in a batch of windows.

    Args:
        session: the segmentation model's ONNX Runtime session.
        windows: (batch, WINDOW) samples; shorter audio zero-padded by the caller.
    """
    name = session.get_inputs()[0].name
    logp = session.run(None, {name: windows[:, None, :].astype(np.float32)})[0]
    result: npt.NDArray[np.bool_] = _POWERSET[np.argmax(logp, axis=-1)]
    return result
