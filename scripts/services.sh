#!/usr/bin/env bash
# Starts a private Postgres cluster and a Redis server on loopback for the test suites, installing
# them from Debian's packages when missing. Prints the variables to export:
#   eval "$(bash scripts/services.sh start)"     # DATABASE_URL=... REDIS_URL=...
#   bash scripts/services.sh stop
set -euo pipefail

STATE_DIR=${GATEWAYZ_SERVICES_DIR:-/tmp/gatewayz-services}
PG_PORT=${GATEWAYZ_PG_PORT:-55432}
REDIS_PORT=${GATEWAYZ_REDIS_PORT:-56379}
export DEBIAN_FRONTEND=noninteractive

log() { echo "services: $*" >&2; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && echo "$dir"
}

install_missing() {
  local packages=()
  [ -n "$(pg_bin)" ] || packages+=(postgresql)
  command -v redis-server >/dev/null || packages+=(redis-server)
  [ ${#packages[@]} -eq 0 ] && return
  [ "$(id -u)" = 0 ] || { log "need root to install ${packages[*]}"; exit 1; }
  log "installing ${packages[*]} from Debian's packages"
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >&2
}

start_postgres() {
  local bin data=$STATE_DIR/postgres
  bin=$(pg_bin)
  mkdir -p "$STATE_DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres "$STATE_DIR"; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    as_postgres "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  if ! as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_postgres "$bin/pg_ctl" -D "$data" -l "$STATE_DIR/postgres.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $STATE_DIR -c fsync=off -c max_connections=200" start >/dev/null
  fi
  as_postgres "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "select 1 from pg_database where datname='gatewayz'" | grep -q 1 ||
    as_postgres "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres gatewayz
}

start_redis() {
  if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes \
      --logfile "$STATE_DIR/redis.log" >/dev/null
    for _ in $(seq 50); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
}

case "${1:-start}" in
  start)
    install_missing
    start_postgres
    start_redis
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/gatewayz"
    echo "export REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
    ;;
  stop)
    bin=$(pg_bin) && as_postgres "$bin/pg_ctl" -D "$STATE_DIR/postgres" -m fast stop >/dev/null 2>&1 || true
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: scripts/services.sh start|stop" >&2
    exit 2
    ;;
esac
