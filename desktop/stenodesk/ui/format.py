"""Small text formats shared by the views."""

from __future__ import annotations

from stenodesk.core.jobs.prepare import clock

__all__ = ["clock", "stamp"]


def stamp(seconds: float) -> str:
    """``m:ss.d`` or ``h:mm:ss.d``: a segment's time, to a tenth of a second."""
    tenths = max(0, round(seconds * 10))
    whole, tenth = divmod(tenths, 10)
    m, s = divmod(whole, 60)
    h, m = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}.{tenth}" if h else f"{m}:{s:02d}.{tenth}"
