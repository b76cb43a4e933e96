"""The step between a failing GPU plan and the CPU: the same GPU with float16.

Several CTranslate2 releases fail every int8 compute type on compute
capability 12.x (RTX 50) with ``CUBLAS_STATUS_NOT_SUPPORTED`` while float16
works (CTranslate2 issue 1865), so a refused int8 is retried on the GPU in
float16 before the job leaves the GPU.
"""

from __future__ import annotations

from stenodesk.core.engine.device import DevicePlan
from stenodesk.core.errors import ErrorKind, user_message
from stenodesk.core.gpu.faults import classify, first_line


def float16_retry(plan: DevicePlan, exc: BaseException) -> DevicePlan | None:
    """The float16 GPU plan when ``exc`` is the GPU refusing ``plan``'s int8 type.

    Returns:
        None when the failure is any other, or the plan was not an int8 GPU plan.
    """
    if plan.device != "cuda" or not plan.compute_type.startswith("int8"):
        return None
    text = str(exc)
    if classify(text).kind != "int8_unsupported":
        return None
    message = user_message(ErrorKind.GPU_INT8_UNSUPPORTED, first_line(text))
    return DevicePlan("cuda", "float16", f"{message.text} {message.fix}")
