#!/usr/bin/env bash
# A single-node Slurm on this machine, for testing job arrays for real:
#   scripts/slurm-local.sh start    controller (slurmctld) and node daemon (slurmd) on localhost
#   scripts/slurm-local.sh stop     kills them, and every job they started, whatever state they are in
#   scripts/slurm-local.sh env      prints the line to source: export SLURM_CONF=...
# Debian's packages (slurm-wlm 22.05, munge), installed with apt-get when missing (needs root).
# Everything else lives under one temporary folder, $SLURM_LOCAL_DIR (default /tmp/robustgrid-slurm):
# config, munge key and socket, controller state, spool, logs and the job-completion log
# (log/jobcomp.txt). Nothing listens beyond 127.0.0.1 and nothing under /etc is configured.
# Runs as root (SlurmUser=root); process tracking without cgroups (proctrack/linuxproc,
# task/none), no accounting database. Ports: $SLURM_LOCAL_PORT and the next one (default 6817).
set -euo pipefail

dir="${SLURM_LOCAL_DIR:-${TMPDIR:-/tmp}/robustgrid-slurm}"
port="${SLURM_LOCAL_PORT:-6817}"
conf="$dir/slurm.conf"

say() { echo "slurm-local: $*" >&2; }

install_packages() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null \
      && command -v munged >/dev/null; then
    return
  fi
  if [ "$(id -u)" -ne 0 ]; then
    say "slurm-wlm and munge are not installed, and installing them needs root"; exit 2
  fi
  say "installing slurm-wlm and munge with apt-get"
  # The packages' maintainer scripts would start system daemons with the packaged configuration;
  # a policy-rc.d that refuses keeps them from starting (removed afterwards unless it was there).
  local policy=/usr/sbin/policy-rc.d own_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; own_policy=1
  fi
  local rc=0
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      slurm-wlm munge >/dev/null; } || rc=$?
  [ "$own_policy" -eq 1 ] && rm -f "$policy"
  if [ "$rc" -ne 0 ]; then say "apt-get install slurm-wlm munge failed (exit $rc)"; exit 1; fi
}

# Alive and not a zombie (this machine's init does not always reap daemons' leftovers).
pid_alive() {
  [ -f "$1" ] || return 1
  local state
  state="$(awk '{print $3}' "/proc/$(cat "$1")/stat" 2>/dev/null || true)"
  [ -n "$state" ] && [ "$state" != Z ]
}

write_config() {
  local node cpus mem hw
  node="$(hostname -s)"
  # The node as slurmd sees it (sockets, cores, threads, memory); CPUs capped at what this process
  # may use, so a container limited to fewer CPUs than the host is not oversubscribed.
  hw="$(slurmd -C 2>/dev/null | head -n 1 | sed -e 's/^NodeName=[^ ]* //')"
  cpus="$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc)"   # nproc obeys OMP_NUM_THREADS otherwise
  mem="$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$hw")"
  [ -n "$mem" ] || mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 ))
  say "node $node: slurmd -C says: ${hw:-nothing}; configured CPUs=$cpus RealMemory=$mem"
  cat > "$conf" <<EOF
# Written by scripts/slurm-local.sh: a single-node Slurm on localhost, state under $dir.
ClusterName=robustgrid-local
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/log/jobcomp.txt
MinJobAge=3600
KillWait=5
InactiveLimit=0
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=$node Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
EOF
}

start() {
  install_packages
  if pid_alive "$dir/run/slurmctld.pid" && pid_alive "$dir/run/slurmd.pid" && pid_alive "$dir/run/munged.pid"; then
    say "already running (SLURM_CONF=$conf)"; echo "export SLURM_CONF=$conf"; return
  fi
  stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  mkdir -p "$dir"/{state,spool,log,run,munge}
  chmod 700 "$dir/munge"
  # A munge key of our own, so nothing under /etc/munge is read or written.
  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
  chmod 400 "$dir/munge/munge.key"
  munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
    --pid-file="$dir/run/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munge.seed"
  write_config
  export SLURM_CONF="$conf"
  slurmctld -i
  slurmd
  # Up when the node is idle: the controller answers and the node daemon registered.
  local i state=""
  for i in $(seq 1 60); do
    state="$(sinfo -h -N -o '%T' 2>/dev/null | head -n 1 || true)"
    [ "$state" = "idle" ] && break
    sleep 1
  done
  if [ "$state" != "idle" ]; then
    say "the node did not become idle in 60 s (state '${state:-no answer}'); logs in $dir/log"
    tail -n 20 "$dir/log/slurmctld.log" "$dir/log/slurmd.log" >&2 || true
    stop; exit 1
  fi
  say "up: $(sinfo -h -o '%P %a %D nodes %C cpus(A/I/O/T) %m MB' | head -n 1); SLURM_CONF=$conf"
  echo "export SLURM_CONF=$conf"
}

# Processes of this Slurm, found by what they hold, never by name: the daemons and the job steps
# (slurmstepd) have files open under $dir, a batch script runs from $dir/spool, and the jobs'
# processes descend from them. This shell and its callers are left out.
ours() {
  local p c ppid marked="" keep=" " q=$BASHPID all changed=1
  local -A parent=()
  for p in /proc/[0-9]*; do
    ppid="$(sed 's/.*) //' "$p/stat" 2>/dev/null | cut -d' ' -f2 || true)"
    [ -n "$ppid" ] && parent[${p#/proc/}]=$ppid
  done
  while [ -n "$q" ] && [ "$q" != 0 ]; do keep="$keep$q "; q="${parent[$q]:-}"; done
  for p in /proc/[0-9]*; do
    if { ls -l "$p/cwd" "$p/fd/" 2>/dev/null; tr '\0' ' ' 2>/dev/null < "$p/cmdline"; } | grep -F "$dir/" >/dev/null; then
      marked="$marked${p#/proc/} "
    fi
  done
  all=" $marked"
  while [ "$changed" = 1 ]; do
    changed=0
    for c in "${!parent[@]}"; do
      case "$all" in *" $c "*) continue ;; esac
      case "$all" in *" ${parent[$c]} "*) all="$all$c "; changed=1 ;; esac
    done
  done
  for p in $all; do case "$keep" in *" $p "*) ;; *) echo "$p" ;; esac; done
}

stop() {
  local f pids
  if [ -f "$conf" ] && pid_alive "$dir/run/slurmctld.pid"; then
    SLURM_CONF="$conf" timeout 10 scancel --full --quiet -u root 2>/dev/null || true
  fi
  for f in slurmd slurmctld munged; do
    if pid_alive "$dir/run/$f.pid"; then kill -TERM "$(cat "$dir/run/$f.pid")" 2>/dev/null || true; fi
  done
  sleep 1
  for f in slurmd slurmctld munged; do
    if pid_alive "$dir/run/$f.pid"; then kill -KILL "$(cat "$dir/run/$f.pid")" 2>/dev/null || true; fi
  done
  # What the daemons left behind: job steps (slurmstepd) and the jobs' processes.
  pids="$(ours | tr '\n' ' ')"
  if [ -n "${pids// /}" ]; then
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
  fi
  rm -f "$dir"/run/*.pid
  say "stopped (state and logs kept in $dir)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) echo "export SLURM_CONF=$conf" ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
