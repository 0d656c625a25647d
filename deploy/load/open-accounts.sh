#!/usr/bin/env bash
# Opens N accounts on a running PaySim node for a load test, through the admin method 批量创建账户: accounts
# {prefix}1 … {prefix}N, one password (hashed once per batch of up to 10,000, not once per account), one opening
# balance. Accounts that exist already are left alone, so a rerun finishes an interrupted one. Ends with the line
# "opened N accounts in S s".
#
#   deploy/load/open-accounts.sh --url URL --admin-token T --accounts N --prefix P
#                                [--password 123456] [--init-balance 0] [--batch 10000] [--parallel 2]
set -euo pipefail

url=http://127.0.0.1:20056 token="${PAYSIM_ADMIN_TOKEN:-}" accounts=0 prefix="" password=123456 init_balance=0 batch=10000 parallel=2
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,/^set -euo pipefail/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) [ $# -ge 2 ] || { echo "option $1 needs a value" >&2; exit 2; } ;;
  esac
  case "$1" in
    --url) url=$2; shift 2 ;;
    --admin-token) token=$2; shift 2 ;;
    --accounts) accounts=$2; shift 2 ;;
    --prefix) prefix=$2; shift 2 ;;
    --password) password=$2; shift 2 ;;
    --init-balance) init_balance=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    --parallel) parallel=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -n "$token" && -n "$prefix" && "$accounts" -gt 0 ]] || { echo "usage: $0 --url URL --admin-token T --accounts N --prefix P" >&2; exit 2; }
command -v jq >/dev/null || { apt-get update -qq && apt-get install -y -qq jq >/dev/null; }

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

# One batch: prints "opened existing" or fails with the node's answer.
open_batch() {
  local first=$1 count=$2 reply
  reply=$(curl -sS --max-time 120 -X POST "$url/PaySim" -H 'Content-Type: application/json' -H "X-PaySim-Admin-Token: $token" \
    -d "$(jq -nc --arg p "$prefix" --arg pw "$password" --argjson f "$first" --argjson c "$count" --argjson b "$init_balance" \
          '{method:"批量创建账户", prefix:$p, first:$f, count:$c, password:$pw, initBalance:$b}')")
  jq -er 'select(.opened != null) | "\(.opened) \(.existing)"' <<<"$reply" || { echo "batch from $first failed: $reply" >&2; return 1; }
}

start=$(date +%s.%N)
first=1 running=0 index=0
while (( first <= accounts )); do
  count=$(( accounts - first + 1 < batch ? accounts - first + 1 : batch ))
  open_batch "$first" "$count" >"$results/$index" &
  first=$(( first + count )) index=$(( index + 1 )) running=$(( running + 1 ))
  if (( running >= parallel )); then wait -n; running=$(( running - 1 )); fi
done
wait
elapsed=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')

opened=0 existing=0
for file in "$results"/*; do
  read -r o e <"$file" || { echo "a batch failed; rerun to finish (existing accounts are skipped)" >&2; exit 1; }
  opened=$(( opened + o )) existing=$(( existing + e ))
done
(( existing == 0 )) || echo "$existing accounts existed already and were left as they were"
echo "opened $opened accounts in $elapsed s ($(awk -v n="$opened" -v s="$elapsed" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }') accounts/s)"
