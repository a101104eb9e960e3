#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs the whole test suite: the Release build's tests,
# then the engine and the Qt app core under AddressSanitizer+UBSan, the chat worker and controller
# tests under ThreadSanitizer, then each fuzzer for a fixed time. Every
# build here treats warnings as errors (VELOCE_WERROR), so a new warning fails CI instead of
# piling up.
set -euo pipefail
cd "$(dirname "$0")/.."
export CMAKE_ARGS="-DVELOCE_WERROR=ON ${CMAKE_ARGS:-}"
./scripts/setup.sh
# Sanitizer reports name these files' entries when they suppress something (each is justified there).
SUPP=$PWD/tests/sanitizers

# Mesa's lavapipe needs a private runtime directory; the tests set their own, this is for tools.
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
JOBS=$(nproc)

# ctest's summary line "N% tests passed, F tests failed out of T" -> "T" (the suite's size).
suite_size() { sed -n 's/.*tests failed out of \([0-9]*\).*/\1/p' "$1" | tail -n 1; }

echo "== Release test suite"
ctest --test-dir build --output-on-failure -j"$JOBS" 2>&1 | tee build/ctest.log
release_count=$(suite_size build/ctest.log)
asan_count=0
tsan_count=0

if [ "${VELOCE_SKIP_SANITIZERS:-0}" != 1 ]; then
  # The engine and the Qt app core (storage, export, chat, models, server, CLI) with their tests; not
  # slow ones, nor the QML UI tests (the QML engine and Mesa's GL under ASan are beyond CI's time: a
  # sanitized build does not configure them). The chat tests, like the engine's, run without leak
  # detection: the Vulkan driver's leftovers come from a module unloaded before LeakSanitizer runs.
  # VELOCE_ASAN_APP=OFF leaves the app out.
  asan_scope="engine and app core"
  if [ "${VELOCE_ASAN_APP:-ON}" = OFF ]; then asan_scope="engine"; fi
  echo "== AddressSanitizer + UBSan test suite ($asan_scope)"
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DVELOCE_SANITIZE=ON \
    -DVELOCE_BUILD_APP="${VELOCE_ASAN_APP:-ON}" -DVELOCE_WERROR=ON
  cmake --build build-asan -j"$JOBS"
  # Perplexity (and the q8_0 KV cache's) runs here on Q4_K_M only, the usual download: each
  # weight type's host code (reading, repacking, uploading) is already run under ASan by its
  # ModelTest logits, and more chunks through the same code find nothing new; under ASan the other
  # types took about 20 minutes of CI's 2 cores. The Release suite above runs every one.
  long_ppl='(PerplexityTest|KvQ8Test).*/(F32|F16|BF16|Q8_0|Q6_K|Q5_K_M|Q5_0|Q5_1|Q4_K_S|Q4_0|Q4_1|Q3_K_M|Q2_K)_|KvQ8Test.*_seed_it'
  ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS="suppressions=$SUPP/lsan.supp:print_suppressions=0" \
    ctest --test-dir build-asan --output-on-failure -j"$JOBS" -LE 'slow|ui' -E "$long_ppl" 2>&1 | tee build-asan/ctest.log
  asan_count=$(suite_size build-asan/ctest.log)

  # The worker thread and the UI thread share the cancel flags, the queued results and the store's
  # file; only the chat tests run threads of their own, so only they are built here.
  # Qt itself is not built with TSan: app/common/thread_handover.h makes our hand-overs through its
  # event queue visible; ignore_noninstrumented_modules stops the allocations, frees and wait-condition
  # calls made inside Qt and GLib from counting as accesses (their locks still count), and
  # tests/sanitizers/tsan.supp names what remains inside Qt. Our own code stays checked: a counter
  # bumped by both threads unlocked is reported. Any report fails (halt_on_error).
  # VELOCE_TSAN_STAGE=0 skips it.
  if [ "${VELOCE_TSAN_STAGE:-1}" = 1 ]; then
    echo "== ThreadSanitizer: generation worker and chat controller"
    cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DVELOCE_TSAN=ON -DVELOCE_WERROR=ON
    cmake --build build-tsan -j"$JOBS" --target app_chat_controller
    TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:ignore_noninstrumented_modules=1:suppressions=$SUPP/tsan.supp" \
      ctest --test-dir build-tsan --output-on-failure -j"$JOBS" -R '^app_chat_controller$' 2>&1 \
      | tee build-tsan/ctest.log
    tsan_count=$(suite_size build-tsan/ctest.log)
  fi
fi

echo "== GGUF parser fuzzing (${VELOCE_FUZZ_SECONDS:-60} s)"
# With the app: the JSON importer and Markdown targets link its library (only targets named below are built).
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug -DVELOCE_FUZZ=ON \
  -DVELOCE_BUILD_APP=ON -DVELOCE_BUILD_TESTS=ON -DVELOCE_WERROR=ON
cmake --build build-fuzz -j"$JOBS" --target fuzz_gguf
# New inputs go to a scratch folder listed first; the committed seed corpus is only read.
scratch=$(mktemp -d)
./build-fuzz/tests/fuzz/fuzz_gguf -max_total_time="${VELOCE_FUZZ_SECONDS:-60}" -max_len=65536 \
  "$scratch" tests/data/fuzz_corpus
rm -rf "$scratch"

echo "== TeX math parser fuzzing (30 s)"
cmake --build build-fuzz -j"$JOBS" --target fuzz_math
# Seeds: the corpus formulas, one file each, in a scratch folder that also takes the new inputs,
# and tests/fuzz/corpus/math: constructs chained hundreds deep (each under -max_len), beyond the
# parser's nesting limit.
scratch=$(mktemp -d)
awk '!/^#/ && NF { sub(/^D /, ""); f = sprintf("%s/seed_%04d", dir, NR); printf "%s", $0 > f; close(f) }' \
  dir="$scratch" tests/data/math/corpus.txt
./build-fuzz/tests/fuzz/fuzz_math -max_total_time=30 -max_len=4096 "$scratch" tests/fuzz/corpus/math
rm -rf "$scratch"

# Tokenizer round trip, JSON import and the chat view's Markdown: 30 s each from a small seed corpus.
cmake --build build-fuzz -j"$JOBS" --target fuzz_tokenizer fuzz_json_import fuzz_markdown
for target in tokenizer json_import markdown; do
  echo "== fuzz_$target (${VELOCE_FUZZ_SHORT_SECONDS:-30} s)"
  scratch=$(mktemp -d)
  ./build-fuzz/tests/fuzz/fuzz_$target -max_total_time="${VELOCE_FUZZ_SHORT_SECONDS:-30}" -max_len=16384 \
    "$scratch" "tests/fuzz/corpus/$target"
  rm -rf "$scratch"
done

# set -e and pipefail stopped the script at any failure above, so everything counted passed.
echo "== Summary: $release_count Release tests, $asan_count ASan+UBSan tests, $tsan_count TSan tests, fuzzing without a crash"
echo "$((release_count + asan_count + tsan_count)) passed, 0 failed"
