#!/usr/bin/env bash
# Refreshes ui/i18n/*.ts from every qsTr()/tr() in ui/ and app/ (new strings appear unfinished,
# vanished ones are marked obsolete). Then translate with Qt Linguist or by editing the .ts file.
set -euo pipefail
cd "$(dirname "$0")/.."
LUPDATE=$(command -v lupdate || echo /usr/lib/qt6/bin/lupdate)
"$LUPDATE" -locations relative -extensions qml,cpp,h ui app -ts ui/i18n/veloce_en.ts ui/i18n/veloce_it.ts
