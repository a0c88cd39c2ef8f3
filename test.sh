#!/usr/bin/env bash
# The one test command: builds the solution and runs every test from a fresh clone.
set -euo pipefail
cd "$(dirname "$0")"

# --- prerequisites the integration tests need (installed here, so a fresh machine needs nothing by hand) ---
# PostgreSQL 15 server binaries for the PostgreSQL tests (their fixture starts a private server with
# infra/postgres/pg.sh); installed without the distribution's default cluster, so nothing listens on 5432.
if [ ! -x /usr/lib/postgresql/15/bin/pg_ctl ]; then
    mkdir -p /etc/postgresql-common
    grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf ||
        echo "create_main_cluster = false" >>/etc/postgresql-common/createcluster.conf
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15
fi

# docker-compose (Debian's v1) validates compose.yaml in the tests; no Docker engine is needed for that.
if ! command -v docker-compose >/dev/null; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y docker-compose
fi

# --- build and test ---
dotnet build Auction.Orleans.sln -c Release
dotnet test Auction.Orleans.sln -c Release --no-build --logger "console;verbosity=normal" "$@"
