"""The steps between a failing GPU plan and the CPU, one table of them.

Several CTranslate2 releases fail every int8 compute type on compute
capability 12.x (RTX 50) with ``CUBLAS_STATUS_NOT_SUPPORTED`` while float16
works (CTranslate2 issue 1865), so a refused int8 is retried on the GPU in
float16. Out of memory (``out of memory`` or ``CUBLAS_STATUS_ALLOC_FAILED``)
is retried with int8_float16, whose weights take half the memory of
float16, then, in batched decoding, with half the batch (activations grow
with it), down to one; only then does the job leave the GPU.

Each step is taken at most once in a job (halving the batch excepted), so a
card that runs out of memory in float16 and refuses int8 ends on the CPU
instead of going back and forth.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from stenodesk.core.engine.device import DevicePlan
from stenodesk.core.errors import ErrorKind, user_message
from stenodesk.core.gpu.faults import classify, first_line

SMALLER_TYPE = "int8_float16"
"""The compute type tried after running out of memory: int8 weights, float16 work."""


@dataclass(frozen=True)
class Recovery:
    """The next thing to try on the GPU after a failure.

    Attributes:
        step: which rule of :data:`STEPS` gave it (``float16``, ``int8_float16``,
            ``smaller_batch``).
        plan: the device plan to go on with; its reason is the notice for the user.
        batch_size: the batch size to go on with (0: sequential).
        reload: the model must be loaded again (a new compute type); a smaller
            batch goes on with the model already loaded.
    """

    step: str
    plan: DevicePlan
    batch_size: int
    reload: bool


@dataclass(frozen=True)
class _Step:
    step: str
    fault: str
    """The :func:`~stenodesk.core.gpu.faults.classify` kind the step answers."""
    applies: Callable[[DevicePlan, int], bool]
    compute_type: str | None
    """The new compute type, None to keep the plan's."""
    halve_batch: bool
    message: ErrorKind


STEPS: tuple[_Step, ...] = (
    _Step(
        "float16",
        "int8_unsupported",
        lambda plan, _batch: plan.compute_type.startswith("int8"),
        "float16",
        False,
        ErrorKind.GPU_INT8_UNSUPPORTED,
    ),
    _Step(
        "int8_float16",
        "out_of_memory",
        lambda plan, _batch: plan.compute_type != SMALLER_TYPE,
        SMALLER_TYPE,
        False,
        ErrorKind.GPU_OOM_SMALLER_TYPE,
    ),
    _Step(
        "smaller_batch",
        "out_of_memory",
        lambda _plan, batch: batch > 1,
        None,
        True,
        ErrorKind.GPU_OOM_SMALLER_BATCH,
    ),
)
"""The recovery chain, tried in order; the first step that applies and was not
taken yet in this job wins."""

REPEATABLE = frozenset({"smaller_batch"})
"""Steps that may be taken again in one job (each time halving the batch)."""


def gpu_recovery(
    plan: DevicePlan,
    exc: BaseException,
    *,
    batch_size: int = 0,
    taken: frozenset[str] = frozenset(),
) -> Recovery | None:
    """What to try on the GPU after ``exc`` failed ``plan``, or None for the CPU.

    Args:
        plan: the plan that failed.
        exc: the failure.
        batch_size: the batch size the failure happened with; 0 when loading
            the model or decoding sequentially (a smaller batch cannot help).
        taken: the steps already taken in this job.
    """
    if plan.device != "cuda":
        return None
    text = str(exc)
    kind = classify(text).kind
    for rule in STEPS:
        if rule.fault != kind or not rule.applies(plan, batch_size):
            continue
        if rule.step in taken and rule.step not in REPEATABLE:
            continue
        compute = rule.compute_type or plan.compute_type
        batch = max(1, batch_size // 2) if rule.halve_batch else batch_size
        subject = str(batch) if rule.halve_batch else first_line(text)
        message = user_message(rule.message, subject)
        reason = f"{message.text} {message.fix}"
        # The same GPU (device_index), another compute type or batch.
        new = replace(plan, compute_type=compute, reason=reason, fix="")
        return Recovery(rule.step, new, batch, rule.compute_type is not None)
    return None


def float16_retry(plan: DevicePlan, exc: BaseException) -> DevicePlan | None:
    """The float16 GPU plan when ``exc`` is the GPU refusing ``plan``'s int8 type.

    Returns:
        None when the failure is any other, or the plan was not an int8 GPU plan.
    """
    recovery = gpu_recovery(plan, exc)
    if recovery is None or recovery.step != "float16":
        return None
    return recovery.plan
