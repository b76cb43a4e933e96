"""Speech recognition over faster-whisper: options, results, the Transcriber."""
