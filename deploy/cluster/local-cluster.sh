#!/usr/bin/env bash
# A PaySim cluster on this machine: a throwaway PostgreSQL (deploy/with-postgres.sh), N Orleans silos with PostgreSQL
# membership, and one gateway as an Orleans client on http://127.0.0.1:20056. Runs until Ctrl-C, or for --seconds.
#
#   bash deploy/cluster/local-cluster.sh [--silos 2] [--seconds 0] [--admin-token TOKEN]
set -euo pipefail
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ -z "${PAYSIM_TEST_POSTGRES:-}" ]]; then
  exec bash "$repo_dir/deploy/with-postgres.sh" bash "$0" "$@"
fi

silos=2 seconds=0 token="local-cluster-admin-token"
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --admin-token) token=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

# Built once, before anything starts: several `dotnet run` building the same projects at once would race.
dotnet build -c Release "$repo_dir/Silo" >/dev/null
dotnet build -c Release "$repo_dir/Gateway" >/dev/null

logs="$(mktemp -d -t paysim-cluster.XXXXXX)"
pids=()
stop() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "logs kept in $logs"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The silos of a cluster share one merchant key-encryption key; a throwaway cluster gets a throwaway key.
export PaySim__Storage__Provider=PostgreSql PaySim__Cluster__Membership=PostgreSql \
       PaySim__Storage__ConnectionString="$PAYSIM_TEST_POSTGRES" PaySim__Admin__Token="$token" \
       PaySim__Merchant__SecretKey="$(head -c 32 /dev/urandom | base64)"
for i in $(seq 1 "$silos"); do
  PaySim__Cluster__SiloPort=$(( 11110 + i )) PaySim__Cluster__GatewayPort=$(( 30000 + i )) \
    dotnet "$repo_dir/Silo/bin/Release/net10.0/PaySim.Silo.dll" >"$logs/silo$i.log" 2>&1 &
  pids+=($!)
done
# The gateway may start before the silos migrated the database: it waits for them (up to two minutes).
dotnet "$repo_dir/Gateway/bin/Release/net10.0/PaySim.Gateway.dll" >"$logs/gateway.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 180); do curl -sf http://127.0.0.1:20056/health >/dev/null && break; sleep 1; done
curl -sf http://127.0.0.1:20056/health >/dev/null || { echo "the gateway did not come up; see $logs" >&2; exit 1; }
echo "PaySim cluster: $silos silos, gateway http://127.0.0.1:20056 (admin token: $token), logs in $logs"
port="$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$PAYSIM_TEST_POSTGRES")"
"$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres \
  -c 'SELECT SiloName, Address, Port, Status FROM OrleansMembershipTable ORDER BY Port' || true

if [[ "$seconds" -gt 0 ]]; then sleep "$seconds"; else wait; fi
