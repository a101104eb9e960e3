#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and launches the desktop app. Arguments go to veloce.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec ./build/app/veloce "$@"
