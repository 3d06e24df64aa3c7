#!/bin/sh
# Runs COMMAND... against a throwaway PostgreSQL cluster (DESIGN.md, the
# headless test recipe): initdb in a temporary directory, a server that
# listens only on a Unix socket there, one empty database, and
#   ZHIBU_TEST_POSTGRES="host=DIR dbname=zhibu_test user=postgres"
# (a key=value conninfo) in COMMAND's environment. The cluster is stopped and
# its directory removed however COMMAND ends; the exit status is COMMAND's.
#
# PostgreSQL missing is a failure, not a skip: CI installs it
# (build-aux/deps.sh), and a test that silently did not run proves nothing.
set -eu

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

die() {
  echo "run-with-postgres.sh: $*" >&2
  exit 1
}

# initdb and pg_ctl are not on PATH on Debian.
bindir=$(pg_config --bindir 2>/dev/null || true)
[ -x "$bindir/initdb" ] || bindir=/usr/lib/postgresql/15/bin
# Inside the Flatpak SDK, which has no PostgreSQL, the cluster's tests skip
# (TAP: a plan of none); everywhere else its absence fails, as said above.
if [ ! -x "$bindir/initdb" ] && { [ -n "${FLATPAK_ID:-}" ] || [ -e /.flatpak-info ]; }; then
  echo "1..0 # SKIP the Flatpak SDK has no PostgreSQL; run this test outside it"
  exit 0
fi
[ -x "$bindir/initdb" ] ||
  die "PostgreSQL's initdb not found (pg_config --bindir, $bindir); run build-aux/deps.sh"

# initdb refuses to run as root: the cluster belongs to postgres then.
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || die "no user postgres to run the cluster as"
  as_owner() { runuser -u postgres -- "$@"; }
  # setpriv execs where runuser forks: the server stays this script's child.
  exec_as_owner() { exec setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; }
else
  as_owner() { "$@"; }
  exec_as_owner() { exec "$@"; }
fi

# Under /tmp whatever TMPDIR says: postgres must reach it, and a socket's
# path must stay under 108 bytes.
dir=$(mktemp -d /tmp/zhibu-pg.XXXXXX)
server=""
cleanup() {
  status=$?
  trap - EXIT INT TERM
  if [ -n "$server" ]; then
    as_owner "$bindir/pg_ctl" stop -D "$dir/data" -m immediate -s >/dev/null 2>&1 ||
      kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[ "$(id -u)" -ne 0 ] || chown postgres: "$dir"

# No fsync anywhere: the cluster lives for one test run.
as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
  --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }

# The server is this script's child rather than pg_ctl's daemon, so that it
# is reaped here (even when the test is killed) and not left to an init that
# may not reap.
(exec_as_owner "$bindir/postgres" -D "$dir/data" -k "$dir" -c listen_addresses= -c fsync=off \
  -c synchronous_commit=off -c full_page_writes=off >"$dir/server.log" 2>&1) &
server=$!

tries=0
until "$bindir/pg_isready" -q -h "$dir"; do
  tries=$((tries + 1))
  if ! kill -0 "$server" 2>/dev/null || [ "$tries" -gt 300 ]; then
    cat "$dir/server.log" >&2
    die "the PostgreSQL server did not start"
  fi
  sleep 0.1
done

"$bindir/createdb" -h "$dir" -U postgres zhibu_test || die "createdb failed"

export ZHIBU_TEST_POSTGRES="host=$dir dbname=zhibu_test user=postgres"
"$@"
