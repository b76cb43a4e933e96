#!/bin/sh
# Put Stenodesk in your desktop's application menu (for you only; no root needed).
#
#   ./install.sh              add the menu entry, the icons and a `stenodesk` command
#   ./install.sh --uninstall  remove them again
#
# The app stays in this folder: move the folder, then run ./install.sh again.
# Files go to the XDG data folder (XDG_DATA_HOME, ~/.local/share by default):
#   applications/stenodesk.desktop        the menu entry, pointing at this folder
#   icons/hicolor/*/apps/stenodesk.*      the icon, 16 to 512 px and scalable
#   metainfo/org.stenodesk.Stenodesk.metainfo.xml   the description software centres show
# and ~/.local/bin/stenodesk, a link to this folder's stenodesk-cli.
set -eu

here="$(cd "$(dirname "$0")" && pwd -P)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
bin="$HOME/.local/bin"
resources="$here/_internal/stenodesk/resources"
desktop="$data/applications/stenodesk.desktop"
metainfo="$data/metainfo/org.stenodesk.Stenodesk.metainfo.xml"
icons="$data/icons/hicolor"
sizes="16 22 24 32 48 64 128 256 512"

refresh() {
    # Menus and icon caches notice new files on their own on most desktops; these help the rest.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$data/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$icons/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$icons" 2>/dev/null || true
    fi
}

do_uninstall() {
    rm -f "$desktop" "$metainfo" "$icons/scalable/apps/stenodesk.svg"
    for size in $sizes; do
        rm -f "$icons/${size}x${size}/apps/stenodesk.png"
    done
    # Only our own link: a `stenodesk` installed some other way stays.
    if [ -L "$bin/stenodesk" ] && readlink "$bin/stenodesk" | grep -q '/stenodesk-cli$'; then
        rm -f "$bin/stenodesk"
    fi
    refresh
    echo "Stenodesk's menu entry and icons are removed. Delete the folder $here to remove the app."
}

do_install() {
    if [ ! -x "$here/Stenodesk" ] || [ ! -d "$resources" ]; then
        echo "install.sh must stay in the Stenodesk folder, beside the Stenodesk program." >&2
        exit 1
    fi
    case "$here" in
        *'"'* | *'`'* | *'$'* | *'\'* | *'
'*)
            echo "The folder's path contains a character a menu entry cannot hold" \
                "(\" \` \$ \\ or a line break): move it, then run ./install.sh again." >&2
            exit 1
            ;;
    esac
    # The desktop entry format doubles % and quotes a program path that has spaces.
    program="$(printf '%s' "$here/Stenodesk" | sed 's/%/%%/g')"
    mkdir -p "$data/applications" "$data/metainfo" "$bin"
    awk -v exec="Exec=\"$program\"" -v tryexec="TryExec=$here/Stenodesk" '
        /^Exec=/ { print tryexec; print exec " --open %F"; next }
        { print }
    ' "$resources/stenodesk.desktop" >"$desktop.tmp"
    mv "$desktop.tmp" "$desktop"
    cp "$resources/org.stenodesk.Stenodesk.metainfo.xml" "$metainfo"
    for size in $sizes; do
        mkdir -p "$icons/${size}x${size}/apps"
        cp "$resources/icons/hicolor/${size}x${size}/apps/stenodesk.png" "$icons/${size}x${size}/apps/"
    done
    mkdir -p "$icons/scalable/apps"
    cp "$resources/icons/hicolor/scalable/apps/stenodesk.svg" "$icons/scalable/apps/"
    if [ ! -e "$bin/stenodesk" ] || [ -L "$bin/stenodesk" ]; then
        ln -sfn "$here/stenodesk-cli" "$bin/stenodesk"
    else
        echo "Note: $bin/stenodesk exists and is not ours; the command line is $here/stenodesk-cli."
    fi
    refresh
    echo "Stenodesk is in your application menu (it runs from $here)."
    if ! (/sbin/ldconfig -p 2>/dev/null || ldconfig -p 2>/dev/null) | grep -q 'libportaudio\.so\.2'; then
        echo "To play recordings and use a microphone, install PortAudio:" \
            "sudo apt install libportaudio2 (Debian, Ubuntu) or sudo dnf install portaudio (Fedora)."
    fi
}

case "${1:-}" in
    "") do_install ;;
    --uninstall) do_uninstall ;;
    *)
        echo "usage: ./install.sh [--uninstall]" >&2
        exit 2
        ;;
esac
