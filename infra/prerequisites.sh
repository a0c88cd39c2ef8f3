# shellcheck shell=bash
# The Debian packages the scripts and the application image need, in one place; sourced (not run) by test.sh, run.sh,
# infra/containers/podman-compose.sh and the image builds, which decide themselves what to say and what to do when not root:
#   mapfile -t missing < <(prerequisites_missing "${LAB_PACKAGES[@]}")   the ones not installed, one a line, each once
#   prerequisites_install "${missing[@]}"                                 apt-get, non-interactively (root)
# shellcheck disable=SC2034 # the lists are read by the scripts that source this file

# run.sh's lab: iperf3 servers and tc shaping in the namespaces, iptables for a world's link outages, a throwaway
# PostgreSQL 15 (server and psql), and the cluster's CA and member certificates.
LAB_PACKAGES=(iperf3 iproute2 iptables postgresql-client-15 openssl postgresql-15)

# infra/containers/podman-compose.sh: compose.yaml under podman with docker-compose on its API socket; netavark (and
# aardvark-dns for service names) rather than CNI, which Debian's podman may fall back to; debootstrap makes the
# local base images; iptables and curl for the firewall's state and the registry probes.
CONTAINER_PACKAGES=(podman runc debootstrap docker-compose iptables curl netavark aardvark-dns)

# The application image's own packages (infra/Dockerfile and infra/containers/images/app-published.Containerfile
# install this list): tc and ss (iproute2) shape a provider's link and close its flows, iptables takes the link down
# for a world's outage, iperf3 serves and measures the flows, openssl makes the cluster's certificates (certs).
IMAGE_PACKAGES=(iproute2 iptables iperf3 openssl)

# test.sh: what the integration tests need.
TEST_PACKAGES=(
    iperf3                     # the network-namespace tests move real flows
    shellcheck                 # lints the scripts
    docker-compose             # validates compose.yaml (no Docker engine needed)
    postgresql-15              # the PostgreSQL tests start a private server with infra/postgres/pg.sh
    openssl                    # the test fixtures make the cluster's CA and member certificates
    "${CONTAINER_PACKAGES[@]}" # the container deployment's test runs compose.yaml under podman
)

# How a package shows it is there: the command (or, starting with /, the file) it is needed for, whichever way it was
# installed; failing that, or with none given, dpkg's record of the package.
declare -A PREREQUISITE_PROBES=(
    [iperf3]=iperf3 [iproute2]=tc [openssl]=openssl [postgresql-client-15]=psql
    [postgresql-15]=/usr/lib/postgresql/15/bin/pg_ctl [shellcheck]=shellcheck [docker-compose]=docker-compose
    [podman]=podman [runc]=runc [debootstrap]=debootstrap [iptables]=iptables [curl]=curl
    [netavark]="" [aardvark-dns]=""
)

# prerequisites_missing PACKAGE...: prints each PACKAGE that is not installed, once, in the order given.
prerequisites_missing() {
    local -A seen=()
    local package probe
    for package in "$@"; do
        [[ -z "${seen[$package]:-}" ]] || continue
        seen[$package]=1
        probe="${PREREQUISITE_PROBES[$package]:-}"
        if [[ "$probe" == /* ]]; then
            [[ -x "$probe" ]] && continue
        elif [[ -n "$probe" ]]; then
            command -v "$probe" >/dev/null 2>&1 && continue
        fi
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" && continue
        echo "$package"
    done
}

# prerequisites_install PACKAGE...: installs them with apt-get (needs root). A PostgreSQL server package comes
# without the distribution's default cluster, so nothing starts listening on 5432: the scripts start their own.
prerequisites_install() {
    [[ $# -gt 0 ]] || return 0
    if printf '%s\n' "$@" | grep -q '^postgresql'; then
        mkdir -p /etc/postgresql-common
        grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf ||
            echo "create_main_cluster = false" >>/etc/postgresql-common/createcluster.conf
    fi
    timeout 300 apt-get update -qq
    DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
