#!/usr/bin/env bash
# GPU check for a Linux machine with an NVIDIA, AMD or Intel GPU and no network: builds veloce-cli
# and the Vulkan kernel tests (Release), writes a full-size random-weight Phi-4 Q4_K_M with
# make-model in a temporary folder, runs the kernel tests with the validation layer on (when it is
# installed) and `bench --json`, and prints one summary: the mat-vec GB/s of each weight type and
# the whole-token decode GB/s as a percentage of the copy-kernel bandwidth measured in the same run.
# The cooperative-matrix matmul's kernel tests run a second time on a device created for it
# (VELOCE_VK_COOPMAT=1). Then the long-context figures: prompt tokens/s at each --prompts length
# with the prompt's TFLOP/s against the multiply-add peak bench measures, the fp32, fp16-tile,
# int8 and cooperative-matrix prompt kernels at the first length, decode tokens/s at each
# --depths depth with an f16 and a q8_0 KV cache, the first token after a --history-token
# history, and the attention kernels alone (grouped and split) at the largest depth.
# Aimed at 8 minutes on 16 cores. JSON and logs go to $OUT when it is set.
#
#   scripts/gpu-check.sh [--layers N] [--debs DIR] [--build DIR] [--keep-model] [-p N] [-n N] [-j N]
#                        [--prompts "512 4096"] [--depths "4096 16384"] [--history 2000]
#   scripts/gpu-check.sh --fetch-debs DIR     (on a machine with network: download the packages)
#
# --debs DIR (or VELOCE_GPU_DEBS): a folder of Debian packages (.deb) for a machine that lacks the
# Vulkan loader, headers, glslc, the validation layer or GoogleTest. They are unpacked into a
# private tree (never into /), which is put first on PATH, LD_LIBRARY_PATH, CMAKE_PREFIX_PATH and
# PKG_CONFIG_PATH; VK_DRIVER_FILES is set to the NVIDIA ICD when one is found and none is set.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LAYERS=40
DEBS=${VELOCE_GPU_DEBS:-}
BUILD=${BUILD_DIR:-$ROOT/build-gpu-check}
N_PROMPT=128
N_GEN=32
KEEP_MODEL=0
PROMPTS="512 4096"
DEPTHS="4096 16384"
HISTORY=2000
JOBS=$(nproc)
# What --fetch-debs downloads: the build's needs beyond a compiler, CMake and ninja.
DEB_PACKAGES=(libvulkan1 libvulkan-dev glslc libshaderc1 vulkan-validationlayers libgtest-dev
              pkgconf pkgconf-bin libpkgconf3 libpcre2-dev libpcre2-8-0 libpcre2-16-0 libpcre2-32-0 libpcre2-posix3)

die() { echo "gpu-check: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --layers) LAYERS=${2:?}; shift 2 ;;
    --debs) DEBS=${2:?}; shift 2 ;;
    --build) BUILD=${2:?}; shift 2 ;;
    -p) N_PROMPT=${2:?}; shift 2 ;;
    -n) N_GEN=${2:?}; shift 2 ;;
    -j|--jobs) JOBS=${2:?}; shift 2 ;;
    --keep-model) KEEP_MODEL=1; shift ;;
    --prompts) PROMPTS=${2?}; shift 2 ;;
    --depths) DEPTHS=${2?}; shift 2 ;;
    --history) HISTORY=${2:?}; shift 2 ;;
    --fetch-debs)
      dir=${2:?}; mkdir -p "$dir"
      (cd "$dir" && apt-get download "${DEB_PACKAGES[@]}")
      echo "downloaded to $dir; carry it and run: scripts/gpu-check.sh --debs $dir"
      exit 0 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
case "$LAYERS" in ''|*[!0-9]*) die "--layers needs a number" ;; esac
[ "$LAYERS" -ge 1 ] || die "--layers must be at least 1"

START=$(date +%s)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/veloce-gpu-check.XXXXXX")
LOGS=${OUT:-$WORK/out}
mkdir -p "$LOGS"
cleanup() { [ "$KEEP_MODEL" = 1 ] || rm -rf "$WORK/model.gguf"; }
trap cleanup EXIT
step() { echo "[$(( $(date +%s) - START )) s] $*"; }

# --- the packages this machine lacks, unpacked into a private tree ------------------------------
if [ -n "$DEBS" ]; then
  [ -d "$DEBS" ] || die "--debs: no folder $DEBS"
  TREE=$WORK/debroot
  mkdir -p "$TREE"
  n=0
  for f in "$DEBS"/*.deb; do
    [ -e "$f" ] || continue
    dpkg -x "$f" "$TREE"
    n=$((n + 1))
  done
  [ "$n" -gt 0 ] || die "--debs: no .deb files in $DEBS"
  step "unpacked $n packages into $TREE"
  MULTI=$TREE/usr/lib/$(uname -m)-linux-gnu
  export PATH=$TREE/usr/bin:$PATH
  export LD_LIBRARY_PATH=$MULTI:$TREE/usr/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  export CMAKE_PREFIX_PATH=$TREE/usr${CMAKE_PREFIX_PATH:+:$CMAKE_PREFIX_PATH}
  export PKG_CONFIG_PATH=$MULTI/pkgconfig:$TREE/usr/share/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
  # The unpacked .pc files say prefix=/usr: point them at the tree (the system's stay as they are).
  for pc in "$MULTI"/pkgconfig/*.pc "$TREE"/usr/share/pkgconfig/*.pc; do
    [ -f "$pc" ] && sed -i "s|^prefix=/usr\$|prefix=$TREE/usr|" "$pc"
  done
  if [ -d "$TREE/usr/share/vulkan/explicit_layer.d" ]; then
    export VK_LAYER_PATH=$TREE/usr/share/vulkan/explicit_layer.d${VK_LAYER_PATH:+:$VK_LAYER_PATH}
    export VK_ADD_LAYER_PATH=$VK_LAYER_PATH
  fi
  # pkgconf from the tree needs its library; a system pkg-config works as well.
  command -v pkg-config >/dev/null || { [ -x "$TREE/usr/bin/pkgconf" ] && ln -sf pkgconf "$TREE/usr/bin/pkg-config"; }
fi
if [ -z "${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-}" ]; then
  for icd in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json \
             /etc/vulkan/icd.d/nvidia_icd.json /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.x86_64.json; do
    if [ -f "$icd" ]; then export VK_DRIVER_FILES=$icd; step "Vulkan driver: $icd"; break; fi
  done
fi

{
  echo "date: $(date -u +%FT%TZ)"; echo "host: $(uname -a)"; echo "cores: $JOBS"
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.mem --format=csv || true
  env | grep -E '^(VK_|LD_LIBRARY_PATH|PATH)=' || true
} > "$LOGS/environment.txt" 2>&1

# --- build: veloce-cli and the Vulkan kernel tests only ------------------------------------------
step "configuring $BUILD"
command -v cmake >/dev/null || die "cmake is not installed"
command -v ninja >/dev/null || die "ninja is not installed"
command -v glslc >/dev/null || die "glslc is not installed (give --debs DIR; see --fetch-debs)"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DVELOCE_BUILD_APP=OFF \
  > "$LOGS/configure.log" 2>&1 || { tail -30 "$LOGS/configure.log"; die "configure failed (log: $LOGS/configure.log)"; }
step "building veloce-cli and test_vulkan_kernels with $JOBS jobs"
cmake --build "$BUILD" -j"$JOBS" --target veloce-cli test_vulkan_kernels vk_attention_bench > "$LOGS/build.log" 2>&1 ||
  { tail -30 "$LOGS/build.log"; die "build failed (log: $LOGS/build.log)"; }
CLI=$BUILD/app/veloce-cli
[ -x "$CLI" ] || CLI=$(find "$BUILD" -name veloce-cli -type f -perm -u+x | head -1)

"$CLI" devices > "$LOGS/devices.txt" 2>&1 || { cat "$LOGS/devices.txt"; die "no Vulkan device"; }
step "devices:"; sed 's/^/  /' "$LOGS/devices.txt" | head -12

# --- the model: written while the kernel tests run ------------------------------------------------
MODEL=$WORK/model.gguf
step "writing a $LAYERS-layer Phi-4 Q4_K_M into $WORK (in the background)"
# A 32,768-token context in its metadata: decode at depth 16,384 needs room for the generated
# tokens beyond Phi-4's own 16,384, which bench (rightly) refuses to exceed.
"$CLI" make-model --type Q4_K_M --preset phi-4 --layers "$LAYERS" --ctx 32768 \
  --vocab-from "$ROOT/tests/data/phi4-vocab.gguf" -o "$MODEL" > "$LOGS/make-model.log" 2>&1 &
MAKE_PID=$!

# --- kernel tests with validation ------------------------------------------------------------------
VALIDATION=0
if "$CLI" devices 2>&1 | grep -q . && ls ${VK_LAYER_PATH:+${VK_LAYER_PATH//:/ }} /usr/share/vulkan/explicit_layer.d 2>/dev/null |
   grep -q khronos_validation; then VALIDATION=1; fi
step "Vulkan kernel tests (validation layer: $([ $VALIDATION = 1 ] && echo on || echo 'not installed, off'))"
TESTS_RC=0
( cd "$BUILD" && VELOCE_VALIDATION=$VALIDATION timeout 300 ./tests/vulkan/test_vulkan_kernels \
    --gtest_output=json:"$LOGS/kernel-tests.json" ) > "$LOGS/kernel-tests.log" 2>&1 || TESTS_RC=$?
grep -E '^\[  (PASSED|FAILED) |tests ran' "$LOGS/kernel-tests.log" | sed 's/^/  /' | head -20 || true
# The cooperative-matrix matmul needs a device created for it (VELOCE_VK_COOPMAT=1).
step "cooperative-matrix kernel tests (VELOCE_VK_COOPMAT=1)"
( cd "$BUILD" && VELOCE_VK_COOPMAT=1 VELOCE_VALIDATION=$VALIDATION timeout 120 ./tests/vulkan/test_vulkan_kernels \
    --gtest_filter='*Coopmat*' --gtest_output=json:"$LOGS/coopmat-tests.json" ) > "$LOGS/coopmat-tests.log" 2>&1 || TESTS_RC=$?
grep -E '^\[  (PASSED|FAILED) |tests ran' "$LOGS/coopmat-tests.log" | sed 's/^/  /' | head -20 || true

wait "$MAKE_PID" || { tail -5 "$LOGS/make-model.log"; die "make-model failed"; }
step "model written: $(du -h "$MODEL" | cut -f1)"

# --- the plan and the benchmark -------------------------------------------------------------------
"$CLI" plan -m "$MODEL" -c $((N_PROMPT + N_GEN + 8)) --json > "$LOGS/plan.json" 2> "$LOGS/plan.log" || true
step "bench -p $N_PROMPT -n $N_GEN"
BENCH_RC=0
timeout 300 "$CLI" bench -m "$MODEL" -p "$N_PROMPT" -n "$N_GEN" --json > "$LOGS/bench.json" \
  2> "$LOGS/bench.log" || BENCH_RC=$?
[ "$BENCH_RC" = 0 ] || { tail -20 "$LOGS/bench.log"; echo "gpu-check: bench failed ($BENCH_RC)" >&2; }

# --- long context: prompt lengths, decode depths with either KV type, a new message after a history ----
LONG=$LOGS/long.txt
: > "$LONG"
long_bench() {  # name, then bench arguments; appends "name<TAB>json" to $LONG; $BENCH_ENV: settings
  local name=$1; shift
  step "bench $* ($name${BENCH_ENV:+, $BENCH_ENV})"
  if env ${BENCH_ENV:-} timeout 300 "$CLI" bench -m "$MODEL" --no-gpu-timing --json "$@" > "$LOGS/$name.json" 2> "$LOGS/$name.log"; then
    printf '%s\t%s\n' "$name" "$(tr -d '\n' < "$LOGS/$name.json")" >> "$LONG"
  else
    tail -3 "$LOGS/$name.log"; echo "gpu-check: bench $name failed" >&2; BENCH_RC=1
  fi
}
for p in $PROMPTS; do long_bench "prompt-$p" -p "$p" -n 4; done
# The prompt kernels against each other at the first prompt length: the 128x128 tile with fp32
# and with fp16 weight tiles, the int8 one and NVIDIA's matrix units (off by default until this
# run shows their tests pass). Settings of one kernel are joined by commas.
FIRST_PROMPT=${PROMPTS%% *}
if [ -n "$FIRST_PROMPT" ]; then
  for kernel in fp32:VELOCE_VK_INT8_MATMUL=0,VELOCE_VK_HALF_TILES=0 fp16-tile:VELOCE_VK_INT8_MATMUL=0,VELOCE_VK_HALF_TILES=1 \
                int8:VELOCE_VK_INT8_MATMUL=1 coopmat:VELOCE_VK_COOPMAT=1; do
    settings=${kernel#*:}
    BENCH_ENV=${settings//,/ } long_bench "kernel-${kernel%%:*}-$FIRST_PROMPT" -p "$FIRST_PROMPT" -n 4
  done
fi
MAX_DEPTH=0
for d in $DEPTHS; do
  for kv in f16 q8_0; do long_bench "depth-$d-$kv" -p 16 -n 32 -d "$d" --kv-type "$kv"; done
  [ "$d" -gt "$MAX_DEPTH" ] && MAX_DEPTH=$d
done
[ "$HISTORY" -gt 0 ] && long_bench "history-$HISTORY" -p 16 -n 4 --history "$HISTORY"
if [ "$MAX_DEPTH" -gt 0 ]; then
  ATT=$(find "$BUILD" -name vk_attention_bench -type f | head -1)
  for v in grouped split; do
    "$ATT" 1 "$MAX_DEPTH" 20 "$v" >> "$LOGS/attention.txt" 2>&1 || true
    "$ATT" 512 "$MAX_DEPTH" 2 "$v" >> "$LOGS/attention.txt" 2>&1 || true
  done
fi

# --- one summary ---------------------------------------------------------------------------------
python3 - "$LOGS/bench.json" "$LOGS/plan.json" "$TESTS_RC" "$LAYERS" <<'EOF' | tee "$LOGS/summary.txt"
import json, sys
bench_path, plan_path, tests_rc, layers = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
try:
    b = json.load(open(bench_path))
except Exception as e:
    print(f"no bench figures ({e})"); sys.exit(0)
copy = b.get("device_bandwidth_gb_per_s", 0.0)
pct = lambda v: f"{100.0 * v / copy:5.1f}%" if copy > 0 else "  n/a"
print(f"=== Veloce GPU check: {b.get('device')} ({layers} layers, {b.get('quantization')}) ===")
print(f"kernel tests           {'passed' if tests_rc == 0 else 'FAILED (exit %d)' % tests_rc}")
print(f"copy-kernel bandwidth  {copy:8.1f} GB/s")
print(f"prompt                 {b.get('prompt_tokens_per_s', 0):8.1f} tokens/s, "
      f"{b.get('prompt_matrix_tflops', 0):.2f} TFLOP/s of matrix products")
print(f"multiply-add peak      fp32 {b.get('fp32_peak_tflops', 0):.2f}, fp16 {b.get('fp16_peak_tflops', 0):.2f} TFLOP/s "
      f"(vector units; matrix units need cooperative-matrix kernels)")
print(f"decode                 {b.get('gen_tokens_per_s', 0):8.2f} tokens/s, "
      f"{b.get('gen_weight_gb_per_s', 0):7.1f} GB/s of weights = {pct(b.get('gen_weight_gb_per_s', 0))} of copy")
classes = b.get("gpu_classes", [])
if classes:
    print(f"{'GPU time per token by kernel class':38s} {'ms':>8s} {'GB/s':>8s} {'of copy':>8s}")
    matvec_bytes = matvec_s = 0.0
    for c in classes:
        gbps = c.get("gb_per_s", 0.0)
        print(f"  {c['name']:36s} {1e3 * c['seconds_per_token']:8.3f} {gbps:8.1f} {pct(gbps):>8s}")
        if c["name"].startswith("matvec"):
            matvec_bytes += c.get("bytes_per_token", 0); matvec_s += c["seconds_per_token"]
    if matvec_s > 0:
        g = matvec_bytes / matvec_s / 1e9
        print(f"  {'all mat-vecs':36s} {1e3 * matvec_s:8.3f} {g:8.1f} {pct(g):>8s}")
    if matvec_s > 0 and copy > 0:
        # The issue's bar: mat-vecs at 75% of the copy bandwidth and whole-token decode at 50%
        # (85% and 70% on a GPU below 1.5 TB/s, where per-dispatch overhead weighs less).
        mv_bar, tok_bar = (0.85, 0.70) if copy < 1500 else (0.75, 0.50)
        mv_frac, tok_frac = matvec_bytes / matvec_s / 1e9 / copy, b.get("gen_weight_gb_per_s", 0) / copy
        print(f"bar: mat-vecs {100 * mv_frac:.1f}% (want {100 * mv_bar:.0f}%) {'met' if mv_frac >= mv_bar else 'NOT met'}; "
              f"decode {100 * tok_frac:.1f}% (want {100 * tok_bar:.0f}%) {'met' if tok_frac >= tok_bar else 'NOT met'}")
    gpu = b.get("gpu_seconds_per_token", 0.0)
    wall = 1.0 / b["gen_tokens_per_s"] if b.get("gen_tokens_per_s") else 0.0
    print(f"GPU busy {1e3 * gpu:.3f} ms of a {1e3 * wall:.3f} ms token; host {1e3 * b.get('host_seconds_per_token', 0):.3f} ms "
          f"outside the fence wait; {b.get('dispatches_per_token', 0)} dispatches, {b.get('barriers_per_token', 0)} barriers per token")
try:
    p = json.load(open(plan_path))
    print(f"memory plan            {p['device_total_bytes'] / 2**30:.2f} GiB on the GPU of {p['budget_bytes'] / 2**30:.2f} GiB "
          f"({p['budget_source']}), spilled {p['weights_spilled_bytes'] / 2**20:.1f} MiB")
except Exception:
    pass
EOF
python3 - "$LONG" "$LOGS/attention.txt" <<'EOF' | tee -a "$LOGS/summary.txt"
import json, os, sys
rows = [line.rstrip("\n").split("\t", 1) for line in open(sys.argv[1]) if "\t" in line]
if rows:
    print("long context (each its own bench run; KV cache f16 unless named)")
for name, text in rows:
    b = json.loads(text)
    if name.startswith("prompt-") or name.startswith("kernel-"):
        label = f"prompt {name[7:]:>6s} tokens" if name.startswith("prompt-") else f"  {name[7:]:>16s}"
        print(f"  {label:24s} {b.get('prompt_tokens_per_s', 0):9.1f} tokens/s, "
              f"{b.get('prompt_matrix_tflops', 0):7.2f} TFLOP/s = {100 * b.get('prompt_peak_fraction', 0):5.1f}% "
              f"of the {b.get('peak_precision', '?')} peak")
    elif name.startswith("depth-"):
        _, d, kv = name.split("-")
        print(f"  decode at depth {d:>6s} {kv:5s} {b.get('gen_tokens_per_s', 0):9.2f} tokens/s "
              f"(prompt of 16 there {b.get('prompt_tokens_per_s', 0):.1f} tokens/s)")
    elif name.startswith("history-"):
        print(f"  first token after a {name[8:]}-token history {b.get('ttft_seconds', 0):.3f} s")
if os.path.exists(sys.argv[2]):
    print("attention alone (vk_attention_bench, Phi-4 heads, ms per layer)")
    for line in open(sys.argv[2]):
        print("  " + line.strip())
EOF
step "done; JSON and logs in $LOGS"
[ "$TESTS_RC" = 0 ] && [ "$BENCH_RC" = 0 ]
