"""Stenodesk: speech to text on your own machine."""

import os

__version__ = "0.1.0"

# NumPy's BLAS gets one thread. The rounding of a float32 matrix product
# follows how many threads it is split over, so the command line and the app
# (both import this first) compute the same mel features, and a job killed in
# one resumes in the other with the same words. (Products in float64 would not
# depend on it, but moved the features ten times further from faster-whisper's
# own and Spanish WER from 16.28 % to 17.58 %.) It also keeps OpenBLAS's idle
# threads from spinning on the cores CTranslate2 decodes on; what that saves
# in time is not established (docs/benchmarks.md). Set here because OpenBLAS
# reads it once, when NumPy is first imported; a value the user set is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# One malloc arena with large blocks from the heap (glibc): the encoder's
# attention scores are then not mapped and faulted in afresh in every layer
# (see stenodesk.core.engine.memory). Before any thread allocates.
# In a command started again with huge pages, glibc has these settings already, and
# the user's environment comes back for the processes it starts.
from stenodesk.core.engine.memory import settle_environment, tune_allocator

settle_environment()
tune_allocator()
