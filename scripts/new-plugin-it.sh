#!/usr/bin/env bash
# Integration test of a plugin author's path (docs/plugins.md), as an author outside this repository walks it:
#   1. './robustgrid new-plugin' writes an attack project (pom.xml on robustgrid-plugin-parent);
#   2. 'mvn package' in it compiles against the SPI alone and runs the test kit's attack contract;
#   3. the jar, copied into a plugin folder, is listed by './robustgrid plugins' with its version (not 'unknown');
#   4. a one-cell grid evaluates it: results.csv has its row, status ok, with the jar in the provenance.
# Needs robustgrid built and installed in the local Maven repository (mvn install: the README's set-up), and
# runs Maven offline. Prints what it does; exit 0 when it passed, 1 when not.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d "${TMPDIR:-/tmp}/robustgrid-new-plugin-it.XXXXXX")"
t0=$SECONDS

say() { echo "== new-plugin-it [$((SECONDS - t0)) s]: $*"; }
fail() {
  echo "new-plugin-it: FAILED: $*" >&2
  for f in "$work"/*.log; do
    [ -f "$f" ] && { echo "--- tail of $f" >&2; tail -n 20 "$f" >&2; }
  done
  exit 1
}
trap 'rc=$?; if [ "$rc" -eq 0 ]; then echo "new-plugin-it: PASSED in $((SECONDS - t0)) s (files in $work)"; else echo "new-plugin-it: exit $rc (files in $work)" >&2; fi' EXIT

ls harness/target/harness-*.jar >/dev/null 2>&1 || fail "not built: run mvn -DskipTests install first"
project="$work/my-attack"
say "./robustgrid new-plugin --kind attack --id my-attack --package org.example.myattack --dir $project"
./robustgrid new-plugin --kind attack --id my-attack --package org.example.myattack --dir "$project" || fail "new-plugin failed"

say "mvn -o -q -B package in $project (compiles against robustgrid-spi, runs the test kit)"
(cd "$project" && mvn -o -q -B package >"$work/mvn.log" 2>&1) \
  || fail "the generated project does not build (is robustgrid installed? mvn -DskipTests install in $(pwd))"
jar="$project/target/robustgrid-my-attack-0.1.0.jar"
[ -f "$jar" ] || fail "no $jar"
grep -q 'Tests run: [1-9]' "$project"/target/surefire-reports/*.txt || fail "the test kit's contract test did not run"
mkdir -p "$work/plugins"
cp "$jar" "$work/plugins/"

say "./robustgrid plugins --plugins $work/plugins"
./robustgrid plugins --plugins "$work/plugins" >"$work/plugins.txt" 2>"$work/plugins.log" || fail "robustgrid plugins failed"
line="$(grep -E '^  my-attack ' "$work/plugins.txt" || true)"
echo "$line"
[[ "$line" == *"[robustgrid-my-attack-0.1.0.jar 0.1.0 sha256:"* ]] || fail "my-attack is not listed from its jar with version 0.1.0: '$line'"

say "a one-cell grid with --eval-attacks my-attack"
./robustgrid run --plugins "$work/plugins" --dataset 'synthetic(channels=1,size=8,classes=2,train=64,test=32)' \
  --model 'small-cnn(width=4)' --activations relu --lr-schedules fixed --train-attacks none --eval-attacks my-attack \
  --strategies centralized --epochs 1 --batch 32 --seeds 0 --out "$work/run" >"$work/run.log" 2>&1 || fail "the grid failed"

# The row of my-attack: status, plugin versions and plugin sources, read by header name (quoted fields hold commas).
rows="$(awk '
  function fields(line, f,   n, i, c, q, cur) {
    n = 0; cur = ""; q = 0
    for (i = 1; i <= length(line); i++) {
      c = substr(line, i, 1)
      if (q) { if (c == "\"") { if (substr(line, i + 1, 1) == "\"") { cur = cur c; i++ } else q = 0 } else cur = cur c }
      else if (c == "\"") q = 1
      else if (c == ",") { f[++n] = cur; cur = "" }
      else cur = cur c
    }
    f[++n] = cur
    return n
  }
  NR == 1 { n = fields($0, h); for (i = 1; i <= n; i++) col[h[i]] = i; next }
  { fields($0, f); if (f[col["attack"]] ~ /^my-attack\(/) print f[col["attack"]] "|" f[col["status"]] "|" f[col["plugin_versions"]] "|" f[col["plugin_sources"]] }
' "$work/run/results.csv")"
echo "$rows"
[ "$(printf '%s\n' "$rows" | grep -c .)" -eq 1 ] || fail "expected one row for my-attack in $work/run/results.csv"
IFS='|' read -r attack status versions sources <<<"$rows"
[ "$attack" = "my-attack(eps=0.03137254901960784)" ] || fail "the row's attack is '$attack'"
[ "$status" = ok ] || fail "the row's status is '$status'"
[[ " $versions " == *" my-attack@0.1.0 "* ]] || fail "plugin_versions '$versions' lacks my-attack@0.1.0"
[[ "$sources" =~ (^| )my-attack=robustgrid-my-attack-0\.1\.0\.jar#[0-9a-f]{16}( |$) ]] || fail "plugin_sources '$sources' does not name the jar"
