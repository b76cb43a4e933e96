# PortAudio. On Windows and macOS the sounddevice wheel carries it and it is
# bundled. On Linux the system's libportaudio2 is used (the contributed hook
# would copy it with the build machine's libasound and libjack, whose plugin
# and server paths differ between distributions); without it the app still
# transcribes files and says that playback and recording need PortAudio.
from pathlib import Path

from PyInstaller.compat import is_linux
from PyInstaller.utils.hooks import get_module_file_attribute

binaries = []
if not is_linux:
    data_dir = Path(get_module_file_attribute("sounddevice")).parent / "_sounddevice_data"
    folder = data_dir / "portaudio-binaries"
    binaries = [
        (str(lib), str(folder.relative_to(data_dir.parent))) for lib in folder.glob("libportaudio*")
    ]
