#!/usr/bin/env bash
# Builds the one-folder PyInstaller bundle (dist/libria/) and, with --check, starts it in demo
# mode under Xvfb and waits for the catalogue. Needs the environment packaging/setup.sh makes.
#   bash packaging/build-bundle.sh [--check]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || { echo "run packaging/setup.sh first" >&2; exit 1; }
.venv/bin/python -m pip install -q "pyinstaller>=6.10"
started=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/libria.spec
echo "built dist/libria in $(( $(date +%s) - started )) s, $(du -sh dist/libria | cut -f1)"
if [ "${1:-}" = "--check" ]; then
  .venv/bin/python packaging/check-bundle.py dist/libria/libria
fi
