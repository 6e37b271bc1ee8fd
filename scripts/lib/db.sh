# Shared by scripts/setup, scripts/db and the tests: where the local PostgreSQL cluster lives and how to drive
# it. Sourced, not run. Expects $root (the project root).
CEKI_DATA="$root/.data"
CEKI_PGDATA="$CEKI_DATA/pg"
CEKI_PGSOCKET="$CEKI_DATA/run"
# The cluster's port is remembered in .data/pgport (scripts/setup writes it when it makes the cluster), so every
# later run talks to the port the cluster really listens on, whatever CEKI_PGPORT says now. CEKI_PGPORT from the
# environment is a request that only scripts/setup acts on: the port of a new cluster, or a move of a stopped one.
# A cluster made before .data/pgport existed has its port only in its postgresql.conf (the last `port = ` line).
CEKI_PGPORT_FILE="$CEKI_DATA/pgport"
CEKI_PGPORT_WANTED="${CEKI_PGPORT:-}"
CEKI_PGPORT_DEFAULT=54329
if [ -s "$CEKI_PGPORT_FILE" ]; then
  CEKI_PGPORT="$(cat "$CEKI_PGPORT_FILE")"
elif [ -f "$CEKI_PGDATA/postgresql.conf" ]; then
  CEKI_PGPORT="$(sed -n 's/^port = \([0-9][0-9]*\).*/\1/p' "$CEKI_PGDATA/postgresql.conf" | tail -n 1)"
  CEKI_PGPORT="${CEKI_PGPORT:-$CEKI_PGPORT_DEFAULT}"
else
  CEKI_PGPORT="${CEKI_PGPORT_WANTED:-$CEKI_PGPORT_DEFAULT}"
fi
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

# Whether nothing listens on 127.0.0.1:PORT, asked the way PostgreSQL itself binds (SO_REUSEADDR, so a
# connection lingering in TIME_WAIT does not count as taken). Without python3 it cannot tell and says free:
# a taken port then shows up as a failed start, which db_start_or_explain reports the same way.
db_port_free() {
  command -v python3 >/dev/null 2>&1 || return 0
  python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
' "$1"
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

# db_start, with a message a person can act on instead of pg_ctl's "could not start server": the port, the
# log, and how to move the cluster (CEKI_PGPORT). A port someone else holds is caught before pg_ctl tries.
db_start_or_explain() {
  local log="$CEKI_DATA/log/postgresql.log"
  if ! db_port_free "$CEKI_PGPORT"; then
    echo "error: port $CEKI_PGPORT of the local cluster (remembered in .data/pgport) is taken by another" \
      "program, perhaps another checkout's cluster; the cluster cannot start." >&2
    echo "  Move it to a free port: CEKI_PGPORT=<port> scripts/setup (or stop what holds $CEKI_PGPORT)." \
      "Its log: $log" >&2
    return 1
  fi
  if ! db_start; then
    echo "error: the local PostgreSQL did not start on port $CEKI_PGPORT; see $log" >&2
    echo "  If the port is the trouble, move the cluster: CEKI_PGPORT=<port> scripts/setup" >&2
    return 1
  fi
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
