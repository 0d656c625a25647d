#!/usr/bin/env bash
# A million accounts on one single node on SQLite (issue 15, P7): opens them with open-accounts.sh, restarts the node
# so that every account is cold (activated from the store on its first movement), moves money among them with
# load.sh --existing, then among 1,000 new accounts on the same node. Prints each step's figures, the node's RSS and
# live activations after each, and, last, "million/thousand transfer ratio R".
#
#   bash deploy/load/million-accounts.sh [--accounts 1000000] [--seconds 30] [--port 21901]
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
accounts=1000000 seconds=30 port=21901
while [ $# -gt 0 ]; do
  case "$1" in
    --accounts) accounts=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

url="http://127.0.0.1:$port" token="million-$RANDOM$RANDOM"
data_dir="$(mktemp -d)" node_pid=""
stop_node() {
  [ -n "$node_pid" ] || return 0
  kill "$node_pid" 2>/dev/null || true
  while kill -0 "$node_pid" 2>/dev/null; do sleep 0.5; done
  node_pid=""
}
trap 'stop_node; rm -rf "$data_dir"' EXIT
start_node() {
  PaySim__Storage__DataDirectory="$data_dir" PaySim__Admin__Token="$token" \
    dotnet "$repo_dir/Gateway/bin/Release/net10.0/PaySim.Gateway.dll" --urls "$url" >>"$data_dir/node.log" 2>&1 &
  node_pid=$!
  for _ in $(seq 1 240); do curl -sf -m 2 "$url/health" >/dev/null && return 0; sleep 0.5; done
  echo "the node did not start; its log:" >&2; tail -20 "$data_dir/node.log" >&2; exit 1
}
node_state() {
  local activations
  activations=$(curl -s -m 10 "$url/metrics" | awk '/^orleans_catalog_activations[{ ]/ { sum += $NF } END { print sum + 0 }')
  echo "node RSS $(( $(awk '/VmRSS/ { print $2 }' "/proc/$node_pid/status") / 1024 )) MB, $activations activations"
}
movements_per_s() { sed -n 's/^money movements: [0-9]* = \([0-9]*\).*/\1/p' /tmp/paysim-load.txt; }

dotnet build -c Release "$repo_dir/Gateway" -v q >/dev/null
start_node
echo "node started: $(node_state)"
bash "$repo_dir/deploy/load/open-accounts.sh" --url "$url" --admin-token "$token" --accounts "$accounts" \
  --prefix big- --init-balance 1000000 | tail -1
echo "after opening: $(node_state)"
stop_node
start_node
echo "restarted, every account cold: $(node_state)"
echo "== transfers among the $accounts accounts"
bash "$repo_dir/deploy/load/load.sh" --url "$url" --admin-token "$token" --prefix big --existing --accounts "$accounts" \
  --mix transfers --seconds "$seconds" 2>/dev/null | grep -E '^(money movements|latency ms|sum of balances|reconciliation|load test)'
million=$(movements_per_s)
echo "after it: $(node_state)"
echo "== transfers among 1000 new accounts, same node"
bash "$repo_dir/deploy/load/load.sh" --url "$url" --admin-token "$token" --accounts 1000 \
  --mix transfers --seconds "$seconds" 2>/dev/null | grep -E '^(money movements|latency ms|sum of balances|reconciliation|load test)'
thousand=$(movements_per_s)
echo "after it: $(node_state)"
echo "million/thousand transfer ratio $(awk -v m="$million" -v t="$thousand" 'BEGIN { printf "%.2f", m / t }')"
