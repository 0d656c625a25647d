#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL server and removes the server afterwards, whatever the command's
# outcome. The command finds the server in PAYSIM_TEST_POSTGRES (an Npgsql connection string).
# The server is made for tests and benchmarks (deploy/postgres-lib.sh): loopback only, trust authentication,
# fsync on (so figures measured against it are durable-commit figures), its data in a temporary folder.
#
# Usage: bash deploy/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: bash deploy/with-postgres.sh COMMAND [ARGS...]" >&2
  exit 2
fi

pg_log_prefix=with-postgres
# shellcheck source=deploy/postgres-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/postgres-lib.sh"
pg_ensure_installed

work_dir="$(mktemp -d -t paysim-postgres.XXXXXX)"
# The command has ended (or failed): nothing needs the data, so no clean shutdown is waited for.
trap 'pg_stop_throwaway "$work_dir" immediate' EXIT
# Without these, a signal would end the script without running the EXIT trap and leave the server running.
trap 'exit 130' INT
trap 'exit 143' TERM

pg_start_throwaway "$work_dir" || exit 1

export PAYSIM_TEST_POSTGRES="$pg_connection_string"

set +e
"$@"
status=$?
set -e
exit "$status"
