"""Entry point of the frozen app: the script PyInstaller starts from.

The GPU check runs in a child process; in a frozen build that child is this
same executable started with ``--stenodesk-gpu-health-child``
(``stenodesk.core.gpu.health.child_command``). It is handled before anything
else is imported, so the child loads neither Qt nor the user's settings.
"""

import os
import sys

from stenodesk.core.gpu.health import run_child_if_requested

if sys.platform.startswith("linux"):
    # The bootloader points LD_LIBRARY_PATH at the bundle. The loader has read
    # it already, so this process keeps finding its libraries; programs it
    # starts (the file manager that opens the log folder) must not load our
    # copies of glib or libstdc++ instead of their own.
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is None:
        os.environ.pop("LD_LIBRARY_PATH", None)
    else:
        os.environ["LD_LIBRARY_PATH"] = original

run_child_if_requested(sys.argv)

from stenodesk.cli import main  # noqa: E402 - only after the child had its chance

sys.exit(main())
