#!/usr/bin/env bash
# A private PostgreSQL server in a folder of your choice, for development, the README's run and the tests.
#
#   pg.sh start  --dir DIR --port PORT [--also-listen ADDR --allow A.B.C.0/24]
#                                        initialise DIR if empty, then start the server on 127.0.0.1:PORT (and on
#                                        ADDR, accepting that private network: the lab's bridge, for provider silos)
#   pg.sh app    --dir DIR --user ROLE --database DB --password-file FILE
#                                        create (or re-password) ROLE, a login role that is not a superuser, and
#                                        DB owned by it; the password is FILE's first line (16-128 characters)
#   pg.sh psql   --dir DIR [-- PSQL-ARGS]  psql as the administrator over the data folder's Unix socket
#   pg.sh stop   --dir DIR               fast shutdown; a no-op when it is not running
#   pg.sh status --dir DIR               exit 0 and print the port when running, exit 3 when not
#
# Every TCP connection needs a password (scram-sha-256; there is no trust line) and the administrator `postgres`
# cannot log in over TCP at all: it exists only on the Unix socket inside DIR (mode 0700), authenticated as the
# operating-system user who started the server or the server's own user (peer). Applications connect as the role
# `pg.sh app` makes. As root the server runs as the `postgres` user (PostgreSQL refuses root), which then owns
# DIR. Environment: PG_BIN (default /usr/lib/postgresql/15/bin), PG_USER (default postgres),
# PG_TIMEOUT seconds to wait for start/stop (default 60).
# Exit codes: 0 done (and for --help), 1 the server did not start, 2 bad input (one line naming the option), 3 status:
# not running.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_USER="${PG_USER:-postgres}"
PG_TIMEOUT="${PG_TIMEOUT:-60}"

die() {
    echo "pg.sh: $*" >&2
    exit 2
}

# The first 60 characters of a value, for error messages.
excerpt() {
    if [ "${#1}" -le 60 ]; then
        printf '%s' "$1"
    else
        printf '%s...' "${1:0:57}"
    fi
}

# The comment at the top of this file (up to its first line that is not a comment).
usage() {
    awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
    exit 0
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

write_config() {
    as_owner tee "$DIR/pg_hba.conf" >/dev/null <<'HBA'
# Written by infra/postgres/pg.sh. The administrator only on the Unix socket (peer, mapped in pg_ident.conf);
# every TCP connection with a scram-sha-256 password, and never as the administrator.
# TYPE  DATABASE  USER      ADDRESS       METHOD
local   all       postgres                peer map=admin
host    all       postgres  0.0.0.0/0     reject
host    all       postgres  ::/0          reject
host    all       all       127.0.0.1/32  scram-sha-256
HBA
    # peer: the OS user who starts the server (root or a developer) and the server's own user are the administrator
    as_owner tee "$DIR/pg_ident.conf" >/dev/null <<IDENT
# Written by infra/postgres/pg.sh
# MAPNAME  SYSTEM-USERNAME  PG-USERNAME
admin      $(id -un)        postgres
admin      $PG_USER         postgres
IDENT
    as_owner tee -a "$DIR/postgresql.conf" >/dev/null <<CONF

# Written by infra/postgres/pg.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
unix_socket_permissions = 0700
password_encryption = 'scram-sha-256'
timezone = 'UTC'
log_timezone = 'UTC'
CONF
}

cmd_start() {
    [ -n "$PORT" ] || die "start needs --port PORT"
    case "$PORT" in
        '' | *[!0-9]*) die "--port must be a number 1-65535, got '$(excerpt "$PORT")'" ;;
    esac
    if [ "$PORT" -lt 1 ] || [ "$PORT" -gt 65535 ]; then
        die "--port must be a number 1-65535, got '$(excerpt "$PORT")'"
    fi
    [ -x "$PG_BIN/pg_ctl" ] || die "no PostgreSQL server binaries in $PG_BIN (set PG_BIN)"
    # the socket path must fit in sun_path (107 bytes): DIR/.s.PGSQL.PORT
    [ "${#DIR}" -le 80 ] || die "--dir must be at most 80 characters (its Unix socket lives there), got ${#DIR}"

    mkdir -p "$DIR"
    if [ "$(id -u)" -eq 0 ]; then
        chown "$PG_USER" "$DIR"
    fi
    chmod 700 "$DIR"

    if [ ! -f "$DIR/PG_VERSION" ]; then
        if [ -n "$(ls -A "$DIR")" ]; then
            die "$DIR is neither empty nor a PostgreSQL data folder"
        fi
        as_owner "$PG_BIN/initdb" -D "$DIR" -U postgres --auth-local=peer --auth-host=reject --encoding=UTF8 --locale=C \
            >"$DIR.initdb.log" 2>&1 ||
            {
                cat "$DIR.initdb.log" >&2
                rm -f "$DIR.initdb.log"
                die "initdb failed for $DIR"
            }
        rm -f "$DIR.initdb.log"
        write_config
    fi

    if is_running; then
        echo "PostgreSQL already running in $DIR on 127.0.0.1:$(running_port)"
        return 0
    fi

    local listen="127.0.0.1"
    if [ -n "$ALSO_LISTEN" ]; then
        [[ "$ALSO_LISTEN" =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ ]] || die "--also-listen must be an IPv4 address, got '$(excerpt "$ALSO_LISTEN")'"
        [[ "$ALLOW" =~ ^(10|172|192)\.[0-9]{1,3}\.[0-9]{1,3}\.0/24$ ]] || die "--allow must be a private A.B.C.0/24 network, got '$(excerpt "$ALLOW")'"
        listen="127.0.0.1,$ALSO_LISTEN"
        grep -q "^host    all       all       $ALLOW " "$DIR/pg_hba.conf" ||
            echo "host    all       all       $ALLOW  scram-sha-256" | as_owner tee -a "$DIR/pg_hba.conf" >/dev/null
    fi
    if ! as_owner "$PG_BIN/pg_ctl" start -D "$DIR" -w -t "$PG_TIMEOUT" -l "$DIR/server.log" -o "-p $PORT -c listen_addresses=$listen" >/dev/null; then
        echo "pg.sh: PostgreSQL did not start within ${PG_TIMEOUT}s; the end of $DIR/server.log:" >&2
        tail -n 20 "$DIR/server.log" >&2 || true
        exit 1
    fi
    echo "PostgreSQL running in $DIR on $listen port $PORT (TCP: scram-sha-256 passwords; administrator on the socket in $DIR)"
}

# psql as the administrator over the Unix socket in DIR.
admin_psql() {
    as_owner "$PG_BIN/psql" -X -v ON_ERROR_STOP=1 -h "$DIR" -p "$(running_port)" -U postgres "$@"
}

cmd_app() {
    is_running || die "no server running in $DIR (pg.sh start first)"
    [[ "$APP_USER" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "--user must be a lowercase SQL name, got '$(excerpt "$APP_USER")'"
    [[ "$DATABASE" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "--database must be a lowercase SQL name, got '$(excerpt "$DATABASE")'"
    [ "$APP_USER" != postgres ] || die "--user must not be the administrator 'postgres'"
    [ -r "$PASSWORD_FILE" ] || die "--password-file '$(excerpt "$PASSWORD_FILE")' cannot be read"
    local password
    password="$(head -n 1 "$PASSWORD_FILE")"
    [[ "$password" =~ ^[A-Za-z0-9._~+=/@%-]{16,128}$ ]] ||
        die "the password in '$(excerpt "$PASSWORD_FILE")' must be 16-128 characters of A-Z a-z 0-9 . _ ~ + = / @ % -"
    # The password reaches psql as a variable on stdin's script (:'pw' quotes it), never on a command line ps shows.
    {
        printf "\\set pw '%s'\n" "$password"
        cat <<'SQL'
\set role :app_user
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', :'role')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN NOSUPERUSER PASSWORD %L', :'role', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \gexec
SELECT format('GRANT ALL ON DATABASE %I TO %I', :'db', :'role') \gexec
SQL
    } | admin_psql -d postgres -q -v app_user="$APP_USER" -v db="$DATABASE" >/dev/null
    echo "role $APP_USER (not a superuser) owns database $DATABASE"
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

# --- one parser for every sub-command: which options each takes, then one loop over the arguments ---
declare -A OPTIONS=(
    [start]="--dir --port --also-listen --allow"
    [app]="--dir --user --database --password-file"
    [psql]="--dir"
    [stop]="--dir"
    [status]="--dir"
)
[ $# -ge 1 ] || die "a command is needed: start, app, psql, stop or status (pg.sh --help shows their options)"
COMMAND="$1"
shift
case "$COMMAND" in
    -h | --help | help) usage ;;
esac
if [ -z "$COMMAND" ] || [ -z "${OPTIONS[$COMMAND]+known}" ]; then
    die "unknown command '$(excerpt "$COMMAND")' (start, app, psql, stop, status)"
fi
DIR=""
PORT=""
ALSO_LISTEN=""
ALLOW=""
APP_USER=""
DATABASE=""
PASSWORD_FILE=""
PSQL_ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
        -h | --help) usage ;;
        --)
            [ "$COMMAND" = psql ] || die "$COMMAND takes no -- PSQL-ARGS (only psql does)"
            shift
            PSQL_ARGS=("$@")
            break
            ;;
        --*) ;;
        *) die "unexpected argument '$(excerpt "$1")' for $COMMAND (it takes ${OPTIONS[$COMMAND]})" ;;
    esac
    case " ${OPTIONS[$COMMAND]} " in
        *" $1 "*) ;;
        *) die "$COMMAND does not take $(excerpt "$1") (it takes ${OPTIONS[$COMMAND]})" ;;
    esac
    [ $# -ge 2 ] || die "$1 needs a value"
    case "$1" in
        --dir) DIR="$2" ;;
        --port) PORT="$2" ;;
        --also-listen) ALSO_LISTEN="$2" ;;
        --allow) ALLOW="$2" ;;
        --user) APP_USER="$2" ;;
        --database) DATABASE="$2" ;;
        --password-file) PASSWORD_FILE="$2" ;;
    esac
    shift 2
done
[ -n "$DIR" ] || die "$COMMAND needs --dir DIR"
DIR="$(realpath -m "$DIR")"
if [ "$COMMAND" = app ]; then
    [ -n "$APP_USER" ] || die "app needs --user ROLE"
    [ -n "$DATABASE" ] || die "app needs --database DB"
    [ -n "$PASSWORD_FILE" ] || die "app needs --password-file FILE"
fi
if [ -n "$ALLOW" ] && [ -z "$ALSO_LISTEN" ]; then
    die "--allow goes with --also-listen (the address the lab's network reaches the server on)"
fi

case "$COMMAND" in
    start) cmd_start ;;
    app) cmd_app ;;
    psql)
        is_running || die "no server running in $DIR"
        admin_psql "${PSQL_ARGS[@]}"
        ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
esac
