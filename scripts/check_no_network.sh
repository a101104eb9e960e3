#!/usr/bin/env bash
# The network is used only for a download the user asks for: chatting, searching and exporting
# open no internet socket. Every program here runs with the socket_log library preloaded, which
# records each AF_INET/AF_INET6 socket() (local X11 and D-Bus sockets are not network use).
#  1. Control: `veloce-cli pull` to a loopback address must be recorded (the library works on
#     Qt's sockets, so an empty log below means something).
#  2. veloce-cli: chat (a reply from the fixture), then export in all five formats.
#  3. The desktop app under Xvfb with a fresh HOME: a message sent and answered, the sidebar's
#     search, an export with Ctrl+E; the database and the export folder must show each happened.
#  4. Control: the same app with the local API server switched on must be recorded.
#   scripts/check_no_network.sh BUILD_DIR SOCKET_LOG_LIBRARY MODEL
set -euo pipefail
BUILD_DIR=$(cd "$1" && pwd)
SHIM=$2
MODEL=$3
CLI=$BUILD_DIR/app/veloce-cli
APP=$BUILD_DIR/app/veloce
WORK=$(mktemp -d)
trap 'kill "${APP_PID:-}" "${XVFB_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export HOME=$WORK/home XDG_RUNTIME_DIR=$WORK/xdg TMPDIR=$WORK/tmp
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" "$TMPDIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset VELOCE_MODEL http_proxy https_proxy HTTP_PROXY HTTPS_PROXY
LOG=$WORK/sockets.log
watched() { LD_PRELOAD=$SHIM VELOCE_SOCKET_LOG=$LOG "$@"; }
sockets() { [ -f "$LOG" ] && wc -l < "$LOG" || echo 0; }

# 1. The control: a download attempt opens an internet socket, and the log shows it.
watched "$CLI" pull http://127.0.0.1:9/none.gguf -o "$WORK/dl" > /dev/null 2>&1 || true
[ "$(sockets)" -gt 0 ] || fail "the socket log missed veloce-cli pull's connection: the check would see nothing"
rm -f "$LOG"

# 2. The command line: chat and export.
DB=$WORK/cli.sqlite
watched "$CLI" chat -m "$MODEL" --db "$DB" -p "Tell me about the sea" -n 8 > "$WORK/reply.txt" 2> "$WORK/chat.log" ||
  fail "veloce-cli chat: $(tail -3 "$WORK/chat.log")"
[ -s "$WORK/reply.txt" ] || fail "veloce-cli chat wrote no reply"
for format in md json html txt pdf; do
  watched "$CLI" export --db "$DB" --all --format "$format" -o "$WORK/cli-export-$format" > /dev/null ||
    fail "veloce-cli export --format $format"
done
[ -n "$(ls -A "$WORK/cli-export-md")" ] && [ -s "$WORK/cli-export-json" ] || fail "the CLI exports are empty"
[ "$(sockets)" -eq 0 ] || fail "veloce-cli chat or export opened an internet socket: $(cat "$LOG")"

# 3. The desktop app.
DISPLAY_NUM=$((90 + RANDOM % 100))
Xvfb ":$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp > /dev/null 2>&1 &
XVFB_PID=$!
export DISPLAY=":$DISPLAY_NUM"
for _ in $(seq 50); do xdotool getdisplaygeometry > /dev/null 2>&1 && break; sleep 0.1; done
APP_DB=$WORK/app.sqlite
EXPORTS=$WORK/app-exports
mkdir -p "$HOME/.config/Veloce" "$EXPORTS"
printf '[engine]\ndevice=reference\n[sampling]\nmaxReplyTokens=8\n[ui]\nexportFolder=%s\n' "$EXPORTS" \
  > "$HOME/.config/Veloce/Veloce.conf"
start_app() {
  watched "$APP" --model "$MODEL" --db "$APP_DB" > "$WORK/app.log" 2>&1 &
  APP_PID=$!
  WINDOW=$(xdotool search --sync --onlyvisible --name "Veloce" 2>/dev/null | head -1)
  [ -n "$WINDOW" ] || fail "no window appeared"
  sleep 3
  # Without a window manager the keyboard goes where the pointer clicked: the empty view.
  xdotool mousemove --window "$WINDOW" 740 400 click 1
  sleep 0.3
}
quit_app() {
  xdotool key ctrl+q
  for _ in $(seq 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$APP_PID" 2>/dev/null; then kill "$APP_PID"; fail "Ctrl+Q did not close the app"; fi
  wait "$APP_PID" || fail "the app exited with an error: $(tail -5 "$WORK/app.log")"
  APP_PID=
}
start_app
# The composer (the keyboard follows the pointer without a window manager): a message and Enter.
xdotool mousemove --window "$WINDOW" 640 740 click 1
sleep 0.3
xdotool type --delay 20 "Tell me about the sea"
xdotool key Return
# The reply, as stored: the database read through veloce-cli's JSON export (no socket either).
replies() {
  watched "$CLI" export --db "$APP_DB" --all --format json -o "$WORK/app-db.json" > /dev/null 2>&1 || { echo 0; return; }
  python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
convs=d if isinstance(d,list) else d.get("conversations",[])
print(sum(1 for c in convs for m in c.get("messages",[]) if m.get("role")=="assistant" and m.get("content")))' "$WORK/app-db.json"
}
for _ in $(seq 60); do [ "$(replies)" -gt 0 ] && break; sleep 1; done
[ "$(replies)" -gt 0 ] || fail "no reply was stored: $(tail -5 "$WORK/app.log")"
sleep 1
# The sidebar's search (Ctrl+F), then Esc back.
xdotool key ctrl+f
sleep 0.3
xdotool type --delay 20 "sea"
sleep 2
xdotool key Escape
sleep 0.3
# Export (Ctrl+E) into the configured folder: the dialog's Export button (where it sits in
# the 1280x800 screen the window fills; looked at in a screenshot; the dialog keeps room for its
# progress and outcome lines, so the button sits below them).
xdotool key ctrl+e
sleep 1.5
xdotool mousemove --window "$WINDOW" 859 591 click 1
for _ in $(seq 40); do [ -n "$(ls -A "$EXPORTS")" ] && break; sleep 0.25; done
[ -n "$(ls -A "$EXPORTS")" ] || fail "the app's export wrote nothing to $EXPORTS"
xdotool key Escape
sleep 0.3
quit_app
[ "$(sockets)" -eq 0 ] || fail "the app opened an internet socket while chatting, searching or exporting: $(cat "$LOG")"

# 4. The control in the app: with the API server on, its listening socket is recorded.
printf '[server]\nenabled=true\nport=%s\n' "$((20000 + RANDOM % 20000))" >> "$HOME/.config/Veloce/Veloce.conf"
start_app
for _ in $(seq 40); do [ "$(sockets)" -gt 0 ] && break; sleep 0.25; done
quit_app
[ "$(sockets)" -gt 0 ] || fail "the socket log missed the app's own server: the app check would see nothing"
echo "no internet socket: veloce-cli chat and export (5 formats), the app's chat, search and export; controls: pull and the app's server were seen"
