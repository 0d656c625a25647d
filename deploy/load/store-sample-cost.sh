#!/usr/bin/env bash
# What one read of the money-in-flight gauges costs PostgreSQL with N finished transfers stored (a row each, as a
# load test leaves them) and 20 in flight, on a throwaway server (deploy/with-postgres.sh): the listing of rows marked
# in flight that StoreSampler runs (IGrainStateStore.ReadStatesInFlightAsync, on the keyed connections), against the
# scan of every orchestrator document for the in-flight text that it ran until 2026-12-07 (performance.md §20).
# The table and index are grain_state's as the migrations make them.
#
#   bash deploy/load/store-sample-cost.sh [--transfers 1000000] [--runs 3]
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ -z "${PAYSIM_TEST_POSTGRES:-}" ]]; then
  exec bash "$repo_dir/deploy/with-postgres.sh" bash "$0" "$@"
fi

transfers=1000000 runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --transfers) transfers=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
port="$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$PAYSIM_TEST_POSTGRES")"
psql() { "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q -X "$@"; }
psql -c "CREATE DATABASE sample"
psql -d sample <<SQL
CREATE TABLE grain_state (grain_type text NOT NULL, grain_id text NOT NULL, state_name text NOT NULL, payload text NULL,
  version bigint NOT NULL, modified_at timestamptz NOT NULL, in_flight_since timestamptz NULL,
  PRIMARY KEY (grain_type, grain_id, state_name)) WITH (fillfactor = 80);
CREATE INDEX grain_state_in_flight ON grain_state (in_flight_since) WHERE in_flight_since IS NOT NULL;
INSERT INTO grain_state SELECT 'transfer', 'load-' || i, 'transfer',
  '{"Source":"load1796672769-' || (i % 1000) || '","Target":"load1796672769-' || ((i * 7) % 1000) || '","AmountFen":1,"Status":"Completed","Result":"Ok","Attempt":1,"StartedAt":"2026-12-07T19:48:01.1234567+00:00","InFlight":null}',
  2, now(), NULL FROM generate_series(1, $transfers) i;
INSERT INTO grain_state SELECT 'account', 'load1796672769-' || i, 'account', '{"BalanceFen":1000000}', 2, now(), NULL
  FROM generate_series(1, 1000) i;
INSERT INTO grain_state SELECT 'transfer', 'flight-' || i, 'transfer',
  '{"Source":"a","Target":"b","AmountFen":1,"Status":"Started","InFlight":{"AmountFen":1,"StartedAt":"2026-12-07T19:48:01+00:00"}}', 1, now(), now()
  FROM generate_series(1, 20) i;
VACUUM ANALYZE grain_state;
SQL
psql -d sample -A -t -c "SELECT count(*) || ' rows, ' || pg_size_pretty(pg_total_relation_size('grain_state')) FROM grain_state"

# Milliseconds of the statements after the first line of $1 (a SET), summed.
timed() { psql -d sample <<<"\\timing on
$1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n +2 | awk '{ s += $1 } END { printf "%.1f", s }'; }
scan="SET enable_seqscan = on;"
for type_state in "transfer transfer" "trade trade" "merchantorder order"; do
  read -r type state <<<"$type_state"
  scan+="
SELECT count(*) FROM (SELECT grain_id, payload, version FROM grain_state WHERE grain_type = '$type' AND state_name = '$state' AND strpos(payload, '\"InFlight\":{') > 0 ORDER BY grain_id) s;"
done
marked="SET enable_seqscan = off;
SELECT count(*) FROM (SELECT grain_type, grain_id, state_name, payload FROM grain_state WHERE in_flight_since IS NOT NULL) s;"
for run in $(seq 1 "$runs"); do
  echo "run $run: scan of the orchestrators' text $(timed "$scan") ms, listing of the marked rows $(timed "$marked") ms"
done
