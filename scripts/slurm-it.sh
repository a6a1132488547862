#!/usr/bin/env bash
# Integration test against a real Slurm (scripts/slurm-local.sh: slurm-wlm 22.05 on localhost):
#   1. './robustgrid slurm' writes and submits a 3-task job array of a tiny federated grid (6 models);
#   2. one task is cancelled (scancel) while it trains, after a finished round, and resubmitted alone;
#      it must resume after its last round checkpoint;
#   3. 'merge' first names the incomplete task, then merges the three shards;
#   4. the merged rows must equal an unsharded run's rows, bit for bit (every column but the timings).
# The Slurm daemons and their jobs are stopped whatever happens. Needs the build (mvn package) and
# root (the packages are installed with apt-get when missing). Each task and the unsharded run use
# OMP_NUM_THREADS=1 (the script's default for one CPU per task): three JVMs on two cores, not 3 x 2
# threads fighting for them. Prints what it does; exit 0 when it passed, 1 when not.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/robustgrid-slurm-it.XXXXXX")"
export SLURM_LOCAL_DIR="$work/slurm"
export OMP_NUM_THREADS=1
export ROBUSTGRID_JAVA_OPTS="-Xmx1g"
out="$work/runs/tiny"
t0=$SECONDS

say() { echo "== slurm-it [$((SECONDS - t0)) s]: $*"; }
fail() {
  echo "slurm-it: FAILED: $*" >&2
  for f in "$out"/logs/*.log "$SLURM_LOCAL_DIR"/log/slurmctld.log; do
    [ -f "$f" ] && { echo "--- tail of $f" >&2; tail -n 15 "$f" >&2; }
  done
  exit 1
}
cleanup() {
  local rc=$?
  [ -n "${ref_pid:-}" ] && kill "$ref_pid" 2>/dev/null || true
  scripts/slurm-local.sh stop || true
  if [ "$rc" -eq 0 ]; then echo "slurm-it: PASSED in $((SECONDS - t0)) s (files in $work)"; else echo "slurm-it: exit $rc (files in $work)" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ls harness/target/harness-*.jar >/dev/null 2>&1 || fail "not built: run mvn -DskipTests package first"
say "starting a single-node Slurm (state under $SLURM_LOCAL_DIR)"
eval "$(scripts/slurm-local.sh start)"
[ -n "${SLURM_CONF:-}" ] || fail "slurm-local.sh start gave no SLURM_CONF"
sinfo

# Six federated models (2 activations x 3 schedules), two clients, five rounds: each model trains
# long enough (seconds) for a round checkpoint to exist while it is still training.
cat > "$work/tiny.grid" <<'EOF'
dataset = synthetic(channels=1,size=16,classes=4,train=2048,test=256,noise=0.6)
model = small-cnn(width=8)
activations = relu,tanh
lr-schedules = fixed,cosine,step
train-attacks = fgsm(eps=0.05)
eval-attacks = fgsm(eps=0),fgsm(eps=0.15)
strategies = fedavg
partitioners = iid
clients = 2
rounds = 5
epochs = 1
batch = 32
lr = 0.05
crop-padding = 0
eval-limit = 128
seeds = 0
EOF

# The unsharded reference, outside Slurm, alongside the array.
mkdir -p "$work/runs"
./robustgrid run "$work/tiny.grid" --out "$work/runs/whole" >"$work/runs/whole.log" 2>&1 &
ref_pid=$!

say "./robustgrid slurm $work/tiny.grid --shards 3 --out $out --cpus-per-task 1 --time 10:00 --submit"
./robustgrid slurm "$work/tiny.grid" --shards 3 --out "$out" --cpus-per-task 1 --time 10:00 --submit | tee "$work/slurm.txt"
job="$(sed -n 's/^submitted job \([0-9]*\) .*/\1/p' "$work/slurm.txt")"
[ -n "$job" ] || fail "no job id in the output of robustgrid slurm --submit"
script="$out/slurm-array.sh"
[ -f "$script" ] || fail "no script at $script"

state() { squeue -h -j "$1" -o '%T' 2>/dev/null | head -n 1; }
# A model of shard 2 in training after at least one finished round: its round marker exists, its final checkpoint not.
training_after_a_round() {
  local m
  for m in "$out"/shard-2/checkpoints/*.round; do
    [ -f "$m" ] && [ ! -f "${m%.round}.params" ] && return 0
  done
  return 1
}

say "waiting for array task 2 to train past a round checkpoint"
seen=""
for i in $(seq 1 900); do
  s2="$(state "${job}_2")"
  [ "$s2" = RUNNING ] && seen=1
  if [ "$s2" = RUNNING ] && training_after_a_round; then break; fi
  [ -n "$seen" ] && [ -z "$s2" ] && fail "task 2 left the queue before it could be cancelled mid-training"
  sleep 0.2
done
training_after_a_round || fail "task 2 never reached a round checkpoint within 180 s"
say "squeue while the array runs:"
squeue -o '%.12i %.9P %.20j %.8u %.10T %.8M %.6D %R' | tee "$work/squeue.txt"
say "scancel ${job}_2 (killed while training)"
scancel "${job}_2"
for i in $(seq 1 150); do [ -z "$(state "${job}_2")" ] && break; sleep 0.2; done
[ -z "$(state "${job}_2")" ] || fail "task 2 still in the queue 30 s after scancel"
rows2=$(( $(cat "$out/shard-2/results.csv" 2>/dev/null | wc -l) ))
say "task 2 cancelled with $((rows2 > 0 ? rows2 - 1 : 0)) of 4 rows written; round markers: $(cd "$out/shard-2/checkpoints" && for m in *.round; do printf '%s=%s ' "$m" "$(cat "$m")"; done)"

say "waiting for tasks 1 and 3"
for i in $(seq 1 1500); do [ -z "$(squeue -h -j "$job" 2>/dev/null)" ] && break; sleep 0.2; done
[ -z "$(squeue -h -j "$job")" ] || fail "array $job still queued after 300 s"

say "merge before the rerun must name task 2 and merge nothing"
set +e
./robustgrid merge -o "$out/results.csv" "$out"/shard-* >"$work/merge-early.out" 2>"$work/merge-early.err"
code=$?
set -e
cat "$work/merge-early.out" "$work/merge-early.err"
[ "$code" -eq 2 ] || fail "merge of an incomplete array exited $code, expected 2"
grep -q "rerun array tasks 2" "$work/merge-early.err" || fail "merge did not name task 2"
[ ! -e "$out/results.csv" ] || fail "an incomplete merge wrote $out/results.csv"

say "sbatch --array=2 $script (resubmitting the cancelled task)"
rejob="$(sbatch --parsable --array=2 "$script" | cut -d';' -f1)"
for i in $(seq 1 1500); do [ -z "$(squeue -h -j "$rejob" 2>/dev/null)" ] && break; sleep 0.2; done
[ -z "$(squeue -h -j "$rejob")" ] || fail "resubmitted task $rejob still queued after 300 s"
grep -q "resuming after round" "$out/logs/shard-2.log" || fail "task 2 did not resume from its round checkpoint (log: $out/logs/shard-2.log)"
grep "resuming after round" "$out/logs/shard-2.log"

say "./robustgrid merge -o $out/results.csv $out/shard-*"
./robustgrid merge -o "$out/results.csv" "$out"/shard-* | tee "$work/merge.txt" || fail "merge failed"
grep -q "3 of 3 shards complete, 12 of 12 evaluations" "$work/merge.txt" || fail "merge did not find all 12 evaluations"

say "waiting for the unsharded reference run"
wait "$ref_pid" || { cat "$work/runs/whole.log"; fail "the unsharded run failed"; }
ref_pid=""
jar="$(ls harness/target/harness-*.jar | grep -v -- '-tests.jar' | head -n 1)"
say "merged rows against the unsharded run's"
java -cp "$jar:harness/target/lib/*" scripts/SameResults.java "$out/results.csv" "$work/runs/whole/results.csv" \
  || fail "the merged shards differ from the unsharded run"

say "job completion log ($SLURM_LOCAL_DIR/log/jobcomp.txt):"
tee "$work/jobcomp.txt" < "$SLURM_LOCAL_DIR/log/jobcomp.txt"
grep -q "ArrayJobId=$job ArrayTaskId=2 " <(grep 'JobState=CANCELLED' "$work/jobcomp.txt") || fail "no CANCELLED record of task 2"
[ "$(grep -c 'JobState=COMPLETED' "$work/jobcomp.txt")" -eq 3 ] || fail "expected 3 COMPLETED records (tasks 1, 3 and the rerun of 2)"
