#!/usr/bin/env bash
# Gateway benchmark: the same small GET answered by one upstream, measured three ways in one run on loopback:
#   direct   client -> upstream
#   nginx    client -> nginx reverse proxy -> upstream
#   vertx    client -> bare Vert.x proxy (RawVertxProxy.java: the JVM floor, no routing/auth/metrics) -> upstream
#   gateway  client -> gateway (JWT validated, rate limits off) -> upstream
# For each: latency at a fixed 2,000 requests/s (hey: 40 workers x 50 req/s), then throughput at saturation.
# The load generator, the proxies and the upstream share this machine's cores, as the issue's reference does.
# Usage: services/gateway/bench/run.sh [seconds-per-run]   (default 20)
set -euo pipefail
source "$(dirname "$0")/../../../deploy/local/lib.sh"
SECS="${1:-20}"
WORK="$MASHUPS_LOCAL/bench-gateway"
UPSTREAM_PORT=19001 NGINX_PORT=19002 VERTX_PORT=19090 GATEWAY_PORT=19080
mkdir -p "$WORK"

for tool in hey nginx openssl curl; do
  command -v "$tool" >/dev/null || { log "installing $tool"; apt-get install -y -qq "$tool" >/dev/null; }
done

cleanup() {
  [[ -f $WORK/gateway.pid ]] && kill "$(cat "$WORK/gateway.pid")" 2>/dev/null || true
  for n in upstream nginx-proxy; do [[ -f $WORK/$n/nginx.pid ]] && kill "$(cat "$WORK/$n/nginx.pid")" 2>/dev/null || true; done
  [[ -f $WORK/vertx.pid ]] && kill "$(cat "$WORK/vertx.pid")" 2>/dev/null || true
  rm -f "$WORK/gateway.pid" "$WORK/vertx.pid"
}
trap cleanup EXIT

# --- upstream and nginx proxy: two nginx processes, so nginx, like the JVM proxies, reaches its upstream through
# another process (one nginx serving both would answer itself inside one event loop, without the wake-ups) ---
nginx_instance() { # name port server-block
  mkdir -p "$WORK/$1"
  cat >"$WORK/$1/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/$1/nginx.pid;
error_log $WORK/$1/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream backend { server 127.0.0.1:$UPSTREAM_PORT; keepalive 128; }
  server { listen 127.0.0.1:$2; $3 }
}
CONF
  nginx -p "$WORK/$1" -c "$WORK/$1/nginx.conf"
}
nginx_instance upstream $UPSTREAM_PORT "location / { default_type application/json; return 200 '{\"tier\":\"free\",\"status\":\"active\"}'; }"
nginx_instance nginx-proxy $NGINX_PORT 'location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; }'
wait_for_port 127.0.0.1 $UPSTREAM_PORT 10 "nginx upstream"
wait_for_port 127.0.0.1 $NGINX_PORT 10 "nginx proxy"

# --- gateway, built if needed, with dev keys so it validates a real RS256 token ---
JAR="$MASHUPS_ROOT/services/gateway/target/quarkus-app/quarkus-run.jar"
[[ -f $JAR ]] || (cd "$MASHUPS_ROOT" && mvn -B -q -DskipTests package -pl services/gateway -am)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/key.pem" 2>/dev/null
QUARKUS_PROFILE=dev QUARKUS_HTTP_PORT=$GATEWAY_PORT QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_LOG_LEVEL=WARN \
QUARKUS_OIDC_PUBLIC_KEY="$(openssl pkey -in "$WORK/key.pem" -pubout -outform DER | base64 -w0)" QUARKUS_OIDC_TOKEN_ISSUER=bench \
MASHUPS_DEV_TOKEN_PRIVATE_KEY="$(openssl pkcs8 -topk8 -nocrypt -in "$WORK/key.pem" -outform DER | base64 -w0)" MASHUPS_DEV_TOKEN_ISSUER=bench \
GATEWAY_RATE_LIMIT_ENABLED=false \
  java "-D%dev.gateway.services.billing.url=http://127.0.0.1:$UPSTREAM_PORT" -jar "$JAR" >"$WORK/gateway.log" 2>&1 &
echo $! >"$WORK/gateway.pid"
wait_for_port 127.0.0.1 $GATEWAY_PORT 60 gateway "$WORK/gateway.log"
until curl -fs "http://127.0.0.1:$GATEWAY_PORT/q/health/ready" >/dev/null; do sleep 0.3; done
java -cp "$(dirname "$JAR")/lib/main/*" "$(dirname "$0")/RawVertxProxy.java" $VERTX_PORT $UPSTREAM_PORT >"$WORK/vertx.log" 2>&1 &
echo $! >"$WORK/vertx.pid"
wait_for_port 127.0.0.1 $VERTX_PORT 60 "bare Vert.x proxy" "$WORK/vertx.log"
TOKEN=$(curl -fs "http://127.0.0.1:$GATEWAY_PORT/dev/token?sub=bench-user" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
curl -fs -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$GATEWAY_PORT/api/billing/subscription" >/dev/null \
  || die "gateway does not proxy to the upstream"

PATH_UNDER_TEST=/api/billing/subscription
declare -A URL=([direct]="http://127.0.0.1:$UPSTREAM_PORT$PATH_UNDER_TEST" [nginx]="http://127.0.0.1:$NGINX_PORT$PATH_UNDER_TEST"
                [vertx]="http://127.0.0.1:$VERTX_PORT$PATH_UNDER_TEST" [gateway]="http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST")
TARGETS=(direct nginx vertx gateway)

hey_run() { hey -disable-compression -H "Authorization: Bearer $TOKEN" "$@"; }
field() { awk -v k="$1" '$0 ~ k {print $(NF-1); exit}'; }          # "  99% in 0.0021 secs" -> 0.0021
rps() { awk '/Requests\/sec/ {print $2; exit}'; }
non200() { awk '/Status code distribution/ {f=1; next} f && /\[/ && $1 != "[200]" {n += $2} END {print n+0}'; }

log "warming up each target for 10 s"
for target in "${TARGETS[@]}"; do hey_run -z 10s -c 32 "${URL[$target]}" >/dev/null; done

declare -A P50 P99 RATE SAT ERR
for target in "${TARGETS[@]}"; do
  log "$target: ${SECS}s at 2,000 req/s"
  out=$(hey_run -z "${SECS}s" -c 40 -q 50 "${URL[$target]}")
  P50[$target]=$(echo "$out" | field "50% in"); P99[$target]=$(echo "$out" | field "99% in")
  RATE[$target]=$(echo "$out" | rps); ERR[$target]=$(echo "$out" | non200)
  log "$target: ${SECS}s at saturation (64 connections)"
  out=$(hey_run -z "${SECS}s" -c 64 "${URL[$target]}")
  SAT[$target]=$(echo "$out" | rps); ERR[$target]=$(( ${ERR[$target]} + $(echo "$out" | non200) ))
done

ms() { awk -v s="$1" 'BEGIN {printf "%.2f", s * 1000}'; }
printf '\n%-8s %12s %9s %9s %14s %15s %11s %7s\n' target "rps@2000" "p50 ms" "p99 ms" "p99 added ms" "saturation rps" "% direct" errors
for target in "${TARGETS[@]}"; do
  added=$(awk -v a="${P99[$target]}" -v b="${P99[direct]}" 'BEGIN {printf "%.2f", (a - b) * 1000}')
  share=$(awk -v a="${SAT[$target]}" -v b="${SAT[direct]}" 'BEGIN {printf "%.0f", 100 * a / b}')
  printf '%-8s %12.0f %9s %9s %14s %15.0f %10s%% %7s\n' "$target" "${RATE[$target]}" "$(ms "${P50[$target]}")" \
    "$(ms "${P99[$target]}")" "$added" "${SAT[$target]}" "$share" "${ERR[$target]}"
done
echo
echo "goal: gateway adds <= 1 ms at p99 at 2,000 req/s and keeps >= 70% of direct throughput at saturation"
