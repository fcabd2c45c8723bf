#!/usr/bin/env bash
# Runs the whole fleet on this machine: infrastructure, every service that exists, and the gateway.
#   deploy/local/fleet.sh up [--no-build]     build, start everything, print the URLs, stop it all on Ctrl-C
#   deploy/local/fleet.sh start [--no-build]  the same, but return once everything is ready
#   deploy/local/fleet.sh stop                stop the services and the infrastructure this script started
#   deploy/local/fleet.sh status
#   deploy/local/fleet.sh kill <service>      SIGKILL one service, as a crash would (start brings it back)
#   deploy/local/fleet.sh replica <service> <port>  one more instance of a running fleet's service (stop ends it too)
#   deploy/local/fleet.sh retire <service>@<port>   stop one such instance, as a scale-down would (SIGTERM)
# MASHUPS_PORT_OFFSET shifts every service port (the system tests use it to run beside a developer's fleet).
# MASHUPS_FLEET_JVM_FLAGS replaces the services' JVM flags (below).
source "$(dirname "$0")/lib.sh"
here="$(dirname "$0")"

# One line per service: name and dev port. A service runs when services/<name> exists.
FLEET=(
  "billing 8081"
  "studio-collab 8082"
  "audio-pipeline 8083"
  "captions 8084"
  "community 8085"
  "analytics-ingest 8086"
  "trends 8087"
  "attribution 8088"
  "gateway 8080"
)

OFFSET="${MASHUPS_PORT_OFFSET:-0}"
# Nine JVMs start at once on a laptop's or CI's few cores, and their C2 compilations, not the services, decide how long
# that takes: 118 s to ready with the defaults on 2 cores, 58 s with C1 alone (what Quarkus dev mode runs). Pods in
# the chart keep the JVM's defaults.
JVM_FLAGS="${MASHUPS_FLEET_JVM_FLAGS--XX:TieredStopAtLevel=1}"
# signs Stripe webhooks sent to the local fleet (the Stripe CLI prints its own; export STRIPE_WEBHOOK_SECRET to use that)
LOCAL_STRIPE_WEBHOOK_SECRET="whsec_mashups_local_development"
KEYS="$MASHUPS_LOCAL/dev-jwt"
RUN="$MASHUPS_LOCAL/run/fleet"
mkdir -p "$RUN"

port_of() { echo $(( $2 + OFFSET )); }

dev_keys() {
  command -v openssl >/dev/null || die "openssl is needed to make the dev token key: apt-get install openssl"
  if [[ ! -f $KEYS/private.pem ]]; then
    mkdir -p "$KEYS" && chmod 700 "$KEYS"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
  fi
  DEV_PRIVATE_KEY=$(openssl pkcs8 -topk8 -nocrypt -in "$KEYS/private.pem" -outform DER | base64 -w0)
  DEV_PUBLIC_KEY=$(openssl pkey -in "$KEYS/private.pem" -pubout -outform DER | base64 -w0)
}

build() {
  log "building the fleet (mvn package -DskipTests)"
  (cd "$MASHUPS_ROOT" && mvn -B -q -DskipTests package) >"$MASHUPS_LOCAL/logs/build.log" 2>&1 \
    || { tail -n 40 "$MASHUPS_LOCAL/logs/build.log" >&2; die "build failed (see $MASHUPS_LOCAL/logs/build.log)"; }
}

start_service() {
  local name=$1 port=$2 instance=${3:-$1} jar="$MASHUPS_ROOT/services/$1/target/quarkus-app/quarkus-run.jar"
  local pidfile="$RUN/$instance.pid" logfile="$MASHUPS_LOCAL/logs/$instance.log"
  if pid_alive "$pidfile"; then log "$name already running (pid $(cat "$pidfile"))"; return; fi
  [[ -f $jar ]] || die "$jar is missing: run without --no-build"
  port_open 127.0.0.1 "$port" && die "port $port is taken; stop what uses it or set MASHUPS_PORT_OFFSET"
  local extra=()
  if [[ $name == gateway ]]; then
    for entry in "${FLEET[@]}"; do
      read -r other base <<<"$entry"
      [[ $other == gateway ]] || extra+=("-D%dev.gateway.services.$other.url=http://127.0.0.1:$(port_of "$other" "$base")")
    done
  fi
  QUARKUS_PROFILE=dev QUARKUS_HTTP_PORT="$port" QUARKUS_HTTP_HOST=127.0.0.1 \
  QUARKUS_MANAGEMENT_PORT="$(management_port "$name" "$port")" QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
  QUARKUS_OIDC_PUBLIC_KEY="$DEV_PUBLIC_KEY" QUARKUS_OIDC_TOKEN_ISSUER=mashups-dev \
  MASHUPS_DEV_TOKEN_PRIVATE_KEY="$DEV_PRIVATE_KEY" MASHUPS_DEV_TOKEN_ISSUER=mashups-dev \
  MASHUPS_KAFKA_BOOTSTRAP_SERVERS="$MASHUPS_KAFKA_BOOTSTRAP" \
  STRIPE_WEBHOOK_SECRET="${STRIPE_WEBHOOK_SECRET:-$LOCAL_STRIPE_WEBHOOK_SECRET}" \
  MASHUPS_OBJECT_STORE_ENDPOINT="$MASHUPS_S3_ENDPOINT" MASHUPS_OBJECT_STORE_CREATE_BUCKET=true MASHUPS_OBJECT_STORE_BUCKET="$MASHUPS_S3_BUCKET" \
  MASHUPS_OBJECT_STORE_ACCESS_KEY="$MASHUPS_S3_ACCESS_KEY" MASHUPS_OBJECT_STORE_SECRET_KEY="$MASHUPS_S3_SECRET_KEY" \
    nohup java -Xmx384m $JVM_FLAGS "${extra[@]}" -jar "$jar" >"$logfile" 2>&1 &
  echo $! >"$pidfile"
  echo "$port" >"$RUN/$instance.port"
}

# health and metrics: the gateway serves them on a port of its own (its public port must not), 1000 above its HTTP port
management_port() {
  if [[ ${1%%@*} == gateway ]]; then echo $(($2 + 1000)); else echo "$2"; fi
}

await_ready() {
  local name=$1 port=$2 deadline=$((SECONDS + 120))
  until curl -fsS "http://127.0.0.1:$(management_port "$name" "$port")/q/health/ready" >/dev/null 2>&1; do
    if ! pid_alive "$RUN/$name.pid"; then tail -n 30 "$MASHUPS_LOCAL/logs/$name.log" >&2; die "$name exited during start"; fi
    (( SECONDS < deadline )) || { tail -n 30 "$MASHUPS_LOCAL/logs/$name.log" >&2; die "$name not ready on :$port within 120 s"; }
    sleep 0.5
  done
  log "$name ready on http://127.0.0.1:$port"
}

start_fleet() {
  [[ ${1:-} == --no-build ]] || build
  # infrastructure this launcher started is stopped again by 'stop'
  for s in postgres kafka s3; do "$here/$s.sh" status | grep -q up || touch "$RUN/infra-$s"; done
  "$here/infra.sh" up
  dev_keys
  local started=()
  for entry in "${FLEET[@]}"; do
    read -r name base <<<"$entry"
    [[ -d $MASHUPS_ROOT/services/$name ]] || continue
    start_service "$name" "$(port_of "$name" "$base")"
    started+=("$name $(port_of "$name" "$base")")
  done
  for entry in "${started[@]}"; do await_ready $entry; done
  local gw; gw=$(port_of gateway 8080)
  cat >&2 <<INFO

  Mashups fleet is up.
    Gateway      http://127.0.0.1:$gw
    Swagger UI   http://127.0.0.1:$gw/q/swagger-ui
    Dev token    curl -s 'http://127.0.0.1:$gw/dev/token?sub=alice&roles=admin'
    Health       http://127.0.0.1:$(management_port gateway "$gw")/q/health (and /q/metrics; the services' on their own ports)
    Use it       curl -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:$gw/api/billing/subscription
    Logs         $MASHUPS_LOCAL/logs/
    Stop         deploy/local/fleet.sh stop

INFO
}

stop_fleet() {
  for pidfile in "$RUN"/*@*.pid; do
    [[ -f $pidfile ]] && stop_pidfile "$pidfile" "$(basename "$pidfile" .pid)" && rm -f "${pidfile%.pid}.port"
  done
  for (( i=${#FLEET[@]}-1; i>=0; i-- )); do
    read -r name _ <<<"${FLEET[$i]}"
    stop_pidfile "$RUN/$name.pid" "$name"
    rm -f "$RUN/$name.port"
  done
  [[ -f $RUN/infra-s3 ]] && "$here/s3.sh" stop && rm -f "$RUN/infra-s3"
  [[ -f $RUN/infra-kafka ]] && "$here/kafka.sh" stop && rm -f "$RUN/infra-kafka"
  [[ -f $RUN/infra-postgres ]] && "$here/postgres.sh" stop && rm -f "$RUN/infra-postgres"
  return 0
}

case "${1:-up}" in
  up)
    trap 'trap - INT TERM; log "stopping"; stop_fleet; exit 0' INT TERM
    start_fleet "${2:-}"
    log "running; Ctrl-C stops everything"
    while true; do sleep 3600 & wait $!; done
    ;;
  start) start_fleet "${2:-}" ;;
  stop) stop_fleet ;;
  replica)
    [[ -n ${2:-} && -n ${3:-} && -f $RUN/$2.pid ]] || die "usage: fleet.sh replica <running service> <port>"
    dev_keys
    start_service "$2" "$3" "$2@$3"
    await_ready "$2@$3" "$3"
    ;;
  retire)
    [[ ${2:-} == *@* ]] || die "usage: fleet.sh retire <service>@<port>"
    stop_pidfile "$RUN/$2.pid" "$2"
    rm -f "$RUN/$2.port"
    ;;
  kill)
    [[ -n ${2:-} && -f $RUN/$2.pid ]] || die "usage: fleet.sh kill <running service>"
    victim=$(cat "$RUN/$2.pid")
    kill -9 "$victim" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$victim" 2>/dev/null || break; sleep 0.1; done
    log "$2 killed"
    ;;
  status)
    for entry in "${FLEET[@]}"; do
      read -r name base <<<"$entry"
      [[ -d $MASHUPS_ROOT/services/$name ]] || continue
      pid_alive "$RUN/$name.pid" && echo "$name up (:$(cat "$RUN/$name.port"))" || echo "$name down"
    done
    "$here/infra.sh" status
    ;;
  *) die "usage: $0 up|start|stop|status [--no-build] | replica|retire|kill ..." ;;
esac
