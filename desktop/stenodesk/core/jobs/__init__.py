"""Transcription jobs that survive a crash: journals, listing and resuming."""
