"""Test helpers: speech synthesis, word error rate, log checks."""
