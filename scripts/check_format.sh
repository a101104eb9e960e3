#!/usr/bin/env bash
# Fails (and lists the files) when a tracked C++ file differs from what .clang-format says.
# Registered as the CTest test `format` (on by default; -DVELOCE_CHECK_FORMAT=OFF leaves it out).
# To fix: git ls-files '*.cpp' '*.h' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "$0")/.."
CLANG_FORMAT=${CLANG_FORMAT:-clang-format}
command -v "$CLANG_FORMAT" >/dev/null || { echo "check_format: $CLANG_FORMAT not found (apt-get install clang-format)" >&2; exit 1; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.h')
else
  # A source tarball: every C++ file but build folders.
  mapfile -t files < <(find . -path './build*' -prune -o \( -name '*.cpp' -o -name '*.h' \) -print)
fi
# One clang-format process for all files (one per file takes minutes on a loaded machine); its
# "file:line:col: error: code should be clang-formatted" lines name the files that differ.
mapfile -t bad < <("$CLANG_FORMAT" --dry-run -Werror "${files[@]}" 2>&1 \
  | sed -n 's/^\(.*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/\1/p' | sort -u)
if [ ${#bad[@]} -gt 0 ]; then
  printf '%s\n' "${bad[@]}"
  echo "${#bad[@]} of ${#files[@]} C++ files are not formatted as .clang-format says (clang-format -i them)" >&2
  exit 1
fi
echo "all ${#files[@]} C++ files formatted"
