#!/usr/bin/env bash
# PaySim's gateway against a bare Kestrel JSON echo (deploy/load/echo), on this machine: wrk posts 查询账户信息 of one
# account, whose grain stays active (the read comes from memory), to a Release single node on SQLite; then the same
# body to the echo. Alternates PaySim, echo, PaySim, echo (--runs pairs) and prints each figure, then the ratio of
# the best of each as the last line: "PaySim/echo query ratio R". Each run also loads the node with a 查询账户信息
# it refuses before any grain call (refused-query.lua), and prints the server's CPU per request from /proc: what the
# gateway's edge costs, what the grain call adds, and what the bare echo costs.
#
#   bash deploy/load/compare-echo.sh [--seconds 10] [--connections 64] [--threads 2] [--runs 2] [--warmup 20]
#
# --warmup S: each server is loaded for S seconds before its first counted run. A node just started runs its request
# path half compiled for many seconds on two shared cores (the runtime compiles hot methods again, optimised, in the
# background): after 4 s it answered 24-31k req/s, after 20 s 46-51k (docs/performance.md §13). The echo's few methods
# are compiled within a second, so a short warm-up measured PaySim's JIT, not its gateway.
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds=10 connections=64 threads=2 runs=2 warmup=20
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

dotnet build -c Release "$repo_dir/Gateway" >/dev/null
dotnet build -c Release "$repo_dir/deploy/load/echo" >/dev/null
work=$(mktemp -d)
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
node_port=$(free_port) echo_port=$(free_port)
PaySim__Storage__DataDirectory="$work/data" PaySim__Admin__Token=echo-compare \
  dotnet "$repo_dir/Gateway/bin/Release/net10.0/PaySim.Gateway.dll" --urls "http://127.0.0.1:$node_port" >"$work/node.log" 2>&1 &
node_pid=$!
dotnet "$repo_dir/deploy/load/echo/bin/Release/net10.0/PaySim.Echo.dll" --urls "http://127.0.0.1:$echo_port" >"$work/echo.log" 2>&1 &
echo_pid=$!
trap 'kill $node_pid $echo_pid 2>/dev/null; wait $node_pid $echo_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$node_port/health" >/dev/null && curl -s -o /dev/null "http://127.0.0.1:$echo_port/" && break
  sleep 0.5
done

username="query-$RANDOM$RANDOM"
curl -sS -X POST "http://127.0.0.1:$node_port/PaySim" -H "Content-Type: application/json" -H "X-PaySim-Admin-Token: echo-compare" \
  -d "{\"method\":\"创建账户\",\"username\":\"$username\",\"password\":\"123456\",\"initBalance\":100}" | tee "$work/open.json" | grep -q 创建成功 \
  || { echo "could not open $username: $(cat "$work/open.json")" >&2; tail -n 20 "$work/node.log" >&2; exit 1; }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# "R C": requests/s of one wrk run of script $3 against $1 (after a warm-up of $2 seconds, not counted) and the CPU
# microseconds the server ($4) spent per request meanwhile. Every answer must be a 2xx unless $5 is "refused".
measure() {
  wrk -t"$threads" -c"$connections" -d"$2s" -s "$repo_dir/deploy/load/$3" "$1" -- "$username" >/dev/null 2>&1
  local before after
  before=$(cpu_ticks "$4")
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$repo_dir/deploy/load/$3" "$1" -- "$username" >"$work/wrk.txt" 2>&1
  after=$(cpu_ticks "$4")
  # A run with failed answers measures the wrong thing: it does not count.
  if grep -q 'Socket errors' "$work/wrk.txt" || { [[ "${5:-}" != refused ]] && grep -q 'Non-2xx' "$work/wrk.txt"; }; then
    echo "failed answers against $1:" >&2; cat "$work/wrk.txt" >&2; exit 1
  fi
  awk -v ticks=$(( after - before )) -v hz="$(getconf CLK_TCK)" -v s="$seconds" \
    '/^Requests\/sec/ { printf "%s %.1f", $2, ($2 > 0 ? ticks / hz * 1e6 / ($2 * s) : 0) }' "$work/wrk.txt"
}
best_node=0 best_echo=0
for run in $(seq 1 "$runs"); do
  # The full warm-up before each server's first run; later runs find them compiled and get a short one.
  (( run == 1 )) && warm=$warmup || warm=3
  read -r node node_cpu <<<"$(measure "http://127.0.0.1:$node_port/PaySim" "$warm" query.lua "$node_pid")"
  read -r refused refused_cpu <<<"$(measure "http://127.0.0.1:$node_port/PaySim" 3 refused-query.lua "$node_pid" refused)"
  read -r echo_rps echo_cpu <<<"$(measure "http://127.0.0.1:$echo_port/PaySim" "$warm" query.lua "$echo_pid")"
  echo "run $run: PaySim 查询账户信息 $node req/s (${node_cpu} µs CPU each)," \
    "PaySim refusing it before the grain call $refused req/s (${refused_cpu} µs)," \
    "Kestrel echo $echo_rps req/s (${echo_cpu} µs)"
  best_node=$(awk -v a="$best_node" -v b="$node" 'BEGIN { print (b > a ? b : a) }')
  best_echo=$(awk -v a="$best_echo" -v b="$echo_rps" 'BEGIN { print (b > a ? b : a) }')
done
echo "PaySim/echo query ratio $(awk -v a="$best_node" -v b="$best_echo" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
