#!/usr/bin/env bash
# Starts (or reuses) PostgreSQL on $MASHUPS_PG_HOST:$MASHUPS_PG_PORT with the role and database the services use.
# Usage: postgres.sh start|stop|restart|status
source "$(dirname "$0")/lib.sh"
MARKER="$MASHUPS_LOCAL/run/postgres.ours"

cluster() {
  command -v pg_lsclusters >/dev/null || die "PostgreSQL is not installed: run deploy/local/install-deps.sh (Debian package postgresql)"
  local line; line=$(pg_lsclusters --no-header | awk -v p="$MASHUPS_PG_PORT" '$3 == p {print $1, $2; exit}')
  [[ -n $line ]] || line=$(pg_lsclusters --no-header | awk '{print $1, $2; exit}')
  [[ -n $line ]] || die "no PostgreSQL cluster exists: create one with 'pg_createcluster --start 15 main'"
  echo "$line"
}

# root switches to the postgres user with su; anyone else needs sudo (CI runners, developer laptops)
as_postgres() { if [[ $(id -u) == 0 ]]; then su postgres -c "$*"; else sudo -u postgres sh -c "$*"; fi; }
as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }

ensure_role_and_db() {
  as_postgres "psql -q -v ON_ERROR_STOP=1 -p $MASHUPS_PG_PORT" >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$MASHUPS_PG_USER') THEN
    CREATE ROLE "$MASHUPS_PG_USER" LOGIN PASSWORD '$MASHUPS_PG_PASSWORD';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE "$MASHUPS_PG_DB" OWNER "$MASHUPS_PG_USER"'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$MASHUPS_PG_DB')\gexec
SQL
}

case "${1:-start}" in
  start)
    if port_open "$MASHUPS_PG_HOST" "$MASHUPS_PG_PORT"; then
      log "PostgreSQL already running on $MASHUPS_PG_HOST:$MASHUPS_PG_PORT (reused)"
    else
      read -r version name < <(cluster)
      # every service's pool (10) and Flyway's, studio's and trends' second replicas in the system tests, the test JVMs
      as_root pg_ctlcluster "$version" "$name" start -- -o "-c max_connections=300" || die "pg_ctlcluster $version $name start failed (see /var/log/postgresql/)"
      touch "$MARKER"
      wait_for_port "$MASHUPS_PG_HOST" "$MASHUPS_PG_PORT" 30 PostgreSQL
      log "PostgreSQL $version/$name started on $MASHUPS_PG_HOST:$MASHUPS_PG_PORT"
    fi
    if id postgres >/dev/null 2>&1; then
      ensure_role_and_db || die "could not create role $MASHUPS_PG_USER / database $MASHUPS_PG_DB"
    fi
    PGPASSWORD="$MASHUPS_PG_PASSWORD" psql -h "$MASHUPS_PG_HOST" -p "$MASHUPS_PG_PORT" -U "$MASHUPS_PG_USER" -d "$MASHUPS_PG_DB" -qtAc 'select 1' >/dev/null \
      || die "cannot log in to $MASHUPS_PG_DB as $MASHUPS_PG_USER over TCP"
    ;;
  stop)
    if [[ -f $MARKER ]]; then
      read -r version name < <(cluster)
      as_root pg_ctlcluster "$version" "$name" stop || true
      rm -f "$MARKER"
      log "PostgreSQL stopped"
    fi
    ;;
  restart)
    # the chaos run's fault: whoever started the server, it goes down and comes back
    read -r version name < <(cluster)
    as_root pg_ctlcluster "$version" "$name" restart -m fast -- -o "-c max_connections=300" || die "restart failed"
    wait_for_port "$MASHUPS_PG_HOST" "$MASHUPS_PG_PORT" 30 PostgreSQL
    log "PostgreSQL restarted"
    ;;
  status) port_open "$MASHUPS_PG_HOST" "$MASHUPS_PG_PORT" && echo "postgres up" || echo "postgres down" ;;
  *) die "usage: $0 start|stop|restart|status" ;;
esac
