#!/usr/bin/env bash
# Publishes finished runs as one results folder, the way every folder under results/ is made:
#   scripts/publish.sh [--grids] OUT_DIR RUN_DIR...
# merges the runs' rows (their per-image outcomes and grid files come along), copies their training
# logs (checkpoints/*.log.csv, for the report's training curves; the weights stay behind), and writes
# leaderboard.txt, leaderboard.csv and report.html, and compare.txt (each activation against ReLU)
# where the rows have two activations and two seeds. --grids joins runs of different grids (merge --grids);
# without it the runs must be the shards of one grid, all complete.
# OUT_DIR must not exist or be empty: a published folder is replaced by removing it first (git rm -r).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
robustgrid="$here/robustgrid"
usage="usage: $0 [--grids] OUT_DIR RUN_DIR..."

merge_flags=()
if [ "${1:-}" = "--grids" ]; then
  merge_flags+=(--grids)
  shift
fi
if [ $# -lt 2 ]; then
  echo "$usage" >&2
  exit 2
fi
out="$1"
shift
if [ -e "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
  echo "publish: $out is not empty; publish into a new folder, or remove the old one first (git rm -r $out)" >&2
  exit 2
fi
for run in "$@"; do
  if [ ! -f "$run/results.csv" ]; then
    echo "publish: $run has no results.csv; expected a folder written by 'robustgrid run --out'" >&2
    exit 2
  fi
done

"$robustgrid" merge "${merge_flags[@]}" -o "$out/results.csv" "$@"
mkdir -p "$out/checkpoints"
for run in "$@"; do
  if compgen -G "$run/checkpoints/*.log.csv" >/dev/null; then
    cp "$run"/checkpoints/*.log.csv "$out/checkpoints/"
  fi
done
"$robustgrid" leaderboard "$out/results.csv" --csv "$out/leaderboard.csv" >"$out/leaderboard.txt"
"$robustgrid" report "$out/results.csv" --out "$out/report.html"
# compare exits 2 when the rows cannot answer it (one activation, or one seed): then there is no compare.txt
rc=0
"$robustgrid" compare "$out/results.csv" >"$out/compare.txt" 2>"$out/compare.err" || rc=$?
if [ "$rc" -eq 2 ]; then
  echo "publish: no compare.txt: $(cat "$out/compare.err")" >&2
  rm -f "$out/compare.txt"
elif [ "$rc" -ne 0 ]; then
  cat "$out/compare.err" >&2
  rm -f "$out/compare.err"
  exit "$rc"
fi
rm -f "$out/compare.err"
echo "published $out: $(($(wc -l <"$out/results.csv") - 1)) rows"
