#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs the whole test suite: the Release build's tests,
# then the same suite under AddressSanitizer+UBSan, then the GGUF parser fuzzer for a fixed time.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

# Mesa's lavapipe needs a private runtime directory; the tests set their own, this is for tools.
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
JOBS=$(nproc)

# ctest's summary line "N% tests passed, F tests failed out of T" -> "T" (the suite's size).
suite_size() { sed -n 's/.*tests failed out of \([0-9]*\).*/\1/p' "$1" | tail -n 1; }

echo "== Release test suite"
ctest --test-dir build --output-on-failure -j"$JOBS" 2>&1 | tee build/ctest.log
release_count=$(suite_size build/ctest.log)
asan_count=0

if [ "${VELOCE_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== AddressSanitizer + UBSan test suite"
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DVELOCE_SANITIZE=ON -DVELOCE_BUILD_APP=OFF
  cmake --build build-asan -j"$JOBS"
  ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-asan --output-on-failure -j"$JOBS" -LE slow 2>&1 \
    | tee build-asan/ctest.log
  asan_count=$(suite_size build-asan/ctest.log)
fi

echo "== GGUF parser fuzzing (${VELOCE_FUZZ_SECONDS:-60} s)"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug -DVELOCE_FUZZ=ON \
  -DVELOCE_BUILD_APP=OFF -DVELOCE_BUILD_TESTS=ON
cmake --build build-fuzz -j"$JOBS" --target fuzz_gguf
# New inputs go to a scratch folder listed first; the committed seed corpus is only read.
scratch=$(mktemp -d)
./build-fuzz/tests/fuzz/fuzz_gguf -max_total_time="${VELOCE_FUZZ_SECONDS:-60}" -max_len=65536 \
  "$scratch" tests/data/fuzz_corpus
rm -rf "$scratch"

echo "== TeX math parser fuzzing (30 s)"
cmake --build build-fuzz -j"$JOBS" --target fuzz_math
# Seeds: the corpus formulas, one file each, in a scratch folder that also takes the new inputs.
scratch=$(mktemp -d)
awk '!/^#/ && NF { sub(/^D /, ""); f = sprintf("%s/seed_%04d", dir, NR); printf "%s", $0 > f; close(f) }' \
  dir="$scratch" tests/data/math/corpus.txt
./build-fuzz/tests/fuzz/fuzz_math -max_total_time=30 -max_len=4096 "$scratch"
rm -rf "$scratch"

# set -e and pipefail stopped the script at any failure above, so everything counted passed.
echo "== Summary: $release_count Release tests, $asan_count sanitizer tests, fuzzing without a crash"
echo "$((release_count + asan_count)) passed, 0 failed"
