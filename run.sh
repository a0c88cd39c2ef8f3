#!/usr/bin/env bash
# The one command that runs the experiment on real shaped links:
#   ./run.sh [--providers N | --world FILE] [--config FILE] [--keep] [--simulated] [--no-tls] [--prefix P --subnet 10.X.Y.0/24]
# As root with network namespaces: installs what is missing (iperf3, iproute2, PostgreSQL 15), builds, starts a
# throwaway PostgreSQL, brings up the lab (one namespace per provider, shaped by tc, iperf3 servers), starts one
# provider silo per namespace and a consumer silo with the dashboard, waits until all are in the membership table,
# runs a short seeded experiment with both strategies, prints the summary and tears everything down on exit or
# Ctrl-C (--keep leaves it running; ./run.sh --down stops it later).
# Not root, or no network namespaces: the same experiment runs in one process in the simulated mode.
# --world FILE (docs/worlds.md): the providers are the world's (their ids and count, checked first with
# ./auction world check), each silo starts from its entry's initial state, and the experiment runs in that world.
# --prefix/--subnet run a second lab beside the default one (prefix auction, 10.77.0.0/24); stop it with
# ./run.sh --down --prefix P. The consumer silo uses ports 11111/30000 on the lab's bridge address.
# Every cluster connection is mutual TLS with certificates made for the run; --no-tls turns it off (only to
# measure what TLS costs). PostgreSQL takes passwords only; the password is in the state directory (0600).
# A kept lab's client environment (database, password, certificates) is in STATE_DIR/client.env (0600): ./auction
# loads it by itself (./auction --lab P picks one of several labs); `. STATE_DIR/client.env` loads it into a shell.
# ./run.sh --restart NAME (a provider id or consumer) stops one silo of a kept lab and starts it again with its own
# command and environment; ./run.sh --down stops it with the rest.
set -euo pipefail
CALLER_DIR="$(pwd)"
cd "$(dirname "$0")"
ROOT="$(pwd)"

PROVIDERS=10
PROVIDERS_GIVEN=0
WORLD=""
CONFIG="examples/lab-experiment.json"
KEEP=0
TLS=1
MODE=lab
PREFIX=auction
SUBNET_BASE=10.77.0
STATE_DIR=/run/auction-run
DASHBOARD_PORT="${DASHBOARD_PORT:-8080}"

log() { echo "[run] $*"; }
die() { echo "run.sh: $*" >&2; exit 2; }

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0; }

while [ $# -gt 0 ]; do
    case "$1" in
        --providers) [ $# -ge 2 ] || die "--providers needs a value"; PROVIDERS="$2"; PROVIDERS_GIVEN=1; shift 2 ;;
        --world) [ $# -ge 2 ] || die "--world needs a world file"; WORLD="$2"; shift 2 ;;
        --config) [ $# -ge 2 ] || die "--config needs a value"; CONFIG="$2"; shift 2 ;;
        --keep) KEEP=1; shift ;;
        --no-tls) TLS=0; shift ;;
        --simulated) MODE=simulated; shift ;;
        --down) MODE=down; shift ;;
        --restart) [ $# -ge 2 ] || die "--restart needs a silo name (a provider id or consumer)"; MODE=restart; RESTART="$2"; shift 2 ;;
        --prefix) [ $# -ge 2 ] || die "--prefix needs a value"; PREFIX="$2"; shift 2 ;;
        --subnet) [ $# -ge 2 ] || die "--subnet needs a value"; SUBNET_BASE="${2%.0/24}"; [ "$SUBNET_BASE.0/24" = "$2" ] || die "--subnet must be a /24 written A.B.C.0/24, got '$2'"; shift 2 ;;
        -h | --help) usage ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
[[ "$PREFIX" =~ ^[a-z][a-z0-9]{0,7}$ ]] || die "--prefix must be 1-8 lowercase letters or digits starting with a letter, got '$PREFIX'"
[ "$PREFIX" = auction ] || STATE_DIR="/run/auction-run-$PREFIX"
if ! [[ "$PROVIDERS" =~ ^[0-9]+$ ]] || [ "$PROVIDERS" -lt 2 ] || [ "$PROVIDERS" -gt 100 ]; then
    die "--providers must be a whole number from 2 to 100, got '$PROVIDERS'"
fi
[ -f "$CONFIG" ] || die "--config: no such file '$CONFIG'"
if [ -n "$WORLD" ]; then
    [ "$PROVIDERS_GIVEN" -eq 0 ] || die "--providers and --world cannot both be given: the world names its providers"
    [ -f "$WORLD" ] || die "--world: no such file '$WORLD'"
    WORLD="$(realpath "$WORLD")" # the silos run from other directories and namespaces
fi

SILO=(dotnet "$ROOT/Silo/bin/Release/net10.0/Auction.Silo.dll")
CLIENT=(dotnet "$ROOT/Client/bin/Release/net10.0/Auction.Client.dll")

free_port() {
    local port
    for ((port = 25432; port < 26432; port++)); do
        ss -Htln "sport = :$port" | grep -q . || { echo "$port"; return 0; }
    done
    die "no free TCP port in 25432-26431 for PostgreSQL"
}

# ---------------------------------------------------------------------------------------------- teardown
stop_pids() {
    # SIGTERM, then SIGKILL after 20 s: silos stop their iperf3 servers and remove their shaping on SIGTERM.
    local pids=("$@") deadline
    [ ${#pids[@]} -gt 0 ] || return 0
    kill -TERM "${pids[@]}" 2>/dev/null || true
    deadline=$((SECONDS + 20))
    for pid in "${pids[@]}"; do
        while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
        kill -KILL "$pid" 2>/dev/null || true
    done
}

teardown() {
    [ -d "$STATE_DIR" ] || return 0
    log "stopping the silos, the lab and PostgreSQL"
    local pids=()
    [ -f "$STATE_DIR/pids" ] && mapfile -t pids <"$STATE_DIR/pids"
    stop_pids "${pids[@]}"
    infra/lab/lab.sh down --prefix "$PREFIX" >/dev/null 2>&1 || true
    if [ -f "$STATE_DIR/pgdir" ]; then
        infra/postgres/pg.sh stop --dir "$(cat "$STATE_DIR/pgdir")" >/dev/null 2>&1 || true
        rm -rf "$(cat "$STATE_DIR/pgdir")"
    fi
    rm -rf "$STATE_DIR"
}

if [ "$MODE" = down ]; then
    teardown
    exit 0
fi

launch_silo() {
    # launch_silo NAME NETNS|"" ENV...: a silo in the background, its output appended to $STATE_DIR/NAME.log, its pid
    # tracked (pids: what --down stops; NAME.pid: the live one, for --restart)
    local name="$1" ns="$2"
    shift 2
    if [ -n "$ns" ]; then
        ip netns exec "$ns" env "$@" "${SILO[@]}" >>"$STATE_DIR/$name.log" 2>&1 &
    else
        env "$@" "${SILO[@]}" >>"$STATE_DIR/$name.log" 2>&1 &
    fi
    echo $! >>"$STATE_DIR/pids"
    echo $! >"$STATE_DIR/$name.pid"
}

if [ "$MODE" = restart ]; then
    [ -d "$STATE_DIR" ] || die "--restart: no kept lab is up ($STATE_DIR does not exist); start one with ./run.sh --keep"
    [[ "$RESTART" =~ ^[a-z][a-z0-9-]{0,39}$ ]] || die "--restart: the silo name must be consumer or a provider id, got '${RESTART:0:60}'"
    [ -f "$STATE_DIR/$RESTART.cmd" ] || die "--restart: this lab has no silo '$RESTART' (it has: $(find "$STATE_DIR" -maxdepth 1 -name '*.cmd' -printf '%f ' | sed 's/\.cmd / /g'))"
    # shellcheck disable=SC1090  # written by start_silo below: SILO_NS and SILO_ENV, shell-quoted
    source "$STATE_DIR/$RESTART.cmd"
    old="$(cat "$STATE_DIR/$RESTART.pid" 2>/dev/null || true)"
    if [ -n "$old" ] && kill -0 "$old" 2>/dev/null; then
        log "stopping $RESTART (pid $old)"
        stop_pids "$old"
    fi
    launch_silo "$RESTART" "$SILO_NS" "${SILO_ENV[@]}"
    log "started $RESTART again (pid $(cat "$STATE_DIR/$RESTART.pid"), log $STATE_DIR/$RESTART.log); ./run.sh --down$([ "$PREFIX" = auction ] || echo " --prefix $PREFIX") stops it with the rest"
    exit 0
fi

# ---------------------------------------------------------------------------------------------- can we run a lab?
if [ "$MODE" = lab ]; then
    if [ "$(id -u)" -ne 0 ]; then
        log "not root: network namespaces and tc need root, so this runs the simulated mode in one process"
        MODE=simulated
    elif ! ip netns add "${PREFIX}-probe$$" 2>/dev/null; then
        log "network namespaces are not available here: running the simulated mode in one process"
        MODE=simulated
    else
        ip netns del "${PREFIX}-probe$$"
    fi
fi

# ---------------------------------------------------------------------------------------------- prerequisites
# shellcheck source=SCRIPTDIR/infra/prerequisites.sh
source infra/prerequisites.sh
install_missing() {
    local packages
    mapfile -t packages < <(prerequisites_missing "${LAB_PACKAGES[@]}")
    [ ${#packages[@]} -eq 0 ] && return 0
    log "installing ${packages[*]}"
    prerequisites_install "${packages[@]}"
}
[ "$MODE" = lab ] && install_missing

release_is_current() {
    # Both Release programs exist and no file of their projects is newer than either: a build would change nothing
    # (./test.sh builds just before its lab test runs this). Unsure means stale: then dotnet build decides.
    local silo_dll="$ROOT/Silo/bin/Release/net10.0/Auction.Silo.dll" client_dll="$ROOT/Client/bin/Release/net10.0/Auction.Client.dll"
    [ -f "$silo_dll" ] && [ -f "$client_dll" ] || return 1
    local oldest="$silo_dll"
    [ "$client_dll" -nt "$silo_dll" ] || oldest="$client_dll"
    [ -z "$(find Silo Client Grains Grains.Interfaces infra/sql Directory.Build.props Directory.Build.targets Directory.Packages.props \
        \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$oldest" -print -quit)" ]
}
if release_is_current; then
    log "the Release build is current (no source newer than it): not building"
else
    log "building (Release)"
    dotnet build "$ROOT/Auction.Orleans.sln" -c Release -v quiet -nologo >/dev/null
fi

# The providers: provider-0 … provider-(N-1), or the world's, in its order (ids it would be refused for named at once).
PROVIDER_IDS=()
WORLD_RUN=()
if [ -n "$WORLD" ]; then
    world_ids="$("${CLIENT[@]}" world check "$WORLD")" || die "--world: '$WORLD' is not a world this run can use (its problems above)"
    mapfile -t PROVIDER_IDS <<<"$world_ids"
    PROVIDERS=${#PROVIDER_IDS[@]}
    for id in "${PROVIDER_IDS[@]}"; do
        # the consumer silo and the client have certificates and log files of these names
        if [ "$id" = consumer ] || [ "$id" = client ]; then die "--world: a provider of a lab cannot be called '$id' (the consumer silo and the client are); rename it in '$WORLD'"; fi
    done
    [ "$PROVIDERS" -le 100 ] || die "--world: the lab runs at most 100 provider silos, '$WORLD' has $PROVIDERS providers"
    WORLD_RUN=(--world "$WORLD")
else
    for ((i = 0; i < PROVIDERS; i++)); do PROVIDER_IDS+=("provider-$i"); done
fi

if [ "$MODE" = simulated ]; then
    log "simulated mode: $PROVIDERS providers in one in-process silo, every row marked simulated"
    if [ -n "$WORLD" ]; then
        exec "${CLIENT[@]}" experiment run --simulated "${WORLD_RUN[@]}" --config "$CONFIG" --strategy both
    fi
    exec "${CLIENT[@]}" experiment run --simulated --simulated-providers "$PROVIDERS" --config "$CONFIG" --strategy both
fi

# ---------------------------------------------------------------------------------------------- the lab
[ ! -d "$STATE_DIR" ] || die "a run is already up ($STATE_DIR exists); stop it with ./run.sh --down"
mkdir -p "$STATE_DIR"
chmod 700 "$STATE_DIR" # holds the database password (and the cluster keys)
: >"$STATE_DIR/pids"
if [ "$KEEP" -eq 0 ]; then
    trap teardown EXIT
    trap 'exit 130' INT TERM
fi

# Mutual TLS: a fresh cluster CA per run and one certificate per member, keys 0600 in the state directory; a
# provider's certificate names its id (provider:ID: a provider whatever the world calls it).
infra/certs/make-certs.sh "$STATE_DIR/certs" consumer client "${PROVIDER_IDS[@]/#/provider:}" >/dev/null
tls_env() {
    if [ "$TLS" -eq 0 ]; then echo "Auction__Tls__Enabled=false"; return; fi
    echo "Auction__Tls__CaFile=$STATE_DIR/certs/ca.crt" "Auction__Tls__CertificateFile=$STATE_DIR/certs/$1.crt" "Auction__Tls__KeyFile=$STATE_DIR/certs/$1.key"
}

log "bringing up the lab: $PROVIDERS provider namespaces on bridge ${PREFIX}-br ($SUBNET_BASE.0/24)"
infra/lab/lab.sh up "$PROVIDERS" --prefix "$PREFIX" --subnet "$SUBNET_BASE.0/24" >/dev/null
BRIDGE_IP="$SUBNET_BASE.1"

PGDIR="$(mktemp -d /tmp/auction-pg.XXXXXX)"
echo "$PGDIR" >"$STATE_DIR/pgdir"
PGPORT="$(free_port)"
log "starting PostgreSQL on 127.0.0.1 and $BRIDGE_IP, port $PGPORT (password logins; the silos use role auction, not a superuser)"
infra/postgres/pg.sh start --dir "$PGDIR" --port "$PGPORT" --also-listen "$BRIDGE_IP" --allow "$SUBNET_BASE.0/24" >/dev/null
# A fresh random password per run, readable by root only; it reaches the silos and the client in their environment.
(umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$STATE_DIR/pg-password")
infra/postgres/pg.sh app --dir "$PGDIR" --user auction --database auction --password-file "$STATE_DIR/pg-password" >/dev/null
PGPASSWORD="$(cat "$STATE_DIR/pg-password")"
export PGPASSWORD
CONNECTION="Host=$BRIDGE_IP;Port=$PGPORT;Username=auction;Password=$PGPASSWORD;Database=auction"
ConnectionStrings__Auction="$CONNECTION" "${CLIENT[@]}" db migrate >/dev/null
# What a client (./auction, psql) needs to reach this lab, as shell lines: ./auction loads the file by itself,
# `. FILE` loads it into a shell. 0600 (in the 0700 state directory): it holds the password.
(umask 077 && {
    echo "# The client environment of the lab '$PREFIX' (./run.sh --keep): load it with  . $STATE_DIR/client.env"
    printf 'export ConnectionStrings__Auction=%q\n' "$CONNECTION"
    if [ "$TLS" -eq 1 ]; then
        echo "export Auction__Tls__Enabled=true"
        for setting in $(tls_env client); do printf 'export %s=%q\n' "${setting%%=*}" "${setting#*=}"; done
    else
        echo "export Auction__Tls__Enabled=false"
    fi
    printf 'export PGHOST=%q PGPORT=%q PGUSER=auction PGDATABASE=auction PGPASSWORD=%q\n' "$BRIDGE_IP" "$PGPORT" "$PGPASSWORD"
} >"$STATE_DIR/client.env")

start_silo() {
    # start_silo NAME NETNS|"" ENV...: launch_silo, remembering the command for ./run.sh --restart NAME
    local name="$1" ns="$2"
    shift 2
    # 0600: the environment holds the database password
    (umask 077 && { printf 'SILO_NS=%q\n' "$ns"; printf 'SILO_ENV=('; printf '%q ' "$@"; printf ')\n'; } >"$STATE_DIR/$name.cmd")
    launch_silo "$name" "$ns" "$@"
}

COMMON=(ConnectionStrings__Auction="$CONNECTION" Auction__Network__Mode=lab Auction__Database__Migrate=false
    DOTNET_gcServer=0 Logging__LogLevel__Default=Warning)
log "starting the consumer silo (dashboard on http://127.0.0.1:$DASHBOARD_PORT)"
# The consumer's outbox lives beside the lab's state, so a restarted consumer replays what its predecessor left.
# shellcheck disable=SC2046 # tls_env prints three words without spaces inside
start_silo consumer "" "${COMMON[@]}" $(tls_env consumer) Auction__Role=consumer Auction__Cluster__AdvertisedAddress="$BRIDGE_IP" \
    Auction__Database__OutboxDirectory="$STATE_DIR/outbox" \
    Auction__Dashboard__Urls="http://127.0.0.1:$DASHBOARD_PORT"
# Provider silos are small and mostly idle. Every silo's runtimeconfig already says workstation non-concurrent GC,
# no tiered PGO and no thread-pool spinning (Silo/Silo.csproj); these two have no runtimeconfig name: a 4 MB gen0
# budget instead of one sized by the L3 cache, no W^X double mapping of JIT code (docs/performance.md).
PROVIDER_RUNTIME=(DOTNET_GCgen0size=0x400000 DOTNET_EnableWriteXorExecute=0)
# With a world, each silo reads it and takes its own entry's initial state instead of the reference topology's.
WORLD_ENV=()
[ -z "$WORLD" ] || WORLD_ENV=(Auction__World__File="$WORLD")
for ((i = 0; i < PROVIDERS; i++)); do
    id="${PROVIDER_IDS[$i]}"
    address="$SUBNET_BASE.$((10 + i))"
    # shellcheck disable=SC2046
    start_silo "$id" "${PREFIX}-p$i" "${COMMON[@]}" $(tls_env "$id") "${PROVIDER_RUNTIME[@]}" "${WORLD_ENV[@]}" Auction__Role=provider Auction__Provider__Id="$id" \
        Auction__ReferenceProviders="$PROVIDERS" \
        Auction__Provider__AdvertisedHost="$address" Auction__Cluster__AdvertisedAddress="$address" \
        Auction__Cluster__GatewayPort=0 Auction__Provider__RunDirectory="/run/auction-lab/$PREFIX"
done

log "waiting for $((PROVIDERS + 1)) silos to be Active in the membership table (each provider silo shapes its link and starts its iperf3 servers first; up to 180 s)"
deadline=$((SECONDS + 180))
last_active=""
while :; do
    active="$(psql -h 127.0.0.1 -p "$PGPORT" -U auction -d auction -tAc \
        "SELECT count(*) FROM orleansmembershiptable WHERE status = 3" 2>/dev/null || echo 0)"
    [ "${active:-0}" -ge $((PROVIDERS + 1)) ] && break
    [ "${active:-0}" = "$last_active" ] || { log "  ${active:-0} of $((PROVIDERS + 1)) silos Active"; last_active="${active:-0}"; }
    while read -r pid; do
        kill -0 "$pid" 2>/dev/null || { tail -n 5 "$STATE_DIR"/*.log >&2; die "a silo exited during start-up (logs above, all in $STATE_DIR)"; }
    done <"$STATE_DIR/pids"
    [ $SECONDS -lt $deadline ] || die "only ${active:-0} of $((PROVIDERS + 1)) silos became Active within 180 s (logs in $STATE_DIR)"
    sleep 1
done
log "cluster is up: $active silos; dashboard at http://127.0.0.1:$DASHBOARD_PORT"

# In the background so that a SIGTERM/Ctrl-C to this script reaches the client at once (bash runs traps only
# between foreground commands): the client stops firing, drains, marks the experiment interrupted.
# AUCTION_COMMAND: the client's hints ("see it again with: ...") name ./auction as the caller can paste it, with
# --lab when other labs are up (./auction picks a lab by itself only when there is one).
AUCTION_COMMAND="$(printf '%q' "$ROOT/auction")"
[ "$CALLER_DIR" != "$ROOT" ] || AUCTION_COMMAND=./auction
[ "$(find /run -maxdepth 1 -name 'auction-run*' -type d | wc -l)" -le 1 ] || AUCTION_COMMAND+=" --lab $PREFIX"
# shellcheck disable=SC2046
env ConnectionStrings__Auction="$CONNECTION" $(tls_env client) AUCTION_COMMAND="$AUCTION_COMMAND" "${CLIENT[@]}" experiment run --config "$CONFIG" --strategy both --providers all \
    --min-providers "$PROVIDERS" "${WORLD_RUN[@]}" &
CLIENT_PID=$!
trap 'kill -TERM "$CLIENT_PID" 2>/dev/null || true' INT TERM
client_status=0
wait "$CLIENT_PID" || client_status=$?
# A signal interrupts the first wait; the second one waits for the client's own orderly stop.
if kill -0 "$CLIENT_PID" 2>/dev/null; then wait "$CLIENT_PID" || client_status=$?; fi
[ "$KEEP" -eq 1 ] || trap 'exit 130' INT TERM
if [ "$KEEP" -eq 1 ]; then
    [ "$client_status" -eq 0 ] || log "the experiment client exited with $client_status"
    log "left running (--keep): dashboard http://127.0.0.1:$DASHBOARD_PORT, database \"${CONNECTION/Password=*;/Password=(in $STATE_DIR/pg-password);}\"; stop with ./run.sh --down$([ "$PREFIX" = auction ] || echo " --prefix $PREFIX")"
    log "$AUCTION_COMMAND finds this lab by itself (e.g. $AUCTION_COMMAND results); a shell (psql, the client's dll) gets its environment with:"
    echo ". $STATE_DIR/client.env"
fi
exit "$client_status"
