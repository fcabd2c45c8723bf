#!/usr/bin/env bash
# Studio benchmark (figures, not a test): rooms x clients x op rate against studio-collab (one replica, with its
# Kafka room log and Postgres persister, as deployed) and, with the same traffic shape from the same lean generator,
# against y-websocket's server (npm y-websocket 1.5.4) as the reference, in one run; also against FanoutFloor.java,
# a bare Vert.x relay (target "floor"): the least latency any server on studio-collab's stack can show under this
# load on this machine. Prints one JSON line per run:
# p50/p99 op-to-broadcast latency, deliveries per second, and the CPU of the generator, the server, Kafka and Postgres
# (a run where the generator is near 100% measures the generator).
# Usage: services/studio-collab/bench/run.sh [rooms...]   (default: 100 150 200; 10 clients a room, 5 ops/s each)
set -euo pipefail
source "$(dirname "$0")/../../../deploy/local/lib.sh"
ROOM_COUNTS=("${@:-100 150 200}")
[[ $# -gt 0 ]] || ROOM_COUNTS=(100 150 200)
CLIENTS=${BENCH_CLIENTS:-10} RATE=${BENCH_RATE:-5} WARMUP=${BENCH_WARMUP:-10} MEASURE=${BENCH_SECONDS:-20}
STUDIO_PORT=18190 YJS_PORT=18191 FLOOR_PORT=18192
here="$MASHUPS_ROOT/services/studio-collab/bench"
command -v node >/dev/null || die "node (18+) is needed for the load generator and y-websocket: apt-get install nodejs npm"

"$MASHUPS_ROOT/deploy/local/infra.sh" up
(cd "$MASHUPS_ROOT" && mvn -B -q -DskipTests install -pl services/studio-collab -am)
(cd "$here" && npm install --no-audit --no-fund --silent)

run="bench$(date +%s)"
schema="bench_$run"
secret="bench-join-secret-of-at-least-thirty-two-bytes"
psql_bench() { PGPASSWORD="$MASHUPS_PG_PASSWORD" psql -q -h "$MASHUPS_PG_HOST" -p "$MASHUPS_PG_PORT" -U "$MASHUPS_PG_USER" "$MASHUPS_PG_DB" "$@"; }
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  psql_bench -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
}
trap cleanup EXIT

log "starting studio-collab on :$STUDIO_PORT (schema $schema, room log studio.room-log.$run)"
QUARKUS_PROFILE=dev QUARKUS_HTTP_PORT=$STUDIO_PORT QUARKUS_HTTP_HOST=127.0.0.1 MASHUPS_STUDIO_JOIN_SECRET="$secret" \
MASHUPS_KAFKA_BOOTSTRAP_SERVERS="$MASHUPS_KAFKA_BOOTSTRAP" QUARKUS_LOG_LEVEL=WARN \
  java -Xmx1g ${BENCH_JAVA_OPTS:-} -Dmashups.db.schema="$schema" -Dmashups.studio.rooms.topic="studio.room-log.$run" \
  -Dmashups.kafka.group-prefix="$run" -Dquarkus.oidc.tenant-enabled=false -Dquarkus.datasource.reactive.max-size=8 \
  -jar "$MASHUPS_ROOT/services/studio-collab/target/quarkus-app/quarkus-run.jar" >"$MASHUPS_LOCAL/logs/bench-studio.log" 2>&1 &
studio=$!; pids+=("$studio")
until curl -fsS "http://127.0.0.1:$STUDIO_PORT/q/health/ready" >/dev/null 2>&1; do
  kill -0 "$studio" 2>/dev/null || { tail -30 "$MASHUPS_LOCAL/logs/bench-studio.log"; die "studio-collab did not start"; }
  sleep 0.5
done

max_rooms=$(printf '%s\n' "${ROOM_COUNTS[@]}" | sort -n | tail -1)
log "making $max_rooms projects with $CLIENTS members and $CLIENTS tracks each"
tracks=$(for t in $(seq 0 $((CLIENTS - 1))); do printf '{"id":"t%d","name":"T%d"},' "$t" "$t"; done)
document="{\"tracks\":[${tracks%,}],\"markers\":[]}"
psql_bench -v ON_ERROR_STOP=1 <<SQL >/dev/null
SET search_path TO $schema;
INSERT INTO projects (id, owner_id, title, bpm, document, sequence, created_at, updated_at)
  SELECT 'bench-' || r, 'user-' || r || '-0', 'Room ' || r, 120, '$document', 0, now(), now() FROM generate_series(0, $max_rooms - 1) r;
INSERT INTO project_members (project_id, user_id, role, created_at)
  SELECT 'bench-' || r, 'user-' || r || '-' || c, CASE WHEN c = 0 THEN 'owner' ELSE 'editor' END, now()
  FROM generate_series(0, $max_rooms - 1) r, generate_series(0, $CLIENTS - 1) c;
INSERT INTO room_snapshots (project_id, seq, document) SELECT 'bench-' || r, -1, '$document' FROM generate_series(0, $max_rooms - 1) r;
SQL

log "starting y-websocket on :$YJS_PORT"
(cd "$here" && HOST=127.0.0.1 PORT=$YJS_PORT exec node node_modules/y-websocket/bin/server.js) >"$MASHUPS_LOCAL/logs/bench-yjs.log" 2>&1 &
yjs=$!; pids+=("$yjs")
until port_open 127.0.0.1 "$YJS_PORT"; do sleep 0.2; done

log "starting the fan-out floor on :$FLOOR_PORT"
java -Xmx1g -cp "$MASHUPS_ROOT/services/studio-collab/target/quarkus-app/lib/main/*" "$here/FanoutFloor.java" "$FLOOR_PORT" \
  >"$MASHUPS_LOCAL/logs/bench-floor.log" 2>&1 &
floor=$!; pids+=("$floor")
until port_open 127.0.0.1 "$FLOOR_PORT"; do sleep 0.2; done

kafka=$(cat "$MASHUPS_LOCAL/run/kafka.pid")
# every server gets the largest load once before anything is measured (the JVMs compile their hot paths meanwhile)
log "warming the servers up with $max_rooms rooms for ${JIT_WARMUP:=60} s (not measured)"
node "$here/load.mjs" --target studio --url "ws://127.0.0.1:$STUDIO_PORT" --secret "$secret" --rooms "$max_rooms" \
  --clients "$CLIENTS" --rate "$RATE" --warmup "$JIT_WARMUP" --seconds 1 >/dev/null
node "$here/load.mjs" --target floor --url "ws://127.0.0.1:$FLOOR_PORT" --secret "$secret" --rooms "$max_rooms" \
  --clients "$CLIENTS" --rate "$RATE" --warmup "$JIT_WARMUP" --seconds 1 >/dev/null
node "$here/load.mjs" --target yjs --url "ws://127.0.0.1:$YJS_PORT" --rooms "$max_rooms" \
  --clients "$CLIENTS" --rate "$RATE" --warmup 10 --seconds 1 >/dev/null
for rooms in "${ROOM_COUNTS[@]}"; do
  postgres=$(pgrep -d, -x postgres || pgrep -d, postgres)
  node "$here/load.mjs" --target studio --url "ws://127.0.0.1:$STUDIO_PORT" --secret "$secret" --rooms "$rooms" \
    --clients "$CLIENTS" --rate "$RATE" --warmup "$WARMUP" --seconds "$MEASURE" \
    --watch "server:$studio kafka:$kafka postgres:$postgres"
  node "$here/load.mjs" --target floor --url "ws://127.0.0.1:$FLOOR_PORT" --secret "$secret" --rooms "$rooms" \
    --clients "$CLIENTS" --rate "$RATE" --warmup "$WARMUP" --seconds "$MEASURE" --watch "server:$floor"
  node "$here/load.mjs" --target yjs --url "ws://127.0.0.1:$YJS_PORT" --rooms "$rooms" \
    --clients "$CLIENTS" --rate "$RATE" --warmup "$WARMUP" --seconds "$MEASURE" --watch "server:$yjs"
done
