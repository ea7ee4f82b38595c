#!/usr/bin/env bash
# Project-local PostgreSQL cluster: `scripts/pg.sh start|stop|url|status`.
# Debian's server binaries refuse to run as root, so as root they run as `postgres`.
# The cluster listens only on a Unix socket of its own, so it never clashes with
# a system cluster or with another checkout of the project.
set -euo pipefail

project=$(cd "$(dirname "$0")/.." && pwd)
key=$(printf '%s' "$project" | sha1sum | cut -c1-10)
sockdir="/tmp/ebw-pg-$key"
port=5432
dbname=ebw
dbuser=postgres

find_bindir() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
    done
    return 1
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

datadir() {
    # Inside the project when the server's user can reach it, else a per-checkout
    # folder under /tmp (e.g. when the checkout lives under a 0700 /root).
    local d="$project/.local/pgdata"
    if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$project" 2>/dev/null; then
        d="/tmp/ebw-pgdata-$key"
    fi
    echo "$d"
}

ensure_server() {
    if ! find_bindir >/dev/null; then
        if [ "$(id -u)" = 0 ]; then
            echo "PostgreSQL server ontbreekt; installeren met apt..." >&2
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
            # Debian starts its own cluster on install; the project does not use it.
            (service postgresql stop >/dev/null 2>&1 || true)
        else
            echo "PostgreSQL-serverbinaries ontbreken (/usr/lib/postgresql/*/bin). Installeer 'postgresql' of zet DATABASE_URL." >&2
            exit 1
        fi
    fi
}

url() {
    echo "postgres://$dbuser@/$dbname?host=$sockdir&port=$port"
}

start() {
    ensure_server
    local bin data
    bin=$(find_bindir)
    data=$(datadir)
    mkdir -p "$sockdir" "$(dirname "$data")"
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$sockdir"
        mkdir -p "$data" && chown postgres "$data" && chmod 700 "$data"
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
        as_owner "$bin/initdb" -D "$data" -U "$dbuser" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        as_owner "$bin/pg_ctl" -D "$data" -w -l "$data/server.log" \
            -o "-k $sockdir -p $port -c listen_addresses='' -c max_connections=200 ${EBW_PG_OPTIONS:-}" start >/dev/null
    fi
    if ! "$bin/psql" -h "$sockdir" -p "$port" -U "$dbuser" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname='$dbname'" | grep -q 1; then
        "$bin/createdb" -h "$sockdir" -p "$port" -U "$dbuser" "$dbname"
    fi
    url > "$project/.local/database_url"
}

stop() {
    local bin data
    bin=$(find_bindir) || exit 0
    data=$(datadir)
    if [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        as_owner "$bin/pg_ctl" -D "$data" -w -m fast stop >/dev/null
        echo "PostgreSQL-cluster gestopt."
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) url ;;
    status) as_owner "$(find_bindir)/pg_ctl" -D "$(datadir)" status ;;
    *) echo "gebruik: $0 start|stop|url|status" >&2; exit 2 ;;
esac
