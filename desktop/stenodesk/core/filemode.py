"""The permissions a plain ``open(path, "w")`` would give a new file.

``tempfile.mkstemp`` creates its file with mode 0600 whatever the umask, so a
file written atomically through it (write a temporary file, then rename) would
stay private to the user: a media server or another account could not read
the subtitles. :func:`match_umask` gives the temporary file the mode a normal
write would have.
"""

from __future__ import annotations

import os
import threading

_lock = threading.Lock()


def current_umask() -> int:
    """The process umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    # Elsewhere the only way to read it is to set it and set it back.
    with _lock:
        mask = os.umask(0o077)
        os.umask(mask)
    return mask


def match_umask(fd: int) -> None:
    """Give the open file ``fd`` mode 0666 less the umask, as a normal write would."""
    if hasattr(os, "fchmod"):
        os.fchmod(fd, 0o666 & ~current_umask())
