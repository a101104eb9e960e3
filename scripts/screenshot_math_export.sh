#!/usr/bin/env bash
# docs/screenshots/export-math.png: the demo's worked solution with formulas exported twice, as
# HTML drawn by headless Chromium (MathML, what a reader's browser shows) on the left and as PDF
# page 1 drawn by poppler's pdftoppm (the formulas as vector outlines) on the right. Called by
# scripts/screenshots.sh; runs alone too (after a build: BUILD_DIR=build scripts/screenshot_math_export.sh).
# Needs chromium and poppler-utils (setup.sh installs both for the tests) and ImageMagick.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
CLI=$BUILD_DIR/app/veloce-cli
OUT=${OUT:-docs/screenshots}
for tool in chromium pdftoppm convert python3 "$CLI"; do
  command -v "$tool" >/dev/null || { echo "screenshot_math_export.sh: $tool not found" >&2; exit 1; }
done
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$TMP/runtime HOME=$TMP
mkdir -m 700 -p "$XDG_RUNTIME_DIR"

python3 resources/demo/demo_conversations.py "$TMP/demo.json"
"$CLI" import --db "$TMP/demo.sqlite" "$TMP/demo.json" >/dev/null
ID=$("$CLI" list --db "$TMP/demo.sqlite" | awk '/The five-snail race/ { print $1; exit }')
[ -n "$ID" ] || { echo "screenshot_math_export.sh: the demo's math conversation is missing" >&2; exit 1; }
"$CLI" export --db "$TMP/demo.sqlite" --id "$ID" --format html -o "$TMP/snail.html" >/dev/null
"$CLI" export --db "$TMP/demo.sqlite" --id "$ID" --format pdf -o "$TMP/snail.pdf" >/dev/null

# --no-sandbox: Chromium refuses to run as root otherwise; the page is our own local file.
chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
  --user-data-dir="$TMP/profile" --hide-scrollbars --window-size=900,1000 \
  --screenshot="$TMP/html.png" "file://$TMP/snail.html" >/dev/null 2>&1
pdftoppm -png -r 96 -f 1 -l 1 -singlefile "$TMP/snail.pdf" "$TMP/pdf"
# Each trimmed to its content with a margin, scaled to one height, side by side with a gap.
convert "$TMP/html.png" -trim -bordercolor white -border 16 -resize x680 "$TMP/left.png"
convert "$TMP/pdf.png" -trim -bordercolor white -border 16 -resize x680 -bordercolor '#b0b0b8' -border 1 "$TMP/right.png"
convert "$TMP/left.png" -size 20x680 xc:'#e4e4ea' "$TMP/right.png" -gravity center +append "$OUT/export-math.png"
if command -v pngquant >/dev/null; then
  pngquant --force --skip-if-larger --strip --quality=70-95 --output "$OUT/export-math.png" -- "$OUT/export-math.png" || true
fi
if command -v optipng >/dev/null; then optipng -quiet -o2 -strip all "$OUT/export-math.png"; fi
echo "$OUT/export-math.png"
