#!/usr/bin/env bash
# Every measurement docs/performance.md still needs for issue 17, in one command, on an idle machine:
# the check's choice, the cost of each oneDNN cap level (ResNet-18, small CNN), and the equal-terms
# and plain-PyTorch ratios at PGD-1 and PGD-10 (ResNet-18, batch 128, 2 threads, interleaved runs).
# Everything goes to stdout and to runs/measurements-<UTC time>.txt. Takes about an hour on 2 cores.
#
#   bench/measure-all.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mkdir -p runs
out="runs/measurements-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) CPUs"
  echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  set -x
  bench/isa-costs.sh --threads 2 --rounds 2
  bench/compare.sh --steps 1 --iterations 2 --warmup 1 --threads 2 --rounds 2
  bench/compare.sh --steps 10 --iterations 1 --warmup 1 --threads 2 --rounds 2
  bench/compare.sh --steps 1 --iterations 2 --warmup 1 --threads 2 --plain-pytorch
  bench/compare.sh --steps 10 --iterations 1 --warmup 1 --threads 2 --plain-pytorch
  set +x
  echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee "$out"
echo "written: $out" >&2
