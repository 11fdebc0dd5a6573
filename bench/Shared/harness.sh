# Shared by the bench scripts (source it after setting ROOT, DATA, WORK, PG_DIR, PG_PORT, PG_USER, DB and QUIET_WAIT):
# logging, the private PostgreSQL cluster, waiting for a quiet machine, starting and stopping what a run started.
# shellcheck shell=bash

log() { printf '[bench] %s\n' "$*" >&2 2>/dev/null || true; }
die() { log "error: $*"; exit 1; }
is_root() { [[ $EUID -eq 0 ]]; }
# initdb/postgres refuse to run as root: as root they run as the postgres system user (as ./outreach does).
as_pg() { if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

PGBIN=""
ensure_pg_bins() {
  if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    log "PostgreSQL binaries missing: installing via apt-get"
    local policy=/usr/sbin/policy-rc.d added=0 sudo=()
    is_root || sudo=(sudo)
    # Keep Debian's package from starting a system cluster of its own.
    if [[ ! -e $policy ]]; then "${sudo[@]}" sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod +x $policy"; added=1; fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql \
      || { "${sudo[@]}" apt-get update && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; }
    [[ $added == 1 ]] && "${sudo[@]}" rm -f "$policy"
  fi
  PGBIN="$(dirname "$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"
}

# As root, the postgres user must be able to reach the data folder (e.g. /work may be 0700).
ensure_traversable() {
  is_root || return 0
  local p="" part parts
  IFS=/ read -ra parts <<<"${1#/}"
  for part in "${parts[@]}"; do
    p="$p/$part"
    runuser -u postgres -- test -x "$p" || { log "granting o+x on $p for the postgres user"; chmod o+x "$p"; }
  done
}

# Percent of the machine's CPU time spent busy over the next $1 seconds (all processes, ours included).
busy_percent() {
  local u n s i w x y z a_busy a_idle
  read -r _ u n s i w x y z _ </proc/stat; a_busy=$((u + n + s + x + y + z)); a_idle=$((i + w))
  sleep "$1"
  read -r _ u n s i w x y z _ </proc/stat; u=$((u + n + s + x + y + z - a_busy)); i=$((i + w - a_idle))
  echo $((100 * u / (u + i > 0 ? u + i : 1)))
}

# Two cores are shared with whatever else runs here (builds, tests): measure only when they are free, or say so.
wait_for_quiet() {
  local waited=0 busy
  while :; do
    busy="$(busy_percent 3)"; waited=$((waited + 3))
    if ((busy <= 15)); then
      ((waited > 3)) && log "the machine is quiet now (${busy}% busy)"
      return 0
    fi
    if ((waited >= QUIET_WAIT)); then
      log "warning: the machine is still ${busy}% busy with other work after ${waited} s; measuring anyway, and the numbers will show it"
      return 0
    fi
    ((waited <= 3)) && log "waiting for other work on this machine to finish (${busy}% busy; up to ${QUIET_WAIT} s)"
    sleep 7; waited=$((waited + 7))
  done
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
psql_bench() { "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$@"; }

APP_PID="" PG_STARTED=0 CLEANED=0
cleanup() {
  [[ $CLEANED == 1 ]] && return; CLEANED=1
  trap '' INT TERM PIPE
  if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
    log "stopping the console (pid $APP_PID)"
    kill -TERM "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  if [[ $PG_STARTED == 1 ]]; then
    log "stopping PostgreSQL ($PG_DIR)"
    as_pg "$PGBIN/pg_ctl" -D "$PG_DIR" -s -m fast -w stop >/dev/null 2>&1 || true
  fi
}
trap 'rc=$?; cleanup; exit $rc' EXIT
trap 'exit 130' INT; trap 'exit 143' TERM

# A fresh, empty cluster of the run's own in $PG_DIR on $PG_PORT with the database $DB; sets PGBIN and PG_PID.
# PostgreSQL's default settings, as the dev cluster; statements over 100 ms are logged to show where time goes.
start_bench_cluster() {
  ensure_pg_bins
  mkdir -p "$DATA" "$WORK"; ensure_traversable "$DATA"
  if [[ -f $PG_DIR/postmaster.pid ]]; then
    log "stopping a cluster left over in $PG_DIR"
    as_pg "$PGBIN/pg_ctl" -D "$PG_DIR" -s -m fast -w stop >/dev/null 2>&1 || true
  fi
  port_in_use "$PG_PORT" && die "port $PG_PORT is taken; choose another with the script's port variable"
  # Every run starts from an empty cluster, so the numbers never depend on what an earlier run left.
  rm -rf "$PG_DIR"; mkdir -p "$PG_DIR"; chmod 700 "$PG_DIR"
  is_root && chown postgres:postgres "$PG_DIR"
  as_pg "$PGBIN/initdb" -D "$PG_DIR" -A trust -U "$PG_USER" -E UTF8 --no-locale >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
  log "starting PostgreSQL in $PG_DIR on port $PG_PORT"
  PG_STARTED=1
  as_pg "$PGBIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -s -w -t 60 \
    -o "-p $PG_PORT -k '' -c listen_addresses=127.0.0.1 -c log_min_duration_statement=100" start \
    || { tail -n 20 "$PG_DIR/server.log" >&2; die "could not start PostgreSQL"; }
  psql_bench -d postgres -c "create database $DB"
  PG_PID="$(head -n 1 "$PG_DIR/postmaster.pid")"
}

# Waits up to two minutes for the console started as $APP_PID to answer /health/ready on $APP_PORT.
wait_for_console() {
  local log_file=$1
  for _ in $(seq 1 240); do
    kill -0 "$APP_PID" 2>/dev/null || { tail -n 30 "$log_file" >&2; die "the console exited during start-up"; }
    if curl -fsS -o /dev/null "http://127.0.0.1:$APP_PORT/health/ready" 2>/dev/null; then
      log "console ready (pid $APP_PID, PostgreSQL pid $PG_PID)"
      return 0
    fi
    sleep 0.5
  done
  tail -n 30 "$log_file" >&2; die "the console was not ready within 2 minutes"
}

field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1" | head -n 1; }
