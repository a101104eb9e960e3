#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and launches the desktop app. Arguments go to veloce.
set -euo pipefail
cd "$(dirname "$0")/.."
# Only what the app needs is built (the test suite is scripts/test.sh's business).
BUILD_DIR=${BUILD_DIR:-build}
BUILD_DIR=$BUILD_DIR BUILD_TARGETS=${BUILD_TARGETS:-"veloce veloce-cli"} ./scripts/setup.sh
exec "$BUILD_DIR/app/veloce" "$@"
