#!/usr/bin/env bash
# The one test command: builds the solution and runs every test from a fresh clone.
set -euo pipefail
cd "$(dirname "$0")"

# --- prerequisites the integration tests need (installed here, so a fresh machine needs nothing by hand) ---
# iperf3 (the network-namespace tests move real flows) and shellcheck (lints the lab scripts), from Debian's apt,
# non-interactively and only when missing. Needs root, as the network tests do.
missing_packages=()
command -v iperf3 >/dev/null 2>&1 || missing_packages+=(iperf3)
command -v shellcheck >/dev/null 2>&1 || missing_packages+=(shellcheck)
if [[ ${#missing_packages[@]} -gt 0 ]]; then
  echo "test.sh: installing ${missing_packages[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -qq
  timeout 600 apt-get install -y -qq --no-install-recommends "${missing_packages[@]}"
fi
# lint every shell script of infra/ (fast: well under a second)
mapfile -t shell_scripts < <(find infra -name '*.sh' -type f 2>/dev/null | sort)
if [[ ${#shell_scripts[@]} -gt 0 ]]; then
  shellcheck test.sh "${shell_scripts[@]}"
fi

# --- build and test ---
dotnet build Auction.Orleans.sln -c Release
dotnet test Auction.Orleans.sln -c Release --no-build --logger "console;verbosity=normal" "$@"
