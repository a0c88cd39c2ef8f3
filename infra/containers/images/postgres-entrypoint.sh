#!/bin/bash
# Entrypoint of the local postgres:15 stand-in: the official image's contract in short. On an empty $PGDATA:
# initdb with POSTGRES_USER as the superuser and POSTGRES_PASSWORD as its password, create POSTGRES_DB, run
# /docker-entrypoint-initdb.d, allow remote clients with POSTGRES_HOST_AUTH_METHOD (default scram-sha-256); then
# exec postgres as the postgres user, so it is PID 1 and gets the stop signal.
set -euo pipefail
: "${POSTGRES_USER:=postgres}" "${POSTGRES_DB:=$POSTGRES_USER}" "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }

if [ "${1:-}" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
    [ -n "${POSTGRES_PASSWORD:-}" ] || [ "$POSTGRES_HOST_AUTH_METHOD" = trust ] || {
        echo "postgres entrypoint: POSTGRES_PASSWORD is not set (or set POSTGRES_HOST_AUTH_METHOD=trust)" >&2; exit 1; }
    mkdir -p "$PGDATA" && chown postgres:postgres "$PGDATA" && chmod 700 "$PGDATA"
    pwfile="$(mktemp)" && printf '%s\n' "${POSTGRES_PASSWORD:-}" >"$pwfile" && chown postgres "$pwfile"
    # UTF8, as the official image's databases are: minbase has no locale, and initdb would pick SQL_ASCII, which
    # refuses any non-ASCII text in a jsonb column (a world's description) with "conversion between UTF8 and SQL_ASCII".
    as_postgres initdb --username="$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust \
        --auth-host="$POSTGRES_HOST_AUTH_METHOD" --encoding=UTF8 --locale=C.UTF-8 -D "$PGDATA" >/dev/null
    rm -f "$pwfile"
    printf "listen_addresses = '*'\n" >>"$PGDATA/postgresql.conf"
    printf 'host all all all %s\n' "$POSTGRES_HOST_AUTH_METHOD" >>"$PGDATA/pg_hba.conf"
    # A private server on the socket only, for the database and the init scripts.
    as_postgres pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
    if ! as_postgres psql -U "$POSTGRES_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$POSTGRES_DB'" | grep -q 1; then
        as_postgres psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres -q -c "CREATE DATABASE \"$POSTGRES_DB\""
    fi
    # shellcheck disable=SC1090 # the init scripts are the operator's
    for f in /docker-entrypoint-initdb.d/*; do
        case "$f" in
            *.sh) echo "running $f"; . "$f" ;;
            *.sql) echo "running $f"; as_postgres psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" -f "$f" ;;
        esac
    done
    as_postgres pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
    echo "postgres entrypoint: initialised $PGDATA"
fi

if [ "${1:-}" = postgres ]; then
    exec setpriv --reuid=postgres --regid=postgres --init-groups "$@"
fi
exec "$@"
