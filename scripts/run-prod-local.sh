#!/usr/bin/env bash
# Try the production configuration on this machine: production settings, gunicorn
# with 2 workers and the machine's PostgreSQL, served on http://$HOST:$PORT.
#
# The database `intranet_prod_local` is made with the role from postgres-url.sh
# (or set DATABASE_URL). Secret key, static files and media live in .prod-local/.
# Plain http on 127.0.0.1 has no TLS proxy in front, so the HTTPS redirect and
# secure cookies are switched off here (never do that on a real server).
set -euo pipefail
cd "$(dirname "$0")/.."
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
LOCAL=.prod-local
mkdir -p "$LOCAL"

if [[ -z "${DATABASE_URL:-}" ]]; then
  server=$(bash scripts/postgres-url.sh)
  server=${server%/*}
  if ! psql "$server/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = 'intranet_prod_local'" | grep -q 1; then
    psql -q "$server/postgres" -c "CREATE DATABASE intranet_prod_local"
  fi
  DATABASE_URL="$server/intranet_prod_local"
fi
[[ -s "$LOCAL/secret-key" ]] || .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))' > "$LOCAL/secret-key"

export DJANGO_SETTINGS_MODULE=intranet.settings.production
export DATABASE_URL
export SECRET_KEY="$(cat "$LOCAL/secret-key")"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-$HOST,localhost,127.0.0.1}"
export EMAIL_URL="${EMAIL_URL:-consolemail://}"
export DEFAULT_FROM_EMAIL="${DEFAULT_FROM_EMAIL:-intranett@kommune.invalid}"
export WAGTAILADMIN_BASE_URL="http://$HOST:$PORT"
export STATIC_ROOT="$LOCAL/static" MEDIA_ROOT="$LOCAL/media"
export SECURE_SSL_REDIRECT=false SECURE_COOKIES=false
export GUNICORN_BIND="$HOST:$PORT" GUNICORN_WORKERS="${GUNICORN_WORKERS:-2}"

.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/python manage.py collectstatic --no-input -v 0
.venv/bin/python manage.py seed_demo --if-empty
echo "Serving the production configuration on http://$HOST:$PORT (Ctrl+C stops it)"
exec .venv/bin/gunicorn -c gunicorn.conf.py
