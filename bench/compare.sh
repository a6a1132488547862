#!/usr/bin/env bash
# Times one adversarial-training step in robustgrid (`./robustgrid bench`) and in PyTorch
# (bench/pytorch_step.py) with the same settings, in rounds of robustgrid, pytorch, pytorch, robustgrid
# so that drift of the machine (heat, other load) falls on both alike. Last line: ratio=<robustgrid/pytorch>.
#
#   bench/compare.sh [--steps K] [--batch B] [--iterations N] [--warmup W] [--threads T] [--rounds R] [--activation A] [--only robustgrid|pytorch] [--plain-pytorch] [--pytorch-channels-last]
#
# Equal terms by default: PyTorch gets the native settings robustgrid runs with, as `./robustgrid engine
# --env` prints them for T threads: glibc's allocator settings (GLIBC_TUNABLES) and the oneDNN
# instruction set robustgrid's check chose on this machine (ONEDNN_MAX_CPU_ISA). --plain-pytorch runs
# PyTorch at its own defaults instead (glibc's allocator, oneDNN's own ISA), as a user would run it.
# (--same-allocator, the old name of the default, is still accepted.)
#
# --pytorch-channels-last runs PyTorch's model and images in channels-last memory format too, the
# layout robustgrid uses where it measured it faster (README, "Activation layout").
# BENCH_PYTHON overrides the interpreter (default /usr/bin/python3, where Debian puts python3-torch).
# Both run on T threads (default 2). ONEDNN_MAX_CPU_ISA set by the user applies to both sides.
# Exit codes: 0 ok, 2 bad input or a missing prerequisite (one line on stderr), 1 a run failed.
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${BENCH_PYTHON:-/usr/bin/python3}"
steps=10 batch=128 iterations=3 warmup=1 threads=2 rounds=1 activation=relu only="" plain=0 ptcl=0

usage() {
  sed -n '6p' "${BASH_SOURCE[0]}" | sed 's/^#   //' >&2
}

fail2() {
  echo "compare.sh: $*" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --steps|--batch|--iterations|--warmup|--threads|--rounds|--activation|--only)
      [ $# -ge 2 ] || fail2 "$1 needs a value"
      name="${1#--}"
      printf -v "$name" '%s' "$2"
      shift 2
      ;;
    --pytorch-channels-last)
      ptcl=1
      shift
      ;;
    --plain-pytorch)
      plain=1
      shift
      ;;
    --same-allocator)
      shift
      ;;
    -h|--help)
      usage
      exit 0
      ;;
    *)
      fail2 "unknown option '$1'; expected --steps, --batch, --iterations, --warmup, --threads, --rounds, --activation, --only, --plain-pytorch, --pytorch-channels-last"
      ;;
  esac
done
for name in steps batch iterations warmup threads rounds; do
  [[ "${!name}" =~ ^[0-9]+$ ]] || fail2 "--$name is '${!name}'; expected a non-negative integer"
done
for name in batch iterations threads rounds; do
  [ "${!name}" -ge 1 ] || fail2 "--$name is ${!name}; expected an integer >= 1"
done
case "$only" in
  ""|robustgrid|pytorch) ;;
  *) fail2 "--only is '$only'; expected robustgrid or pytorch" ;;
esac
case "$activation" in
  relu|silu|gelu|hard-swish) ;;
  *) fail2 "--activation is '$activation'; expected relu, silu, gelu or hard-swish (pytorch_step.py has these)" ;;
esac

cd "$root"
# robustgrid is needed for its own runs and, on equal terms, to say which native settings it uses
if [ "$only" != pytorch ] || [ "$plain" = 0 ]; then
  jar=$(ls harness/target/harness-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -n 1 || true)
  if [ ! -x ./robustgrid ] || [ -z "$jar" ] || [ ! -d harness/target/lib ]; then
    fail2 "./robustgrid is not built; run 'mvn -q -DskipTests package' in $root first (or pass --only pytorch --plain-pytorch)"
  fi
fi
if [ "$only" != robustgrid ]; then
  [ -x "$python" ] || fail2 "$python not found; install python3 and python3-torch (apt-get install -y python3-torch)"
  "$python" -c 'import torch' 2>/dev/null \
    || fail2 "python3-torch is missing; install it with 'apt-get install -y python3-torch' (or pass --only robustgrid)"
fi

common=(--model resnet18 --batch "$batch" --steps "$steps" --iterations "$iterations" --warmup "$warmup"
  --device cpu --activation "$activation")
export OMP_NUM_THREADS="$threads"

# PyTorch's environment: robustgrid's own native settings (equal terms), or none (--plain-pytorch).
pyenv=(env -u GLIBC_TUNABLES)
if [ "$plain" = 0 ]; then
  settings=$(./robustgrid engine --env) || fail2 "'./robustgrid engine --env' failed; run it alone to see why"
  while IFS= read -r line; do
    [[ "$line" =~ ^export\ ([A-Z_]+)=(.*)$ ]] || fail2 "unexpected line from './robustgrid engine --env': $line"
    pyenv+=("${BASH_REMATCH[1]}=${BASH_REMATCH[2]}")
  done <<< "$settings"
else
  pyenv+=(-u ONEDNN_MAX_CPU_ISA)
  [ -n "${ONEDNN_MAX_CPU_ISA+x}" ] && pyenv+=("ONEDNN_MAX_CPU_ISA=$ONEDNN_MAX_CPU_ISA")
fi
echo "pytorch runs with: ${pyenv[*]:1} OMP_NUM_THREADS=$threads" >&2

logs=$(mktemp -d "${TMPDIR:-/tmp}/robustgrid-compare.XXXXXX")
declare -A sum=([robustgrid]=0 [pytorch]=0) runs=([robustgrid]=0 [pytorch]=0)
n=0

# run <robustgrid|pytorch>: runs one side once and adds its images_per_second to its sum.
run() {
  local side="$1" log
  n=$((n + 1))
  log="$logs/$n-$side.log"
  local cmd
  if [ "$side" = robustgrid ]; then
    cmd=(./robustgrid bench "${common[@]}")
  else
    cmd=("${pyenv[@]}" "$python" bench/pytorch_step.py "${common[@]}" --threads "$threads")
    [ "$ptcl" = 1 ] && cmd+=(--channels-last)
  fi
  echo "run $n: $side: ${cmd[*]}" >&2
  if ! "${cmd[@]}" >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "compare.sh: run $n ($side) failed; full output in $log" >&2
    exit 1
  fi
  local last
  last=$(tail -n 1 "$log")
  if [[ ! "$last" =~ ^images_per_second=([0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?)$ ]]; then
    echo "compare.sh: run $n ($side) ended with '$last', expected images_per_second=<x>; output in $log" >&2
    exit 1
  fi
  local ips="${BASH_REMATCH[1]}"
  echo "$side run $n: images_per_second=$ips" >&2
  sum[$side]=$(awk -v a="${sum[$side]}" -v b="$ips" 'BEGIN { printf "%.6f", a + b }')
  runs[$side]=$((runs[$side] + 1))
}

for ((round = 0; round < rounds; round++)); do
  if [ -n "$only" ]; then
    run "$only"
    run "$only"
  else
    run robustgrid
    run pytorch
    run pytorch
    run robustgrid
  fi
done
echo "logs: $logs" >&2

mean() {
  awk -v s="${sum[$1]}" -v k="${runs[$1]}" 'BEGIN { printf "%.1f", s / k }'
}
for side in robustgrid pytorch; do
  if [ "${runs[$side]}" -gt 0 ]; then
    echo "${side}_images_per_second=$(mean "$side")"
  fi
done
if [ -z "$only" ]; then
  awk -v a="${sum[robustgrid]}" -v b="${sum[pytorch]}" 'BEGIN { printf "ratio=%.3f\n", a / b }'
fi
