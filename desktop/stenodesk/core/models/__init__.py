"""Whisper models: the built-in ones, the catalogue, the local store, downloads."""
