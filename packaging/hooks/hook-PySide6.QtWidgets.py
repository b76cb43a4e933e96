# QtWidgets (its style plugins), filtered like QtGui.
# Filtered here, before PyInstaller follows the plugins' own libraries.
import sys
from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bundling import filter_qt

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = filter_qt(binaries)
datas = filter_qt(datas)
