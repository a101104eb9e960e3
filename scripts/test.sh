#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs the whole test suite: the Release build's tests,
# then the same suite under AddressSanitizer+UBSan, then the GGUF parser fuzzer for a fixed time.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

# Mesa's lavapipe needs a private runtime directory; the tests set their own, this is for tools.
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
JOBS=$(nproc)

echo "== Release test suite"
ctest --test-dir build --output-on-failure -j"$JOBS"

if [ "${VELOCE_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== AddressSanitizer + UBSan test suite"
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DVELOCE_SANITIZE=ON -DVELOCE_BUILD_APP=OFF
  cmake --build build-asan -j"$JOBS"
  ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-asan --output-on-failure -j"$JOBS" -LE slow
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
