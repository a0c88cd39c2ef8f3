#!/usr/bin/env bash
# The one test command: builds the solution and runs every test from a fresh clone.
set -euo pipefail
cd "$(dirname "$0")"

# --- prerequisites the integration tests need (installed here, so a fresh machine needs nothing by hand) ---

# --- build and test ---
dotnet build Auction.Orleans.sln -c Release
dotnet test Auction.Orleans.sln -c Release --no-build --logger "console;verbosity=normal" "$@"
