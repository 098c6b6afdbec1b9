#!/usr/bin/env bash
# Sets Libria up on Debian/Ubuntu: the system libraries it needs (libmpv, ffmpeg, what Qt's xcb
# and wayland platforms load), and with --test also what the test suite runs against (Xvfb, a
# headless Weston compositor, a D-Bus session bus, a notification daemon, a tray host, a Secret
# Service keyring and secret-tool to look in it, AT-SPI's accessibility bus); then a virtualenv
# in .venv with the package.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
[ "${1:-}" = "--test" ] && with_tests=1

runtime=(python3 python3-venv ffmpeg libegl1 libgl1 libgl1-mesa-dri libglib2.0-0 libfontconfig1
  libdbus-1-3 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core
  libwayland-client0 libwayland-cursor0 libwayland-egl1 libxkbcommon0 libegl-mesa0)
testing=(xvfb xauth dbus dbus-x11 dunst trayer imagemagick x11-utils desktop-file-utils appstream
  gnome-keyring libsecret-tools weston xdg-desktop-portal xdg-desktop-portal-gtk at-spi2-core)

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
packages=("${runtime[@]}")
[ $with_tests -eq 1 ] && packages+=("${testing[@]}")

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
# libmpv is libmpv2 on Debian 12 / Ubuntu 24.04, libmpv1 on older releases.
if ! dpkg-query -W -f='${Status}' libmpv2 2>/dev/null | grep -q "install ok installed" &&
  ! dpkg-query -W -f='${Status}' libmpv1 2>/dev/null | grep -q "install ok installed"; then
  missing+=(libmpv)
fi
if [ ${#missing[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  if [[ " ${missing[*]} " == *" libmpv "* ]]; then
    missing=("${missing[@]/libmpv/}")
    if apt-cache show libmpv2 >/dev/null 2>&1; then missing+=(libmpv2); else missing+=(libmpv1); fi
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    ${missing[@]} >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ $with_tests -eq 1 ]; then
  .venv/bin/python -m pip install -q -e ".[test]"
else
  .venv/bin/python -m pip install -q -e .
fi
