#!/bin/sh
# Install the system libraries Qt needs (and the tools the test-suite uses) on
# Debian or Ubuntu, only those missing. Called by `make run` and `make test`, so
# a fresh machine needs nothing done by hand. Elsewhere it only says what to do.
set -eu

QT_LIBS="libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3 \
libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xfixes0 libxcb-xkb1 libxrender1 libxi6"
# rsvg-convert renders exported SVGs in the tests independently of Qt; Xvfb runs the real window.
TEST_TOOLS="librsvg2-bin xvfb xauth"
PKGS="$QT_LIBS"
[ "${1:-}" = "--test" ] && PKGS="$QT_LIBS $TEST_TOOLS"
python3 -c "import ensurepip" 2>/dev/null || PKGS="$PKGS python3-venv"

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "eventscope: not a Debian/Ubuntu system; make sure Qt 6's runtime libraries (OpenGL/EGL, fontconfig, xkbcommon, xcb-cursor) are installed." >&2
    exit 0
fi

missing=""
for p in $PKGS; do
    # Ubuntu 24.04 renamed some libraries with a t64 suffix; either satisfies Qt.
    if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || \
       dpkg-query -W -f='${Status}' "${p}t64" 2>/dev/null | grep -q "ok installed"; then
        continue
    fi
    missing="$missing $p"
done
[ -z "$missing" ] && exit 0

SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "eventscope: missing system packages:$missing" >&2
        echo "eventscope: install them as root: apt-get install$missing" >&2
        exit 1
    fi
fi
echo "eventscope: installing system packages:$missing"
$SUDO apt-get update -qq
resolved=""
for p in $missing; do
    if apt-cache show "$p" >/dev/null 2>&1; then resolved="$resolved $p";
    elif apt-cache show "${p}t64" >/dev/null 2>&1; then resolved="$resolved ${p}t64";
    else echo "eventscope: warning: no package $p on this system" >&2; fi
done
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $resolved
