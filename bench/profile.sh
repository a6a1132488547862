#!/usr/bin/env bash
# Where one adversarial-training step spends its time, in robustgrid and in PyTorch on equal terms: each
# side runs the bench's step (warm-up steps, then one more) with ONEDNN_VERBOSE=1, and
# bench/onednn_breakdown.py sums oneDNN's primitives of the last step side by side (A = robustgrid,
# B = PyTorch), biggest difference first; then `perf stat` of the same runs without the verbose
# output (task clock, page faults, context switches). Run it on an idle machine.
#
#   bench/profile.sh [--steps K] [--batch B] [--threads T] [--warmup W]
#
# Exit codes: 0 ok, 2 bad input or a missing prerequisite, 1 a run failed.
set -euo pipefail
export LC_ALL=C
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${BENCH_PYTHON:-/usr/bin/python3}"
steps=10 batch=128 threads=2 warmup=1
while [ $# -gt 0 ]; do
  case "$1" in
    --steps|--batch|--threads|--warmup)
      [ $# -ge 2 ] || { echo "profile.sh: $1 needs a value" >&2; exit 2; }
      [[ "$2" =~ ^[0-9]+$ ]] || { echo "profile.sh: $1 is '$2'; expected a non-negative integer" >&2; exit 2; }
      printf -v "${1#--}" '%s' "$2"
      shift 2
      ;;
    *) echo "profile.sh: unknown option '$1'; expected --steps, --batch, --threads, --warmup" >&2; exit 2 ;;
  esac
done
cd "$root"
[ -x ./robustgrid ] && ls harness/target/harness-*.jar >/dev/null 2>&1 || { echo "profile.sh: build first (mvn -q -DskipTests install)" >&2; exit 2; }
"$python" -c 'import torch' 2>/dev/null || { echo "profile.sh: python3-torch is missing (apt-get install -y python3-torch)" >&2; exit 2; }
export OMP_NUM_THREADS="$threads"
eval "$(./robustgrid engine --env)"
export GLIBC_TUNABLES ONEDNN_MAX_CPU_ISA
out=$(mktemp -d "${TMPDIR:-/tmp}/robustgrid-profile.XXXXXX")
common=(--model resnet18 --batch "$batch" --steps "$steps" --iterations 1 --warmup "$warmup" --device cpu)
rg=(./robustgrid bench "${common[@]}")
pt=("$python" bench/pytorch_step.py "${common[@]}" --threads "$threads")
echo "equal terms: OMP_NUM_THREADS=$threads ONEDNN_MAX_CPU_ISA=$ONEDNN_MAX_CPU_ISA GLIBC_TUNABLES=$GLIBC_TUNABLES" >&2
ONEDNN_VERBOSE=1 "${rg[@]}" >"$out/robustgrid.log" 2>&1 || { tail -n 20 "$out/robustgrid.log" >&2; exit 1; }
ONEDNN_VERBOSE=1 "${pt[@]}" >"$out/pytorch.log" 2>&1 || { tail -n 20 "$out/pytorch.log" >&2; exit 1; }
"$python" bench/onednn_breakdown.py --last-of $((warmup + 1)) "$out/robustgrid.log" "$out/pytorch.log"
if command -v perf >/dev/null; then
  stat() {
    echo "== perf stat, $1: ${*:2}"
    perf stat -e task-clock,page-faults,context-switches,cpu-migrations "${@:2}" 2>&1 \
      | grep -E "images_per_second|task-clock|page-faults|context-switches|cpu-migrations|elapsed"
  }
  stat robustgrid "${rg[@]}"
  stat pytorch "${pt[@]}"
else
  echo "(perf not installed: apt-get install -y linux-perf for the page-fault counts)"
fi
echo "logs: $out"
