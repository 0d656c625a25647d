#!/usr/bin/env bash
# Latency of 主动转账 under a constant-rate (open-loop) load at shares of peak (issue 15, P4): a Release node on a
# throwaway PostgreSQL (fsync on), as compare-pgbench.sh runs it. First the peak: load.sh's closed loop (wrk, 64
# connections, transfers only). Then deploy/load/rate sends transfers on a fixed schedule at each share of that peak
# and measures every answer from its scheduled start, so a stall counts in every request it delays. Each run checks
# the books (sum of balances, 对账). Prints a table, one row per share.
#
#   bash deploy/load/latency.sh [--seconds 20] [--accounts 1000] [--peak N] [--shares 25,50,75] [--timelines DIR]
#
# --peak N skips the closed-loop run and takes N transfers/s as the peak. --timelines DIR keeps each share's
# per-request timeline as DIR/share-S.csv and prints deploy/load/stalls.py's summary of it under its run.
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ -z "${PAYSIM_TEST_POSTGRES:-}" ]]; then
  exec bash "$repo_dir/deploy/with-postgres.sh" bash "$0" "$@"
fi

seconds=20 accounts=1000 peak="" shares=25,50,75 timelines=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --accounts) accounts=$2; shift 2 ;;
    --peak) peak=$2; shift 2 ;;
    --shares) shares=$2; shift 2 ;;
    --timelines) timelines=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

dotnet build -c Release "$repo_dir/deploy/load/rate" >/dev/null
# shellcheck source=deploy/load/node-lib.sh
source "$repo_dir/deploy/load/node-lib.sh"
pg_node_start paysim

if [[ -z "$peak" ]]; then
  echo "peak: load.sh's closed loop, $seconds s, 64 connections"
  bash "$repo_dir/deploy/load/load.sh" --url "$node_url" --admin-token "$node_token" --seconds "$seconds" \
    --connections 64 --accounts "$accounts" --mix transfers 2>/dev/null | grep -E '^(money movements|latency ms|load test)'
  peak=$(sed -n 's/^money movements: [0-9]* = \([0-9]*\).*/\1/p' /tmp/paysim-load.txt)
fi
echo "peak $peak transfers/s"

status=0 rows=()
IFS=, read -r -a share_list <<<"$shares"
for share in "${share_list[@]}"; do
  rate=$(( peak * share / 100 ))
  echo "== $share % of peak: $rate transfers/s"
  timeline=()
  [[ -z "$timelines" ]] || { mkdir -p "$timelines"; timeline=(--timeline "$timelines/share-$share.csv"); }
  out=$(dotnet "$repo_dir/deploy/load/rate/bin/Release/net10.0/PaySim.Rate.dll" --url "$node_url" --admin-token "$node_token" \
    --rate "$rate" --seconds "$seconds" --accounts "$accounts" "${timeline[@]}" 2>&1) || status=1
  echo "$out" | sed 's/^/  /'
  if [[ -n "$timelines" && -s "$timelines/share-$share.csv" ]]; then
    python3 "$repo_dir/deploy/load/stalls.py" "$timelines/share-$share.csv" | grep -v '^  [0-9]' | sed 's/^/  /'
  fi
  latency=$(sed -n 's/^latency ms (from each request.s scheduled start): p50 \([0-9.]*\)  p90 [0-9.]*  p99 \([0-9.]*\)  p99.9 \([0-9.]*\)  max \([0-9.]*\)/\1 \2 \3 \4/p' <<<"$out")
  verdict=$(grep -q '^constant-rate run passed' <<<"$out" && echo "conserved, 对账 ok" || echo FAILED)
  rows+=("$share $rate $latency $verdict")
done

echo
printf '%-7s %8s %8s %8s %8s %8s  %s\n' share "rate/s" "p50 ms" "p99 ms" "p99.9 ms" "max ms" verdict
for row in "${rows[@]}"; do
  read -r share rate p50 p99 p999 max verdict <<<"$row"
  printf '%-7s %8s %8s %8s %8s %8s  %s\n' "$share %" "$rate" "$p50" "$p99" "$p999" "$max" "$verdict"
done
exit $status
