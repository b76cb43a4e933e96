# QtNetwork serves only the single-instance guard's local socket (bridge/instance.py);
# Stenodesk makes no network call through Qt, so its plugins (tls, networkinformation)
# stay out.
import sys
from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bundling import filter_qt

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = filter_qt(binaries)
datas = filter_qt(datas)
