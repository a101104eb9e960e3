#!/usr/bin/env bash
# Takes the README's screenshots (docs/screenshots/*.png) under Xvfb: the first-run view, a
# conversation with code and Markdown while a reply streams (light and dark theme), a worked
# solution with formulas (light and dark), search results,
# settings, the export dialog, an HTML export (drawn by tests/ui/html_snapshot with Qt's
# rich-text engine), and the worked solution exported as HTML
# and PDF (scripts/screenshot_math_export.sh: Chromium and poppler). Uses a temporary database filled with
# resources/demo/demo_conversations.py (via `veloce-cli import`), temporary settings, and the tiny
# fixture model on the CPU reference backend (its weights are random, so the streaming reply is
# gibberish by design; the demo replies' footer figures are illustrative).
# Needs: Xvfb, ImageMagick's `import`, python3, and a build with veloce_screenshot (the app plus
# the test-only driver that puts its window into each state), veloce-cli and html_snapshot
# (BUILD_DIR, default build/). With pngquant and/or optipng installed (not by
# setup.sh: only whoever refreshes the pictures needs them) the PNGs are compressed, which keeps
# the repository under its size limit (tests/tree_size).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
APP=$BUILD_DIR/tests/ui/veloce_screenshot
CLI=$BUILD_DIR/app/veloce-cli
SNAPSHOT=$BUILD_DIR/tests/ui/html_snapshot
MODEL=$BUILD_DIR/test-data/phi4-tiny-Q8_0.gguf  # derived at build time (tests/derived_data)
OUT=docs/screenshots
SCREEN=${SCREEN:-1280x860}
DISPLAY_NUMBER=${DISPLAY_NUMBER:-99}
for tool in Xvfb import python3 "$APP" "$CLI" "$SNAPSHOT"; do
  command -v "$tool" >/dev/null || { echo "screenshots.sh: $tool not found" >&2; exit 1; }
done

TMP=$(mktemp -d)
XVFB_PID=""
cleanup() {
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

Xvfb ":$DISPLAY_NUMBER" -screen 0 "${SCREEN}x24" -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
export DISPLAY=":$DISPLAY_NUMBER"
export XDG_RUNTIME_DIR=$TMP/runtime XDG_DATA_HOME=$TMP/data QT_QPA_PLATFORM=xcb
mkdir -m 700 -p "$XDG_RUNTIME_DIR"
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$DISPLAY_NUMBER" ] && break; sleep 0.1; done

python3 resources/demo/demo_conversations.py "$TMP/demo.json"
"$CLI" import --db "$TMP/demo.sqlite" "$TMP/demo.json"
mkdir -p "$OUT"

# compress FILE: 256-colour quantisation (screenshots of flat UI lose nothing visible), then a
# lossless recompression; each only when installed and only if the file gets smaller.
compress() {
  if command -v pngquant >/dev/null; then
    pngquant --force --skip-if-larger --strip --quality=70-95 --output "$1" -- "$1" || true
  fi
  if command -v optipng >/dev/null; then
    optipng -quiet -o2 -strip all "$1"
  fi
}

# shoot NAME STATE DB_TEMPLATE [veloce arguments...]: fresh settings and a fresh copy of the
# database per picture, wait for the app to report the state ready, capture the screen.
shoot() {
  local name=$1 state=$2 template=$3
  shift 3
  local dir=$TMP/$name
  mkdir -p "$dir/config/Veloce"
  # Greedy sampling makes the random fixture ramble on instead of stopping at once.
  printf '[engine]\ndevice=reference\n[sampling]\ntemperature=0\nmaxReplyTokens=2000\n[ui]\ntheme=%s\n' \
    "${THEME:-light}" > "$dir/config/Veloce/Veloce.conf"
  [ -n "$template" ] && cp "$template" "$dir/db.sqlite"
  XDG_CONFIG_HOME=$dir/config "$APP" --db "$dir/db.sqlite" --screenshot-state "$state" \
    -qwindowgeometry "${SCREEN}+0+0" "$@" > "$dir/log" 2>&1 &
  local pid=$!
  for _ in $(seq 600); do
    grep -q "screenshot-ready" "$dir/log" && break
    kill -0 "$pid" 2>/dev/null || { cat "$dir/log" >&2; echo "screenshots.sh: veloce exited ($name)" >&2; exit 1; }
    sleep 0.1
  done
  grep -q "screenshot-ready" "$dir/log" || { cat "$dir/log" >&2; echo "screenshots.sh: $name never became ready" >&2; exit 1; }
  sleep 0.3  # one more frame after the last change
  import -window root "$OUT/$name.png"
  compress "$OUT/$name.png"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  if grep -v "screenshot-ready" "$dir/log" | grep -q .; then
    echo "== $name: messages from veloce:" >&2
    grep -v "screenshot-ready" "$dir/log" >&2
  fi
  echo "$OUT/$name.png"
}

shoot first-run first-run ""
shoot conversation conversation "$TMP/demo.sqlite" --model "$MODEL"
shoot search search "$TMP/demo.sqlite" --model "$MODEL"
shoot settings settings "$TMP/demo.sqlite" --model "$MODEL"
shoot export export "$TMP/demo.sqlite" --model "$MODEL"
# The dark theme: the same streaming conversation, to check code, links and tables there.
THEME=dark shoot dark conversation "$TMP/demo.sqlite" --model "$MODEL"
# A worked solution with formulas (inline and displayed), in both themes.
shoot math math "$TMP/demo.sqlite" --model "$MODEL"
THEME=dark shoot math-dark math "$TMP/demo.sqlite" --model "$MODEL"
# An HTML export of the demo conversation with code, a table and a link, as formatted text.
DEMO_ID=$("$CLI" list --db "$TMP/demo.sqlite" | awk '/Sorting a vector of structs/ { print $1; exit }')
[ -n "$DEMO_ID" ] || { echo "screenshots.sh: the demo conversation is missing" >&2; exit 1; }
QT_QPA_PLATFORM=offscreen "$CLI" export --db "$TMP/demo.sqlite" --id "$DEMO_ID" --format html -o "$TMP/export.html" >/dev/null
QT_QPA_PLATFORM=offscreen "$SNAPSHOT" "$TMP/export.html" "$OUT/html-export.png" 960
compress "$OUT/html-export.png"
echo "$OUT/html-export.png"
# The worked solution's formulas in the HTML export (Chromium) and the PDF export (poppler).
BUILD_DIR=$BUILD_DIR OUT=$OUT ./scripts/screenshot_math_export.sh
