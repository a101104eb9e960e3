#!/usr/bin/env bash
# The .deb as a user gets it: built by CPack, its Depends checked against what the programs
# really load (every shared library's package must be a dependency, directly or through one),
# unpacked into an empty root, and the unpacked programs run from there: veloce-cli --version and
# info on a fixture, then veloce under Xvfb with a fresh HOME, where the first-run view's model
# file dialog is opened (Space on its focused button; the dialog's QML modules must load) and the
# app is closed with Ctrl+Q, which must end it with status 0 and no QML error.
#   scripts/check_deb.sh BUILD_DIR
set -euo pipefail
BUILD_DIR=$(cd "$1" && pwd)
ROOT_DIR=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'kill "${XVFB_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$WORK" && cpack -G DEB --config "$BUILD_DIR/CPackConfig.cmake" -B "$WORK/out" > "$WORK/cpack.log") ||
  fail "cpack: $(tail -5 "$WORK/cpack.log")"
DEB=$(ls "$WORK"/out/veloce_*.deb)
DEPENDS=$(dpkg-deb -f "$DEB" Depends)
[ -n "$DEPENDS" ] || fail "the package has no Depends"

# Every package named (first of each alternative) and, recursively, what it depends on.
closure() {
  local queue=("$@") seen=" "
  while [ ${#queue[@]} -gt 0 ]; do
    local p=${queue[0]}
    queue=("${queue[@]:1}")
    case "$seen" in *" $p "*) continue ;; esac
    seen="$seen$p "
    local deps
    deps=$(dpkg-query -W -f='${Depends}, ${Pre-Depends}' "$p" 2>/dev/null) || continue
    for d in $(echo "$deps" | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/:any//' | awk 'NF {print $1}'); do
      queue+=("$d")
    done
  done
  echo "$seen"
}
named=$(echo "$DEPENDS" | tr ',' '\n' | sed 's/|.*//; s/(.*)//' | awk 'NF {print $1}')
for p in $named; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || fail "Depends names $p, not installed here"
done
ALLOWED=$(closure $named)

ROOT=$WORK/root
dpkg-deb -x "$DEB" "$ROOT"
for bin in "$ROOT/usr/bin/veloce" "$ROOT/usr/bin/veloce-cli"; do
  missing=$(ldd "$bin" | grep "not found" || true)
  [ -z "$missing" ] || fail "$bin: $missing"
  for lib in $(ldd "$bin" | awk '/=> \// {print $3}'); do
    real=$(readlink -f "$lib")
    owner=$(dpkg -S "$real" 2>/dev/null || dpkg -S "${real/#\/usr/}" 2>/dev/null || dpkg -S "$lib" 2>/dev/null || true)
    owner=${owner%%:*}
    [ -n "$owner" ] || fail "$(basename "$bin") loads $lib, which no package owns"
    case "$ALLOWED" in *" $owner "*) ;; *) fail "$(basename "$bin") loads $lib from $owner, which Depends does not bring" ;; esac
  done
done

VERSION=$(dpkg-deb -f "$DEB" Version)
[ "$("$ROOT/usr/bin/veloce-cli" --version)" = "veloce-cli $VERSION" ] || fail "veloce-cli --version"
"$ROOT/usr/bin/veloce-cli" info -m "$ROOT_DIR/tests/data/phi4-tiny-Q4_K_M.gguf" > /dev/null || fail "veloce-cli info"

# The app, from the unpacked root, as a first-time user meets it.
export HOME=$WORK/home XDG_RUNTIME_DIR=$WORK/xdg
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset VELOCE_MODEL
DISPLAY_NUM=$((90 + RANDOM % 100))
Xvfb ":$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp > /dev/null 2>&1 &
XVFB_PID=$!
export DISPLAY=":$DISPLAY_NUM"
for _ in $(seq 50); do xdotool getdisplaygeometry > /dev/null 2>&1 && break; sleep 0.1; done
QML_IMPORT_TRACE=1 "$ROOT/usr/bin/veloce" > "$WORK/app.log" 2>&1 &
APP_PID=$!
WINDOW=$(xdotool search --sync --onlyvisible --name "Veloce" 2>/dev/null | head -1)
[ -n "$WINDOW" ] || fail "no window appeared"
sleep 2
# Without a window manager the keyboard goes where the pointer clicked: an empty part of the
# first-run view. Then Ctrl+O, the view's shortcut for its "Choose model file…" button.
xdotool mousemove --window "$WINDOW" 700 650 click 1
sleep 0.3
xdotool key ctrl+o
for _ in $(seq 100); do grep -q "QtQuick.Dialogs.quickimpl" "$WORK/app.log" && break; sleep 0.1; done
grep -q "QtQuick.Dialogs.quickimpl" "$WORK/app.log" || fail "the model file dialog did not open: $(tail -5 "$WORK/app.log")"
sleep 1
kill -0 "$APP_PID" 2>/dev/null || fail "the app died with the file dialog open: $(tail -5 "$WORK/app.log")"
xdotool key Escape
sleep 0.5
xdotool key ctrl+q
status=0
for _ in $(seq 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$APP_PID" 2>/dev/null; then kill "$APP_PID"; fail "Ctrl+Q did not close the app"; fi
wait "$APP_PID" || status=$?
[ "$status" -eq 0 ] || fail "the app exited with status $status: $(tail -5 "$WORK/app.log")"
if grep -E "qrc:/.*(Error|error|is not a type|not installed)|QQmlApplicationEngine failed" "$WORK/app.log"; then
  fail "QML errors while running"
fi
echo "$(basename "$DEB"): Depends covers every library loaded; unpacked veloce-cli and veloce ran, the file dialog opened, Ctrl+Q closed it cleanly"
