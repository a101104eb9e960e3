#!/usr/bin/env bash
# Installs what Veloce needs to build, test and run on Debian 12 / Ubuntu (apt-get), then configures
# and builds into build/. Safe to run again: apt-get skips what is installed, CMake rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake ninja-build pkg-config clang libclang-rt-dev clang-format
  qt6-base-dev qt6-declarative-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-dialogs qml6-module-qtquick-window qml6-module-qtquick-templates
  qml6-module-qtqml-workerscript qml6-module-qt-labs-settings qml6-module-qttest
  qml6-module-qt-labs-folderlistmodel
  libjs-highlight.js
  libqt6sql6-sqlite libqt6svg6 libqt6opengl6-dev libsqlite3-dev
  libvulkan-dev mesa-vulkan-drivers vulkan-tools vulkan-validationlayers glslc glslang-tools spirv-tools
  libpcre2-dev libgtest-dev libbenchmark-dev xvfb xauth imagemagick python3
  libharfbuzz-dev libpng-dev fonts-lmodern
  qt6-httpserver-dev qt6-websockets-dev curl
  desktop-file-utils appstream groff-base xdotool
  chromium poppler-utils
)
# chromium and poppler-utils are for tests only (tests/app_export/math_export_test.cpp): the HTML
# export's MathML measured in a browser, the PDF export's formulas rendered page by page.
# tests/server drives `veloce-cli serve` with the openai npm client: Debian's Node when none is installed.
command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installing: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" ${CMAKE_ARGS:-}
# BUILD_TARGETS (space-separated) limits the build, e.g. to the app for run.sh; default: everything.
targets=()
for t in ${BUILD_TARGETS:-}; do targets+=(--target "$t"); done
cmake --build "$BUILD_DIR" -j"$(nproc)" "${targets[@]}"
