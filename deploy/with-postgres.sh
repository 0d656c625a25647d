#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL server and removes the server afterwards, whatever the command's
# outcome. The command finds the server in PAYSIM_TEST_POSTGRES (an Npgsql connection string).
# The server is made for tests and benchmarks: loopback only, trust authentication, fsync on (so figures
# measured against it are durable-commit figures), its data in a temporary folder.
#
# Usage: bash deploy/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: bash deploy/with-postgres.sh COMMAND [ARGS...]" >&2
  exit 2
fi

find_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true
}

bin_dir="$(find_bin_dir)"
if [[ -z "$bin_dir" || ! -x "$bin_dir/initdb" ]]; then
  echo "with-postgres: no PostgreSQL server binaries; installing the Debian package postgresql" >&2
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
  bin_dir="$(find_bin_dir)"
fi

# initdb and pg_ctl refuse to run as root, so as root they run as the postgres user the package created.
as_server_user() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

work_dir="$(mktemp -d -t paysim-postgres.XXXXXX)"
data_dir="$work_dir/data"
if [[ "$(id -u)" -eq 0 ]]; then
  chown postgres: "$work_dir"
fi

cleanup() {
  if [[ -f "$data_dir/postmaster.pid" ]]; then
    as_server_user "$bin_dir/pg_ctl" -D "$data_dir" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work_dir"
}
trap cleanup EXIT
# Without these, a signal would end the script without running the EXIT trap and leave the server running.
trap 'exit 130' INT
trap 'exit 143' TERM

# --no-sync only skips initdb's own final flush; the running server keeps fsync on.
as_server_user "$bin_dir/initdb" -D "$data_dir" --auth=trust --username=postgres --encoding=UTF8 --locale=C \
  --no-sync >"$work_dir/initdb.log" 2>&1 || { cat "$work_dir/initdb.log" >&2; exit 1; }

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A free port can be taken between the check and the start, so a failed start is retried on another one.
started=false
for _ in 1 2 3 4 5; do
  port=$(( 20000 + RANDOM % 40000 ))
  port_is_free "$port" || continue
  if as_server_user "$bin_dir/pg_ctl" -D "$data_dir" -l "$work_dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$work_dir -c fsync=on -c synchronous_commit=on -c max_connections=200" \
    start >/dev/null; then
    started=true
    break
  fi
done
if [[ "$started" != true ]]; then
  echo "with-postgres: the server did not start; its log follows" >&2
  cat "$work_dir/server.log" >&2 || true
  exit 1
fi

export PAYSIM_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
echo "with-postgres: PostgreSQL $("$bin_dir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2

set +e
"$@"
status=$?
set -e
exit "$status"
