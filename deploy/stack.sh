#!/usr/bin/env bash
# `make stack`: the production topology on this machine, all on 127.0.0.1, production settings.
#   PostgreSQL (the machine's server) and Redis (the machine's, or started here);
#   two gunicorn app servers (:8101, :8102) behind nginx (https :8443, http :8080 redirecting),
#   with a self-signed certificate made on the spot; the django-tasks-db worker; the scheduler
#   (django-crontask); an SMTP sink (aiosmtpd) that keeps every message in .stack/mail/.
# Runs the README's operator commands first. `make stack-stop` (this script with "stop") ends it.
#
#   deploy/stack.sh stop-one app-8102|worker|scheduler|smtp   stop one process (a fault, a drill)
#   deploy/stack.sh start-one app-8102|worker|scheduler|smtp  start it again with the same settings
# STACK_SETTINGS picks the settings module (lms.settings.production unless told otherwise; the
# browser suite runs on lms.settings.stack_e2e, production plus demo accounts).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIR=$ROOT/.stack
PY=$ROOT/.venv/bin/python
HTTPS_PORT=${STACK_HTTPS_PORT:-8443}
HTTP_PORT=${STACK_HTTP_PORT:-8080}
APP_PORTS=(${STACK_APP_PORTS:-8101 8102})
SMTP_PORT=${STACK_SMTP_PORT:-8025}
DB=${STACK_DB:-lms_stack}
PG_PORT=${STACK_PG_PORT:-5432}
REDIS=${STACK_REDIS_URL:-redis://127.0.0.1:6379/1}
REDIS_PORT=$("$PY" -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).port or 6379)' "$REDIS")

stop() {
  for pidfile in "$DIR"/run/*.pid; do
    [ -e "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    # A supervised process is its own process group (loop and child); gunicorn is not.
    { kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null; } && echo "stopped $(basename "$pidfile" .pid) ($pid)"
    rm -f "$pidfile"
  done
}

stop_one() {
  local pidfile="$DIR/run/$1.pid"
  [ -e "$pidfile" ] || { echo "$1 is not running (no $pidfile)" >&2; return 1; }
  kill -- "-$(cat "$pidfile")" 2>/dev/null || kill "$(cat "$pidfile")" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.2; done
  rm -f "$pidfile"
  echo "stopped $1"
}

# The worker and the scheduler are restarted whenever they exit (a database restart ends the
# worker), as systemd's Restart=always does in production; each runs in its own process group,
# so stopping it stops the loop and the process.
supervised() {
  local name=$1; shift
  setsid nohup bash -c 'while :; do "$@"; echo "$(date -Is) exited with $?; starting again in 2 s"; sleep 2; done' \
    supervise "$@" >>"$DIR/log/$name.log" 2>&1 &
  echo $! >"$DIR/run/$name.pid"
}

start_one() {
  case "$1" in
    app-*)
      # --preload: the app is imported once, before the fork, so a worker that replaces one
      # (killed, recycled, or after a HUP) serves at once instead of importing it again.
      # --max-requests with jitter: each worker is replaced after 10,000-11,000 requests, a guard
      # against slow memory growth; with the jitter no two are replaced at the same moment.
      # PostgreSQL's timeouts stay below --timeout (lms/settings/production.py,
      # docs/decisions/0142). With --preload a HUP restarts the workers from the code already
      # loaded: after a deploy, start the app servers again (stop-one, start-one).
      gunicorn lms.wsgi --bind "127.0.0.1:${1#app-}" --workers 2 --threads 4 --timeout 60 \
        --preload --max-requests 10000 --max-requests-jitter 1000 --graceful-timeout 30 \
        --pid "$DIR/run/$1.pid" --daemon --error-logfile "$DIR/log/$1.log" ;;
    smtp)
      nohup python -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$DIR/mail" \
        >>"$DIR/log/smtp.log" 2>&1 &
      echo $! >"$DIR/run/smtp.pid" ;;
    worker) supervised worker python manage.py db_worker --no-reload ;;
    scheduler) supervised scheduler python manage.py crontask --no-heartbeat ;;
    *) echo "unknown process $1: app-PORT, worker, scheduler or smtp" >&2; return 1 ;;
  esac
}

if [ "${1:-}" = stop ]; then stop; exit 0; fi
if [ "${1:-}" = stop-one ]; then stop_one "${2:?name a process: app-PORT, worker, scheduler or smtp}"; exit; fi
if [ "${1:-}" = start-one ]; then
  # The settings the stack was started with (written below when it started).
  [ -s "$DIR/env" ] || { echo "The stack has not been started (no $DIR/env): run make stack." >&2; exit 1; }
  set -a; . "$DIR/env"; set +a
  export PATH="$ROOT/.venv/bin:$PATH" SECRET_KEY; SECRET_KEY=$(cat "$DIR/secret-key")
  SMTP_PORT=$EMAIL_PORT
  start_one "${2:?name a process: app-PORT, worker, scheduler or smtp}"
  exit
fi

need() { command -v "$1" >/dev/null || { echo "$1 is missing: install the Debian package $2 (deploy/debian-packages.txt)" >&2; exit 1; }; }
need nginx nginx-light
need openssl openssl
need createdb postgresql-client
need redis-server redis-server
# The sink's Maildir: Python's mailbox makes new/, cur/ and tmp/ only when it makes the folder.
mkdir -p "$DIR/run" "$DIR/log" "$DIR/mail"/{new,cur,tmp} "$DIR/nginx" "$DIR/media" "$DIR/private-media"
stop >/dev/null

if ! pg_isready -h 127.0.0.1 -p "$PG_PORT" -q; then
  # The cluster that listens on PG_PORT (the machine's "main" on 5432).
  read -r version cluster < <(pg_lsclusters -h | awk -v port="$PG_PORT" '$3 == port {print $1, $2; exit}')
  pg_ctlcluster --skip-systemctl-redirect "${version:?no PostgreSQL cluster on port $PG_PORT}" "$cluster" start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p "$PG_PORT" -q && break; sleep 1; done
fi
if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --daemonize yes --pidfile "$DIR/run/redis.pid"
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 1; done
fi
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -lqt | cut -d'|' -f1 | grep -qw "$DB" \
  || createdb -h 127.0.0.1 -p "$PG_PORT" -U postgres "$DB"
# The cache holds copies of database rows (accounts, the training's tree, pages): a stack
# started on another or a recreated database must not read an earlier one's. Sessions are
# written through to the database, so nobody is signed out by this.
redis-cli -u "$REDIS" FLUSHDB >/dev/null

# The environment the README's operator section names.
[ -s "$DIR/secret-key" ] || "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$DIR/secret-key"
[ -s "$DIR/admin-password" ] || "$PY" -c 'import secrets; print(secrets.token_urlsafe(12))' >"$DIR/admin-password"
export PATH="$ROOT/.venv/bin:$PATH"
export DJANGO_SETTINGS_MODULE=${STACK_SETTINGS:-lms.settings.production}
export SECRET_KEY; SECRET_KEY=$(cat "$DIR/secret-key")
export ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/$DB"
export REDIS_URL=$REDIS
export TRUSTED_PROXY_COUNT=1
export WAGTAILADMIN_BASE_URL="https://127.0.0.1:$HTTPS_PORT"
export EMAIL_HOST=127.0.0.1 EMAIL_PORT=$SMTP_PORT
export MEDIA_ROOT=$DIR/media PRIVATE_MEDIA_ROOT=$DIR/private-media
export PRIVATE_MEDIA_ACCEL_PREFIX=/_private/
export PROGRAM_NAME=${PROGRAM_NAME:-Peer Mentor Program}
for name in DJANGO_SETTINGS_MODULE ALLOWED_HOSTS DATABASE_URL REDIS_URL TRUSTED_PROXY_COUNT \
  WAGTAILADMIN_BASE_URL EMAIL_HOST EMAIL_PORT MEDIA_ROOT PRIVATE_MEDIA_ROOT \
  PRIVATE_MEDIA_ACCEL_PREFIX PROGRAM_NAME; do
  printf '%s=%q\n' "$name" "${!name}"
done >"$DIR/env"  # shell-quoted: `set -a; . .stack/env` reads it back

started=$(date +%s)
python .ci/readme_commands.py --run >"$DIR/log/operator-commands.log" 2>&1 \
  || { tail -n 30 "$DIR/log/operator-commands.log" >&2; exit 1; }
DJANGO_SUPERUSER_PASSWORD=$(cat "$DIR/admin-password") python manage.py createsuperuser \
  --noinput --email admin@example.org >/dev/null 2>&1 || true  # already there on a rerun

if [ ! -s "$DIR/nginx/cert.pem" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$DIR/nginx/key.pem" -out "$DIR/nginx/cert.pem" 2>/dev/null
fi
upstreams=""
# max_fails=0: a server is never marked down for a while. A graceful reload resets a few
# connections on every app server at once; counting those marked them all down and answered 502s
# for the fail_timeout. A server that is really down refuses at once, and the next one is tried.
for port in "${APP_PORTS[@]}"; do upstreams+="    server 127.0.0.1:$port max_fails=0;"$'\n'; done
cat >"$DIR/nginx/nginx.conf" <<NGINX
# The workers run as the user who owns .stack/, so they can read the private media.
user $(id -un) $(id -gn);
worker_processes 1;
pid $DIR/run/nginx.pid;
error_log $DIR/log/nginx-error.log;
events { worker_connections 256; }
http {
  access_log $DIR/log/nginx-access.log;
  client_body_temp_path $DIR/nginx/body;
  proxy_temp_path $DIR/nginx/proxy;
  fastcgi_temp_path $DIR/nginx/fastcgi;
  uwsgi_temp_path $DIR/nginx/uwsgi;
  scgi_temp_path $DIR/nginx/scgi;
  client_max_body_size 12m;
  upstream lms {
$upstreams  }
  server {
    listen 127.0.0.1:$HTTP_PORT;
    return 301 https://\$host:$HTTPS_PORT\$request_uri;
  }
  server {
    listen 127.0.0.1:$HTTPS_PORT ssl;
    ssl_certificate $DIR/nginx/cert.pem;
    ssl_certificate_key $DIR/nginx/key.pem;
    # Private files: reachable only through an app server's X-Accel-Redirect, after its check.
    location /_private/ {
      internal;
      alias $DIR/private-media/;
      add_header X-Content-Type-Options nosniff always;
    }
    location / {
      proxy_pass http://lms;
      # Not http_503: the app answers 503 on purpose when the database is away, and counting
      # that as a failed server would mark every server down and turn the answer into 502s.
      proxy_next_upstream error timeout http_502;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto https;
    }
  }
}
NGINX

for port in "${APP_PORTS[@]}"; do start_one "app-$port"; done
for name in smtp worker scheduler; do start_one "$name"; done
nginx -c "$DIR/nginx/nginx.conf" -p "$DIR/nginx"

for _ in $(seq 1 180); do
  code=$(curl -ks -o "$DIR/healthz.json" -w '%{http_code}' "https://127.0.0.1:$HTTPS_PORT/healthz" || true)
  [ "$code" = 200 ] && break
  sleep 1
done
if [ "$code" != 200 ]; then
  echo "The stack did not become healthy: /healthz answered $code $(cat "$DIR/healthz.json" 2>/dev/null)" >&2
  echo "Logs are in $DIR/log/." >&2
  exit 1
fi
echo "Healthy after $(( $(date +%s) - started )) s (operator commands included): $(cat "$DIR/healthz.json")"
cat <<DONE
  Site:        https://127.0.0.1:$HTTPS_PORT/  (self-signed certificate; http://127.0.0.1:$HTTP_PORT/ redirects)
  App servers: $(printf 'http://127.0.0.1:%s/ ' "${APP_PORTS[@]}")(direct, behind nginx)
  Sign in:     https://127.0.0.1:$HTTPS_PORT/admin/ as admin@example.org, password in .stack/admin-password
  Mail:        every message the site sends is kept in .stack/mail/ (Maildir)
  Logs:        .stack/log/   Stop with: make stack-stop
DONE
