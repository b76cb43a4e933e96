# OpenCC's conversion tables and configurations only (not its headers, static
# libraries and command-line tools, which the contributed hook takes too).
from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("opencc", subdir="clib/share")
