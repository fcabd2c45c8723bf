#!/usr/bin/env bash
# Ingest benchmark, in one run on this machine's cores: Kafka's own ProducerPerformance on the local broker (records
# of a captured event's size, with the service's producer settings: idempotent, acks=all, linger 2 ms); the floors
# (bench/Floor.java: a bare HTTP-to-Kafka relay and an exactly-once Streams app that only counts, alone and together,
# under the same load: what any design of the service can reach on these cores); the two halves
# of the service alone (the capture with the rollups held back until a gate topic exists, then the rollups alone on
# the backlog it left), which bound what both can do together on the same cores (1 / (1/capture + 1/rollups)); then
# HTTP batch ingest end to end through analytics-ingest: acknowledgement latency, the rate at which the Kafka Streams
# rollups take the events into the dashboard's tables, and the event-to-dashboard delay of probes sent beside the
# load. The service, Kafka, Postgres and the load generator share the cores.
# Usage: services/analytics-ingest/bench/run.sh [seconds-per-phase] [events-per-second] [sustained-events-per-second]
#   (default 20, 30000, 4000): the goal's rate, then saturation, then a rate the rollups keep up with (for the delay)
# BATCH=events per request (100); WARMUP=seconds of load first (15); ANALYTICS_JAVA_OPTS for the service.
set -euo pipefail
SECS="${1:-20}"
RATE="${2:-30000}"
SUSTAINED="${3:-4000}"
PORT=19086
source "$(dirname "$0")/../../../deploy/local/lib.sh"
WORK="$MASHUPS_LOCAL/bench-analytics"
RUN="bench-$(date +%s)"
SCHEMA=analytics_bench
RAW="analytics.events.$RUN"
GATE="analytics.gate.$RUN"
ROLLUPS="analytics.rollups.$RUN"
mkdir -p "$WORK"
"$MASHUPS_ROOT/deploy/local/infra.sh" up >/dev/null
export PGUSER="$MASHUPS_PG_USER" PGPASSWORD="$MASHUPS_PG_PASSWORD"
psql -h "$MASHUPS_PG_HOST" -p "$MASHUPS_PG_PORT" -d "$MASHUPS_PG_DB" -q -X -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"

JAR="$MASHUPS_ROOT/services/analytics-ingest/target/quarkus-app/quarkus-run.jar"
[[ -f $JAR ]] || (cd "$MASHUPS_ROOT" && mvn -B -q -DskipTests install -pl services/analytics-ingest -am)
KAFKA_CP="$MASHUPS_LOCAL/kafka/libs/*"
kafka_topics() { java -cp "$KAFKA_CP" org.apache.kafka.tools.TopicCommand --bootstrap-server "$MASHUPS_KAFKA_BOOTSTRAP" "$@"; }
cleanup() {
  for pid in service floor-relay floor-count; do
    [[ -f $WORK/$pid.pid ]] && kill "$(cat "$WORK/$pid.pid")" 2>/dev/null || true
    rm -f "$WORK/$pid.pid"
  done
  # the benchmark's topics would otherwise fill the shared broker's disk until their retention
  kafka_topics --delete --if-exists --topic "$RUN\..*|analytics\..*\.$RUN" >/dev/null 2>&1 || true
  rm -rf "$WORK/streams-$RUN" "$WORK/floor-classes-$RUN"
}
trap cleanup EXIT

echo "== Kafka's ProducerPerformance: 1,000,000 records of 400 bytes (a captured event's CloudEvent), 3 partitions"
kafka_topics --create --topic "analytics.perf.$RUN" --partitions 3 --replication-factor 1 >/dev/null
java -Xmx512m -cp "$KAFKA_CP" org.apache.kafka.tools.ProducerPerformance --topic "analytics.perf.$RUN" \
  --num-records 1000000 --record-size 400 --throughput -1 \
  --producer-props bootstrap.servers="$MASHUPS_KAFKA_BOOTSTRAP" acks=all enable.idempotence=true linger.ms=2 | tail -1

echo "== floors (bench/Floor.java): the least any capture and any exactly-once rollup do, with the same load"
echo "   a bare relay (parse, stamp, write to Kafka), a Streams app counting events per key; alone, then together"
FLOOR_PORT=19087
FLOOR="analytics.floor.$RUN"
FLOOR_GATE="analytics.floorgate.$RUN"
mkdir -p "$WORK/floor-classes-$RUN"
javac -nowarn -d "$WORK/floor-classes-$RUN" -cp "$(dirname "$JAR")/lib/main/*" "$(dirname "$0")/Floor.java"
FLOOR_JAVA=(java -Xmx1g -cp "$WORK/floor-classes-$RUN:$(dirname "$JAR")/lib/main/*" Floor)
for topic in "$FLOOR" "analytics.floorcounts.$RUN"; do
  kafka_topics --create --topic "$topic" --partitions 3 --replication-factor 1 >/dev/null
done
"${FLOOR_JAVA[@]}" relay $FLOOR_PORT "$MASHUPS_KAFKA_BOOTSTRAP" "$FLOOR" >"$WORK/floor-relay.log" 2>&1 &
echo $! >"$WORK/floor-relay.pid"
"${FLOOR_JAVA[@]}" count "$MASHUPS_KAFKA_BOOTSTRAP" "$FLOOR" "analytics.floorcounts.$RUN" "$RUN.floor.rollups" \
  "$WORK/streams-$RUN/floor" "$FLOOR_GATE" >"$WORK/floor-count.log" 2>&1 &
echo $! >"$WORK/floor-count.pid"
wait_for_port 127.0.0.1 $FLOOR_PORT 60 floor-relay "$WORK/floor-relay.log"
FLOOR_LOAD=(java -Xmx512m -cp "$(dirname "$JAR")/lib/main/*" "$(dirname "$0")/IngestLoad.java" $FLOOR_PORT
  "$MASHUPS_KAFKA_BOOTSTRAP" - - "$FLOOR" - "$RUN.floor")
"${FLOOR_LOAD[@]}" "backlog:8:${WARMUP:-15},backlog:16:$SECS"
kafka_topics --create --topic "$FLOOR_GATE" --partitions 1 --replication-factor 1 >/dev/null
"${FLOOR_LOAD[@]}" "drain:0:0"
"${FLOOR_LOAD[@]}" "saturate:8:${WARMUP:-15},saturate:16:$SECS"
kill "$(cat "$WORK/floor-relay.pid")" "$(cat "$WORK/floor-count.pid")"
rm -f "$WORK/floor-relay.pid" "$WORK/floor-count.pid"

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/key.pem" 2>/dev/null
QUARKUS_PROFILE=dev QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_LOG_LEVEL=WARN \
QUARKUS_OIDC_PUBLIC_KEY="$(openssl pkey -in "$WORK/key.pem" -pubout -outform DER | base64 -w0)" QUARKUS_OIDC_TOKEN_ISSUER=bench \
MASHUPS_DB_SCHEMA=$SCHEMA MASHUPS_KAFKA_GROUP_PREFIX="$RUN" MASHUPS_KAFKA_BOOTSTRAP_SERVERS="$MASHUPS_KAFKA_BOOTSTRAP" \
MASHUPS_ANALYTICS_RAW_TOPIC="$RAW" MASHUPS_ANALYTICS_ROLLUPS_TOPIC="$ROLLUPS" MASHUPS_STREAMS_STATE_DIR="$WORK/streams-$RUN" \
QUARKUS_KAFKA_STREAMS_TOPICS="$RAW,$GATE" QUARKUS_OTEL_SDK_DISABLED=true \
  java -Xmx1g -Dmp.messaging.connector.smallrye-kafka.auto.offset.reset=latest \
  -Dmp.messaging.incoming.rollup-tables.auto.offset.reset=earliest ${ANALYTICS_JAVA_OPTS:-} -jar "$JAR" \
  >"$WORK/service.log" 2>&1 &
echo $! >"$WORK/service.pid"
wait_for_port 127.0.0.1 $PORT 90 analytics-ingest "$WORK/service.log"
# not ready (nor live) while the rollups wait for the gate: the capture answering an empty batch (422) is the start
until [[ $(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{"events":[]}' \
  "http://127.0.0.1:$PORT/api/analytics/events") == 422 ]]; do sleep 0.3; done

LOAD=(java -Xmx512m -cp "$(dirname "$JAR")/lib/main/*" "$(dirname "$0")/IngestLoad.java" $PORT "$MASHUPS_KAFKA_BOOTSTRAP"
  "jdbc:postgresql://$MASHUPS_PG_HOST:$MASHUPS_PG_PORT/$MASHUPS_PG_DB" $SCHEMA "$RAW" "$ROLLUPS" "$RUN")
echo "== each half alone, ${BATCH:-100} events a request: the capture (the rollups wait for $GATE), then the rollups"
"${LOAD[@]}" "backlog:8:${WARMUP:-15},backlog:16:$SECS"
kafka_topics --create --topic "$GATE" --partitions 1 --replication-factor 1 >/dev/null
"${LOAD[@]}" "drain:0:0"
until curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null; do sleep 0.3; done

echo "== HTTP batch ingest end to end, ${BATCH:-100} events a request"
echo "-- warm-up (the JIT compiles the service's, Kafka Streams' and the generator's hot paths)"
"${LOAD[@]}" "saturate:8:${WARMUP:-15}"
echo "-- measured"
"${LOAD[@]}" "fixed:$RATE:$SECS,saturate:16:$SECS,fixed:$SUSTAINED:$SECS"
