#!/usr/bin/env bash
# Run once by the postgres image when its data volume is new (mounted into /docker-entrypoint-initdb.d):
# creates the application role the silos and the client use (a login role that is not a superuser) and gives it
# the database, then locks the administrator out of TCP and replaces the image's trust lines with passwords.
set -euo pipefail
: "${AUCTION_DB_USER:?set AUCTION_DB_USER in .env}" "${AUCTION_DB_PASSWORD:?set AUCTION_DB_PASSWORD in .env}"
[ "$AUCTION_DB_USER" != "$POSTGRES_USER" ] || { echo "AUCTION_DB_USER must differ from POSTGRES_USER (the administrator)" >&2; exit 2; }

psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres -q -v role="$AUCTION_DB_USER" -v db="${POSTGRES_DB:-auction}" <<SQL
\\set pw '${AUCTION_DB_PASSWORD//\'/\'\'}'
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L', :'role', :'pw') \\gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'role') \\gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \\gexec
SQL

# pg_hba.conf is read top-down: the administrator is refused on TCP before any password line can match, and the
# socket inside the container asks for passwords too (no trust line anywhere).
hba="$PGDATA/pg_hba.conf"
sed -i -E 's/[[:space:]]trust$/ scram-sha-256/' "$hba"
sed -i "1i host all $POSTGRES_USER all reject" "$hba"
