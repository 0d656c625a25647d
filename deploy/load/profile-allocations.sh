#!/usr/bin/env bash
# Where a PaySim node's allocations come from under load: a Release node on a throwaway PostgreSQL (as
# compare-pgbench.sh runs it), loaded by deploy/load/load.sh with transfers; after a warm-up dotnet-trace records the
# runtime's GC AllocationTick events (one about every 100 KB allocated, with its stack) for a while, and
# deploy/load/allocations prints the sampled bytes by type and by allocating site, and the bytes per transfer.
#
#   bash deploy/load/profile-allocations.sh [--accounts 1000] [--seconds 20] [--sample 8] [--keep DIR]
#
# Needs dotnet-trace (dotnet tool install -g dotnet-trace), installed here if missing.
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ -z "${PAYSIM_TEST_POSTGRES:-}" ]]; then
  exec bash "$repo_dir/deploy/with-postgres.sh" bash "$0" "$@"
fi

accounts=1000 seconds=20 sample=8 keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --accounts) accounts=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --sample) sample=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
(( sample + 7 < seconds )) || { echo "--sample must end 2 s before the load does, after 5 s of warm-up (--seconds)" >&2; exit 2; }

export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-trace >/dev/null || dotnet tool install -g dotnet-trace >/dev/null
dotnet build -c Release "$repo_dir/deploy/load/allocations" >/dev/null

# shellcheck source=deploy/load/node-lib.sh
source "$repo_dir/deploy/load/node-lib.sh"
pg_node_start paysim
trace_dir="${keep:-$node_dir}"
mkdir -p "$trace_dir"

# Runs while wrk loads the node: waits out the warm-up, then records the GC keyword (0x1) at verbose level (5), which
# is what carries AllocationTick, and counts the transfers completed meanwhile from the node's /metrics.
completed() { curl -sf "$node_url/metrics" | awk '/^paysim_movements_total\{.*outcome="completed"/ { s += $NF } END { print s + 0 }'; }
export -f completed
export node_url
sampler="sleep 5
  c0=\$(completed)
  dotnet-trace collect -p $node_pid --providers Microsoft-Windows-DotNETRuntime:0x1:5 \
    --duration 00:00:00:$(printf %02d "$sample") -o '$trace_dir/allocations.nettrace' >'$trace_dir/trace.log' 2>&1
  echo \"\$c0 \$(completed)\" >'$trace_dir/completed.txt'"

echo "allocations of a node under ${seconds} s of transfers among $accounts accounts"
bash "$repo_dir/deploy/load/load.sh" --url "$node_url" --admin-token "$node_token" --seconds "$seconds" \
  --accounts "$accounts" --mix transfers --while-running "$sampler"

read -r c0 c1 <"$trace_dir/completed.txt"
echo
report=$(dotnet "$repo_dir/deploy/load/allocations/bin/Release/net10.0/PaySim.Allocations.dll" "$trace_dir/allocations.nettrace")
echo "$report"
megabytes=$(sed -n 's/^sampled allocations: \([0-9.]*\) MB/\1/p' <<<"$report")
echo
echo "transfers completed while recorded: $(( c1 - c0 )); sampled allocations per transfer:" \
  "$(awk -v mb="$megabytes" -v n="$(( c1 - c0 ))" 'BEGIN { printf "%.1f KB", (n > 0 ? mb * 1000 / n : 0) }')"
