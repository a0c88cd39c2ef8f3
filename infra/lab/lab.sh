#!/usr/bin/env bash
# The lab: one Linux network namespace per provider, joined to the root namespace by veth pairs on a bridge.
#
#   lab.sh up N [--prefix NAME] [--subnet A.B.C.0/24]   create N provider namespaces (idempotent: an existing lab
#                                                        with the same prefix is torn down first)
#   lab.sh down [--prefix NAME]                         remove everything `up` made; safe after a crash, idempotent
#   lab.sh status [--prefix NAME]                       list what exists
#
# Layout for prefix P (default "lab") and subnet A.B.C.0/24 (default 10.77.0.0/24):
#   bridge  P-br  in the root namespace, address A.B.C.1/24 (the consumer lives here)
#   netns   P-p<i> with eth0 = A.B.C.(10+i)/24 and lo up; the peer end P-v<i> is enslaved to the bridge
# Only the /24 is routed: no default route is added anywhere, so traffic between the root namespace and the
# providers can only go over the bridge. `up` prints one machine-readable line per provider:
#   provider index=<i> netns=<ns> interface=eth0 address=<ip> bridge=<br> consumer=<bridge ip>
# Processes started in the namespaces (iperf3 servers) may write pid files to /run/auction-lab/<prefix>/;
# `down` kills them and every process still inside the namespaces (`ip netns pids`).
set -euo pipefail

PREFIX="lab"
SUBNET="10.77.0.0/24"
RUN_ROOT="${AUCTION_LAB_RUN_DIR:-/run/auction-lab}"

die() { echo "lab.sh: $*" >&2; exit 1; }

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
}

require_root() {
  [[ "$(id -u)" -eq 0 ]] || die "must run as root (creates network namespaces, veths and a bridge)"
  command -v ip >/dev/null || die "the ip command (iproute2) is not installed"
}

validate_prefix() {
  # Interface names are limited to 15 characters: "<prefix>-v<i>" must fit with i up to 999.
  [[ "$PREFIX" =~ ^[a-z][a-z0-9]{0,9}$ ]] ||
    die "--prefix '$PREFIX' must be 1-10 lower-case letters/digits starting with a letter"
}

subnet_base() {
  # 10.77.0.0/24 -> 10.77.0
  [[ "$SUBNET" =~ ^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.0/24$ ]] ||
    die "--subnet '$SUBNET' must be a /24 written A.B.C.0/24"
  local a="${BASH_REMATCH[1]}" b="${BASH_REMATCH[2]}" c="${BASH_REMATCH[3]}"
  if ! { [[ "$a" -eq 10 ]] || { [[ "$a" -eq 172 ]] && [[ "$b" -ge 16 ]] && [[ "$b" -le 31 ]]; } ||
    { [[ "$a" -eq 192 ]] && [[ "$b" -eq 168 ]]; }; }; then
    die "--subnet '$SUBNET' must be a private range (10/8, 172.16/12, 192.168/16)"
  fi
  [[ "$c" -le 255 ]] || die "--subnet '$SUBNET' is not an IPv4 network"
  echo "$a.$b.$c"
}

namespaces() {
  # Namespaces of this lab: exactly "<prefix>-p<digits>".
  ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^${PREFIX}-p[0-9]+$" | sort -V || true
}

kill_pids() {
  # kill_pids SIGNAL PID...: signal the given pids, ignoring ones already gone.
  local sig="$1"; shift
  local pid
  for pid in "$@"; do
    kill "-$sig" "$pid" 2>/dev/null || true
  done
}

cmd_down() {
  require_root
  validate_prefix
  local ns pids run_dir="$RUN_ROOT/$PREFIX" pidfile pid comm
  # 1. processes recorded in pid files (only if they are still iperf3: never kill a recycled pid)
  if [[ -d "$run_dir" ]]; then
    for pidfile in "$run_dir"/*.pid; do
      [[ -e "$pidfile" ]] || continue
      pid="$(tr -dc '0-9' <"$pidfile")"
      if [[ -n "$pid" ]] && comm="$(cat "/proc/$pid/comm" 2>/dev/null)" && [[ "$comm" == "iperf3" ]]; then
        kill_pids KILL "$pid"
      fi
      rm -f "$pidfile"
    done
    rmdir "$run_dir" 2>/dev/null || true
  fi
  # 2. every process still inside the namespaces, then the namespaces (their veth ends and ifbs go with them)
  for ns in $(namespaces); do
    mapfile -t pids < <(ip netns pids "$ns" 2>/dev/null || true)
    if [[ "${#pids[@]}" -gt 0 ]]; then
      kill_pids TERM "${pids[@]}"
      for _ in 1 2 3 4 5 6 7 8 9 10; do
        mapfile -t pids < <(ip netns pids "$ns" 2>/dev/null || true)
        [[ "${#pids[@]}" -eq 0 ]] && break
        sleep 0.1
      done
      [[ "${#pids[@]}" -gt 0 ]] && kill_pids KILL "${pids[@]}"
    fi
    ip netns del "$ns" 2>/dev/null || true
  done
  # 3. root-namespace leftovers: veth ends whose namespace vanished, ifbs named after the lab, the bridge
  local link
  for link in $(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1 |
    grep -E "^(${PREFIX}-v[0-9]+|${PREFIX}-ifb[0-9]*|${PREFIX}-br)$" || true); do
    ip link del "$link" 2>/dev/null || true
  done
  echo "down prefix=$PREFIX"
}

cmd_up() {
  local count="$1"
  require_root
  validate_prefix
  if ! [[ "$count" =~ ^[0-9]+$ ]] || [[ "$count" -lt 1 ]] || [[ "$count" -gt 240 ]]; then
    die "N must be a whole number from 1 to 240, got '$count'"
  fi
  local base br="${PREFIX}-br"
  base="$(subnet_base)"
  # Refuse a subnet another interface already uses: two bridges on one /24 would make routing ambiguous.
  if ip -4 -o addr show 2>/dev/null | awk '{print $2, $4}' | grep -v "^${br} " | grep -q " ${base}\.[0-9]*/"; then
    die "subnet $SUBNET is already used by another interface; pick another with --subnet"
  fi
  cmd_down >/dev/null
  mkdir -p "$RUN_ROOT/$PREFIX"

  ip link add "$br" type bridge
  ip addr add "${base}.1/24" dev "$br"
  ip link set "$br" up

  local i ns veth addr
  for ((i = 0; i < count; i++)); do
    ns="${PREFIX}-p${i}"
    veth="${PREFIX}-v${i}"
    addr="${base}.$((10 + i))"
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    # create the pair with the provider end directly inside the namespace, already named eth0
    ip link add "$veth" type veth peer name eth0 netns "$ns"
    ip link set "$veth" master "$br"
    ip link set "$veth" up
    ip -n "$ns" addr add "${addr}/24" dev eth0
    ip -n "$ns" link set eth0 up
    echo "provider index=$i netns=$ns interface=eth0 address=$addr bridge=$br consumer=${base}.1"
  done
}

cmd_status() {
  validate_prefix
  local br="${PREFIX}-br" ns
  if ip link show "$br" >/dev/null 2>&1; then
    echo "bridge $br $(ip -4 -o addr show dev "$br" | awk '{print $4}' | head -n1)"
  else
    echo "bridge $br absent"
  fi
  for ns in $(namespaces); do
    echo "netns $ns address=$(ip -n "$ns" -4 -o addr show dev eth0 2>/dev/null | awk '{print $4}' | head -n1)" \
      "pids=$(ip netns pids "$ns" 2>/dev/null | wc -l)" \
      "qdiscs=$(ip netns exec "$ns" tc qdisc show dev eth0 2>/dev/null | awk '{print $2}' | sort -u | paste -sd, -)"
  done
}

main() {
  [[ $# -ge 1 ]] || { usage; exit 2; }
  local cmd="$1"; shift
  local count=""
  if [[ "$cmd" == "up" ]]; then
    [[ $# -ge 1 ]] || die "up needs the number of providers: lab.sh up N"
    count="$1"; shift
  fi
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --prefix) [[ $# -ge 2 ]] || die "--prefix needs a value"; PREFIX="$2"; shift 2 ;;
      --subnet) [[ $# -ge 2 ]] || die "--subnet needs a value"; SUBNET="$2"; shift 2 ;;
      -h|--help) usage; exit 0 ;;
      *) die "unknown argument '$1'" ;;
    esac
  done
  case "$cmd" in
    up) cmd_up "$count" ;;
    down) cmd_down ;;
    status) cmd_status ;;
    -h|--help|help) usage ;;
    *) die "unknown command '$cmd' (use up, down or status)" ;;
  esac
}

main "$@"
