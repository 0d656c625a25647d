#!/usr/bin/env bash
# Where a PaySim node's CPU goes under load: a Release node on a throwaway PostgreSQL (as compare-pgbench.sh runs
# it), loaded by deploy/load/load.sh; after a warm-up, dotnet-trace samples the node's threads for a while, and the
# CPU seconds used meanwhile by the node, PostgreSQL and wrk are read from /proc. Prints the CPU split between the
# processes, the node's busy time by layer and its top methods (deploy/load/profile-layers.py).
#
#   bash deploy/load/profile-node.sh [--accounts 1000] [--seconds 30] [--connections 64] [--sample 15] [--keep DIR]
#
# --accounts 2 is the hot-account load. --keep DIR keeps the trace (.nettrace and .speedscope.json) in DIR.
# Needs dotnet-trace (dotnet tool install -g dotnet-trace), installed here if missing.
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ -z "${PAYSIM_TEST_POSTGRES:-}" ]]; then
  exec bash "$repo_dir/deploy/with-postgres.sh" bash "$0" "$@"
fi

accounts=1000 seconds=30 connections=64 sample=15 keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --accounts) accounts=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --sample) sample=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
(( sample + 5 < seconds )) || { echo "--sample must end 5 s before the load does (--seconds)" >&2; exit 2; }

export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-trace >/dev/null || dotnet tool install -g dotnet-trace >/dev/null

# shellcheck source=deploy/load/node-lib.sh
source "$repo_dir/deploy/load/node-lib.sh"
pg_node_start paysim
trace_dir="${keep:-$node_dir}"
mkdir -p "$trace_dir"

# CPU clock ticks (user + system) used so far by the given pids, or by every process named $1 when it is a name.
cpu_ticks() {
  local ticks=0 pid pids="$1"
  [[ "$1" =~ ^[0-9]+$ ]] || pids=$(pgrep -x "$1" || true)
  for pid in $pids; do
    ticks=$(( ticks + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$ticks"
}
export -f cpu_ticks

# Runs while wrk loads the node: waits out the warm-up, then samples for $sample seconds.
sampler="sleep 5
  before=\"\$(cpu_ticks $node_pid) \$(cpu_ticks postgres) \$(cpu_ticks wrk)\"
  dotnet-trace collect -p $node_pid --profile dotnet-sampled-thread-time --duration 00:00:00:$(printf %02d "$sample") \
    -o '$trace_dir/node.nettrace' >'$trace_dir/trace.log' 2>&1
  after=\"\$(cpu_ticks $node_pid) \$(cpu_ticks postgres) \$(cpu_ticks wrk)\"
  echo \"\$before \$after\" >'$trace_dir/cpu.txt'"

echo "profiling a node under ${seconds} s of transfers among $accounts accounts ($connections connections)"
bash "$repo_dir/deploy/load/load.sh" --url "$node_url" --admin-token "$node_token" --seconds "$seconds" \
  --connections "$connections" --accounts "$accounts" --mix transfers --while-running "$sampler"

read -r n0 p0 w0 n1 p1 w1 <"$trace_dir/cpu.txt"
seconds_of() { awk -v t="$1" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }'; }
echo
echo "CPU while sampled ($sample s on $(nproc) cores): node $(seconds_of $(( n1 - n0 ))) s," \
  "PostgreSQL $(seconds_of $(( p1 - p0 ))) s, wrk $(seconds_of $(( w1 - w0 ))) s"
echo "(anything else running meanwhile skews these; $(uptime | sed 's/.*load/load/'))"
dotnet-trace convert "$trace_dir/node.nettrace" --format Speedscope -o "$trace_dir/node.json" >/dev/null
python3 "$repo_dir/deploy/load/profile-layers.py" "$trace_dir/node.speedscope.json" --top 20
