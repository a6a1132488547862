#!/usr/bin/env bash
# What each oneDNN cap level costs: `./robustgrid bench` on ResNet-18 and on the small CNN at each
# ONEDNN_MAX_CPU_ISA level, interleaved (every level once per round, R rounds) so that drift of the
# machine falls on all levels alike. Prints one line per run and, last, the mean per model and level.
#
#   bench/isa-costs.sh [--threads T] [--rounds R] [--levels "ALL AVX512_CORE AVX2 AVX"] [--quick]
#
# --quick: batch 4, one iteration: only to see that the script works (the numbers mean nothing).
# Run it on an idle machine. A level above what the CPU has runs as the CPU's own level; the
# check's choice for this machine is printed first (`./robustgrid engine`).
# Exit codes: 0 ok, 2 bad input or robustgrid not built (one line on stderr), 1 a run failed.
set -euo pipefail
export LC_ALL=C
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads=2 rounds=2 levels="ALL AVX512_CORE AVX2 AVX" quick=0

fail2() {
  echo "isa-costs.sh: $*" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --threads|--rounds|--levels)
      [ $# -ge 2 ] || fail2 "$1 needs a value"
      printf -v "${1#--}" '%s' "$2"
      shift 2
      ;;
    --quick)
      quick=1
      shift
      ;;
    *) fail2 "unknown option '$1'; expected --threads, --rounds, --levels, --quick" ;;
  esac
done
for name in threads rounds; do
  [[ "${!name}" =~ ^[1-9][0-9]*$ ]] || fail2 "--$name is '${!name}'; expected an integer >= 1"
done
for level in $levels; do
  [[ "$level" =~ ^[A-Z0-9_]+$ ]] || fail2 "--levels has '$level'; expected oneDNN names such as ALL, AVX512_CORE, AVX2, AVX"
done
cd "$root"
ls harness/target/harness-*.jar >/dev/null 2>&1 || fail2 "./robustgrid is not built; run 'mvn -q -DskipTests package' in $root first"

export OMP_NUM_THREADS="$threads"
env -u ONEDNN_MAX_CPU_ISA ./robustgrid engine >&2

# the two models of docs/performance.md, each with the flags its numbers there use
declare -A flags=(
  [resnet18]="--model resnet18 --batch 128 --steps 1 --iterations 2 --warmup 1"
  [small-cnn]="--model small-cnn(width=16) --channels 1 --size 28 --batch 128 --steps 2 --iterations 4 --warmup 1"
)
if [ "$quick" = 1 ]; then
  flags[resnet18]="--model resnet18 --batch 4 --steps 1 --iterations 1 --warmup 0"
  flags[small-cnn]="--model small-cnn(width=16) --channels 1 --size 28 --batch 4 --steps 1 --iterations 1 --warmup 0"
fi
declare -A sum=() runs=()
logs=$(mktemp -d "${TMPDIR:-/tmp}/robustgrid-isa-costs.XXXXXX")
n=0
for ((round = 1; round <= rounds; round++)); do
  for model in resnet18 small-cnn; do
    for level in $levels; do
      n=$((n + 1))
      log="$logs/$n-$model-$level.log"
      read -r -a args <<< "${flags[$model]}"
      echo "run $n: ONEDNN_MAX_CPU_ISA=$level OMP_NUM_THREADS=$threads ./robustgrid bench ${flags[$model]}" >&2
      if ! ONEDNN_MAX_CPU_ISA="$level" ./robustgrid bench "${args[@]}" >"$log" 2>&1; then
        tail -n 20 "$log" >&2
        echo "isa-costs.sh: run $n failed; output in $log" >&2
        exit 1
      fi
      ips=$(sed -n 's/^images_per_second=//p' "$log")
      [ -n "$ips" ] || { echo "isa-costs.sh: run $n printed no images_per_second; output in $log" >&2; exit 1; }
      echo "model=$model level=$level round=$round images_per_second=$ips"
      key="$model $level"
      sum[$key]=$(awk -v a="${sum[$key]:-0}" -v b="$ips" 'BEGIN { printf "%.6f", a + b }')
      runs[$key]=$(( ${runs[$key]:-0} + 1 ))
    done
  done
done
echo "logs: $logs" >&2
for model in resnet18 small-cnn; do
  for level in $levels; do
    key="$model $level"
    awk -v m="$model" -v l="$level" -v s="${sum[$key]}" -v k="${runs[$key]}" \
      'BEGIN { printf "mean model=%s level=%s images_per_second=%.2f runs=%d\n", m, l, s / k, k }'
  done
done
