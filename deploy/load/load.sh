#!/usr/bin/env bash
# Load test of a running PaySim node: opens N accounts, runs wrk with random transfers and trade payments for
# D seconds, prints requests/s and latency percentiles, then checks that no money appeared or vanished
# (sum of balances unchanged, and the node's own reconciliation 对账 agrees). Exits non-zero on any difference.
#
#   deploy/load/load.sh [--url http://127.0.0.1:20056] [--seconds 20] [--connections 64] [--threads 2]
#                       [--accounts 16] [--mix mixed|transfers|merchant]
#                       [--admin-token TOKEN | --admin-token-file data/admin-token]
set -euo pipefail

url=http://127.0.0.1:20056 seconds=20 connections=64 threads=2 accounts=16 mix=mixed token="${PAYSIM_ADMIN_TOKEN:-}" token_file=data/admin-token
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --accounts) accounts=$2; shift 2 ;;
    --mix) mix=$2; shift 2 ;;
    --admin-token) token=$2; shift 2 ;;
    --admin-token-file) token_file=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$token" ] || token=$(cat "$token_file")
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v jq >/dev/null || { apt-get update -qq && apt-get install -y -qq jq >/dev/null; }

prefix="load$(date +%s)"
opening_fen=1000000
post() { curl -sS --max-time 30 -H 'Content-Type: application/json' -H "X-PaySim-Admin-Token: $token" -d "$1" "$url/PaySim"; }
balance() { post "{\"method\":\"查询账户信息\",\"username\":\"$1\"}" | jq -e '.accountBalance'; }
total() { local sum=0; for i in $(seq 1 "$accounts"); do sum=$((sum + $(balance "$prefix-$i"))); done; echo "$sum"; }

echo "opening $accounts accounts with $opening_fen fen each (prefix $prefix)"
for i in $(seq 1 "$accounts"); do
  post "{\"method\":\"创建账户\",\"username\":\"$prefix-$i\",\"password\":\"123456\",\"initBalance\":$opening_fen}" \
    | jq -e '.result == "创建成功"' >/dev/null || { echo "FAIL: could not open $prefix-$i" >&2; exit 1; }
done
before=$(total)

script_dir=$(cd "$(dirname "$0")" && pwd)
wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$script_dir/money.lua" "$url" -- "$prefix" "$accounts" 123456 "$mix" $((connections / threads)) \
  | tee /tmp/paysim-load.txt | grep -E '^(requests|money movements|latency ms|outcomes):'

sleep 1 # let in-flight movements that wrk stopped waiting for finish
after=$(total)
echo "sum of balances: before $before, after $after"
reconcile=$(post '{"method":"对账"}')
echo "reconciliation: $(echo "$reconcile" | jq -c '{ok, accountCount, totalBalanceFen, inFlightFen, differenceCount}' 2>/dev/null || echo "$reconcile")"

status=0
[ "$before" -eq "$after" ] || { echo "FAIL: money appeared or vanished: $((after - before)) fen" >&2; status=1; }
echo "$reconcile" | jq -e '.ok == true and .inFlightFen == 0' >/dev/null || { echo "FAIL: reconciliation found differences or money still in flight" >&2; status=1; }
grep -q ' 0 HTTP errors' /tmp/paysim-load.txt || { echo "FAIL: some requests got an HTTP error" >&2; status=1; }
[ $status -eq 0 ] && echo "load test passed: money conserved, ledgers reconcile"
exit $status
