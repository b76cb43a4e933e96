# onnxruntime runs faster-whisper's VAD model. Its Python binding carries the
# runtime itself; on Linux the separate C API library (libonnxruntime.so, 34 MB)
# is linked by nothing we ship, so only the providers' shared helper is kept.
from PyInstaller.compat import is_linux
from PyInstaller.utils.hooks import collect_dynamic_libs

binaries = collect_dynamic_libs("onnxruntime")
if is_linux:
    binaries = [(src, dest) for src, dest in binaries if "libonnxruntime.so" not in src]
