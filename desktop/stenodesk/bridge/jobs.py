"""What the GUI and the engine thread say about jobs: frozen values only."""

from __future__ import annotations

import enum
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stenodesk.core.engine.checkpoint import ResumePoint
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.errors import ErrorKind, StenodeskError, UserMessage, user_message
from stenodesk.core.jobs.outlet import SegmentConverter


class JobState(enum.Enum):
    """Where a job is in its life; the queue shows one per row."""

    WAITING = "waiting"
    RUNNING = "running"
    FINISHED = "finished"
    FAILED = "failed"
    CANCELLED = "cancelled"
    INTERRUPTED = "interrupted"
    """It was waiting or running when Stenodesk stopped; it can be resumed."""
    REJECTED = "rejected"
    """The file was refused before it became a job (not a media file, missing...)."""

    @property
    def is_open(self) -> bool:
        """True while the engine still owes this job a result."""
        return self in (JobState.WAITING, JobState.RUNNING)

    @property
    def can_retry(self) -> bool:
        return self in (JobState.FAILED, JobState.CANCELLED, JobState.INTERRUPTED)


def new_job_id() -> str:
    """A new job's id: sorts by creation time, like the command line's."""
    from stenodesk.core.jobs.store import new_job_id as journal_id

    return journal_id()


@dataclass(frozen=True)
class JobSpec:
    """One job as handed to the engine thread: the file, the options, where to start."""

    job_id: str
    source: Path
    options: TranscribeOptions
    resume: ResumePoint | None = None


@dataclass(frozen=True)
class JobError:
    """Why a job failed: a kind the GUI can act on, and the words for the user."""

    kind: ErrorKind
    subject: str = ""
    detail: str = ""

    @property
    def message(self) -> UserMessage:
        return user_message(self.kind, self.subject)

    @classmethod
    def from_exception(cls, exc: BaseException) -> JobError:
        """The error for an exception caught at the job boundary."""
        if isinstance(exc, StenodeskError):
            return cls(exc.kind, exc.subject, exc.detail)
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        return cls(ErrorKind.INTERNAL, type(exc).__name__, detail)


@dataclass(frozen=True)
class PreparedJob:
    """A job's options as it will really run, decided in the engine thread just before."""

    options: TranscribeOptions
    notice: str = ""
    """Shown with the job when it runs other than asked (another model, say)."""
    converter: SegmentConverter | None = None


JobPreparer = Callable[[TranscribeOptions], PreparedJob]
"""Turns the options a user asked for into the job to run; may raise StenodeskError."""


def as_asked(options: TranscribeOptions) -> PreparedJob:
    """The preparer that changes nothing (engine tests, explicit model folders)."""
    return PreparedJob(options)
