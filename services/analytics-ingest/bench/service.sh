# Sourced by bench/run.sh and bench/compare.sh (after deploy/local/lib.sh): analytics-ingest started for a benchmark
# on a schema and topics of its own, its Kafka Streams rollups held back until a gate topic exists.

# The collector the service's pods run (helm/mashups/values.yaml sets it: the image would start the parallel one, and
# the JVM picks the serial one on fewer than two cores)
ANALYTICS_POD_GC="-XX:+UseG1GC"

# analytics_service APP PORT NAME RAW-TOPIC GATE-TOPIC STATE-DIR LOG: starts the service of the quarkus-app folder APP
# in the background (its pid in SERVICE_PID) with schema NAME (dropped first), group prefix and rollup topic of NAME;
# returns once its capture answers (not ready, nor live, while the rollups wait for the gate: an empty batch's 422 is
# the sign). ANALYTICS_JAVA_OPTS go to its JVM.
analytics_service() {
  local app="$1" port="$2" name="$3" raw="$4" gate="$5" state="$6" log="$7"
  PGUSER="$MASHUPS_PG_USER" PGPASSWORD="$MASHUPS_PG_PASSWORD" psql -h "$MASHUPS_PG_HOST" -p "$MASHUPS_PG_PORT" \
    -d "$MASHUPS_PG_DB" -q -X -c "DROP SCHEMA IF EXISTS $name CASCADE" 2>/dev/null
  [[ -f $state.pem ]] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$state.pem" 2>/dev/null
  QUARKUS_PROFILE=dev QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_LOG_LEVEL=WARN \
  QUARKUS_OIDC_PUBLIC_KEY="$(openssl pkey -in "$state.pem" -pubout -outform DER | base64 -w0)" \
  QUARKUS_OIDC_TOKEN_ISSUER=bench MASHUPS_DB_SCHEMA="$name" MASHUPS_KAFKA_GROUP_PREFIX="$name" \
  MASHUPS_KAFKA_BOOTSTRAP_SERVERS="$MASHUPS_KAFKA_BOOTSTRAP" MASHUPS_ANALYTICS_RAW_TOPIC="$raw" \
  MASHUPS_ANALYTICS_ROLLUPS_TOPIC="analytics.rollups.$name" MASHUPS_STREAMS_STATE_DIR="$state" \
  QUARKUS_KAFKA_STREAMS_TOPICS="$raw,$gate" QUARKUS_OTEL_SDK_DISABLED=true \
    java -Xmx1g $ANALYTICS_POD_GC -Dmp.messaging.connector.smallrye-kafka.auto.offset.reset=latest \
    -Dmp.messaging.incoming.rollup-tables.auto.offset.reset=earliest ${ANALYTICS_JAVA_OPTS:-} \
    -jar "$app/quarkus-run.jar" >"$log" 2>&1 &
  SERVICE_PID=$!
  wait_for_port 127.0.0.1 "$port" 90 analytics-ingest "$log"
  until [[ $(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{"events":[]}' \
    "http://127.0.0.1:$port/api/analytics/events") == 422 ]]; do sleep 0.3; done
}

# ingest_load APP PORT NAME RAW-TOPIC PHASES [SCHEMA]: IngestLoad (from APP's libraries) against the service of
# analytics_service NAME; SCHEMA "-" is a service without tables (the floor, whose counting app is NAME.rollups)
ingest_load() {
  PGUSER="$MASHUPS_PG_USER" PGPASSWORD="$MASHUPS_PG_PASSWORD" java -Xmx512m -cp "$1/lib/main/*" \
    "$MASHUPS_ROOT/services/analytics-ingest/bench/IngestLoad.java" "$2" "$MASHUPS_KAFKA_BOOTSTRAP" \
    "jdbc:postgresql://$MASHUPS_PG_HOST:$MASHUPS_PG_PORT/$MASHUPS_PG_DB" "${6:-$3}" "$4" "analytics.rollups.$3" "$3" "$5"
}
