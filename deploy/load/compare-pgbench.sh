#!/usr/bin/env bash
# PaySim against PostgreSQL's own pgbench, on one throwaway PostgreSQL server of this machine (fsync on):
#   1. pgbench moving money in plain SQL (transfer.pgbench.sql: two account updates and a history row per
#      transaction), and pgbench's built-in TPC-B-like transaction, for reference;
#   2. a PaySim node (Release build) storing in that same server, loaded with deploy/load/load.sh transfers.
# Prints both; the PaySim figure to compare is "money movements/s", and the last line is their ratio. Before it, the
# CPU the node and PostgreSQL used per transfer while the counted load ran (from /proc; less noisy than the rates).
#
#   bash deploy/load/compare-pgbench.sh [--seconds 15] [--connections 64] [--accounts 1000] [--pgbench-rows N] [--warmup 5]
#
# --warmup S: the node's warm-up load before the counted seconds (load.sh's --warmup, not counted).
# A hot load (--accounts 2) needs --warmup 60: with dynamic PGO a fresh node still JIT-compiles its hot path 30 s in.
# --pgbench-rows N: pgbench moves money among its first N rows only (transfer-rows.pgbench.sql), the anchor for a
# hot load such as --accounts 2 --pgbench-rows 2. By default it picks among all 1,000,000 rows.
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ -z "${PAYSIM_TEST_POSTGRES:-}" ]]; then
  exec bash "$repo_dir/deploy/with-postgres.sh" bash "$0" "$@"
fi

seconds=15 connections=64 accounts=1000 pgbench_rows="" warmup=5
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --accounts) accounts=$2; shift 2 ;;
    --pgbench-rows) pgbench_rows=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

# shellcheck source=deploy/load/node-lib.sh
source "$repo_dir/deploy/load/node-lib.sh"

pg createdb pgbench
pg pgbench -i -q -s 10 pgbench >/dev/null 2>&1
if [[ -n "$pgbench_rows" ]]; then
  transfer_args=(-f "$repo_dir/deploy/load/transfer-rows.pgbench.sql" -D "rows=$pgbench_rows"); transfer_name="pgbench transfer in SQL on $pgbench_rows rows"
else
  transfer_args=(-f "$repo_dir/deploy/load/transfer.pgbench.sql"); transfer_name="pgbench transfer in SQL"
fi
for script in transfer tpcb-like; do
  if [[ "$script" == tpcb-like ]]; then args=(-b tpcb-like); name="pgbench TPC-B-like"; else args=("${transfer_args[@]}"); name=$transfer_name; fi
  tps=$(pg pgbench -n "${args[@]}" -c "$connections" -j 2 -T "$seconds" pgbench 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
  echo "$name: $tps transactions/s ($connections clients, $seconds s)"
  [[ "$script" == tpcb-like ]] || transfer_tps=$tps
done

pg_node_start paysim
echo "PaySim node on PostgreSQL, transfers only:"
# CPU clock ticks (user + system) of the node and of every postgres process, from 1 s into the counted load to 1 s
# before its end.
cpu_file="$node_dir/cpu.txt" window=$(( seconds > 4 ? seconds - 2 : 0 ))
ticks_now() {
  local pid node=0 postgres=0
  node=$(awk '{ print $14 + $15 }' "/proc/$node_pid/stat" 2>/dev/null || echo 0)
  for pid in $(pgrep -x postgres); do
    postgres=$(( postgres + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$node $postgres"
}
sampler=""
if (( window > 0 )); then
  export -f ticks_now; export node_pid
  sampler="sleep 1; { ticks_now; sleep $window; ticks_now; } | tr '\n' ' ' >'$cpu_file'"
fi
status=0
bash "$repo_dir/deploy/load/load.sh" --url "$node_url" --admin-token "$node_token" \
  --seconds "$seconds" --connections "$connections" --accounts "$accounts" --mix transfers --warmup "$warmup" \
  ${sampler:+--while-running "$sampler"} || status=$?
movements=$(sed -n 's/^money movements: [0-9]* = \([0-9.]*\)\/s.*/\1/p' /tmp/paysim-load.txt)
if [[ -s "$cpu_file" ]]; then
  read -r n0 p0 n1 p1 <"$cpu_file" || true
  awk -v n=$(( n1 - n0 )) -v p=$(( p1 - p0 )) -v hz="$(getconf CLK_TCK)" -v w="$window" -v r="${movements:-0}" 'BEGIN {
    if (r > 0) printf "CPU per transfer over %d s of the counted load: node %.3f ms, PostgreSQL %.3f ms\n", w, 1000 * n / hz / (r * w), 1000 * p / hz / (r * w) }'
fi
# The one figure to compare, last: PaySim's successful transfers per second over pgbench's plain SQL transfer.
echo "PaySim/pgbench transfer ratio $(awk -v a="${movements:-0}" -v b="${transfer_tps:-0}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
exit "$status"
