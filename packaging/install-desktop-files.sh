#!/usr/bin/env bash
# Installs the launcher, icons, metainfo and the libria:// handler for the current user, pointing
# at this checkout's .venv/bin/libria (packaging/setup.sh makes it). Undo with --remove.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${XDG_DATA_HOME:-$HOME/.local/share}
id=tv.libria.Libria
if [ "${1:-}" = "--remove" ]; then
  rm -f "$data/applications/$id.desktop" "$data/metainfo/$id.metainfo.xml"
  find "$data/icons/hicolor" -name "$id.*" -delete 2>/dev/null || true
  exit 0
fi
binary=$(pwd)/.venv/bin/libria
[ -x "$binary" ] || { echo "run packaging/setup.sh first" >&2; exit 1; }
install -d "$data/applications" "$data/metainfo"
sed "s#^Exec=libria#Exec=\"$binary\"#; s#^TryExec=libria#TryExec=$binary#" \
  packaging/linux/$id.desktop > "$data/applications/$id.desktop"
cp packaging/linux/$id.metainfo.xml "$data/metainfo/"
cp -r resources/icons/hicolor "$data/icons/" 2>/dev/null || { install -d "$data/icons"; cp -r resources/icons/hicolor "$data/icons/"; }
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
command -v xdg-mime >/dev/null && xdg-mime default "$id.desktop" x-scheme-handler/libria || true
echo "installed: $data/applications/$id.desktop (libria:// links open Libria)"
