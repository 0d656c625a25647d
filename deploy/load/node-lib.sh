# A PaySim node (Release build) storing in the throwaway PostgreSQL of deploy/with-postgres.sh, for the load
# scripts. Source it, then: pg_node_start DATABASE. It sets node_url, node_pid and node_dir, and stops the node and
# removes its folder when the script exits. Admin methods take the token in node_token.

# The newest PostgreSQL client tools of this machine, on the throwaway server's port.
pg_node_bin_dir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
pg_node_port="$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$PAYSIM_TEST_POSTGRES")"
pg() { "$pg_node_bin_dir/$1" -h 127.0.0.1 -p "$pg_node_port" -U postgres "${@:2}"; }

node_token=load-test-admin

pg_node_start() {
  local database=$1 repo_dir
  repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  pg createdb "$database"
  dotnet build -c Release "$repo_dir/Gateway" >/dev/null
  local port=$(( 21000 + RANDOM % 9000 ))
  node_url="http://127.0.0.1:$port"
  node_dir="$(mktemp -d)"
  PaySim__Storage__Provider=PostgreSql \
  PaySim__Storage__ConnectionString="Host=127.0.0.1;Port=$pg_node_port;Username=postgres;Database=$database;Maximum Pool Size=50" \
  PaySim__Storage__DataDirectory="$node_dir" PaySim__Admin__Token="$node_token" \
    dotnet "$repo_dir/Gateway/bin/Release/net10.0/PaySim.Gateway.dll" --urls "$node_url" >"$node_dir/node.log" 2>&1 &
  node_pid=$!
  trap 'kill $node_pid 2>/dev/null; wait $node_pid 2>/dev/null; rm -rf "$node_dir"' EXIT
  local _
  for _ in $(seq 1 60); do curl -sf "$node_url/health" >/dev/null && return 0; sleep 0.5; done
  echo "the node did not answer /health within 30 s; its log:" >&2
  tail -n 40 "$node_dir/node.log" >&2
  return 1
}
