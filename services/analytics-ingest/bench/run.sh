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
# BATCH=events per request (100); WARMUP=seconds of load first (60: the JIT's compiler threads still took a third of
# the service's CPU 20 s into the load, a seventh after 60 s); ANALYTICS_JAVA_OPTS for the service.
set -euo pipefail
SECS="${1:-20}"
RATE="${2:-30000}"
SUSTAINED="${3:-4000}"
WARMUP="${WARMUP:-60}"
PORT=19086
BENCH="$(realpath "$(dirname "$0")")"
source "$BENCH/../../../deploy/local/lib.sh"
source "$BENCH/service.sh"
WORK="$MASHUPS_LOCAL/bench-analytics"
# this run's schema, group prefix and topic suffix: runs never touch each other's
RUN="bench_$(date +%s)"
RAW="analytics.events.$RUN"
GATE="analytics.gate.$RUN"
mkdir -p "$WORK"
"$MASHUPS_ROOT/deploy/local/infra.sh" up >/dev/null

APP="$MASHUPS_ROOT/services/analytics-ingest/target/quarkus-app"
[[ -f $APP/quarkus-run.jar ]] || (cd "$MASHUPS_ROOT" && mvn -B -q -DskipTests install -pl services/analytics-ingest -am)
KAFKA_CP="$MASHUPS_LOCAL/kafka/libs/*"
kafka_topics() { java -cp "$KAFKA_CP" org.apache.kafka.tools.TopicCommand --bootstrap-server "$MASHUPS_KAFKA_BOOTSTRAP" "$@"; }
RUNNING=()
cleanup() {
  kill "${RUNNING[@]}" 2>/dev/null || true
  # the benchmark's topics would otherwise fill the shared broker's disk until their retention
  kafka_topics --delete --if-exists --topic "$RUN\..*|analytics\..*\.$RUN" >/dev/null 2>&1 || true
  PGUSER="$MASHUPS_PG_USER" PGPASSWORD="$MASHUPS_PG_PASSWORD" psql -h "$MASHUPS_PG_HOST" -p "$MASHUPS_PG_PORT" \
    -d "$MASHUPS_PG_DB" -q -X -c "DROP SCHEMA IF EXISTS $RUN CASCADE" 2>/dev/null || true
  rm -rf "$WORK/streams-$RUN" "$WORK/streams-$RUN.pem" "$WORK/floor-classes-$RUN"
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
javac -nowarn -d "$WORK/floor-classes-$RUN" -cp "$APP/lib/main/*" "$BENCH/Floor.java"
FLOOR_JAVA=(java -Xmx1g $ANALYTICS_POD_GC -cp "$WORK/floor-classes-$RUN:$APP/lib/main/*" Floor)
for topic in "$FLOOR" "analytics.floorcounts.$RUN"; do
  kafka_topics --create --topic "$topic" --partitions 3 --replication-factor 1 >/dev/null
done
"${FLOOR_JAVA[@]}" relay $FLOOR_PORT "$MASHUPS_KAFKA_BOOTSTRAP" "$FLOOR" >"$WORK/$RUN-floor-relay.log" 2>&1 &
RUNNING+=($!)
"${FLOOR_JAVA[@]}" count "$MASHUPS_KAFKA_BOOTSTRAP" "$FLOOR" "analytics.floorcounts.$RUN" "$RUN.floor.rollups" \
  "$WORK/streams-$RUN/floor" "$FLOOR_GATE" >"$WORK/$RUN-floor-count.log" 2>&1 &
RUNNING+=($!)
wait_for_port 127.0.0.1 $FLOOR_PORT 60 floor-relay "$WORK/$RUN-floor-relay.log"
ingest_load "$APP" $FLOOR_PORT "$RUN.floor" "$FLOOR" "backlog:8:$WARMUP,backlog:16:$SECS" -
kafka_topics --create --topic "$FLOOR_GATE" --partitions 1 --replication-factor 1 >/dev/null
ingest_load "$APP" $FLOOR_PORT "$RUN.floor" "$FLOOR" "drain:0:0" -
ingest_load "$APP" $FLOOR_PORT "$RUN.floor" "$FLOOR" "saturate:8:$WARMUP,saturate:16:$SECS" -
kill "${RUNNING[@]}"
RUNNING=()

analytics_service "$APP" $PORT "$RUN" "$RAW" "$GATE" "$WORK/streams-$RUN" "$WORK/$RUN-service.log"
RUNNING+=("$SERVICE_PID")
echo "== each half alone, ${BATCH:-100} events a request: the capture (the rollups wait for $GATE), then the rollups"
ingest_load "$APP" $PORT "$RUN" "$RAW" "backlog:8:$WARMUP,backlog:16:$SECS"
kafka_topics --create --topic "$GATE" --partitions 1 --replication-factor 1 >/dev/null
ingest_load "$APP" $PORT "$RUN" "$RAW" "drain:0:0"
until curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null; do sleep 0.3; done

echo "== HTTP batch ingest end to end, ${BATCH:-100} events a request"
echo "-- a warm-up (the JIT compiles the service's, Kafka Streams' and the generator's hot paths), then the measured"
echo "   phases, in one load generator"
ingest_load "$APP" $PORT "$RUN" "$RAW" "saturate:8:$WARMUP,fixed:$RATE:$SECS,saturate:16:$SECS,fixed:$SUSTAINED:$SECS"
