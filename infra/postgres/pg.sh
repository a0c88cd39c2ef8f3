#!/usr/bin/env bash
# A private PostgreSQL server in a folder of your choice, for development, the README's run and the tests.
#
#   pg.sh start  --dir DIR --port PORT [--also-listen ADDR --trust A.B.C.0/24]
#                                        initialise DIR if empty, then start the server on 127.0.0.1:PORT (and on
#                                        ADDR, trusting that private network: the lab's bridge, for provider silos)
#   pg.sh stop   --dir DIR               fast shutdown; a no-op when it is not running
#   pg.sh status --dir DIR               exit 0 and print the port when running, exit 3 when not
#
# The server listens on 127.0.0.1 only, trusts every connection from there (user `postgres`, no password) and
# has no Unix socket. It creates nothing but the cluster itself: no database, no role; migrate with
# `auction db migrate`. As root the server runs as the `postgres` user (PostgreSQL refuses root), which then owns
# DIR. Environment: PG_BIN (default /usr/lib/postgresql/15/bin), PG_USER (default postgres),
# PG_TIMEOUT seconds to wait for start/stop (default 60).
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_USER="${PG_USER:-postgres}"
PG_TIMEOUT="${PG_TIMEOUT:-60}"

die() {
    echo "pg.sh: $*" >&2
    exit 2
}

usage() {
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

# Runs a command as the PostgreSQL owner: the postgres user when we are root, ourselves otherwise.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u "$PG_USER" -- "$@"
    else
        "$@"
    fi
}

is_running() {
    [ -f "$DIR/PG_VERSION" ] && as_owner "$PG_BIN/pg_ctl" status -D "$DIR" >/dev/null 2>&1
}

running_port() {
    # Line 4 of postmaster.pid is the port the running server listens on.
    sed -n '4p' "$DIR/postmaster.pid" 2>/dev/null || true
}

cmd_start() {
    [ -n "$PORT" ] || die "start needs --port PORT"
    case "$PORT" in
        '' | *[!0-9]*) die "--port must be a number 1-65535, got '$PORT'" ;;
    esac
    if [ "$PORT" -lt 1 ] || [ "$PORT" -gt 65535 ]; then
        die "--port must be a number 1-65535, got '$PORT'"
    fi
    [ -x "$PG_BIN/pg_ctl" ] || die "no PostgreSQL server binaries in $PG_BIN (set PG_BIN)"

    mkdir -p "$DIR"
    if [ "$(id -u)" -eq 0 ]; then
        chown "$PG_USER" "$DIR"
    fi
    chmod 700 "$DIR"

    if [ ! -f "$DIR/PG_VERSION" ]; then
        if [ -n "$(ls -A "$DIR")" ]; then
            die "$DIR is neither empty nor a PostgreSQL data folder"
        fi
        as_owner "$PG_BIN/initdb" -D "$DIR" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$DIR.initdb.log" 2>&1 ||
            {
                cat "$DIR.initdb.log" >&2
                rm -f "$DIR.initdb.log"
                die "initdb failed for $DIR"
            }
        rm -f "$DIR.initdb.log"
        as_owner tee "$DIR/pg_hba.conf" >/dev/null <<'EOF'
# Written by infra/postgres/pg.sh: trust connections from 127.0.0.1 only.
# TYPE  DATABASE  USER  ADDRESS       METHOD
host    all       all   127.0.0.1/32  trust
EOF
        as_owner tee -a "$DIR/postgresql.conf" >/dev/null <<'EOF'

# Written by infra/postgres/pg.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
timezone = 'UTC'
log_timezone = 'UTC'
EOF
    fi

    if is_running; then
        echo "PostgreSQL already running in $DIR on 127.0.0.1:$(running_port)"
        return 0
    fi

    local listen="127.0.0.1"
    if [ -n "$ALSO_LISTEN" ]; then
        [[ "$ALSO_LISTEN" =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ ]] || die "--also-listen must be an IPv4 address, got '$ALSO_LISTEN'"
        [[ "$TRUST" =~ ^(10|172|192)\.[0-9]{1,3}\.[0-9]{1,3}\.0/24$ ]] || die "--trust must be a private A.B.C.0/24 network, got '$TRUST'"
        listen="127.0.0.1,$ALSO_LISTEN"
        grep -q "^host    all       all   $TRUST" "$DIR/pg_hba.conf" ||
            echo "host    all       all   $TRUST  trust" | as_owner tee -a "$DIR/pg_hba.conf" >/dev/null
    fi
    if ! as_owner "$PG_BIN/pg_ctl" start -D "$DIR" -w -t "$PG_TIMEOUT" -l "$DIR/server.log" -o "-p $PORT -c listen_addresses=$listen" >/dev/null; then
        echo "pg.sh: PostgreSQL did not start within ${PG_TIMEOUT}s; the end of $DIR/server.log:" >&2
        tail -n 20 "$DIR/server.log" >&2 || true
        exit 1
    fi
    echo "PostgreSQL running in $DIR on $listen port $PORT (user postgres, trust)"
}

cmd_stop() {
    if ! is_running; then
        echo "PostgreSQL not running in $DIR"
        return 0
    fi
    if ! as_owner "$PG_BIN/pg_ctl" stop -D "$DIR" -m fast -w -t "$PG_TIMEOUT" >/dev/null; then
        echo "pg.sh: fast shutdown did not finish within ${PG_TIMEOUT}s, stopping immediately" >&2
        as_owner "$PG_BIN/pg_ctl" stop -D "$DIR" -m immediate -w -t "$PG_TIMEOUT" >/dev/null
    fi
    echo "PostgreSQL stopped in $DIR"
}

cmd_status() {
    if is_running; then
        echo "running in $DIR on 127.0.0.1:$(running_port)"
        return 0
    fi
    echo "not running in $DIR"
    exit 3
}

[ $# -ge 1 ] || usage
COMMAND="$1"
shift
DIR=""
PORT=""
ALSO_LISTEN=""
TRUST=""
while [ $# -gt 0 ]; do
    case "$1" in
        --dir)
            [ $# -ge 2 ] || die "--dir needs a value"
            DIR="$2"
            shift 2
            ;;
        --port)
            [ $# -ge 2 ] || die "--port needs a value"
            PORT="$2"
            shift 2
            ;;
        --also-listen)
            [ $# -ge 2 ] || die "--also-listen needs a value"
            ALSO_LISTEN="$2"
            shift 2
            ;;
        --trust)
            [ $# -ge 2 ] || die "--trust needs a value"
            TRUST="$2"
            shift 2
            ;;
        -h | --help) usage ;;
        *) die "unknown argument '$1'" ;;
    esac
done
[ -n "$DIR" ] || die "$COMMAND needs --dir DIR"
DIR="$(realpath -m "$DIR")"

case "$COMMAND" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    -h | --help | help) usage ;;
    *) die "unknown command '$COMMAND' (start, stop, status)" ;;
esac
