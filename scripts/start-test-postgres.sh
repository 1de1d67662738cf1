#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the registry tests (test/issuance/store) and prints
# the shell lines that point the tests at it:
#     eval "$(bash scripts/start-test-postgres.sh)"      # exports SEF_TEST_PG_URL, SEF_TEST_PG_DIR
#     bash scripts/start-test-postgres.sh --stop "$SEF_TEST_PG_DIR"
# Installs Debian's PostgreSQL (postgresql-15, or the distribution's default) with apt-get when it
# is missing and we are root. The cluster lives in a temp directory, listens on 127.0.0.1 on a free
# port with trust authentication (test-only), and runs with fsync off: the tests kill clients, never
# the server, so server durability is not what they measure. Only the export lines go to stdout.
set -euo pipefail
log() { echo "[start-test-postgres] $*" >&2; }

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

bindir() {
  local d
  for d in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  return 1
}

if [ "${1:-}" = "--stop" ]; then
  dir="${2:-${SEF_TEST_PG_DIR:-}}"
  [ -n "$dir" ] && [ -f "$dir/PG_VERSION" ] || { log "no cluster directory given"; exit 1; }
  bin="$(bindir)"
  as_pg "$bin/pg_ctl" -D "$dir" -m immediate -w stop >&2 || true
  rm -rf "$dir"
  exit 0
fi

if ! bin="$(bindir)"; then
  if [ "$(id -u)" != 0 ]; then
    log "PostgreSQL is not installed; run as root: apt-get install -y postgresql-15 (or postgresql)"
    exit 1
  fi
  log "installing PostgreSQL from Debian…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql-15 >&2 || apt-get install -y -qq --no-install-recommends postgresql >&2
  bin="$(bindir)" || { log "PostgreSQL installed but no initdb found under /usr/lib/postgresql"; exit 1; }
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port="${SEF_TEST_PG_PORT:-55432}"
while port_in_use "$port"; do port=$((port + 1)); done

dir="$(mktemp -d /tmp/sef-test-pg.XXXXXX)"
if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
chmod 700 "$dir"
user="$(as_pg id -un)"

as_pg "$bin/initdb" -D "$dir" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null 2>"$dir.initdb.log" ||
  { cat "$dir.initdb.log" >&2; exit 1; }
rm -f "$dir.initdb.log"
as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >&2 || { cat "$dir/server.log" >&2; exit 1; }
as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" sef_test >&2

url="postgres://$user@127.0.0.1:$port/sef_test"
log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') running at $url (data in $dir)"
echo "export SEF_TEST_PG_URL='$url'"
echo "export SEF_TEST_PG_DIR='$dir'"
