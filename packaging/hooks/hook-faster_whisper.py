# The Silero VAD model: without it, vad_filter=True fails in the frozen app.
from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("faster_whisper", includes=["assets/*.onnx"])
