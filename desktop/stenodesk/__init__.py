"""Stenodesk: speech to text on your own machine."""

import os

__version__ = "0.1.0"

# NumPy's OpenBLAS starts a thread per core, and after each matrix product its
# threads spin for a while waiting for the next one, on the cores CTranslate2
# decodes on. Our NumPy products are small (the mel filter bank of each block
# of audio, voice activity framing, speaker clustering), so they get one
# thread: on 2 cores ten minutes of Spanish with plain faster-whisper's
# settings took 58-60 s instead of 63-70 s in four runs (CPU 88-90 s instead of
# 95-102 s), though one later run took 70 s with it. The
# thread count also decides how a float32 product is rounded, so the command
# line and the app (both import this first) compute the same features, and a
# job killed in one resumes in the other with the same words. (Products in
# float64 would not depend on it, but moved the features ten times further
# from faster-whisper's own: 25,335 against 2,099 of 1.2 million values one
# unit apart, and Spanish WER from 16.28 % to 17.58 %.) Set here because
# OpenBLAS reads it once, when NumPy is first imported; a value the user set
# is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
