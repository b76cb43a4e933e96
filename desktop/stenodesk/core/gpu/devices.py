"""Which of several GPUs a job runs on: the ``device.device_index`` setting.

``auto`` takes the GPU with the most free memory when NVML says how much
each has free (a model that fits is what matters most for speed, and a
second card is often the idle one); without those figures (only libcuda
answered) it takes the first. An index takes that GPU. The indexes are
NVML's, which follow the PCI bus; the app's processes set
``CUDA_DEVICE_ORDER=PCI_BUS_ID`` (:func:`device_order_env`) so that CUDA,
and so CTranslate2's ``device_index``, counts the same way (CUDA's own
default puts the fastest card first).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from stenodesk.core.gpu.driver import Gpu

AUTO = "auto"
MAX_INDEX = 63


def parse_device_index(value: str) -> int | None:
    """None for ``auto``, else the index.

    Raises:
        ValueError: neither ``auto`` nor an index from 0 to :data:`MAX_INDEX`.
    """
    text = value.strip().lower()
    if text == AUTO:
        return None
    if not text.isdigit() or int(text) > MAX_INDEX:
        raise ValueError(f"GPU must be auto or a number from 0 to {MAX_INDEX}, not {value!r}")
    return int(text)


@dataclass(frozen=True)
class GpuChoice:
    """The GPU picked for the setting, and why in plain words.

    Attributes:
        gpu: the GPU; None when there is none.
        note: why this one when it matters (several GPUs, or the one asked
            for is missing); "" otherwise.
    """

    gpu: Gpu | None
    note: str = ""


def choose_gpu(gpus: Sequence[Gpu], setting: str) -> GpuChoice:
    """The GPU ``setting`` (``auto`` or an index) picks among ``gpus``."""
    if not gpus:
        return GpuChoice(None)
    wanted = parse_device_index(setting)
    if wanted is not None:
        for gpu in gpus:
            if gpu.index == wanted:
                return GpuChoice(gpu, f"GPU {gpu.index} as chosen in the settings")
        first = gpus[0]
        return GpuChoice(first, f"GPU {wanted} was chosen but is not present; GPU {first.index}")
    if len(gpus) == 1:
        return GpuChoice(gpus[0])
    if not any(gpu.memory_free for gpu in gpus):
        return GpuChoice(gpus[0], f"GPU {gpus[0].index}; free memory unknown")
    # Most free memory; the lower index on a tie, so the choice is stable.
    best = max(gpus, key=lambda gpu: (gpu.memory_free, -gpu.index))
    free = best.memory_free // (1 << 20)
    return GpuChoice(best, f"GPU {best.index}, the one with the most free memory ({free} MiB)")


def device_order_env(env: Mapping[str, str]) -> dict[str, str]:
    """What to add to the environment so CUDA numbers the GPUs as NVML does.

    An order the user set is left alone.
    """
    if env.get("CUDA_DEVICE_ORDER"):
        return {}
    return {"CUDA_DEVICE_ORDER": "PCI_BUS_ID"}
