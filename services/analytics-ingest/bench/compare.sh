#!/usr/bin/env bash
# The rollups of two builds on the same backlog: the capture (of build A, its rollups held back) fills a raw topic with
# IngestLoad's batches, then each build's Kafka Streams application alone takes that whole backlog, in the order
# A B B A (a fresh application id, schema and rollup topic each time), and its rate is printed. The same events each
# time take out what moves run.sh's drain between runs (how many events the capture left); the order takes out a
# drift of the machine. A build is a quarkus-app folder, e.g. a baseline:
#   git worktree add /tmp/base <rev> && (cd /tmp/base && mvn -q -o package -DskipTests -pl services/analytics-ingest -am)
# Usage: services/analytics-ingest/bench/compare.sh APP_A APP_B [seconds-of-capture] (default 120: about 4 million
# events, drains of two to three minutes each; a 40 s fill's drains were mostly the service's start and JIT, and showed
# nothing of a change that gained 23% on the long one)
# OPTS_A, OPTS_B: JVM options of each build's service (one build twice with two collectors, say); CPU_SPLIT="AT SECS":
# where each drain's CPU goes, per process and per thread of the service, SECS long from AT seconds in (CpuSplit.java)
set -euo pipefail
APP_A="$(realpath "$1")"
APP_B="$(realpath "$2")"
SECS="${3:-120}"
PORT=19088
BENCH="$(realpath "$(dirname "$0")")"
source "$BENCH/../../../deploy/local/lib.sh"
source "$BENCH/service.sh"
WORK="$MASHUPS_LOCAL/bench-analytics-compare"
RUN="compare_$(date +%s)"
RAW="analytics.events.$RUN"
mkdir -p "$WORK"
"$MASHUPS_ROOT/deploy/local/infra.sh" up >/dev/null
KAFKA_CP="$MASHUPS_LOCAL/kafka/libs/*"
kafka_topics() { java -cp "$KAFKA_CP" org.apache.kafka.tools.TopicCommand --bootstrap-server "$MASHUPS_KAFKA_BOOTSTRAP" "$@"; }
SERVICE_PID=""
cleanup() {
  [[ -n $SERVICE_PID ]] && kill "$SERVICE_PID" 2>/dev/null || true
  kafka_topics --delete --if-exists --topic "$RUN.*|analytics\..*\.$RUN.*" >/dev/null 2>&1 || true
  for name in fill a1 b1 b2 a2; do
    PGUSER="$MASHUPS_PG_USER" PGPASSWORD="$MASHUPS_PG_PASSWORD" psql -h "$MASHUPS_PG_HOST" -p "$MASHUPS_PG_PORT" \
      -d "$MASHUPS_PG_DB" -q -X -c "DROP SCHEMA IF EXISTS ${RUN}_$name CASCADE" 2>/dev/null || true
  done
  rm -rf "$WORK/streams-$RUN"*
}
trap cleanup EXIT
# service APP NAME [JVM-OPTIONS]: build APP's service as NAME, its rollups waiting for their gate
service() {
  ANALYTICS_JAVA_OPTS="${ANALYTICS_JAVA_OPTS:-} ${3:-}" analytics_service "$1" $PORT "${RUN}_$2" "$RAW" "analytics.gate.${RUN}_$2" \
    "$WORK/streams-${RUN}_$2" "$WORK/${RUN}_$2.log"
}
stop() {
  kill "$SERVICE_PID"
  wait "$SERVICE_PID" 2>/dev/null || true
  SERVICE_PID=""
}

echo "== the backlog: build A's capture alone, 16 requests in flight"
service "$APP_A" fill "${OPTS_A:-}"
ingest_load "$APP_A" $PORT "${RUN}_fill" "$RAW" "backlog:8:5,backlog:16:$SECS" | tail -1
stop
echo "== each build's rollups alone on that backlog, in the order A B B A"
for name in a1 b1 b2 a2; do
  if [[ $name == a* ]]; then app="$APP_A" opts="${OPTS_A:-}"; else app="$APP_B" opts="${OPTS_B:-}"; fi
  service "$app" "$name" "$opts"
  kafka_topics --create --topic "analytics.gate.${RUN}_$name" --partitions 1 --replication-factor 1 >/dev/null
  split=""
  if [[ -n ${CPU_SPLIT:-} ]]; then
    read -r at secs <<<"$CPU_SPLIT"
    (sleep "$at" && java "$BENCH/CpuSplit.java" "$secs" "$SERVICE_PID" | sed "s/^/${name^^} /") &
    split=$!
  fi
  echo "${name^^} ($app $opts): $(ingest_load "$APP_A" $PORT "${RUN}_$name" "$RAW" drain:0:0)"
  if [[ -n $split ]] && kill -0 "$split" 2>/dev/null; then
    # the window would take in the idle service after its drain: no split for this one
    pkill -P "$split" || true
    kill "$split" 2>/dev/null || true
    echo "${name^^}: the drain ended before the CPU split's window did"
  fi
  stop
done
