#!/usr/bin/env bash
# Runs the container deployment (compose.yaml, unchanged) on a machine without a Docker engine, under podman and
# docker-compose talking to podman's API socket:
#   infra/containers/podman-compose.sh [run]        up, one experiment through the client service, summary, down
#   infra/containers/podman-compose.sh up           installs what is missing, makes images, starts the stack
#   infra/containers/podman-compose.sh compose ARGS docker-compose ARGS against the running stack
#   infra/containers/podman-compose.sh podman ARGS  podman ARGS with this stack's settings (exec, logs, kill)
#   infra/containers/podman-compose.sh wait [N [SECONDS]]  waits for N Active silos (default 11, 240 s)
#   infra/containers/podman-compose.sh experiment [ARGS]   experiment run through the client service
#   infra/containers/podman-compose.sh down [--images]     removes containers, networks, volumes, firewall chains
#                                                          (--images: also the images this script made)
# Options (before the command): --project NAME (default auction), --dashboard-port N (default 8080),
#   --build host|container (host: publish with this machine's .NET and copy it in, the default when the SDK
#   stand-in would be this machine's own .NET; container: infra/Dockerfile through docker-compose build),
#   --prebuilt (host build: reuse the Release build already in the tree, no compiling),
#   --world FILE (up, run: every provider starts from the world file, compose.world.yaml on top; it must name
#   provider-0 … provider-9; the client sees it at /etc/auction/world.json, and the default experiment runs in it).
#   Without --world, an .env whose COMPOSE_FILE names compose.world.yaml gives the world by its WORLD_FILE.
# Base images: official ones when their registry answers, else local stand-ins (local-images.sh); SDK_IMAGE,
# RUNTIME_IMAGE and POSTGRES_IMAGE in the environment win. With a working Docker engine, use `docker compose`.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PROJECT=auction
DASHBOARD_PORT="${DASHBOARD_PORT:-8080}"
BUILD_MODE=""
PREBUILT=0
WORLD=""
APP_IMAGE=auction-orleans
STATE_ROOT=/run/auction-containers

log() { echo "[containers $(date -u +%H:%M:%S)] $*" >&2; }
die() { echo "podman-compose.sh: $*" >&2; exit 2; }
usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0; }

while [ $# -gt 0 ]; do
    case "$1" in
        --project) [ $# -ge 2 ] || die "--project needs a value"; PROJECT="$2"; shift 2 ;;
        --dashboard-port) [ $# -ge 2 ] || die "--dashboard-port needs a value"; DASHBOARD_PORT="$2"; shift 2 ;;
        --build) [ $# -ge 2 ] || die "--build needs a value"; BUILD_MODE="$2"; shift 2 ;;
        --prebuilt) PREBUILT=1; shift ;;
        --world) [ $# -ge 2 ] || die "--world needs a world file"; WORLD="$2"; shift 2 ;;
        -h | --help) usage ;;
        -*) die "unknown option '$1' (see --help)" ;;
        *) break ;;
    esac
done
COMMAND="${1:-run}"
[ $# -gt 0 ] && shift
[[ "$PROJECT" =~ ^[a-z][a-z0-9]{0,15}$ ]] || die "--project must be 1-16 lowercase letters or digits starting with a letter, got '${PROJECT:0:60}'"
[[ "$DASHBOARD_PORT" =~ ^[0-9]{2,5}$ ]] || die "--dashboard-port must be a port number, got '${DASHBOARD_PORT:0:60}'"
case "$BUILD_MODE" in "" | host | container) ;; *) die "--build must be host or container, got '${BUILD_MODE:0:60}'" ;; esac
if [ -n "$WORLD" ]; then
    [ "$COMMAND" = up ] || [ "$COMMAND" = run ] || die "--world goes with up or run (the stack keeps its world until down), not with '${COMMAND:0:60}'"
    [ -f "$WORLD" ] || die "--world: no such file '${WORLD:0:200}'"
fi
STATE="$STATE_ROOT/$PROJECT"
SOCKET="$STATE/podman.sock"
# This stack's podman settings once up writes them; before that (and for a down without a stack) the system's.
if [ -f "$STATE/containers.conf" ] || [ "$COMMAND" = up ] || [ "$COMMAND" = run ]; then
    export CONTAINERS_CONF="$STATE/containers.conf"
else
    unset CONTAINERS_CONF
fi

# ------------------------------------------------------------------------------------------------ prerequisites
# shellcheck source=SCRIPTDIR/../prerequisites.sh
source "$ROOT/infra/prerequisites.sh"
install_missing() {
    local missing
    mapfile -t missing < <(prerequisites_missing "${CONTAINER_PACKAGES[@]}")
    [ ${#missing[@]} -eq 0 ] && return 0
    [ "$(id -u)" -eq 0 ] || die "${missing[*]} missing and not root to install them"
    log "installing ${missing[*]} with apt-get"
    prerequisites_install "${missing[@]}"
}

# ------------------------------------------------------------------------------------------------ quirks
# Every quirk is tested for and its work-around written to this run's containers.conf (CONTAINERS_CONF replaces
# the system's, so the file also carries the defaults that matter).
write_containers_conf() {
    local ulimits="$1" runtime="$2"
    {
        echo "# Written by podman-compose.sh for project $PROJECT; see docs/containers.md."
        echo "[containers]"
        [ -n "$ulimits" ] && echo "default_ulimits = [$ulimits]"
        echo "[engine]"
        [ -n "$runtime" ] && echo "runtime = \"$runtime\""
        echo "[network]"
        echo 'network_backend = "netavark"'
    } >"$CONTAINERS_CONF"
}

detect_quirks() {
    local runtime="" ulimits="" probe_image="$1" out
    # crun on cgroups v1 with the hybrid layout fails ("cgroups in hybrid mode not supported"); runc copes.
    if [ "$(stat -fc %T /sys/fs/cgroup)" != cgroup2fs ] && command -v runc >/dev/null 2>&1; then
        runtime=runc
        echo "runtime: runc (cgroups v1/hybrid here)" >>"$STATE/quirks"
    fi
    write_containers_conf "" "$runtime"
    # podman raises RLIMIT_NOFILE/NPROC above what a sandboxed host may grant ("error setting rlimit type 7"):
    # try this process's own hard limits, then smaller ones, until a container starts.
    out="$(timeout 60 podman run --rm --pull=never --network=none "$probe_image" true 2>&1)" && return 0
    grep -q "rlimit" <<<"$out" || die "a test container fails: ${out:0:200}"
    local nofile nproc
    for nofile in "$(ulimit -Hn)" 20000 8192; do
        for nproc in "$(ulimit -Hu)" 32768 8192; do
            [ "$nofile" = unlimited ] && nofile=1048576
            [ "$nproc" = unlimited ] && nproc=1048576
            ulimits="\"nofile=$nofile:$nofile\", \"nproc=$nproc:$nproc\""
            write_containers_conf "$ulimits" "$runtime"
            if out="$(timeout 60 podman run --rm --pull=never --network=none "$probe_image" true 2>&1)"; then
                echo "rlimits: default_ulimits = [$ulimits] (podman's defaults are refused here)" >>"$STATE/quirks"
                return 0
            fi
        done
    done
    die "a test container still fails after the rlimit work-arounds: ${out:0:200}"
}

registry_reachable() { curl -sS -m 5 -o /dev/null "https://$1/v2/" 2>/dev/null; }

# Official images where their registries answer; local stand-ins otherwise. Explicit variables always win.
choose_images() {
    local names sdk runtime postgres
    names="$("$HERE/local-images.sh" names)"
    sdk="$(sed -n 's/^SDK_IMAGE=//p' <<<"$names")"
    runtime="$(sed -n 's/^RUNTIME_IMAGE=//p' <<<"$names")"
    postgres="$(sed -n 's/^POSTGRES_IMAGE=//p' <<<"$names")"
    if [ -z "${RUNTIME_IMAGE:-}" ] || [ -z "${SDK_IMAGE:-}" ]; then
        if registry_reachable mcr.microsoft.com; then
            export SDK_IMAGE="${SDK_IMAGE:-mcr.microsoft.com/dotnet/sdk:10.0}" RUNTIME_IMAGE="${RUNTIME_IMAGE:-mcr.microsoft.com/dotnet/aspnet:10.0}"
        else
            echo "registry: mcr.microsoft.com unreachable, local .NET images" >>"$STATE/quirks"
            export SDK_IMAGE="${SDK_IMAGE:-$sdk}" RUNTIME_IMAGE="${RUNTIME_IMAGE:-$runtime}"
        fi
    fi
    if [ -z "${POSTGRES_IMAGE:-}" ]; then
        if registry_reachable registry-1.docker.io; then
            export POSTGRES_IMAGE=postgres:15
        else
            echo "registry: Docker Hub unreachable, local PostgreSQL image" >>"$STATE/quirks"
            export POSTGRES_IMAGE="$postgres"
        fi
    fi
    [ -n "$BUILD_MODE" ] || { [ "$SDK_IMAGE" = "$sdk" ] && BUILD_MODE=host || BUILD_MODE=container; }
    LOCAL_IMAGES=()
    [ "$RUNTIME_IMAGE" = "$runtime" ] && LOCAL_IMAGES+=(runtime)
    [ "$POSTGRES_IMAGE" = "$postgres" ] && LOCAL_IMAGES+=(postgres)
    if [ "$BUILD_MODE" = container ] && [ "$SDK_IMAGE" = "$sdk" ]; then LOCAL_IMAGES+=(sdk); fi
    {
        echo "SDK_IMAGE=$SDK_IMAGE"
        echo "RUNTIME_IMAGE=$RUNTIME_IMAGE"
        echo "POSTGRES_IMAGE=$POSTGRES_IMAGE"
    } >"$STATE/images.env"
}

# ------------------------------------------------------------------------------------------------ podman service
start_service() {
    if curl -s -m 2 --unix-socket "$SOCKET" http://d/_ping >/dev/null 2>&1; then return 0; fi
    rm -f "$SOCKET"
    # No systemd here to socket-activate podman.socket: run the API service ourselves for this stack's lifetime.
    setsid podman system service --time=0 "unix://$SOCKET" >>"$STATE/podman-service.log" 2>&1 </dev/null &
    echo $! >"$STATE/podman-service.pid"
    local deadline=$((SECONDS + 30))
    until curl -s -m 2 --unix-socket "$SOCKET" http://d/_ping >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || die "podman's API service did not answer on $SOCKET within 30 s (log: $STATE/podman-service.log)"
        sleep 0.3
    done
}

# podman schedules healthchecks with systemd timers; without systemd nobody runs them and `depends_on:
# service_healthy` waits forever. This loop runs them every 2 s for this project's containers, and ends with the
# API service.
start_healthchecks() {
    [ -d /run/systemd/system ] && return 0
    echo "healthchecks: no systemd, a loop runs podman healthcheck run every 2 s" >>"$STATE/quirks"
    local service_pid
    service_pid="$(cat "$STATE/podman-service.pid" 2>/dev/null || echo 0)"
    (
        while kill -0 "$service_pid" 2>/dev/null; do
            for id in $(podman ps -q --filter "label=com.docker.compose.project=$PROJECT" 2>/dev/null); do
                if [ "$(podman inspect --format '{{if .Config.Healthcheck}}yes{{end}}' "$id" 2>/dev/null)" = yes ]; then
                    timeout 30 podman healthcheck run "$id" >/dev/null 2>&1 || true
                fi
            done
            sleep 2
        done
    ) </dev/null >/dev/null 2>&1 &
    echo $! >"$STATE/healthcheck.pid"
}

stop_pidfile() {
    local file="$1" pid
    [ -f "$file" ] || return 0
    pid="$(cat "$file")"
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
}

compose() {
    local env_file="$STATE/compose.env"
    [ -f "$env_file" ] || die "no stack '$PROJECT' is up (run: $0 --project $PROJECT up)"
    # shellcheck disable=SC1091
    set -a && . "$STATE/images.env" && set +a
    local files=(-f "$ROOT/compose.yaml") world=""
    if [ -f "$STATE/world" ]; then
        world="$(cat "$STATE/world")"
        files+=(-f "$ROOT/compose.world.yaml")
    fi
    DOCKER_HOST="unix://$SOCKET" COMPOSE_PROJECT_NAME="$PROJECT" DASHBOARD_PORT="$DASHBOARD_PORT" WORLD_FILE="$world" \
        timeout "${COMPOSE_TIMEOUT:-600}" docker-compose --project-directory "$ROOT" "${files[@]}" --env-file "$env_file" "$@"
}

# ------------------------------------------------------------------------------------------------ firewall state
netavark_chains() { { iptables-save 2>/dev/null; ip6tables-save 2>/dev/null; } | sed -n 's/^:\(NETAVARK[^ ]*\) .*/\1/p' | sort -u; }

# Removes the NETAVARK chains that were not there before `up`, once no podman container is left to need them; only
# those chains and the rules that jump to them, nothing else of the firewall.
remove_new_chains() {
    [ -f "$STATE/chains.before" ] || return 0
    if [ -n "$(podman ps -aq 2>/dev/null)" ]; then
        log "other podman containers exist: netavark's shared chains are left for them"
        return 0
    fi
    local tool table chain rule
    for tool in iptables ip6tables; do
        command -v "$tool" >/dev/null 2>&1 || continue
        for table in filter nat mangle; do
            mapfile -t chains < <("$tool-save" -t "$table" 2>/dev/null | sed -n 's/^:\(NETAVARK[^ ]*\) .*/\1/p')
            for chain in "${chains[@]}"; do
                grep -qx "$chain" "$STATE/chains.before" && continue
                # Rules elsewhere that jump to it, then its own rules, then the chain.
                mapfile -t rules < <("$tool" -t "$table" -S 2>/dev/null | grep -E -- "-j $chain( |$)" | grep -v "^-A $chain " || true)
                for rule in "${rules[@]}"; do
                    # xargs splits the way iptables quoted it (comments hold spaces).
                    xargs "$tool" -t "$table" <<<"${rule/#-A/-D}" 2>/dev/null || true
                done
                "$tool" -t "$table" -F "$chain" 2>/dev/null || true
            done
            for chain in "${chains[@]}"; do
                grep -qx "$chain" "$STATE/chains.before" || "$tool" -t "$table" -X "$chain" 2>/dev/null || true
            done
        done
    done
}

# ------------------------------------------------------------------------------------------------ world
# The world of this stack: --world, else WORLD_FILE of an .env whose COMPOSE_FILE names compose.world.yaml (as
# `docker compose` would take it); none: the reference topology. Printed as an absolute path, or nothing.
chosen_world() {
    if [ -n "$WORLD" ]; then
        realpath "$WORLD"
        return 0
    fi
    [ -f "$ROOT/.env" ] || return 0
    local files file
    files="$(sed -n 's/^COMPOSE_FILE=//p' "$ROOT/.env" | tail -1)"
    [[ "$files" == *compose.world.yaml* ]] || return 0
    file="$(sed -n 's/^WORLD_FILE=//p' "$ROOT/.env" | tail -1)"
    [ -n "$file" ] || die ".env: COMPOSE_FILE names compose.world.yaml but WORLD_FILE is not set (docs/containers.md)"
    [[ "$file" == ./* || "$file" == /* ]] || die ".env: WORLD_FILE must be a path starting with ./ or /, got '${file:0:200}'"
    [[ "$file" == /* ]] || file="$ROOT/${file#./}"
    [ -f "$file" ] || die ".env: WORLD_FILE: no such file '${file:0:200}'"
    realpath "$file"
}

# The ten provider services fix the world's ids. With the host's Release build of the client, `world check` names
# every problem of the file and its ids, compared here with the services'; without one, each provider silo refuses
# a world it cannot use at start-up, in one sentence.
check_world() {
    local world="$1" client="$ROOT/Client/bin/Release/net10.0/Auction.Client.dll" ids expected missing extra
    if [ ! -f "$client" ] || ! command -v dotnet >/dev/null 2>&1; then
        log "no Release build of the client here: the provider silos check the world '$world' at start-up"
        return 0
    fi
    ids="$(timeout 120 dotnet "$client" world check "$world")" || die "--world: '${world:0:200}' is not a world the containers can use (its problems above)"
    expected="$(printf 'provider-%s\n' 0 1 2 3 4 5 6 7 8 9 | sort)"
    ids="$(sort <<<"$ids")"
    missing="$(comm -23 <(echo "$expected") <(echo "$ids") | paste -sd, -)"
    extra="$(comm -13 <(echo "$expected") <(echo "$ids") | paste -sd, -)"
    [ -z "$missing$extra" ] ||
        die "--world: '${world:0:200}' must name exactly the provider services provider-0 … provider-9, it lacks ${missing:-none} and has ${extra:-none} besides"
}

# ------------------------------------------------------------------------------------------------ commands
prepare_env_file() {
    # The operator's .env when there is one, else .env.example with a fresh random password.
    if [ -f "$ROOT/.env" ]; then
        cp "$ROOT/.env" "$STATE/compose.env"
    else
        sed -e "s/^POSTGRES_PASSWORD=.*/POSTGRES_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')/" \
            -e "s/^AUCTION_DB_PASSWORD=.*/AUCTION_DB_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')/" \
            "$ROOT/.env.example" >"$STATE/compose.env"
    fi
    chmod 600 "$STATE/compose.env"
}

build_app_image() {
    if [ "$BUILD_MODE" = container ]; then
        # The host trusts a TLS-inspecting proxy; the build container must too (NuGet restore), only when asked.
        if [ "${TRUST_HOST_CA:-1}" = 1 ] && [ -z "${CA_BUNDLE:-}" ] && ! registry_reachable mcr.microsoft.com; then
            cp /etc/ssl/certs/ca-certificates.crt "$ROOT/.build-ca.pem"
            export CA_BUNDLE=.build-ca.pem
            echo "CA_BUNDLE=$CA_BUNDLE" >>"$STATE/images.env"
            echo "tls: the host's CA bundle is trusted in the build container (CA_BUNDLE)" >>"$STATE/quirks"
        fi
        log "building $APP_IMAGE from infra/Dockerfile (SDK $SDK_IMAGE)"
        compose build migrate
        return 0
    fi
    local context="$STATE/app-context" no_build=()
    [ "$PREBUILT" = 1 ] && no_build=(--no-build)
    rm -rf "$context"
    mkdir -p "$context"
    log "publishing Silo and Client with this machine's .NET"
    for project in Silo Client; do
        local out="$context/app/${project,,}"
        timeout 600 dotnet publish "$ROOT/$project/$project.csproj" -c Release "${no_build[@]}" -o "$out" -nologo -v quiet >"$STATE/publish.log" 2>&1 ||
            { tail -20 "$STATE/publish.log" >&2; die "dotnet publish $project failed"; }
    done
    # the image's packages are IMAGE_PACKAGES of infra/prerequisites.sh, as in infra/Dockerfile
    cp "$ROOT/infra/prerequisites.sh" "$context/prerequisites.sh"
    log "building $APP_IMAGE on $RUNTIME_IMAGE"
    podman build --quiet --layers --build-arg "RUNTIME_IMAGE=$RUNTIME_IMAGE" -t "$APP_IMAGE" \
        --label auction.built-by=podman-compose -f "$HERE/images/app-published.Containerfile" "$context" >/dev/null
    rm -rf "$context"
    # The image this build replaced, untagged now; the cached layers below it stay.
    podman image prune --force --filter label=auction.built-by=podman-compose >/dev/null 2>&1 || true
}

cmd_up() {
    [ "$(id -u)" -eq 0 ] || die "running the stack under podman needs root (privileged provider containers shape their links)"
    local world
    world="$(chosen_world)"
    [ -z "$world" ] || check_world "$world"
    mkdir -p "$STATE"
    : >"$STATE/quirks"
    if [ -n "$world" ]; then echo "$world" >"$STATE/world"; else rm -f "$STATE/world"; fi
    if timeout 5 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
        log "note: a Docker engine answers here; 'docker compose up -d' runs this stack with no work-arounds"
    fi
    install_missing
    [ -f "$STATE/chains.before" ] || netavark_chains >"$STATE/chains.before"
    [ -f "$STATE/ip_forward.before" ] || sysctl -n net.ipv4.ip_forward >"$STATE/ip_forward.before"
    prepare_env_file
    # compose bind-mounts ./results into the client; remember whether it was there, so down can tidy it.
    [ -d "$ROOT/results" ] || { mkdir -p "$ROOT/results" && touch "$STATE/results.created"; }
    write_containers_conf "" ""
    choose_images
    if [ ${#LOCAL_IMAGES[@]} -gt 0 ]; then
        # The imports run no container; the postgres build does, so the quirks are known before it.
        local imports=(base) item
        for item in "${LOCAL_IMAGES[@]}"; do [ "$item" = postgres ] || imports+=("$item"); done
        "$HERE/local-images.sh" make "${imports[@]}"
        detect_quirks localhost/auction-local/debian:bookworm
        "$HERE/local-images.sh" make "${LOCAL_IMAGES[@]}"
    else
        detect_quirks "$RUNTIME_IMAGE"
    fi
    start_service
    build_app_image
    start_healthchecks
    log "starting the stack (project $PROJECT${world:+, world $world})"
    compose up -d --no-build
    log "up; quirks handled:"
    sed 's/^/  /' "$STATE/quirks" >&2
}

# Active silos in the membership table, read inside the postgres container (no port is published for it).
active_silos() {
    # shellcheck disable=SC2016 # expanded by the container's shell, from its own environment
    podman exec "${PROJECT}_postgres_1" sh -c 'psql -U "$POSTGRES_USER" -d "$POSTGRES_DB" -tAc "SELECT count(*) FROM orleansmembershiptable WHERE status = 3"' 2>/dev/null | tr -dc 0-9
}

cmd_wait() {
    local want="${1:-11}" limit="${2:-240}" deadline count=0
    deadline=$((SECONDS + limit))
    log "waiting for $want Active silos (at most $limit s)"
    while [ $SECONDS -lt $deadline ]; do
        count="$(active_silos)"
        [ "${count:-0}" -ge "$want" ] && { log "$count silos Active"; return 0; }
        sleep 2
    done
    echo "podman-compose.sh: only ${count:-0} of $want silos became Active within $limit s" >&2
    exit 3
}

cmd_experiment() {
    if [ $# -eq 0 ]; then
        set -- --config /app/examples/lab-experiment.json --strategy both --providers all
        # the stack's world, where compose.world.yaml mounts it in the client too
        [ -f "$STATE/world" ] && set -- "$@" --world /etc/auction/world.json
    fi
    compose run --rm -T client experiment run "$@"
}

cmd_down() {
    local remove_images=0
    [ "${1:-}" = --images ] && remove_images=1
    local containers=()
    if [ -f "$STATE/compose.env" ]; then
        start_service
        mapfile -t containers < <(podman ps -aq --no-trunc --filter "label=com.docker.compose.project=$PROJECT")
        log "removing the stack (project $PROJECT): containers, networks, volumes"
        compose --profile tools down -v --remove-orphans --timeout 20 >/dev/null 2>&1 ||
            compose down -v --remove-orphans --timeout 20 || true
    fi
    stop_pidfile "$STATE/healthcheck.pid"
    stop_pidfile "$STATE/podman-service.pid"
    # An exec session (healthcheck, psql) still attached when its container stops can leave its conmon behind.
    local id pid
    for id in "${containers[@]}"; do
        for pid in $(pgrep -f "conmon --api-version 1 -c $id" || true); do kill "$pid" 2>/dev/null || true; done
    done
    [ -f "$STATE/results.created" ] && rmdir "$ROOT/results" 2>/dev/null
    if [ "$remove_images" = 1 ]; then
        podman rmi --force "$APP_IMAGE" >/dev/null 2>&1 || true
        "$HERE/local-images.sh" remove
        podman image prune --force >/dev/null 2>&1 || true
    fi
    remove_new_chains
    # netavark switches IPv4 forwarding on; switch it back off when it was off and no container is left.
    if [ "$(cat "$STATE/ip_forward.before" 2>/dev/null || echo 1)" = 0 ] && [ -z "$(podman ps -aq 2>/dev/null)" ]; then
        sysctl -qw net.ipv4.ip_forward=0
    fi
    rm -f "$ROOT/.build-ca.pem"
    rm -rf "$STATE"
    log "down"
}

cmd_run() {
    trap 'cmd_down' EXIT
    trap 'exit 130' INT TERM
    cmd_up
    cmd_wait 11
    cmd_experiment "$@"
}

main() {
    case "$COMMAND" in
        up) cmd_up ;;
        down) cmd_down "$@" ;;
        experiment) cmd_experiment "$@" ;;
        wait) cmd_wait "$@" ;;
        compose) compose "$@" ;;
        podman) [ -n "${CONTAINERS_CONF:-}" ] || die "no stack '$PROJECT' is up"; timeout "${PODMAN_TIMEOUT:-300}" podman "$@" ;;
        run) cmd_run "$@" ;;
        *) die "unknown command '${COMMAND:0:60}' (up, run, experiment, compose, down; see --help)" ;;
    esac
}

# One line, read whole before it runs: editing this file during a run cannot shift what bash reads next.
main "$@"; exit $?
