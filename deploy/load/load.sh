#!/usr/bin/env bash
# Load test of a running PaySim node: opens N accounts, runs wrk with random transfers and trade payments for
# D seconds, prints requests/s and latency percentiles, then checks that no money appeared or vanished
# (sum of balances unchanged, and the node's own reconciliation 对账 agrees). Exits non-zero on any difference.
# Its figures are also left in /tmp/paysim-load.txt, which compare-pgbench.sh, latency.sh, million-accounts.sh and
# compare-observability.sh read after it: so two load.sh runs at once overwrite each other's.
#
#   deploy/load/load.sh [--url http://127.0.0.1:20056]... [--seconds 20] [--connections 64] [--threads 2]
#                       [--accounts 16] [--mix mixed|transfers|merchant]
#                       [--admin-token TOKEN | --admin-token-file data/admin-token]
#                       [--while-running COMMAND] [--summary FILE] [--metrics URL]... [--warmup 5]
#                       [--prefix P --existing]
#
# --url may be given several times (the gateways of one cluster): one wrk per URL runs in parallel, each with
# --connections and --threads of its own, on the same accounts; the figures printed are their sum (requests,
# movements) and the worst of them (latency percentiles). Accounts are opened, summed and reconciled through the
# first URL. --while-running runs COMMAND (with bash -c) in the background once the wrk runs have started, and waits
# for it before the checks (a failure of it fails the run). --summary writes the run's figures and verdicts as JSON.
#
# While wrk runs, a progress line each second (on stderr) gives the movements per second by outcome, read from
# /metrics (paysim_movements_total, docs/operations.md); at the end a table gives the movements by kind and outcome
# the run added. Metrics are read from each --metrics URL, summed; without one, from the first --url's /metrics,
# which counts movements only where grains run: a single node, not a cluster's gateway (there, pass every silo's
# http://127.0.0.1:(9463+K)/metrics). They are informative only: the verdict comes from balances and 对账.
#
# --warmup S (default 5) runs the same load for S seconds first, not counted: a node just started compiles its hot
# paths while the first seconds run (and accounts opened in batches have never moved money), so without it the
# figures depend on how warm the node was. The warm-up's movements are covered by the verdict all the same.
#
# --prefix P --existing moves money among accounts P-1 … P-N opened before (open-accounts.sh --prefix P-, with an
# opening balance), e.g. a million of them opened once and left cold by a restart, instead of opening new ones.
# Money is summed per account up to 2,000 accounts; past that, from the node's 对账 (its total over every account),
# since reading a million balances one request each would take longer than the run.
set -euo pipefail

urls=() seconds=20 connections=64 threads=2 accounts=16 mix=mixed token="${PAYSIM_ADMIN_TOKEN:-}" token_file=data/admin-token
while_running="" summary="" metrics_urls=() warmup=5 prefix="" existing=false
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,/^set -euo pipefail/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    --existing) ;;
    -*) [ $# -ge 2 ] || { echo "option $1 needs a value" >&2; exit 2; } ;;
  esac
  case "$1" in
    --url) urls+=("$2"); shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --accounts) accounts=$2; shift 2 ;;
    --mix) mix=$2; shift 2 ;;
    --admin-token) token=$2; shift 2 ;;
    --admin-token-file) token_file=$2; shift 2 ;;
    --while-running) while_running=$2; shift 2 ;;
    --summary) summary=$2; shift 2 ;;
    --metrics) metrics_urls+=("$2"); shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --prefix) prefix=$2; shift 2 ;;
    --existing) existing=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$mix" in mixed|transfers|merchant) ;; *) echo "--mix is mixed, transfers or merchant" >&2; exit 2 ;; esac
[ ${#urls[@]} -gt 0 ] || urls=(http://127.0.0.1:20056)
url=${urls[0]}
[ ${#metrics_urls[@]} -gt 0 ] || metrics_urls=("$url/metrics")
[ -n "$token" ] || token=$(cat "$token_file")
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v jq >/dev/null || { apt-get update -qq && apt-get install -y -qq jq >/dev/null; }

[[ "$existing" == false || -n "$prefix" ]] || { echo "--existing needs the --prefix of the accounts" >&2; exit 2; }
[ -n "$prefix" ] || prefix="load$(date +%s)"
opening_fen=1000000
post() { curl -sS --max-time "${2:-30}" -H 'Content-Type: application/json' -H "X-PaySim-Admin-Token: $token" -d "$1" "$url/PaySim"; }
# 对账 reads every account and ledger line: minutes, not seconds, with a million accounts.
reconcile() { post '{"method":"对账"}' 900; }
balance() { post "{\"method\":\"查询账户信息\",\"username\":\"$1\"}" | jq -e '.accountBalance'; }
per_account_sum_max=2000
total() {
  if (( accounts > per_account_sum_max )); then
    reconcile | jq -e '.totalBalanceFen'
    return
  fi
  local sum=0; for i in $(seq 1 "$accounts"); do sum=$((sum + $(balance "$prefix-$i"))); done; echo "$sum"
}
# "kind outcome count" lines of paysim_movements_total, summed over the --metrics URLs (none if no URL answers).
movement_counts() {
  local u
  for u in "${metrics_urls[@]}"; do curl -s --max-time 2 "$u" || true; done | awk '
    /^paysim_movements_total\{/ {
      match($0, /kind="[^"]*"/); kind = substr($0, RSTART + 6, RLENGTH - 7)
      match($0, /outcome="[^"]*"/); outcome = substr($0, RSTART + 9, RLENGTH - 10)
      count[kind " " outcome] += $NF
    }
    END { for (key in count) print key, count[key] }' | sort
}
# progress BEFORE_FILE: once a second, movements per second by outcome in the last second, and in all so far.
progress() {
  local before=$1 previous="$out_dir/progress-previous.txt" now="$out_dir/progress-now.txt" second=0
  cp "$before" "$previous"
  while sleep 1; do
    second=$((second + 1))
    movement_counts >"$now"
    awk -v second="$second" '
      FILENAME == ARGV[1] { start[$2] += $3; next }
      FILENAME == ARGV[2] { last[$2] += $3; next }
      { now[$2] += $3; seen = 1 }
      END {
        if (!seen) { printf "[%3d s] no paysim_movements_total on the metrics URL(s) (/metrics off, or a cluster gateway: --metrics each silo)\n", second; exit }
        line = sprintf("[%3d s] movements/s", second)
        split("completed refused reversed", outcomes, " ")
        for (i = 1; i <= 3; i++) {
          o = outcomes[i]
          line = line sprintf("  %s %.0f (%.0f so far)", o, now[o] - last[o], now[o] - start[o])
        }
        print line
      }' "$before" "$previous" "$now" >&2
    cp "$now" "$previous"
  done
}

if [[ "$existing" == true ]]; then
  echo "moving money among $accounts existing accounts $prefix-1 … $prefix-$accounts"
else
  echo "opening $accounts accounts with $opening_fen fen each (prefix $prefix)"
  # In batches through the admin method 批量创建账户 (one password hash per batch, not one per account: 创建账户
  # one by one took minutes for a thousand accounts).
  for ((first = 1; first <= accounts; first += 10000)); do
    count=$(( accounts - first + 1 < 10000 ? accounts - first + 1 : 10000 ))
    post "{\"method\":\"批量创建账户\",\"prefix\":\"$prefix-\",\"first\":$first,\"count\":$count,\"password\":\"123456\",\"initBalance\":$opening_fen}" \
      | jq -e --argjson c "$count" '.opened == $c' >/dev/null || { echo "FAIL: could not open accounts $prefix-$first…" >&2; exit 1; }
  done
fi
before=$(total)

script_dir=$(cd "$(dirname "$0")" && pwd)
out_dir=$(mktemp -d)
trap 'rm -rf "$out_dir"' EXIT
if (( warmup > 0 )); then
  echo "warming up for $warmup s (not counted)"
  for k in "${!urls[@]}"; do
    wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$script_dir/money.lua" "${urls[$k]}" \
      -- "$prefix" "$accounts" 123456 "$mix" $((connections / threads)) "w$k" >/dev/null 2>&1 &
  done
  wait
fi
movement_counts >"$out_dir/movements-before.txt"
# One wrk per URL; the sixth script argument keeps trade ids of parallel wrk runs apart.
wrk_pids=()
for k in "${!urls[@]}"; do
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$script_dir/money.lua" "${urls[$k]}" \
    -- "$prefix" "$accounts" 123456 "$mix" $((connections / threads)) "g$k" >"$out_dir/wrk-$k.txt" 2>&1 &
  wrk_pids+=($!)
done
progress "$out_dir/movements-before.txt" &
progress_pid=$!
during_status=0 during_pid=""
if [ -n "$while_running" ]; then
  bash -c "$while_running" &
  during_pid=$!
fi
for pid in "${wrk_pids[@]}"; do wait "$pid" || { kill "$progress_pid" 2>/dev/null; echo "FAIL: wrk exited with an error" >&2; cat "$out_dir"/wrk-*.txt >&2; exit 1; }; done
kill "$progress_pid" 2>/dev/null || true
wait "$progress_pid" 2>/dev/null || true
if [ ${#urls[@]} -eq 1 ]; then
  cp "$out_dir/wrk-0.txt" /tmp/paysim-load.txt
else
  for k in "${!urls[@]}"; do echo "wrk on ${urls[$k]}:"; grep -E '^(requests|money movements|latency ms|outcomes):' "$out_dir/wrk-$k.txt" | sed 's/^/  /'; done
  # The sum over the wrk runs, in money.lua's own line formats (compare-pgbench.sh reads them).
  cat "$out_dir"/wrk-*.txt | awk '
    /^requests:/ { req += $2; rps += $7; secs = ($4 > secs ? $4 : secs) }
    /^money movements:/ { moved += $3; mps += substr($5, 1, index($5, "/") - 1) }
    /^latency ms:/ { if ($4 > p50) p50 = $4; if ($6 > p90) p90 = $6; if ($8 > p99) p99 = $8; if ($10 > max) max = $10 }
    /^outcomes:/ { ok += $2; refused += $4; http += $9; sock += $12 }
    END {
      printf "requests: %d in %.1f s = %.0f req/s\n", req, secs, rps
      printf "money movements: %d = %.0f/s (transfers and trade payments that succeeded)\n", moved, mps
      printf "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n", p50, p90, p99, max
      printf "outcomes: %d succeeded, %d refused by the rules, %d HTTP errors, %d socket errors\n", ok, refused, http, sock
    }' >/tmp/paysim-load.txt
  echo "all ${#urls[@]} gateways (sums; latency: the worst gateway's percentile):"
fi
grep -E '^(requests|money movements|latency ms|outcomes):' /tmp/paysim-load.txt
if [ -n "$during_pid" ]; then
  wait "$during_pid" || during_status=$?
fi

sleep 1 # let in-flight movements that wrk stopped waiting for finish
after=$(total)
echo "sum of balances ($( (( accounts > per_account_sum_max )) && echo "every account's, from 对账" || echo "the run's accounts")): before $before, after $after"
reconcile=$(reconcile)
echo "reconciliation: $(echo "$reconcile" | jq -c '{ok, accountCount, totalBalanceFen, inFlightFen, differenceCount}' 2>/dev/null || echo "$reconcile")"
movement_counts >"$out_dir/movements-after.txt"
echo "movements this run, from ${metrics_urls[*]} (paysim_movements_total):"
awk -v seconds="$seconds" '
  FILENAME == ARGV[1] { before[$1 " " $2] = $3; next }
  {
    added = $3 - before[$1 " " $2]
    if (added <= 0) next
    if (!rows++) printf "  %-18s %-10s %10s  %10s\n", "kind", "outcome", "movements", "per second"
    printf "  %-18s %-10s %10d  %10.0f\n", $1, $2, added, added / seconds
  }
  END { if (!rows) print "  none counted there (a cluster gateway counts none: pass each silo'"'"'s /metrics with --metrics)" }' \
  "$out_dir/movements-before.txt" "$out_dir/movements-after.txt"

status=0 conserved=true reconciled=true
[ "$before" -eq "$after" ] || { echo "FAIL: money appeared or vanished: $((after - before)) fen" >&2; status=1; conserved=false; }
echo "$reconcile" | jq -e '.ok == true and .inFlightFen == 0' >/dev/null || { echo "FAIL: reconciliation found differences or money still in flight" >&2; status=1; reconciled=false; }
grep -q ' 0 HTTP errors' /tmp/paysim-load.txt || { echo "FAIL: some requests got an HTTP error" >&2; status=1; }
[ "$during_status" -eq 0 ] || { echo "FAIL: the --while-running command exited with $during_status" >&2; status=1; }
if [ -n "$summary" ]; then
  sed -n -e 's/^money movements: \([0-9]*\) = \([0-9.]*\)\/s.*/movements=\1 movements_per_s=\2/p' \
         -e 's/^latency ms: p50 \([0-9.]*\)  p90 [0-9.]*  p99 \([0-9.]*\).*/p50=\1 p99=\2/p' \
         -e 's/^outcomes: .* \([0-9]*\) HTTP errors, \([0-9]*\) socket errors/http_errors=\1 socket_errors=\2/p' /tmp/paysim-load.txt \
    | tr ' ' '\n' | jq -R 'split("=") | {(.[0]): (.[1] | tonumber)}' | jq -s --argjson conserved "$conserved" \
        --argjson reconciled "$reconciled" --argjson reconciliation "$(echo "$reconcile" | jq -c . 2>/dev/null || echo null)" \
        --argjson gateways "${#urls[@]}" --argjson during_status "$during_status" \
        'add + {gateways: $gateways, moneyConserved: $conserved, reconciled: $reconciled, reconciliation: $reconciliation, whileRunningStatus: $during_status}' >"$summary"
fi
[ $status -eq 0 ] && echo "load test passed: money conserved, ledgers reconcile"
exit $status
