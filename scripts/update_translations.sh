#!/usr/bin/env bash
# Refreshes ui/i18n/*.ts from every qsTr()/tr() in ui/ and app/ (new strings appear unfinished,
# vanished ones are marked obsolete). Then translate with Qt Linguist or by editing the .ts file.
set -euo pipefail
cd "$(dirname "$0")/.."
LUPDATE=$(command -v lupdate || echo /usr/lib/qt6/bin/lupdate)
"$LUPDATE" -locations none -extensions qml,cpp,h ui app -ts ui/i18n/veloce_en.ts ui/i18n/veloce_it.ts
# English needs only the plural forms ("%n conversation(s)"); every other English string is its
# own source text. Keeping the rest out of veloce_en.ts keeps 40 KB of empty entries out of the tree.
python3 - ui/i18n/veloce_en.ts <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
kept = re.sub(r"\n    <message>(?:(?!</message>).)*?</message>",
              lambda m: m.group(0) if 'numerus="yes"' in m.group(0) else "", text, flags=re.S)
kept = re.sub(r"\n<context>\n    <name>[^<]*</name>\n</context>", "", kept)  # contexts left empty
open(path, "w", encoding="utf-8").write(kept)
PY
