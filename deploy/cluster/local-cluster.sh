#!/usr/bin/env bash
# A PaySim cluster on this machine, run in the background: Orleans silos with PostgreSQL membership and gateways as
# Orleans clients, on a throwaway PostgreSQL (deploy/postgres-lib.sh) or on a database you name.
#
#   bash deploy/cluster/local-cluster.sh start --silos N --gateways M [--postgres CONNECTION]
#   bash deploy/cluster/local-cluster.sh status
#   bash deploy/cluster/local-cluster.sh stop
#   bash deploy/cluster/local-cluster.sh kill-silo K       # SIGKILL silo K (1-based): a crash
#   bash deploy/cluster/local-cluster.sh restart-silo K    # graceful stop, then the same silo again on its ports
#   bash deploy/cluster/local-cluster.sh add-silo
#
# Silo K listens on 127.0.0.1:(11110+K) (silo to silo) and 29999+K (clients), and serves /metrics on
# http://127.0.0.1:(9463+K)/metrics; gateway K on http://127.0.0.1:(20055+K) (its /metrics there too).
# PAYSIM_CLUSTER_PORT_BASE=B moves them to B+K, B+100+K, B+300+K and B+200+K, so a second cluster (a test's) can run
# beside one on the usual ports. By default start builds Silo/ and Gateway/ in Release and runs those dlls;
# PAYSIM_CLUSTER_SILO_DLL and PAYSIM_CLUSTER_GATEWAY_DLL (both) name dlls already built, and start builds nothing.
# Both choices are made at start and kept for the later subcommands.
# Logs, pids, ports, the connection string, the merchant secret key and the generated admin token (unless
# PaySim__Admin__Token is set) live in the state folder ${PAYSIM_CLUSTER_DIR:-/tmp/paysim-cluster}, where later
# subcommands find them. Every wait is bounded.
set -euo pipefail
# The state folder holds the connection string (maybe with a password), the merchant key and the admin token:
# everything this script creates is readable by its user only.
umask 077

repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
state_dir="${PAYSIM_CLUSTER_DIR:-/tmp/paysim-cluster}"
silo_dll="${PAYSIM_CLUSTER_SILO_DLL:-$repo_dir/Silo/bin/Release/net10.0/PaySim.Silo.dll}"
gateway_dll="${PAYSIM_CLUSTER_GATEWAY_DLL:-$repo_dir/Gateway/bin/Release/net10.0/PaySim.Gateway.dll}"
port_base="${PAYSIM_CLUSTER_PORT_BASE:-}"
pg_log_prefix=local-cluster
# shellcheck source=deploy/postgres-lib.sh
source "$repo_dir/deploy/postgres-lib.sh"

# Bounds of the waits, in seconds. A silo joins within seconds, but the first one also migrates the database;
# a gateway retries its connection to the silos for up to two minutes itself.
ready_timeout=180
stop_timeout=30

die() { echo "local-cluster: $*" >&2; exit 1; }

usage() {
  sed -n '4,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# ---- state ------------------------------------------------------------------------------------------------------

# cluster.env holds the settings every subcommand needs, as shell assignments (printf %q quotes them).
save_state() {
  {
    printf 'connection_string=%q\n' "$connection_string"
    printf 'throwaway=%q\n' "$throwaway"
    printf 'pg_work_dir=%q\n' "${pg_work_dir:-}"
    printf 'pg_bin_dir=%q\n' "${pg_bin_dir:-}"
    printf 'silo_dll=%q\n' "$silo_dll"
    printf 'gateway_dll=%q\n' "$gateway_dll"
    printf 'port_base=%q\n' "$port_base"
  } >"$state_dir/cluster.env"
}

load_state() {
  [[ -f "$state_dir/cluster.env" ]] || die "no cluster in $state_dir (run start first)"
  # shellcheck source=/dev/null
  source "$state_dir/cluster.env"
}

# The pid in a pid file, if that process still runs and is a PaySim process (a pid can be reused after a crash).
live_pid() {
  local file=$1 pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'PaySim\.' || return 1
  echo "$pid"
}

silo_numbers() {
  local f
  for f in "$state_dir"/silo-*.ports; do
    [[ -e "$f" ]] || continue
    f="${f##*/silo-}"; echo "${f%.ports}"
  done | sort -n
}

gateway_numbers() {
  local f
  for f in "$state_dir"/gateway-*.port; do
    [[ -e "$f" ]] || continue
    f="${f##*/gateway-}"; echo "${f%.port}"
  done | sort -n
}

# ---- PostgreSQL -------------------------------------------------------------------------------------------------

# psql with the cluster's database, from the Npgsql connection string (Host, Port, Username, Password, Database).
cluster_psql() {
  local psql pair key value
  psql="$(pg_find_bin_dir)/psql"
  [[ -x "$psql" ]] || psql="$(command -v psql || true)"
  [[ -n "$psql" ]] || return 1
  local -a env_args=()
  IFS=';' read -ra pairs <<<"$connection_string"
  for pair in "${pairs[@]}"; do
    [[ "$pair" == *=* ]] || continue
    key="$(tr -d ' ' <<<"${pair%%=*}" | tr '[:upper:]' '[:lower:]')"
    value="${pair#*=}"
    case "$key" in
      host|server) env_args+=("PGHOST=$value") ;;
      port) env_args+=("PGPORT=$value") ;;
      username|userid|user) env_args+=("PGUSER=$value") ;;
      password) env_args+=("PGPASSWORD=$value") ;;
      database|db) env_args+=("PGDATABASE=$value") ;;
    esac
  done
  env "${env_args[@]}" PGCONNECT_TIMEOUT=5 "$psql" -X -q -v ON_ERROR_STOP=1 "$@"
}

# The highest generation of a silo row on this port, 0 if none: a restarted silo counts as up once a row newer
# than this one is Active, not when the row of its previous life (Active until voted dead) still says so.
silo_generation() {
  cluster_psql -Atc "SELECT coalesce(max(generation), 0) FROM orleansmembershiptable WHERE port = $1" 2>/dev/null || echo 0
}

# Orleans' SiloStatus 3 is Active.
silo_is_active() {
  local port=$1 after_generation=$2
  [[ "$(cluster_psql -Atc "SELECT count(*) FROM orleansmembershiptable
                           WHERE port = $port AND status = 3 AND generation > $after_generation" 2>/dev/null)" -ge 1 ]]
}

print_membership() {
  echo "membership (OrleansMembershipTable):"
  cluster_psql -P footer=off -c "
    SELECT siloname, address || ':' || port AS silo, proxyport AS gateway_port, generation,
           CASE status WHEN 1 THEN 'Created' WHEN 2 THEN 'Joining' WHEN 3 THEN 'Active' WHEN 4 THEN 'ShuttingDown'
                       WHEN 5 THEN 'Stopping' WHEN 6 THEN 'Dead' ELSE status::text END AS status,
           iamalivetime
    FROM orleansmembershiptable ORDER BY port, generation" \
    || echo "  (not readable: no psql, or the database does not answer)"
}

# ---- processes --------------------------------------------------------------------------------------------------

# launch PIDFILE LOG ENV... -- COMMAND...: runs COMMAND detached. setsid gives it its own session, so neither the
# end of the shell that ran `start` (SIGHUP) nor a Ctrl-C in it reaches the process; stdin and output leave the
# terminal. The inner shell writes its own pid and then becomes the process (exec), so the pid file names it.
launch() {
  local pid_file=$1 log=$2; shift 2
  local -a vars=()
  while [[ "$1" != -- ]]; do vars+=("$1"); shift; done
  shift
  env "${vars[@]}" setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pid_file" "$@" </dev/null >>"$log" 2>&1 &
  # The pid file is written by the child: wait (briefly) until it exists.
  for _ in $(seq 1 50); do [[ -s "$pid_file" ]] && return 0; sleep 0.1; done
  die "could not start $*"
}

# Settings every silo and gateway shares.
common_env() {
  printf '%s\n' \
    PaySim__Storage__Provider=PostgreSql \
    "PaySim__Storage__ConnectionString=$connection_string" \
    PaySim__Cluster__Membership=PostgreSql \
    "PaySim__Merchant__SecretKeyFile=$state_dir/merchant-secret.key" \
    "PaySim__Storage__DataDirectory=$state_dir"
}

start_silo() {
  local k=$1 silo_port gateway_port
  read -r silo_port gateway_port <"$state_dir/silo-$k.ports"
  local -a vars; mapfile -t vars < <(common_env)
  # The process runs from the state folder, so nothing it writes relative to its working folder lands in the repo.
  (cd "$state_dir" && launch "$state_dir/silo-$k.pid" "$state_dir/silo-$k.log" "${vars[@]}" \
    "PaySim__Cluster__SiloPort=$silo_port" "PaySim__Cluster__GatewayPort=$gateway_port" \
    "PaySim__Metrics__Port=$(silo_metrics_port_of "$k")" -- dotnet "$silo_dll")
}

start_gateway() {
  local k=$1 port
  port="$(cat "$state_dir/gateway-$k.port")"
  local -a vars; mapfile -t vars < <(common_env)
  (cd "$state_dir" && launch "$state_dir/gateway-$k.pid" "$state_dir/gateway-$k.log" "${vars[@]}" -- \
    dotnet "$gateway_dll" --urls "http://127.0.0.1:$port")
}

# wait_silo_active K AFTER_GENERATION: until silo K's row newer than AFTER_GENERATION is Active.
wait_silo_active() {
  local k=$1 after=$2 silo_port gateway_port deadline=$(( SECONDS + ready_timeout ))
  read -r silo_port gateway_port <"$state_dir/silo-$k.ports"
  until silo_is_active "$silo_port" "$after"; do
    live_pid "$state_dir/silo-$k.pid" >/dev/null || die "silo $k exited; see $state_dir/silo-$k.log"
    (( SECONDS < deadline )) || die "silo $k not Active after ${ready_timeout}s; see $state_dir/silo-$k.log"
    sleep 1
  done
}

wait_gateway_healthy() {
  local k=$1 port deadline=$(( SECONDS + ready_timeout ))
  port="$(cat "$state_dir/gateway-$k.port")"
  until curl -sf -m 5 "http://127.0.0.1:$port/health" >/dev/null; do
    live_pid "$state_dir/gateway-$k.pid" >/dev/null || die "gateway $k exited; see $state_dir/gateway-$k.log"
    (( SECONDS < deadline )) || die "gateway $k not healthy after ${ready_timeout}s; see $state_dir/gateway-$k.log"
    sleep 1
  done
}

print_silo() {
  local k=$1 silo_port gateway_port
  read -r silo_port gateway_port <"$state_dir/silo-$k.ports"
  echo "silo 127.0.0.1:$silo_port pid $(cat "$state_dir/silo-$k.pid") metrics http://127.0.0.1:$(silo_metrics_port_of "$k")/metrics"
}

print_gateway() {
  echo "gateway http://127.0.0.1:$(cat "$state_dir/gateway-$1.port") pid $(cat "$state_dir/gateway-$1.pid")"
}

# stop_processes PIDFILE...: SIGTERM to all (Orleans leaves the membership gracefully), then SIGKILL to those
# still running after stop_timeout seconds.
stop_processes() {
  local f pid deadline=$(( SECONDS + stop_timeout ))
  local -a pids=()
  for f in "$@"; do
    if pid="$(live_pid "$f")"; then kill -TERM "$pid" 2>/dev/null || true; pids+=("$pid"); fi
  done
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "local-cluster: pid $pid still running after ${stop_timeout}s: SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

port_is_taken() { ! pg_port_is_free "$1"; }

silo_ports_of() {
  if [[ -n "$port_base" ]]; then echo "$(( port_base + $1 )) $(( port_base + 100 + $1 ))"
  else echo "$(( 11110 + $1 )) $(( 29999 + $1 ))"; fi
}

gateway_port_of() {
  if [[ -n "$port_base" ]]; then echo $(( port_base + 200 + $1 )); else echo $(( 20055 + $1 )); fi
}

# Silo K's /metrics port (PaySim:Metrics:Port); 9464, Prometheus' usual exporter port, for silo 1.
silo_metrics_port_of() {
  if [[ -n "$port_base" ]]; then echo $(( port_base + 300 + $1 )); else echo $(( 9463 + $1 )); fi
}

# ---- subcommands ------------------------------------------------------------------------------------------------

cmd_start() {
  local silos=2 gateways=1 postgres=""
  while [[ $# -gt 0 ]]; do
    [[ $# -ge 2 ]] || die "option $1 needs a value"
    case "$1" in
      --silos) silos=$2; shift 2 ;;
      --gateways) gateways=$2; shift 2 ;;
      --postgres) postgres=$2; shift 2 ;;
      *) usage ;;
    esac
  done
  [[ "$silos" =~ ^[1-9][0-9]*$ && "$gateways" =~ ^[1-9][0-9]*$ ]] || die "--silos and --gateways take a number from 1"
  # Up to 99 silos and gateways each, so the four port ranges of a port base never overlap.
  [[ -z "$port_base" ]] || { [[ "$port_base" =~ ^[1-9][0-9]*$ ]] && (( port_base + 400 <= 65535 && silos < 100 && gateways < 100 )); } \
    || die "PAYSIM_CLUSTER_PORT_BASE is a number with room for 400 ports above it, and takes fewer than 100 silos and gateways"

  # One cluster per state folder: a second start would lose track of the first one's processes.
  if [[ -f "$state_dir/cluster.env" ]]; then
    local f
    for f in "$state_dir"/*.pid; do
      [[ -e "$f" ]] && live_pid "$f" >/dev/null && die "a cluster from $state_dir is still running (stop it first)"
    done
    ( source "$state_dir/cluster.env"; [[ "$throwaway" == true && -f "$pg_work_dir/data/postmaster.pid" ]] ) \
      && die "the throwaway PostgreSQL of $state_dir still runs (stop it first)"
  fi
  local k port
  for k in $(seq 1 "$silos"); do
    for port in $(silo_ports_of "$k") $(silo_metrics_port_of "$k"); do port_is_taken "$port" && die "port $port (silo $k) is taken"; done
  done
  for k in $(seq 1 "$gateways"); do
    port_is_taken "$(gateway_port_of "$k")" && die "port $(gateway_port_of "$k") (gateway $k) is taken"
  done

  if [[ -n "${PAYSIM_CLUSTER_SILO_DLL:-}" || -n "${PAYSIM_CLUSTER_GATEWAY_DLL:-}" ]]; then
    # Half a choice would run one side from a build nobody asked for.
    [[ -n "${PAYSIM_CLUSTER_SILO_DLL:-}" && -n "${PAYSIM_CLUSTER_GATEWAY_DLL:-}" ]] \
      || die "set both PAYSIM_CLUSTER_SILO_DLL and PAYSIM_CLUSTER_GATEWAY_DLL, or neither"
    [[ -f "$silo_dll" && -f "$gateway_dll" ]] || die "no $silo_dll or no $gateway_dll"
    # The processes run from the state folder: a relative path would name nothing there.
    silo_dll="$(realpath "$silo_dll")" gateway_dll="$(realpath "$gateway_dll")"
  else
    # Built once, before anything starts: several `dotnet run` building the same projects at once would race.
    echo "local-cluster: building Silo and Gateway (Release)" >&2
    dotnet build -c Release -v q -nologo "$repo_dir/Silo" >/dev/null || die "the Silo build failed"
    dotnet build -c Release -v q -nologo "$repo_dir/Gateway" >/dev/null || die "the Gateway build failed"
  fi

  # A previous cluster's logs and pids go; its merchant key and admin token stay, as a database kept with
  # --postgres holds merchant secrets encrypted under that key.
  mkdir -p "$state_dir"
  chmod 700 "$state_dir"
  rm -f "$state_dir"/*.pid "$state_dir"/*.ports "$state_dir"/*.port "$state_dir"/*.log "$state_dir/cluster.env"
  # The merchant secret key, one for all silos and gateways of the cluster: 32 random bytes, base64.
  [[ -s "$state_dir/merchant-secret.key" ]] || head -c 32 /dev/urandom | base64 >"$state_dir/merchant-secret.key"
  # The gateways read <DataDirectory>/admin-token when PaySim__Admin__Token is not set.
  if [[ -z "${PaySim__Admin__Token:-}" && ! -s "$state_dir/admin-token" ]]; then
    head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$state_dir/admin-token"
  fi

  if [[ -n "$postgres" ]]; then
    connection_string=$postgres throwaway=false pg_work_dir="" pg_bin_dir="$(pg_find_bin_dir)"
  else
    pg_ensure_installed
    throwaway=true pg_work_dir="$state_dir/postgres"
    rm -rf "$pg_work_dir"; mkdir -p "$pg_work_dir"
    # The state folder is private (700), but the server runs as the postgres user and needs its own folder in it.
    [[ "$(id -u)" -ne 0 ]] || setfacl -m u:postgres:x "$state_dir" 2>/dev/null || chmod 711 "$state_dir"
    pg_start_throwaway "$pg_work_dir" || die "the throwaway PostgreSQL did not start"
    connection_string=$pg_connection_string
  fi
  save_state
  # From here a failure leaves a half-started cluster: say how to clean up.
  trap 'echo "local-cluster: start failed; to clean up run: bash $0 stop" >&2' EXIT

  # A database given with --postgres may still hold rows of an earlier cluster on these ports, Active if it was
  # killed: each silo counts as up only with a row newer than those.
  local -a generations=()
  for k in $(seq 1 "$silos"); do
    silo_ports_of "$k" >"$state_dir/silo-$k.ports"
    generations[k]="$(silo_generation "$(silo_ports_of "$k" | cut -d' ' -f1)")"
    start_silo "$k"
  done
  # Gateways may start before the silos are up: they retry the connection for up to two minutes.
  for k in $(seq 1 "$gateways"); do
    gateway_port_of "$k" >"$state_dir/gateway-$k.port"
    start_gateway "$k"
  done
  for k in $(seq 1 "$silos"); do wait_silo_active "$k" "${generations[k]}"; done
  for k in $(seq 1 "$gateways"); do wait_gateway_healthy "$k"; done

  for k in $(seq 1 "$silos"); do print_silo "$k"; done
  for k in $(seq 1 "$gateways"); do print_gateway "$k"; done
  local token_note="admin token from PaySim__Admin__Token"
  [[ -n "${PaySim__Admin__Token:-}" ]] || token_note="admin token in $state_dir/admin-token"
  echo "logs and state in $state_dir (PostgreSQL $([[ $throwaway == true ]] && echo throwaway || echo given); $token_note)"
  trap - EXIT
}

cmd_status() {
  load_state
  local k pid state
  for k in $(silo_numbers); do
    read -r silo_port _ <"$state_dir/silo-$k.ports"
    if pid="$(live_pid "$state_dir/silo-$k.pid")"; then state=running; else state=dead; pid="$(cat "$state_dir/silo-$k.pid" 2>/dev/null || echo -)"; fi
    echo "silo $k 127.0.0.1:$silo_port pid $pid $state"
  done
  for k in $(gateway_numbers); do
    if pid="$(live_pid "$state_dir/gateway-$k.pid")"; then state=running; else state=dead; pid="$(cat "$state_dir/gateway-$k.pid" 2>/dev/null || echo -)"; fi
    echo "gateway $k http://127.0.0.1:$(cat "$state_dir/gateway-$k.port") pid $pid $state"
  done
  if [[ "$throwaway" == true ]]; then
    if [[ -f "$pg_work_dir/data/postmaster.pid" ]]; then echo "postgres throwaway in $pg_work_dir running"; else echo "postgres throwaway dead"; fi
  fi
  print_membership
}

cmd_stop() {
  load_state
  local k
  local -a gateway_pids=() silo_pids=()
  for k in $(gateway_numbers); do gateway_pids+=("$state_dir/gateway-$k.pid"); done
  for k in $(silo_numbers); do silo_pids+=("$state_dir/silo-$k.pid"); done
  # Gateways first, so no request arrives at a cluster that is going away.
  stop_processes "${gateway_pids[@]}"
  stop_processes "${silo_pids[@]}"
  rm -f "$state_dir"/*.pid
  if [[ "$throwaway" == true && -n "$pg_work_dir" ]]; then
    [[ -n "$pg_bin_dir" ]] || pg_bin_dir="$(pg_find_bin_dir)"
    pg_stop_throwaway "$pg_work_dir" fast
    echo "stopped; throwaway PostgreSQL removed; logs kept in $state_dir"
  else
    echo "stopped; logs kept in $state_dir"
  fi
}

silo_number_arg() {
  [[ "${1:-}" =~ ^[1-9][0-9]*$ && -f "$state_dir/silo-$1.ports" ]] || die "no silo '${1:-}' (silos: $(silo_numbers | tr '\n' ' '))"
}

cmd_kill_silo() {
  load_state; silo_number_arg "${1:-}"
  local pid
  pid="$(live_pid "$state_dir/silo-$1.pid")" || die "silo $1 is not running"
  kill -KILL "$pid"
  echo "silo $1 (pid $pid) killed"
}

cmd_restart_silo() {
  load_state; silo_number_arg "${1:-}"
  local k=$1 silo_port generation
  stop_processes "$state_dir/silo-$k.pid"
  read -r silo_port _ <"$state_dir/silo-$k.ports"
  generation="$(silo_generation "$silo_port")"
  start_silo "$k"
  wait_silo_active "$k" "$generation"
  print_silo "$k"
}

cmd_add_silo() {
  load_state
  local k=$(( $(silo_numbers | tail -n 1) + 1 )) port generation
  for port in $(silo_ports_of "$k") $(silo_metrics_port_of "$k"); do port_is_taken "$port" && die "port $port (silo $k) is taken"; done
  silo_ports_of "$k" >"$state_dir/silo-$k.ports"
  generation="$(silo_generation "$(silo_ports_of "$k" | cut -d' ' -f1)")"
  start_silo "$k"
  wait_silo_active "$k" "$generation"
  print_silo "$k"
}

[[ $# -ge 1 ]] || usage
command=$1; shift
case "$command" in
  start) cmd_start "$@" ;;
  status) cmd_status ;;
  stop) cmd_stop ;;
  kill-silo) cmd_kill_silo "$@" ;;
  restart-silo) cmd_restart_silo "$@" ;;
  add-silo) cmd_add_silo ;;
  *) usage ;;
esac
