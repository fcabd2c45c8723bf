# Shared helpers for the deploy/local scripts. Sourced, never run.
set -euo pipefail

MASHUPS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MASHUPS_LOCAL="${MASHUPS_LOCAL:-$MASHUPS_ROOT/.local}"
mkdir -p "$MASHUPS_LOCAL/run" "$MASHUPS_LOCAL/logs"

# Connection settings every local service and test uses; environment overrides win.
export MASHUPS_PG_HOST="${MASHUPS_PG_HOST:-127.0.0.1}"
export MASHUPS_PG_PORT="${MASHUPS_PG_PORT:-5432}"
export MASHUPS_PG_DB="${MASHUPS_PG_DB:-mashups}"
export MASHUPS_PG_USER="${MASHUPS_PG_USER:-mashups}"
export MASHUPS_PG_PASSWORD="${MASHUPS_PG_PASSWORD:-mashups}"
export MASHUPS_KAFKA_BOOTSTRAP="${MASHUPS_KAFKA_BOOTSTRAP:-127.0.0.1:9092}"
export MASHUPS_S3_ENDPOINT="${MASHUPS_S3_ENDPOINT:-http://127.0.0.1:9000}"
export MASHUPS_S3_ACCESS_KEY="${MASHUPS_S3_ACCESS_KEY:-mashups}"
export MASHUPS_S3_SECRET_KEY="${MASHUPS_S3_SECRET_KEY:-mashups-local-secret}"
export MASHUPS_S3_BUCKET="${MASHUPS_S3_BUCKET:-mashups}"

log() { printf '[mashups] %s\n' "$*" >&2; }
die() { printf '[mashups] ERROR: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# wait_for_port HOST PORT SECONDS NAME [LOGFILE]
wait_for_port() {
  local host=$1 port=$2 secs=$3 name=$4 logfile=${5:-}
  local deadline=$((SECONDS + secs))
  until port_open "$host" "$port"; do
    if (( SECONDS >= deadline )); then
      [[ -n $logfile && -f $logfile ]] && tail -n 30 "$logfile" >&2
      die "$name did not accept connections on $host:$port within ${secs}s${logfile:+ (log: $logfile)}"
    fi
    sleep 0.3
  done
}

pid_alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# stop_pidfile PIDFILE NAME: SIGTERM, wait up to 20 s, then SIGKILL
stop_pidfile() {
  local pidfile=$1 name=$2
  if pid_alive "$pidfile"; then
    local pid; pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    log "$name stopped"
  fi
  rm -f "$pidfile"
}

# resolve_jars POM DIR: let Maven itself resolve a runtime's jars (once)
resolve_jars() {
  local pom=$1 dir=$2
  if [[ ! -f $dir/.resolved ]] || [[ $pom -nt $dir/.resolved ]]; then
    command -v mvn >/dev/null || die "Maven (mvn) is needed: apt-get install maven"
    log "resolving $(basename "$(dirname "$pom")") jars with Maven"
    rm -rf "$dir"; mkdir -p "$dir"
    mvn -B -q -f "$pom" dependency:copy-dependencies -DoutputDirectory="$dir" >"$MASHUPS_LOCAL/logs/resolve-$(basename "$dir").log" 2>&1 \
      || die "Maven could not resolve $pom (see $MASHUPS_LOCAL/logs/resolve-$(basename "$dir").log)"
    touch "$dir/.resolved"
  fi
}

# Builds a module with what it depends on and runs a main class of its test sources with the given heap (the
# benchmarks: figures, not tests). Usage: run_test_main services/x io.mashups.x.bench.Main 2g [args...]
run_test_main() {
  local module="$1" main="$2" heap="$3"
  shift 3
  (cd "$MASHUPS_ROOT" && mvn -B -q install -DskipTests -pl "$module" -am \
    && mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
      -Dmdep.includeScope=test -pl "$module")
  cd "$MASHUPS_ROOT/$module"
  java "-Xmx$heap" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" "$main" "$@"
}
