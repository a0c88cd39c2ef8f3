#!/usr/bin/env bash
# The one test command: builds the solution and runs every test from a fresh clone.
set -euo pipefail
cd "$(dirname "$0")"

# ./test.sh --fast: only the fast test project, Tests/Fast (the unit and in-memory cluster tests of Tests/Unit and
# Tests/Cluster): no root, no PostgreSQL, no network namespaces, nothing installed. Other arguments go to `dotnet test`.
if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  cat <<'USAGE'
./test.sh [dotnet test options]          build and run every test; as root it first installs what the tests need
                                         (iperf3, PostgreSQL 15, shellcheck, podman, ...) with apt-get when missing
./test.sh --fast [dotnet test options]   build and run only the fast project (Tests/Fast: unit and in-memory cluster
                                         tests): no root, PostgreSQL or namespaces needed
e.g. ./test.sh --filter "FullyQualifiedName~Auction.Tests.Integration.Postgres"
Tests that need root (network namespaces, tc) skip with the reason when not run as root; the PostgreSQL and
compose tests need their programs installed (as root, this script installs them).
USAGE
  exit 0
fi
if [[ "${1:-}" == "--fast" ]]; then
  shift
  dotnet build Tests/Fast/Fast.csproj -c Release
  exec dotnet test Tests/Fast/Fast.csproj -c Release --no-build "$@"
fi

# --- prerequisites the integration tests need (installed here, so a fresh machine needs nothing by hand) ---
# From Debian's apt, non-interactively and only when missing (root, as the network tests need anyway); the list and
# what each package is for: TEST_PACKAGES in infra/prerequisites.sh.
# shellcheck source=SCRIPTDIR/infra/prerequisites.sh
source infra/prerequisites.sh
mapfile -t missing_packages < <(prerequisites_missing "${TEST_PACKAGES[@]}")
if [[ ${#missing_packages[@]} -gt 0 && $(id -u) -ne 0 ]]; then
  echo "test.sh: not root, so not installing ${missing_packages[*]}: the tests that need them fail (./test.sh --fast needs none)" >&2
elif [[ ${#missing_packages[@]} -gt 0 ]]; then
  echo "test.sh: installing ${missing_packages[*]} with apt-get"
  prerequisites_install "${missing_packages[@]}"
fi
# lint every shell script (fast: well under a second)
mapfile -t shell_scripts < <(find infra -name '*.sh' -type f 2>/dev/null | sort)
if [[ ${#shell_scripts[@]} -gt 0 ]] && command -v shellcheck >/dev/null 2>&1; then
  shellcheck test.sh run.sh auction "${shell_scripts[@]}"
fi

# --- build and test ---
dotnet build Auction.Orleans.sln -c Release
# The console log is long; the failures (name and message) are repeated at its end, where a reader of the tail looks.
test_log="$(mktemp -t auction-test-XXXXXX.log)"
trap 'rm -f "$test_log"' EXIT
status=0
# The two projects one after the other, not side by side: the fast project's replay test loads every core on purpose,
# and the integration tests measure shaped rates. A test that hangs is stopped after 15 minutes and named (the
# longest, the container stack's, takes about 5 cold).
for project in Tests/Fast/Fast.csproj Tests/Integration/Integration.csproj; do
  dotnet test "$project" -c Release --no-build --logger "console;verbosity=normal" \
    --blame-hang-timeout 15m --blame-hang-dump-type none "$@" 2>&1 | tee -a "$test_log" || status=$?
done
if [[ $status -ne 0 ]]; then
  echo
  echo "test.sh: the failed tests, with their messages:"
  awk '/^  Failed /{show=1; lines=0} /^  (Passed|Skipped) |^  Stack Trace:/{show=0} show && lines++ < 15' "$test_log"
fi
exit "$status"
