#!/usr/bin/env bash
# The rollups of two builds on the same backlog: the capture (of build A, its rollups held back) fills a raw topic with
# IngestLoad's batches, then each build's Kafka Streams application alone takes that whole backlog, in the order
# A B B A (a fresh application id, schema and rollup topic each time), and its rate is printed. The same events each
# time take out what moves run.sh's drain between runs (how many events the capture left); the order takes out a
# drift of the machine. A build is a quarkus-app folder, e.g. a baseline:
#   git worktree add /tmp/base <rev> && (cd /tmp/base && mvn -q -o package -DskipTests -pl services/analytics-ingest -am)
# Usage: services/analytics-ingest/bench/compare.sh APP_A APP_B [seconds-of-capture] (default 25)
set -euo pipefail
APP_A="$(realpath "$1")"
APP_B="$(realpath "$2")"
SECS="${3:-25}"
PORT=19088
BENCH="$(realpath "$(dirname "$0")")"
source "$BENCH/../../../deploy/local/lib.sh"
WORK="$MASHUPS_LOCAL/bench-analytics-compare"
RUN="compare-$(date +%s)"
RAW="analytics.events.$RUN"
mkdir -p "$WORK"
"$MASHUPS_ROOT/deploy/local/infra.sh" up >/dev/null
export PGUSER="$MASHUPS_PG_USER" PGPASSWORD="$MASHUPS_PG_PASSWORD"
KAFKA_CP="$MASHUPS_LOCAL/kafka/libs/*"
kafka_topics() { java -cp "$KAFKA_CP" org.apache.kafka.tools.TopicCommand --bootstrap-server "$MASHUPS_KAFKA_BOOTSTRAP" "$@"; }
psql_bench() { psql -h "$MASHUPS_PG_HOST" -p "$MASHUPS_PG_PORT" -d "$MASHUPS_PG_DB" -q -X "$@"; }
SERVICE=""
cleanup() {
  [[ -n $SERVICE ]] && kill "$SERVICE" 2>/dev/null || true
  kafka_topics --delete --if-exists --topic "$RUN\..*|analytics\..*\.$RUN.*" >/dev/null 2>&1 || true
  for schema in fill a1 b1 b2 a2; do psql_bench -c "DROP SCHEMA IF EXISTS compare_$schema CASCADE" 2>/dev/null; done
  rm -rf "$WORK/streams-$RUN"
}
trap cleanup EXIT
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/key.pem" 2>/dev/null

# start APP NAME: the service of build APP, its rollups waiting for the gate topic of NAME; returns once it answers
start() {
  local prefix="$RUN.$2"
  psql_bench -c "DROP SCHEMA IF EXISTS compare_$2 CASCADE" 2>/dev/null
  QUARKUS_PROFILE=dev QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_LOG_LEVEL=WARN \
  QUARKUS_OIDC_PUBLIC_KEY="$(openssl pkey -in "$WORK/key.pem" -pubout -outform DER | base64 -w0)" \
  QUARKUS_OIDC_TOKEN_ISSUER=bench MASHUPS_DB_SCHEMA="compare_$2" MASHUPS_KAFKA_GROUP_PREFIX="$prefix" \
  MASHUPS_KAFKA_BOOTSTRAP_SERVERS="$MASHUPS_KAFKA_BOOTSTRAP" MASHUPS_ANALYTICS_RAW_TOPIC="$RAW" \
  MASHUPS_ANALYTICS_ROLLUPS_TOPIC="analytics.rollups.$prefix" MASHUPS_STREAMS_STATE_DIR="$WORK/streams-$RUN/$2" \
  QUARKUS_KAFKA_STREAMS_TOPICS="$RAW,analytics.gate.$prefix" QUARKUS_OTEL_SDK_DISABLED=true \
    java -Xmx1g -Dmp.messaging.connector.smallrye-kafka.auto.offset.reset=latest \
    -Dmp.messaging.incoming.rollup-tables.auto.offset.reset=earliest -jar "$1/quarkus-run.jar" \
    >"$WORK/service-$2.log" 2>&1 &
  SERVICE=$!
  wait_for_port 127.0.0.1 $PORT 90 analytics-ingest "$WORK/service-$2.log"
  until [[ $(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{"events":[]}' \
    "http://127.0.0.1:$PORT/api/analytics/events") == 422 ]]; do sleep 0.3; done
}
stop() {
  kill "$SERVICE"
  wait "$SERVICE" 2>/dev/null || true
  SERVICE=""
}
load() { # NAME PHASES
  java -Xmx512m -cp "$APP_A/lib/main/*" "$BENCH/IngestLoad.java" $PORT "$MASHUPS_KAFKA_BOOTSTRAP" \
    "jdbc:postgresql://$MASHUPS_PG_HOST:$MASHUPS_PG_PORT/$MASHUPS_PG_DB" "compare_$1" "$RAW" \
    "analytics.rollups.$RUN.$1" "$RUN.$1" "$2"
}

echo "== the backlog: build A's capture alone, 16 requests in flight"
start "$APP_A" fill
load fill "backlog:8:5,backlog:16:$SECS" | tail -1
stop
echo "== each build's rollups alone on that backlog, in the order A B B A"
for run in "a1 $APP_A" "b1 $APP_B" "b2 $APP_B" "a2 $APP_A"; do
  read -r name app <<<"$run"
  start "$app" "$name"
  kafka_topics --create --topic "analytics.gate.$RUN.$name" --partitions 1 --replication-factor 1 >/dev/null
  echo "${name^^} ($app): $(load "$name" drain:0:0)"
  stop
done
