# Shared by scripts/setup, scripts/db and the tests: where the local PostgreSQL cluster lives and how to drive
# it. Sourced, not run. Expects $root (the project root).
CEKI_DATA="$root/.data"
CEKI_PGDATA="$CEKI_DATA/pg"
CEKI_PGSOCKET="$CEKI_DATA/run"
CEKI_PGPORT="${CEKI_PGPORT:-54329}"
CEKI_PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"

# The user the cluster runs as: ourselves, or `postgres` when we are root (PostgreSQL refuses root).
if [ "$(id -u)" -eq 0 ]; then CEKI_PGUSER=postgres; else CEKI_PGUSER="$(id -un)"; fi

db_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$CEKI_PGUSER" -- "$@"; else "$@"; fi
}

db_chown() {
  if [ "$(id -u)" -eq 0 ]; then chown "$CEKI_PGUSER": "$@"; fi
}

# As root, the cluster's user must be able to reach .data/: give each ancestor folder that it cannot
# traverse the search bit for others (o+x: enter, not list). A fresh clone under a private temp folder needs it.
db_prepare_owner() {
  [ "$(id -u)" -eq 0 ] || return 0
  id "$CEKI_PGUSER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$CEKI_PGUSER"
  local dir="$root"
  while [ "$dir" != "/" ]; do
    if ! runuser -u "$CEKI_PGUSER" -- test -x "$dir"; then chmod o+x "$dir"; fi
    dir="$(dirname "$dir")"
  done
}

db_running() {
  [ -f "$CEKI_PGDATA/PG_VERSION" ] && db_as_owner "$CEKI_PGBIN/pg_ctl" -D "$CEKI_PGDATA" status >/dev/null 2>&1
}

# The server outlives whoever starts it: it must not inherit their open files (a lock, or the pipe a test
# harness waits on to see its child finish), so everything past stderr is closed first.
db_start() {
  (
    for fd in $(ls /proc/$BASHPID/fd); do
      [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null
    done
    db_as_owner "$CEKI_PGBIN/pg_ctl" -D "$CEKI_PGDATA" -l "$CEKI_DATA/log/postgresql.log" -w -t 60 start \
      >/dev/null </dev/null
  )
}

db_stop() {
  db_running || return 0
  db_as_owner "$CEKI_PGBIN/pg_ctl" -D "$CEKI_PGDATA" -m fast -w -t 60 stop >/dev/null
}

db_psql() {
  local database="$1"; shift
  psql -X -h "$CEKI_PGSOCKET" -p "$CEKI_PGPORT" -U ceki -d "$database" "$@"
}

# A libpq connection URI for one database of the local cluster, over its unix socket.
db_url() {
  echo "postgresql://ceki@/$1?host=$CEKI_PGSOCKET&port=$CEKI_PGPORT"
}
