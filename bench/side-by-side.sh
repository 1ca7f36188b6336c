#!/usr/bin/env bash
# Side-by-side CPU benchmark: Locus (Java, libtorch) vs diffusers UNet2DModel (PyTorch eager).
#
# usage: bench/side-by-side.sh MODEL_DIR...
#
# Each MODEL_DIR is a diffusers folder (config.json + diffusion_pytorch_model.safetensors).
# For every model the Java bench runs first, then the PyTorch one, with the same thread
# count, batch sizes, warm-up and iteration counts. A Markdown table goes to stdout;
# progress and the raw lines go to stderr and to $LOG_DIR.
#
# Environment:
#   DIFFUSERS_SRC  diffusers v0.31.0 source tree (repo root or its src/)   [required]
#   THREADS        intra- and inter-op threads for both sides             [default: nproc]
#   BATCHES        comma-separated batch sizes                            [default: 1,8,32]
#   WARMUP, ITERS  untimed / timed forward passes per batch               [default: 2, 5]
#   PYTHON         interpreter that has Debian's python3-torch            [default: /usr/bin/python3]
#   JAVA           java launcher                                          [default: java]
#   LOCUS_JAR      the engine jar              [default: <repo>/engine/target/locus-engine.jar]
#   LOG_DIR        where raw outputs are kept  [default: a new folder under ${TMPDIR:-/tmp}]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY_BENCH="$ROOT/bench/pytorch/unet_forward.py"

THREADS="${THREADS:-$(nproc)}"
BATCHES="${BATCHES:-1,8,32}"
WARMUP="${WARMUP:-2}"
ITERS="${ITERS:-5}"
PYTHON="${PYTHON:-/usr/bin/python3}"
JAVA="${JAVA:-java}"
LOCUS_JAR="${LOCUS_JAR:-$ROOT/engine/target/locus-engine.jar}"
DIFFUSERS_SRC="${DIFFUSERS_SRC:-}"

die() { echo "error: $*" >&2; exit 1; }
say() { echo "$*" >&2; }

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
}

if [[ $# -eq 0 || "$1" == "-h" || "$1" == "--help" ]]; then
  usage
  [[ $# -eq 0 ]] && exit 2 || exit 0
fi

# ---------------------------------------------------------------- prerequisites
[[ "$THREADS" =~ ^[1-9][0-9]*$ ]] || die "THREADS must be a positive integer (got '$THREADS')"
[[ "$BATCHES" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "BATCHES must look like 1,8,32 (got '$BATCHES')"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "WARMUP must be a non-negative integer (got '$WARMUP')"
[[ "$ITERS" =~ ^[1-9][0-9]*$ ]] || die "ITERS must be a positive integer (got '$ITERS')"

command -v "$PYTHON" >/dev/null 2>&1 || die "python interpreter '$PYTHON' not found (set PYTHON; Debian: /usr/bin/python3)"
if ! "$PYTHON" -c 'import torch' >/dev/null 2>&1; then
  die "'$PYTHON' cannot import torch. Install Debian's PyTorch as root: apt-get update && apt-get install -y python3-torch (and use /usr/bin/python3, not a pyenv/venv python)"
fi
if ! missing="$("$PYTHON" - <<'EOF' 2>/dev/null
import importlib.util
mods = {"numpy": "python3-numpy", "PIL": "python3-pil", "regex": "python3-regex", "requests": "python3-requests",
        "filelock": "python3-filelock", "importlib_metadata": "python3-importlib-metadata",
        "tqdm": "python3-tqdm", "packaging": "python3-packaging"}
print(" ".join(pkg for mod, pkg in mods.items() if importlib.util.find_spec(mod) is None))
EOF
)"; then
  die "'$PYTHON' failed to run a module check"
fi
[[ -z "$missing" ]] || die "diffusers needs more Python modules: apt-get install -y $missing"

[[ -n "$DIFFUSERS_SRC" ]] || die "DIFFUSERS_SRC is not set: fetch the huggingface/diffusers source at tag v0.31.0 (outside this repo) and export DIFFUSERS_SRC=/path/to/diffusers-0.31.0 (see bench/README.md)"
if [[ ! -f "$DIFFUSERS_SRC/src/diffusers/__init__.py" && ! -f "$DIFFUSERS_SRC/diffusers/__init__.py" ]]; then
  die "DIFFUSERS_SRC=$DIFFUSERS_SRC holds no diffusers/__init__.py (nor src/diffusers/__init__.py): fetch diffusers v0.31.0 source, see bench/README.md"
fi

command -v "$JAVA" >/dev/null 2>&1 || die "java launcher '$JAVA' not found (install a JDK 17+, or set JAVA)"
[[ -f "$LOCUS_JAR" ]] || die "Locus engine jar not found at $LOCUS_JAR: build it with ./mvnw -q -pl engine -am package -DskipTests (or set LOCUS_JAR)"

for dir in "$@"; do
  [[ -d "$dir" ]] || die "model folder '$dir' does not exist"
  [[ -f "$dir/config.json" ]] || die "model folder '$dir' has no config.json"
  [[ -f "$dir/diffusion_pytorch_model.safetensors" ]] || die "model folder '$dir' has no diffusion_pytorch_model.safetensors"
done

LOG_DIR="${LOG_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/locus-bench.XXXXXX")}"
mkdir -p "$LOG_DIR"

load="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)"
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
  say "warning: load average is $load: other processes are using the CPU, timings will be noisy"
fi

# Both runtimes get the same thread count; each bench also sets it explicitly.
export OMP_NUM_THREADS="$THREADS" MKL_NUM_THREADS="$THREADS"

# ---------------------------------------------------------------- runs
declare -A JAVA_MS PY_MS
IFS=',' read -r -a BATCH_LIST <<<"$BATCHES"

# parse_lines PREFIX FILE IDX ARRAYNAME EXPECTED_MODEL: fills ARRAY["IDX:batch"]=median_ms
parse_lines() {
  local prefix="$1" file="$2" idx="$3" expected="$5" line model batch median
  local -n arr="$4"
  while IFS= read -r line; do
    [[ "$line" == "$prefix unet-forward "* ]] || continue
    model="$(sed -n 's/.* model=\([^ ]*\).*/\1/p' <<<"$line")"
    batch="$(sed -n 's/.* batch=\([0-9]*\).*/\1/p' <<<"$line")"
    median="$(sed -n 's/.* median_ms=\([0-9.eE+-]*\).*/\1/p' <<<"$line")"
    [[ -n "$batch" && -n "$median" ]] || { say "warning: cannot parse: $line"; continue; }
    [[ "$model" == "$expected" ]] || say "warning: $prefix reported model=$model for folder $expected"
    arr["$idx:$batch"]="$median"
  done <"$file"
}

run_side() { # NAME OUTFILE ERRFILE CMD...
  local name="$1" out="$2" err="$3"
  shift 3
  say "  $name: $*"
  if ! "$@" >"$out" 2>"$err"; then
    say "error: the $name bench failed; last lines of $err:"
    tail -n 20 "$err" >&2
    exit 1
  fi
  cat "$out" >&2
}

idx=0
NAMES=()
for dir in "$@"; do
  name="$(basename "$(cd "$dir" && pwd)")"
  NAMES+=("$name")
  say "== $name (threads=$THREADS batches=$BATCHES warmup=$WARMUP iters=$ITERS)"
  run_side java "$LOG_DIR/$idx-$name.java.out" "$LOG_DIR/$idx-$name.java.err" \
    "$JAVA" -jar "$LOCUS_JAR" bench --model "$dir" --batches "$BATCHES" --threads "$THREADS" \
    --warmup "$WARMUP" --iters "$ITERS"
  run_side pytorch "$LOG_DIR/$idx-$name.pytorch.out" "$LOG_DIR/$idx-$name.pytorch.err" \
    "$PYTHON" "$PY_BENCH" --model "$dir" --batches "$BATCHES" --threads "$THREADS" \
    --warmup "$WARMUP" --iters "$ITERS" --diffusers-src "$DIFFUSERS_SRC"
  parse_lines java "$LOG_DIR/$idx-$name.java.out" "$idx" JAVA_MS "$name"
  parse_lines pytorch "$LOG_DIR/$idx-$name.pytorch.out" "$idx" PY_MS "$name"
  idx=$((idx + 1))
done

# ---------------------------------------------------------------- table
echo "CPU forward time, UNet2DModel, threads=$THREADS, warmup=$WARMUP, iters=$ITERS (median of iters)"
echo
echo "| model | batch | java median ms | pytorch median ms | ratio java/pytorch |"
echo "| --- | ---: | ---: | ---: | ---: |"
for ((i = 0; i < ${#NAMES[@]}; i++)); do
  for b in "${BATCH_LIST[@]}"; do
    j="${JAVA_MS["$i:$b"]:-}"
    p="${PY_MS["$i:$b"]:-}"
    ratio="$(awk -v j="$j" -v p="$p" 'BEGIN { if (j == "" || p == "" || p + 0 == 0) print "n/a"; else printf "%.2f", j / p }')"
    printf '| %s | %s | %s | %s | %s |\n' "${NAMES[$i]}" "$b" "${j:-n/a}" "${p:-n/a}" "$ratio"
  done
done
say "raw outputs: $LOG_DIR"
