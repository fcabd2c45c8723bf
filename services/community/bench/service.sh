# Sourced by the community benchmarks: starts the community service alone on its own schema ($SCHEMA) and consumer
# groups, at the end of every topic (history left by tests is not replayed), with a fresh RS256 key ($KEY, base64
# PKCS#8, for VoteLoad to sign tokens with), on $PORT with a pool of $POOL; stops it on exit. Defines psql_bench,
# $PG, $JAR and $WORK.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../../deploy/local/lib.sh"
WORK="$MASHUPS_LOCAL/bench-community"
mkdir -p "$WORK"
"$MASHUPS_ROOT/deploy/local/infra.sh" up >/dev/null
export PGPASSWORD="$MASHUPS_PG_PASSWORD"
PG=(-h "$MASHUPS_PG_HOST" -p "$MASHUPS_PG_PORT" -U "$MASHUPS_PG_USER" -d "$MASHUPS_PG_DB")
psql_bench() { psql "${PG[@]}" -v ON_ERROR_STOP=1 -q -X "$@"; }

JAR="$MASHUPS_ROOT/services/community/target/quarkus-app/quarkus-run.jar"
[[ -f $JAR ]] || (cd "$MASHUPS_ROOT" && mvn -B -q -DskipTests install -pl services/community -am)
cleanup() { [[ -f $WORK/service.pid ]] && kill "$(cat "$WORK/service.pid")" 2>/dev/null || true; rm -f "$WORK/service.pid"; }
trap cleanup EXIT

psql_bench -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/key.pem" 2>/dev/null
KEY=$(openssl pkcs8 -topk8 -nocrypt -in "$WORK/key.pem" -outform DER | base64 -w0)
QUARKUS_PROFILE=dev QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_LOG_LEVEL=WARN \
QUARKUS_OIDC_PUBLIC_KEY="$(openssl pkey -in "$WORK/key.pem" -pubout -outform DER | base64 -w0)" QUARKUS_OIDC_TOKEN_ISSUER=bench \
MASHUPS_DB_SCHEMA=$SCHEMA MASHUPS_KAFKA_GROUP_PREFIX="$SCHEMA-$(date +%s)" MASHUPS_KAFKA_BOOTSTRAP_SERVERS="$MASHUPS_KAFKA_BOOTSTRAP" \
QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE=$POOL QUARKUS_OTEL_SDK_DISABLED=true \
  java -Xmx512m -Dmp.messaging.connector.smallrye-kafka.auto.offset.reset=latest ${COMMUNITY_JAVA_OPTS:-} -jar "$JAR" \
  >"$WORK/service.log" 2>&1 &
echo $! >"$WORK/service.pid"
wait_for_port 127.0.0.1 $PORT 90 community "$WORK/service.log"
until curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null; do sleep 0.3; done
