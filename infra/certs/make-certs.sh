#!/usr/bin/env bash
# Makes the cluster's TLS material with openssl: a certificate authority (once) and one certificate per member.
#
#   make-certs.sh DIR NAME...      e.g. make-certs.sh /run/auction-run/certs consumer client provider-0 provider:wifi-1
#
# DIR/ca.crt and DIR/ca.key are made when missing and reused otherwise (delete DIR to rotate everything);
# DIR/NAME.crt and DIR/NAME.key are made for every NAME that has none yet. A member's certificate names it in its
# common name and its role in its organisational unit: provider-* are providers (a provider silo may serve only
# the provider id its certificate names), consumer* consumers, anything else a client; provider:NAME makes NAME a
# provider whatever it is called (a world's provider ids). Keys are EC P-256, mode 0600; certificates are valid
# for DAYS days (environment, default 365).
set -euo pipefail

die() {
    echo "make-certs.sh: $*" >&2
    exit 2
}

case "${1:-}" in
    -h | --help)
        sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
esac
[ $# -ge 2 ] || die "usage: make-certs.sh DIR NAME... (make-certs.sh --help says more)"
command -v openssl >/dev/null || die "openssl is not installed (apt-get install openssl)"
DIR="$1"
shift
DAYS="${DAYS:-365}"
[[ "$DAYS" =~ ^[0-9]{1,4}$ ]] || die "DAYS must be a whole number of days, got '$DAYS'"

umask 077
mkdir -p "$DIR"
chmod 700 "$DIR"

if [ ! -f "$DIR/ca.crt" ] || [ ! -f "$DIR/ca.key" ]; then
    openssl ecparam -name prime256v1 -genkey -noout -out "$DIR/ca.key" 2>/dev/null
    openssl req -x509 -new -key "$DIR/ca.key" -sha256 -days "$DAYS" -subj "/O=auction/CN=auction cluster CA" \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -out "$DIR/ca.crt" 2>/dev/null
fi

names=()
for member in "$@"; do
    name="${member#provider:}"
    [[ "$name" =~ ^[a-z][a-z0-9-]{0,62}$ ]] || die "a member name must be lowercase letters, digits and dashes, got '$member'"
    names+=("$name")
    [ ! -f "$DIR/$name.crt" ] || continue
    case "$member" in
        provider:* | provider-*) role=provider ;;
        consumer*) role=consumer ;;
        *) role=client ;;
    esac
    openssl ecparam -name prime256v1 -genkey -noout -out "$DIR/$name.key" 2>/dev/null
    openssl req -new -key "$DIR/$name.key" -subj "/O=auction/OU=$role/CN=$name" -out "$DIR/$name.csr" 2>/dev/null
    printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
        "extendedKeyUsage=serverAuth,clientAuth" "subjectAltName=DNS:auction-cluster,DNS:$name" >"$DIR/$name.ext"
    openssl x509 -req -in "$DIR/$name.csr" -CA "$DIR/ca.crt" -CAkey "$DIR/ca.key" -CAcreateserial -sha256 \
        -days "$DAYS" -extfile "$DIR/$name.ext" -out "$DIR/$name.crt" 2>/dev/null
    rm -f "$DIR/$name.csr" "$DIR/$name.ext"
done
chmod 600 "$DIR"/*.key
chmod 644 "$DIR"/*.crt
echo "certificates in $DIR: ca.crt and ${names[*]}"
