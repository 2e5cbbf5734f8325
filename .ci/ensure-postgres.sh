#!/usr/bin/env bash
# Makes sure the local PostgreSQL accepts connections on 127.0.0.1:5432, starting the cluster if needed.
# Exits non-zero if it cannot, so CI fails loudly instead of skipping the PostgreSQL suites.
set -euo pipefail

host=127.0.0.1
ready() { pg_isready -h "$host" -q; }

if ready; then
  echo "PostgreSQL is accepting connections on $host"
else
  versions=$(ls /etc/postgresql 2>/dev/null || true)
  if [ -z "$versions" ]; then
    echo "PostgreSQL is not installed (/etc/postgresql is empty)" >&2
    exit 1
  fi
  for version in $versions; do
    echo "Starting PostgreSQL $version/main"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  for _ in $(seq 1 60); do
    ready && break
    sleep 1
  done
  if ! ready; then
    echo "PostgreSQL did not start accepting connections on $host within 60 s" >&2
    exit 1
  fi
  echo "PostgreSQL started and is accepting connections on $host"
fi

# The test database (trust auth for postgres@127.0.0.1), created if missing.
database_url=${KYC_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}
if ! psql "$database_url" -Atc 'SELECT 1' >/dev/null 2>&1; then
  admin_url=${database_url%/*}/postgres
  database=${database_url##*/}
  psql "$admin_url" -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$database\"" >/dev/null
  echo "Created database $database"
fi
psql "$database_url" -Atc 'SELECT 1' >/dev/null
echo "PostgreSQL test database is ready: $database_url"
