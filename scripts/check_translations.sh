#!/usr/bin/env bash
# Fails when a string the interface shows has no finished Italian translation, or a plural one
# ("%n conversation(s)") has no English forms, which is what turns "(s)" into "1 conversation",
# or an Italian one quotes with " or “ ” instead of the house style's « »:
# lupdate is run over ui/ and app/ into copies of ui/i18n/*.ts, so a new tr()/qsTr() string, or
# one that moved to another class (its translation context; the ChatController split lost five
# that way), shows up as an unfinished or empty entry. Registered as the CTest test `translations`.
# To fix: scripts/update_translations.sh, then translate the entries it lists.
set -euo pipefail
cd "$(dirname "$0")/.."
LUPDATE=$(command -v lupdate || echo /usr/lib/qt6/bin/lupdate)
[ -x "$LUPDATE" ] || { echo "check_translations: lupdate not found (apt-get install qt6-l10n-tools)" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cp ui/i18n/veloce_it.ts ui/i18n/veloce_en.ts "$TMP/"
# Its parser's remarks on namespaces go to a file, shown only when lupdate itself fails.
"$LUPDATE" -silent -locations none -extensions qml,cpp,h ui app -ts "$TMP/veloce_it.ts" "$TMP/veloce_en.ts" \
  2>"$TMP/lupdate.log" || { cat "$TMP/lupdate.log" >&2; exit 1; }
python3 - "$TMP/veloce_it.ts" "$TMP/veloce_en.ts" <<'PY'
import sys
import xml.etree.ElementTree as ET

missing = []
# Italian quotes with « »: straight or curly double quotes in a translation are the mixed styles
# the interface showed side by side.
quoted = []
# Italian: every string; English: the plural ones only (the source text is the English singular).
for path, plural_only in ((sys.argv[1], False), (sys.argv[2], True)):
    language = "English plural" if plural_only else "Italian"
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            plural = message.get("numerus") == "yes"
            if plural_only and not plural:
                continue
            t = message.find("translation")
            kind = t.get("type") if t is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue
            forms = [f.text for f in t.iter("numerusform")] if plural else [t.text]
            if kind == "unfinished" or not all(f and f.strip() for f in forms):
                missing.append(f"{language}, {name}: {message.findtext('source')}")
            elif not plural_only and any(q in f for f in forms for q in '"\u201c\u201d'):
                quoted.extend(f"Italian, {name}: {f}" for f in forms if any(q in f for q in '"\u201c\u201d'))
if missing:
    print(f"{len(missing)} string(s) without a finished translation:")
    print("\n".join(missing))
if quoted:
    print(f"{len(quoted)} Italian translation(s) quoting with \" or \u201c \u201d instead of \u00ab \u00bb:")
    print("\n".join(quoted))
if missing or quoted:
    sys.exit(1)
print("every interface string has an Italian translation, every plural its English forms")
PY
