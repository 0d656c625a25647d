# A throwaway PostgreSQL server, as functions: sourced by deploy/with-postgres.sh (a server for the length of one
# command) and deploy/cluster/local-cluster.sh (a server that runs in the background until `stop`), so both make
# the server the same way.
# The server is made for tests, benchmarks and local clusters: loopback only, trust authentication, fsync on (so
# figures measured against it are durable-commit figures), its data in a folder of the caller's choosing.
#
# Functions set these globals: pg_bin_dir (the server binaries), pg_port and pg_connection_string (after
# pg_start_throwaway). Messages start with "$pg_log_prefix: ".
pg_log_prefix="${pg_log_prefix:-postgres}"

pg_find_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true
}

# Finds the server binaries, installing Debian's postgresql package when there are none.
pg_ensure_installed() {
  pg_bin_dir="$(pg_find_bin_dir)"
  if [[ -z "$pg_bin_dir" || ! -x "$pg_bin_dir/initdb" ]]; then
    echo "$pg_log_prefix: no PostgreSQL server binaries; installing the Debian package postgresql" >&2
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
    pg_bin_dir="$(pg_find_bin_dir)"
  fi
}

# initdb and pg_ctl refuse to run as root, so as root they run as the postgres user the package created.
pg_as_server_user() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# pg_start_throwaway WORK_DIR: a new cluster in WORK_DIR/data (WORK_DIR must exist and be empty), its log in
# WORK_DIR/server.log, its socket in WORK_DIR, started on a free loopback port. pg_ctl starts the server in its own
# session, so it outlives the calling shell until pg_stop_throwaway. Call it as `pg_start_throwaway DIR || exit 1`:
# set -e does not reach into a function called in a condition, so each failure returns explicitly.
pg_start_throwaway() {
  local work_dir=$1
  local data_dir="$work_dir/data"
  if [[ "$(id -u)" -eq 0 ]]; then
    chown postgres: "$work_dir" || return 1
  fi

  # --no-sync only skips initdb's own final flush; the running server keeps fsync on.
  pg_as_server_user "$pg_bin_dir/initdb" -D "$data_dir" --auth=trust --username=postgres --encoding=UTF8 --locale=C \
    --no-sync >"$work_dir/initdb.log" 2>&1 || { cat "$work_dir/initdb.log" >&2; return 1; }

  # A free port can be taken between the check and the start, so a failed start is retried on another one.
  local started=false
  for _ in 1 2 3 4 5; do
    pg_port=$(( 20000 + RANDOM % 40000 ))
    pg_port_is_free "$pg_port" || continue
    if pg_as_server_user "$pg_bin_dir/pg_ctl" -D "$data_dir" -l "$work_dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$work_dir -c fsync=on -c synchronous_commit=on -c max_connections=200" \
      start >/dev/null; then
      started=true
      break
    fi
  done
  if [[ "$started" != true ]]; then
    echo "$pg_log_prefix: the server did not start; its log follows" >&2
    cat "$work_dir/server.log" >&2 || true
    return 1
  fi

  pg_connection_string="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  echo "$pg_log_prefix: PostgreSQL $("$pg_bin_dir/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port" >&2
}

# pg_stop_throwaway WORK_DIR MODE: stops the server (pg_ctl's shutdown MODE: fast, immediate) if it runs, and
# removes WORK_DIR with its data.
pg_stop_throwaway() {
  local work_dir=$1 mode=$2
  if [[ -f "$work_dir/data/postmaster.pid" ]]; then
    pg_as_server_user "$pg_bin_dir/pg_ctl" -D "$work_dir/data" -m "$mode" -w -t 60 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work_dir"
}
