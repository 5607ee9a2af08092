#!/usr/bin/env bash
# The production setup on 127.0.0.1: gunicorn with several workers and the production
# settings, PostgreSQL, Redis (cache and sessions), the background worker and the scheduler.
#   deploy/prod-local.sh start|stop|check|status
set -euo pipefail
cd "$(dirname "$0")/.."
RUN=var/prod
mkdir -p "$RUN"
PORT="${PORT:-8001}"
DB="${PROD_LOCAL_DB:-tfh_prod_local}"

ensure_services() {
    if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
        echo "Starting PostgreSQL…"
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
        for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
    fi
    if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
        echo "Starting Redis…"
        redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
            --dir /var/lib/redis --logfile /var/log/redis/ci.log
        for _ in $(seq 1 20); do redis-cli ping >/dev/null 2>&1 && break; sleep 0.5; done
    fi
}

write_env() {
    if [ ! -f "$RUN/env" ]; then
        key=$(.venv/bin/python -c "import secrets; print(secrets.token_urlsafe(64))")
        cat > "$RUN/env" <<ENV
export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY=$key
export ALLOWED_HOSTS=127.0.0.1,localhost
export CSRF_TRUSTED_ORIGINS=http://127.0.0.1:$PORT,http://localhost:$PORT
export SITE_URL=http://127.0.0.1:$PORT
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB
export DATABASE_CONN_MAX_AGE=60
export REDIS_URL=redis://127.0.0.1:6379/1
export MEDIA_ROOT=$PWD/$RUN/media
export VAR_DIR=$PWD/$RUN
export EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
export HEALTHZ_TOKEN=$(.venv/bin/python -c "import secrets; print(secrets.token_hex(16))")
# No TLS on 127.0.0.1; a real deployment terminates TLS in front and keeps this on.
export SECURE_SSL_REDIRECT=0
export BIND=127.0.0.1:$PORT
ENV
    fi
    # shellcheck disable=SC1091
    source "$RUN/env"
    if [ -n "${ELASTICSEARCH_URL:-}" ]; then export ELASTICSEARCH_URL; fi
}

stop_pid() {
    local file="$RUN/$1.pid"
    if [ -f "$file" ] && kill -0 "$(cat "$file")" 2>/dev/null; then
        # A supervised process leads its own process group: stop the loop and the command.
        kill -- "-$(cat "$file")" 2>/dev/null || kill "$(cat "$file")"
        echo "stopped $1"
    fi
    rm -f "$file"
}

# Like a service manager's restart-always: the worker and the scheduler exit when the database
# goes away (a restart, a failover) and are started again two seconds later.
supervise() {
    local name=$1
    shift
    setsid bash -c 'while :; do "$@"; echo "exited with $?; starting again in 2 s" >&2; sleep 2; done' \
        "$name" "$@" > "$RUN/$name.log" 2>&1 < /dev/null &
    echo $! > "$RUN/$name.pid"
}

case "${1:-start}" in
start)
    ensure_services
    write_env
    fresh=0
    if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1; then
        psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $DB"
        fresh=1
    fi
    .venv/bin/python manage.py migrate --no-input -v0
    .venv/bin/python manage.py collectstatic --no-input -v0
    if [ "$fresh" = 1 ]; then
        echo "New database: loading the demo content (seed_demo --force)."
        .venv/bin/python manage.py seed_demo --force | tail -n 3
    fi
    "$0" stop >/dev/null 2>&1 || true
    .venv/bin/gunicorn -c deploy/gunicorn.conf.py config.wsgi --daemon --pid "$RUN/gunicorn.pid" \
        --access-logfile "$RUN/access.log" --error-logfile "$RUN/gunicorn.log" --capture-output
    supervise worker .venv/bin/python manage.py db_worker
    supervise scheduler .venv/bin/python manage.py run_scheduler
    for _ in $(seq 1 60); do
        curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
        sleep 1
    done
    echo
    echo "Production setup running at http://127.0.0.1:$PORT  (logs in $RUN/, stop with make prod-stop)"
    curl -s -H "Authorization: Bearer $HEALTHZ_TOKEN" "http://127.0.0.1:$PORT/healthz"; echo
    ;;
stop)
    stop_pid scheduler
    stop_pid worker
    stop_pid gunicorn
    ;;
check)
    write_env
    # The deploy check judges the real production configuration, TLS redirect included.
    SECURE_SSL_REDIRECT=1 .venv/bin/python manage.py check --deploy --fail-level WARNING
    echo "healthz:"
    curl -s -w "  HTTP %{http_code}\n" -H "Authorization: Bearer $HEALTHZ_TOKEN" "http://127.0.0.1:$PORT/healthz"
    ;;
status)
    for p in gunicorn worker scheduler; do
        if [ -f "$RUN/$p.pid" ] && kill -0 "$(cat "$RUN/$p.pid")" 2>/dev/null; then echo "$p: running"; else echo "$p: stopped"; fi
    done
    ;;
*)
    echo "usage: $0 start|stop|check|status" >&2
    exit 2
    ;;
esac
