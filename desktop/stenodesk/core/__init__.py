"""Everything Stenodesk does without a window: engine, models, audio, jobs, export."""

from stenodesk.core.audio import ffmpeg

# Before anything imports faster-whisper, which imports PyAV (see ffmpeg.defer).
ffmpeg.defer()
