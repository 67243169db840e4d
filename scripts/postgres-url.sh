#!/usr/bin/env bash
# Print a DATABASE_URL for the test run against PostgreSQL.
#
# Uses $DATABASE_URL when set. Otherwise it talks to the local server on
# 127.0.0.1:5432 (starting the machine's cluster with pg_ctlcluster if it is down),
# creates a throwaway role with CREATEDB and prints its URL. pytest-django creates
# and drops the test database itself.
set -euo pipefail

if [[ -n "${DATABASE_URL:-}" ]]; then
  echo "$DATABASE_URL"
  exit 0
fi

PGHOST=127.0.0.1
PGPORT=5432
ADMIN=${PGADMIN_USER:-postgres}

if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  if command -v pg_ctlcluster >/dev/null; then
    version=$(ls /etc/postgresql | sort -V | tail -1)
    echo "Starting PostgreSQL $version ..." >&2
    pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2
    for _ in $(seq 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 1; done
  fi
fi
if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  echo "No PostgreSQL on $PGHOST:$PGPORT. Start one or set DATABASE_URL." >&2
  exit 1
fi

ROLE=intranet_test
psql -q -h "$PGHOST" -p "$PGPORT" -U "$ADMIN" -d postgres -v ON_ERROR_STOP=1 >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$ROLE';
  END IF;
END \$\$;
SQL
echo "postgres://$ROLE:$ROLE@$PGHOST:$PGPORT/intranet_test"
