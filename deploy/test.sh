#!/usr/bin/env bash
# The one test command (README, CI): starts a throwaway PostgreSQL, runs every test of the solution against it,
# removes the server, exits with dotnet test's code and ends with the line "N passed, N failed".
# Extra arguments go to dotnet test, e.g.: bash deploy/test.sh --filter FullyQualifiedName~Storage
set -euo pipefail

repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_dir" # global.json here picks the SDK.

results_dir="$(mktemp -d -t paysim-test-results.XXXXXX)"
trap 'rm -rf "$results_dir"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The cashier browser test drives the system Chromium through Playwright, which never downloads a browser here.
# Without a CJK font the page's Chinese renders as boxes in the screenshots it saves, hence fonts-noto-cjk.
missing_packages=()
command -v chromium >/dev/null 2>&1 || missing_packages+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed" || missing_packages+=(fonts-noto-cjk)
if (( ${#missing_packages[@]} > 0 )); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_packages[@]}" >/dev/null
fi

set +e
bash deploy/with-postgres.sh dotnet test PaySim.sln --logger trx --results-directory "$results_dir" "$@"
status=$?
set -e

# Sums the counters of every test project's trx report.
counter() {
  sed -n "s/.*<Counters [^>]* $1=\"\([0-9]*\)\".*/\1/p" "$2" | head -n 1
}
passed=0
failed=0
for report in "$results_dir"/*.trx; do
  [[ -e "$report" ]] || continue
  passed=$(( passed + $(counter passed "$report") ))
  failed=$(( failed + $(counter failed "$report") + $(counter error "$report") + $(counter timeout "$report") ))
done

if [[ "$status" -ne 0 && "$failed" -eq 0 ]]; then
  echo "dotnet test failed (exit code $status) before reporting a failed test: see the build or test host output above" >&2
fi
echo "$passed passed, $failed failed"
exit "$status"
