#!/usr/bin/env bash
# The scale-out demo: a local cluster (deploy/cluster/local-cluster.sh) with 2 gateways, loaded through every
# gateway at once (deploy/load/load.sh, one wrk per gateway) on 1 silo, on 2, with a third silo added while the
# load runs, and on 3. Prints one table: per run, silos, gateways, money movements/s, p50/p99 latency, grain
# activations per silo (GET /admin/cluster, Orleans' management grain) and the reconciliation 对账 verdict.
# The cluster is stopped when the script ends, however it ends.
#
#   bash deploy/load/scale-out.sh [--seconds 10] [--during-seconds 30] [--add-after 2] [--connections 32]
#                                 [--threads 1] [--accounts 100] [--mix mixed|transfers|merchant] [--gateways 2]
#                                 [--postgres CONNECTION]
#
# --connections and --threads are per gateway (one wrk each). The third run lasts --during-seconds, longer than
# the others because a silo takes seconds to start and join (about 10 on a busy 2-core machine), and the silo is
# added --add-after seconds into it; the table says when it became Active. The cluster's state folder is
# ${PAYSIM_SCALE_OUT_DIR:-/tmp/paysim-scale-out}, never the one of a cluster you run yourself; it uses
# local-cluster.sh's fixed ports (silos 11111+, 30000+, gateways 20056+), so it refuses to start while a cluster of
# yours holds them. Without --postgres it runs its own throwaway
# PostgreSQL, removed at the end.
set -euo pipefail

repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cluster="$repo_dir/deploy/cluster/local-cluster.sh"
seconds=10 during_seconds=30 connections=32 threads=1 accounts=100 mix=mixed gateways=2 add_after=2 postgres=""
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,/^set -euo pipefail/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) [ $# -ge 2 ] || { echo "option $1 needs a value" >&2; exit 2; } ;;
  esac
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --during-seconds) during_seconds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --accounts) accounts=$2; shift 2 ;;
    --mix) mix=$2; shift 2 ;;
    --gateways) gateways=$2; shift 2 ;;
    --add-after) add_after=$2; shift 2 ;;
    --postgres) postgres=$2; shift 2 ;;
    *) sed -n '8,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
die() { echo "scale-out: $*" >&2; exit 1; }
[[ "$gateways" =~ ^[1-9][0-9]*$ ]] || die "--gateways takes a number from 1"
[[ "$add_after" =~ ^[0-9]+$ && "$add_after" -lt "$during_seconds" ]] || die "--add-after must be a whole number of seconds below --during-seconds"

# The same tools load.sh needs, installed the same way (Debian, as root), or a clear message.
for tool in wrk jq curl; do
  command -v "$tool" >/dev/null && continue
  if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq -o DPkg::Lock::Timeout=300 "$tool" >/dev/null || die "could not install $tool with apt-get"
  else
    die "$tool is missing: install it (Debian: apt-get install $tool)"
  fi
done

export PAYSIM_CLUSTER_DIR="${PAYSIM_SCALE_OUT_DIR:-/tmp/paysim-scale-out}"
# The gateways read the generated token from the state folder; a token set in the caller's environment would be
# used by the gateways instead, so it is used here too.
work="$(mktemp -d)"
cleanup() {
  local status=$?
  if [[ -f "$PAYSIM_CLUSTER_DIR/cluster.env" ]]; then
    echo "scale-out: stopping the demo cluster" >&2
    bash "$cluster" stop >&2 || echo "scale-out: stop failed; run PAYSIM_CLUSTER_DIR=$PAYSIM_CLUSTER_DIR bash $cluster stop" >&2
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_args=(--silos 1 --gateways "$gateways")
[[ -z "$postgres" ]] || start_args+=(--postgres "$postgres")
echo "scale-out: starting 1 silo and $gateways gateways (state in $PAYSIM_CLUSTER_DIR)" >&2
bash "$cluster" start "${start_args[@]}" >&2

token="${PaySim__Admin__Token:-$(cat "$PAYSIM_CLUSTER_DIR/admin-token")}"
urls=()
for k in $(seq 1 "$gateways"); do urls+=(--url "http://127.0.0.1:$(cat "$PAYSIM_CLUSTER_DIR/gateway-$k.port")"); done
first_url="http://127.0.0.1:$(cat "$PAYSIM_CLUSTER_DIR/gateway-1.port")"
# Movements are counted where grains run: every silo's /metrics (local-cluster.sh: silo K on 9463+K, or
# PAYSIM_CLUSTER_PORT_BASE+300+K), silo 3's too before it joins (load.sh skips a URL that does not answer, and counts a
# silo that joins mid-run from zero).
metrics=()
for k in 1 2 3; do
  if [[ -n "${PAYSIM_CLUSTER_PORT_BASE:-}" ]]; then metrics_port=$(( PAYSIM_CLUSTER_PORT_BASE + 300 + k )); else metrics_port=$(( 9463 + k )); fi
  metrics+=(--metrics "http://127.0.0.1:$metrics_port/metrics")
done

# "a/b/c": the activations on each live silo, in the order of their silo ports (silo 1 first).
activations_per_silo() {
  curl -sf -m 30 -H "X-PaySim-Admin-Token: $token" "$first_url/admin/cluster" \
    | jq -r '[.silos | sort_by(.address | split(":")[1] | tonumber? // 0)[] | .activations] | map(tostring) | join(" / ")' \
    || echo "?"
}

rows=()
# run LABEL SILOS SECONDS [WHILE_RUNNING_COMMAND]
run() {
  local label=$1 silos=$2 seconds=$3 during=${4:-} summary="$work/run-${#rows[@]}.json" verdict
  echo "scale-out: run '$label' ($silos silo(s), $gateways gateways, ${seconds}s)" >&2
  local -a extra=()
  [[ -z "$during" ]] || extra+=(--while-running "$during")
  bash "$repo_dir/deploy/load/load.sh" "${urls[@]}" --admin-token "$token" --seconds "$seconds" \
    --connections "$connections" --threads "$threads" --accounts "$accounts" --mix "$mix" \
    --summary "$summary" "${metrics[@]}" "${extra[@]}" >&2 || true
  [[ -s "$summary" ]] || die "run '$label' left no summary (see the output above)"
  verdict="$(jq -r 'if .reconciled and .moneyConserved then "对账 ok"
                    else "differences: \(.reconciliation.differenceCount // "?"), in flight \(.reconciliation.inFlightFen // "?") fen, sum \(if .moneyConserved then "kept" else "changed" end)" end
                    + (if .http_errors > 0 then ", \(.http_errors) HTTP errors" else "" end)
                    + (if .whileRunningStatus != 0 then ", add-silo failed" else "" end)' "$summary")"
  rows+=("$(printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |' "$label" "$silos" "$gateways" "$seconds" \
    "$(jq -r '.movements_per_s' "$summary")" "$(jq -r '.p50' "$summary")" "$(jq -r '.p99' "$summary")" \
    "$(activations_per_silo)" "$verdict")")
}

run "1 silo" 1 "$seconds"
bash "$cluster" add-silo >&2
run "2 silos" 2 "$seconds"
# The third silo joins while the load runs: add-silo starts it and waits until it is Active in the membership.
# Its activations show whether it became Active in time to take new grains before the run ended.
run "2 → 3, added while running" "2→3" "$during_seconds" \
  "sleep $add_after; bash '$cluster' add-silo >&2 && echo \$SECONDS >'$work/added-at'"
rows[-1]="${rows[-1]/added while running/added while running (Active after $(cat "$work/added-at" 2>/dev/null || echo '?') s)}"
run "3 silos" 3 "$seconds"

echo
echo "Scale-out on one machine ($(nproc) cores), mix $mix, $gateways gateways × $connections connections, $accounts new accounts per run; $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "| run | silos | gateways | seconds | movements/s | p50 ms | p99 ms | activations per silo | reconciliation |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "Activations are counted after each run and include grains of earlier runs not yet deactivated; latency is the worse gateway's percentile."
