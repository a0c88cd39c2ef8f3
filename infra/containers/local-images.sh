#!/usr/bin/env bash
# Makes local stand-ins for the official base images on a machine that cannot pull them (no route to the
# registries), from this machine's own apt mirror and its own .NET install:
#   infra/containers/local-images.sh make [runtime|sdk|postgres ...]   (default: runtime postgres)
#   infra/containers/local-images.sh names                            (prints NAME=image lines)
#   infra/containers/local-images.sh remove                           (removes every image it made)
# The stand-ins have honest names under localhost/auction-local/ and are selected by the build arguments and
# variables of compose.yaml (SDK_IMAGE, RUNTIME_IMAGE, POSTGRES_IMAGE); they never carry an official name.
#   debian:bookworm   debootstrap --variant=minbase plus libicu72 libssl3 ca-certificates tzdata
#   dotnet-runtime    that plus the host's .NET runtimes (dotnet host, shared/) at /usr/share/dotnet
#   dotnet-sdk        that plus the host's whole .NET install, SDK included
#   postgres:15       Debian's PostgreSQL 15 with an entrypoint honouring POSTGRES_USER/PASSWORD/DB
# An image already present is kept (it is the cache across runs); `remove` then `make` rebuilds.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO_PREFIX=localhost/auction-local
DOTNET_ROOT_DIR="${DOTNET_ROOT:-/usr/share/dotnet}"
WORK_DIR="${AUCTION_IMAGES_WORK_DIR:-/var/tmp/auction-local-images}"

log() { echo "[local-images $(date -u +%H:%M:%S)] $*" >&2; }
die() { echo "local-images.sh: $*" >&2; exit 2; }

# The versions in the tags come from the host's install, so a newer host .NET makes a new image, not a stale one.
runtime_version() { "$DOTNET_ROOT_DIR/dotnet" --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" { v = $2 } END { print v }'; }
sdk_version() { "$DOTNET_ROOT_DIR/dotnet" --list-sdks | awk 'END { print $1 }'; }

base_image() { echo "$REPO_PREFIX/debian:bookworm"; }
runtime_image() { echo "$REPO_PREFIX/dotnet-runtime:$(runtime_version)"; }
sdk_image() { echo "$REPO_PREFIX/dotnet-sdk:$(sdk_version)"; }
postgres_image() { echo "$REPO_PREFIX/postgres:15"; }

have_image() { podman image exists "$1"; }

# The Debian mirror this machine's apt uses for bookworm main (deb822 .sources or one-line sources.list).
apt_mirror() {
    local uri
    uri="$(awk '
        /^URIs:/ { uris = $2 } /^Suites:/ { suites = $0 }
        /^$/ { if (suites ~ /bookworm( |$)/ && uris != "") { print uris; exit } uris = ""; suites = "" }
        END { if (suites ~ /bookworm( |$)/ && uris != "") print uris }' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)"
    if [ -z "$uri" ]; then
        uri="$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | head -1)"
    fi
    echo "${uri:-http://deb.debian.org/debian}"
}

make_rootfs() {
    local target="$WORK_DIR/rootfs"
    [ -f "$target/.complete" ] && return 0
    command -v debootstrap >/dev/null 2>&1 || die "debootstrap is not installed (apt-get install debootstrap)"
    rm -rf "$target"
    mkdir -p "$target"
    local mirror
    mirror="$(apt_mirror)"
    log "debootstrap --variant=minbase bookworm from $mirror"
    timeout 600 debootstrap --variant=minbase --include=libicu72,libssl3,ca-certificates,tzdata bookworm "$target" "$mirror" \
        >"$WORK_DIR/debootstrap.log" 2>&1 || { tail -5 "$WORK_DIR/debootstrap.log" >&2; die "debootstrap failed (log: $WORK_DIR/debootstrap.log)"; }
    rm -rf "$target"/var/cache/apt/archives/*.deb "$target"/var/lib/apt/lists/*
    touch "$target/.complete"
}

# Imports a copy of the rootfs with extra content added by the given function as one image.
import_rootfs() {
    local image="$1" add="$2" stage="$WORK_DIR/stage"
    rm -rf "$stage"
    cp -a "$WORK_DIR/rootfs" "$stage"
    rm -f "$stage/.complete"
    "$add" "$stage"
    tar -C "$stage" -c . | podman import --quiet \
        --change 'CMD ["bash"]' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV DOTNET_RUNNING_IN_CONTAINER=true' --change 'ENV DOTNET_NOLOGO=1' \
        --change 'ENV DOTNET_CLI_TELEMETRY_OPTOUT=1' - "$image" >/dev/null
    rm -rf "$stage"
    log "made $image"
}

add_nothing() { :; }
add_dotnet_runtime() {
    mkdir -p "$1/usr/share/dotnet"
    cp -a "$DOTNET_ROOT_DIR/dotnet" "$DOTNET_ROOT_DIR/host" "$DOTNET_ROOT_DIR/shared" "$1/usr/share/dotnet/"
    ln -sf /usr/share/dotnet/dotnet "$1/usr/bin/dotnet"
}
add_dotnet_sdk() {
    mkdir -p "$1/usr/share"
    cp -a "$DOTNET_ROOT_DIR" "$1/usr/share/dotnet"
    ln -sf /usr/share/dotnet/dotnet "$1/usr/bin/dotnet"
}

make_image() {
    local what="$1" image
    case "$what" in
        base) image="$(base_image)" ;;
        runtime) image="$(runtime_image)" ;;
        sdk) image="$(sdk_image)" ;;
        postgres) image="$(postgres_image)" ;;
        *) die "unknown image '$what' (runtime, sdk or postgres)" ;;
    esac
    if have_image "$image"; then
        log "$image is already here (kept)"
        return 0
    fi
    mkdir -p "$WORK_DIR"
    case "$what" in
        base) make_rootfs; import_rootfs "$image" add_nothing ;;
        runtime) make_rootfs; import_rootfs "$image" add_dotnet_runtime ;;
        sdk) make_rootfs; import_rootfs "$image" add_dotnet_sdk ;;
        postgres)
            make_image base
            log "building $image (Debian's postgresql-15)"
            podman build --quiet --layers --build-arg "BASE_IMAGE=$(base_image)" -t "$image" \
                -f "$HERE/images/postgres.Containerfile" "$HERE/images" >/dev/null
            log "made $image"
            ;;
    esac
}

case "${1:-}" in
    make)
        shift
        [ $# -gt 0 ] || set -- runtime postgres
        for what in "$@"; do make_image "$what"; done
        # The rootfs is only a step; the images are the cache.
        rm -rf "$WORK_DIR"
        ;;
    names)
        echo "SDK_IMAGE=$(sdk_image)"
        echo "RUNTIME_IMAGE=$(runtime_image)"
        echo "POSTGRES_IMAGE=$(postgres_image)"
        ;;
    remove)
        mapfile -t images < <(podman images --format '{{.Repository}}:{{.Tag}}' | grep "^$REPO_PREFIX/" || true)
        [ ${#images[@]} -eq 0 ] || podman rmi --force "${images[@]}" >/dev/null
        log "removed ${#images[@]} image(s) under $REPO_PREFIX/"
        ;;
    *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
