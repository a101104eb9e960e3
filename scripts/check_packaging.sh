#!/usr/bin/env bash
# What `cmake --install` puts on a system, checked as a distribution would: the programs, the
# desktop entry (desktop-file-validate, no hints either), the AppStream metainfo (appstreamcli),
# the icon at every hicolor size, the man pages (groff warnings), one version everywhere, every
# veloce-cli command in its man page, and the installed veloce-cli reading a fixture model.
#   scripts/check_packaging.sh VERSION BUILD_DIR
set -euo pipefail
VERSION=$1
BUILD_DIR=$2
ROOT_DIR=$(cd "$(dirname "$0")/.." && pwd)
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$BUILD_DIR" --prefix "$STAGE/usr" > /dev/null
P=$STAGE/usr
ID=io.github.veloce.Veloce
for f in bin/veloce bin/veloce-cli share/applications/$ID.desktop share/metainfo/$ID.metainfo.xml \
         share/icons/hicolor/scalable/apps/$ID.svg share/man/man1/veloce.1.gz share/man/man1/veloce-cli.1.gz; do
  [ -e "$P/$f" ] || fail "not installed: $f"
done
for size in 16 24 32 48 64 128 256 512; do
  png=$P/share/icons/hicolor/${size}x${size}/apps/$ID.png
  [ -s "$png" ] || fail "no ${size}x${size} icon"
  # PNG width and height: big-endian words at bytes 16 and 20 of the IHDR chunk.
  dims=$(od -An -tu1 -j16 -N8 "$png" | awk '{print $3*256+$4 "x" $7*256+$8}')
  [ "$dims" = "${size}x${size}" ] || fail "the ${size}x${size} icon is $dims"
done

out=$(desktop-file-validate "$P/share/applications/$ID.desktop" 2>&1) || fail "desktop-file-validate: $out"
[ -z "$out" ] || fail "desktop-file-validate has remarks: $out"
appstreamcli validate --no-net "$P/share/metainfo/$ID.metainfo.xml" > /dev/null ||
  fail "appstreamcli: $(appstreamcli validate --no-net "$P/share/metainfo/$ID.metainfo.xml" 2>&1)"
grep -q "<release version=\"$VERSION\"" "$P/share/metainfo/$ID.metainfo.xml" ||
  fail "the metainfo's newest release is not $VERSION"
for page in veloce veloce-cli; do
  warnings=$(zcat "$P/share/man/man1/$page.1.gz" | groff -man -ww -z 2>&1)
  [ -z "$warnings" ] || fail "man $page: $warnings"
done

[ "$("$P/bin/veloce" --version)" = "veloce $VERSION" ] || fail "veloce --version: $("$P/bin/veloce" --version)"
[ "$("$P/bin/veloce-cli" --version)" = "veloce-cli $VERSION" ] || fail "veloce-cli --version"
# The man page lists every command (roff writes a hyphen as \-).
for cmd in $("$P/bin/veloce-cli" --help | awk '/^  [a-z]/ {print $1}'); do
  zcat "$P/share/man/man1/veloce-cli.1.gz" | grep -qx "\.B ${cmd//-/\\\\-}" || fail "man veloce-cli lacks '$cmd'"
done
"$P/bin/veloce-cli" info -m "$ROOT_DIR/tests/data/phi4-tiny-Q4_K_M.gguf" > /dev/null || fail "installed veloce-cli info"
echo "installed files, desktop entry, metainfo, icons, man pages and versions are in order"
