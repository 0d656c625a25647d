#!/usr/bin/env bash
# What the dashboard and /metrics cost a node under compare-pgbench.sh's load (issue 16): the same node (Release
# build, PostgreSQL of deploy/with-postgres.sh, fsync on), the same transfers-only load.sh run, with both on and with
# both off, alternating in ABBA order so that a drift of the machine hits both alike. A fresh database per run.
#
#   bash deploy/load/compare-observability.sh [--rounds 3] [--seconds 20] [--connections 64] [--accounts 1000]
#                                             [--conditions on,off]
#
# on:        as shipped (PaySim:Metrics:Enabled and PaySim:Dashboard:Enabled true); load.sh scrapes /metrics once a
#            second for its progress line, and a poller reads the dashboard's counters, cluster stats and top methods
#            once a second, as an open dashboard page does.
# off:       PaySim__Metrics__Enabled=false PaySim__Dashboard__Enabled=false; nothing scrapes or polls.
# metrics:   /metrics only (scraped once a second), the dashboard off.
# dashboard: the dashboard only (polled once a second), /metrics off.
# Each run also measures the node's CPU time per transfer over the middle of the load (less noisy than throughput
# when PostgreSQL's share of the two cores varies). Odd rounds run the conditions in the order given, even rounds in reverse. Prints every run, the median of each and,
# last: "observability cost P %" (how much lower the median of "on" is than that of "off"), when both ran.
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ -z "${PAYSIM_TEST_POSTGRES:-}" ]]; then
  exec bash "$repo_dir/deploy/with-postgres.sh" bash "$0" "$@"
fi

rounds=3 seconds=20 connections=64 accounts=1000 conditions=on,off
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --accounts) accounts=$2; shift 2 ;;
    --conditions) conditions=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

# shellcheck source=deploy/load/node-lib.sh
source "$repo_dir/deploy/load/node-lib.sh"
results=$(mktemp) # (pg_node_start sets the EXIT trap that stops its node)

# run CONDITION NUMBER: one node, one load run, one result line "condition movements/s p50 p99 verdict".
run() {
  local condition=$1 number=$2 poller="" status=0
  unset PaySim__Metrics__Enabled PaySim__Dashboard__Enabled
  case "$condition" in
    off) export PaySim__Metrics__Enabled=false PaySim__Dashboard__Enabled=false ;;
    metrics) export PaySim__Dashboard__Enabled=false ;;
    dashboard) export PaySim__Metrics__Enabled=false ;;
    on) ;;
    *) echo "unknown condition $condition" >&2; exit 2 ;;
  esac
  if [[ "$condition" == on || "$condition" == dashboard ]]; then
    poller="while sleep 1; do for r in DashboardCounters ClusterStats TopGrainMethods; do curl -s -o /dev/null -H 'X-PaySim-Admin-Token: $node_token' \"\$0/dashboard/\$r\"; done; done"
  fi
  pg_node_start "observability_${condition}_$number"
  if [[ -n "$poller" ]]; then bash -c "$poller" "$node_url" & poller_pid=$!; fi
  echo "== $condition $number ($(date -u +%H:%M:%S) UTC)"
  # A checkpoint now rather than one in the middle of a run (the WAL of the run before would trigger it).
  pg psql -q -d postgres -c CHECKPOINT
  # The node's CPU time (user + system clock ticks) over the middle of the counted load, from /proc.
  local window=$(( seconds - 4 )) cpu_file="$node_dir/cpu-ticks"
  local sample_cpu="sleep 2; t0=\$(awk '{ print \$14 + \$15 }' /proc/$node_pid/stat); sleep $window; t1=\$(awk '{ print \$14 + \$15 }' /proc/$node_pid/stat); echo \$((t1 - t0)) >$cpu_file"
  bash "$repo_dir/deploy/load/load.sh" --url "$node_url" --admin-token "$node_token" --seconds "$seconds" \
    --connections "$connections" --accounts "$accounts" --mix transfers --while-running "$sample_cpu" 2>/dev/null \
    | grep -E '^(money movements|latency ms|load test)' || status=$?
  local cpu_ticks; cpu_ticks=$(cat "$cpu_file" 2>/dev/null || echo 0)
  [[ -z "$poller" ]] || { kill "$poller_pid" 2>/dev/null; wait "$poller_pid" 2>/dev/null || true; }
  kill "$node_pid" 2>/dev/null; wait "$node_pid" 2>/dev/null || true; rm -rf "$node_dir"
  awk -v c="$condition" -v ok="$([[ $status -eq 0 ]] && echo conserved || echo FAILED)" \
      -v ticks="$cpu_ticks" -v hz="$(getconf CLK_TCK)" -v window="$window" '
    /^money movements:/ { m = substr($5, 1, index($5, "/") - 1) }
    /^latency ms:/ { p50 = $4; p99 = $8 }
    END { printf "%s %s %s %s %.3f %s\n", c, m, p50, p99, (m > 0 ? ticks / hz * 1000 / (m * window) : 0), ok }' \
    /tmp/paysim-load.txt >>"$results"
}

IFS=, read -r -a order <<<"$conditions"
for ((round = 1; round <= rounds; round++)); do
  if (( round % 2 )); then
    for c in "${order[@]}"; do run "$c" "$round"; done
  else
    for ((k = ${#order[@]} - 1; k >= 0; k--)); do run "${order[$k]}" "$round"; done
  fi
done

echo
printf '%-9s %11s %10s %10s %17s  %s\n' condition "transfers/s" "p50 ms" "p99 ms" "node CPU ms/each" verdict
awk '{ printf "%-9s %11s %10s %10s %17s  %s\n", $1, $2, $3, $4, $5, $6 }' "$results"
# median CONDITION [COLUMN]: of transfers/s (2) or of node CPU ms per transfer (5).
median() { awk -v c="$1" -v k="${2:-2}" '$1 == c { print $k }' "$results" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
for c in "${order[@]}"; do echo "median of $c: $(median "$c") transfers/s, node CPU $(median "$c" 5) ms per transfer"; done
if [[ ",$conditions," == *,on,* && ",$conditions," == *,off,* ]]; then
  on=$(median on) off=$(median off)
  echo "observability cost $(awk -v on="$on" -v off="$off" 'BEGIN { printf "%.1f", (off > 0 ? (off - on) / off * 100 : 0) }') %"
fi
status=0; ! grep -q FAILED "$results" || status=1
rm -f "$results"
exit $status
