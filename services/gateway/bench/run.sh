#!/usr/bin/env bash
# Gateway benchmark: the same small GET answered by one upstream, measured three ways in one run on loopback:
#   direct   client -> upstream
#   nginx    client -> nginx reverse proxy -> upstream
#   vertx    client -> bare Vert.x proxy (RawVertxProxy.java: the JVM floor, no routing/auth/metrics) -> upstream
#   gateway  client -> gateway (JWT validated, rate limits off) -> upstream
# For each: latency at a fixed 2,000 requests/s (hey: 40 workers x 50 req/s), then throughput at saturation.
# The load generator, the proxies and the upstream share this machine's cores, as the issue's reference does.
# Usage: services/gateway/bench/run.sh [seconds-per-run] [rounds]   (default 10, 3)
set -euo pipefail
source "$(dirname "$0")/../../../deploy/local/lib.sh"
SECS="${1:-10}"
ROUNDS="${2:-3}"
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
QUARKUS_MANAGEMENT_PORT=$((GATEWAY_PORT + 1000)) QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
QUARKUS_OIDC_PUBLIC_KEY="$(openssl pkey -in "$WORK/key.pem" -pubout -outform DER | base64 -w0)" QUARKUS_OIDC_TOKEN_ISSUER=bench \
MASHUPS_DEV_TOKEN_PRIVATE_KEY="$(openssl pkcs8 -topk8 -nocrypt -in "$WORK/key.pem" -outform DER | base64 -w0)" MASHUPS_DEV_TOKEN_ISSUER=bench \
GATEWAY_RATE_LIMIT_ENABLED=false \
  java "-D%dev.gateway.services.billing.url=http://127.0.0.1:$UPSTREAM_PORT" -jar "$JAR" >"$WORK/gateway.log" 2>&1 &
echo $! >"$WORK/gateway.pid"
wait_for_port 127.0.0.1 $GATEWAY_PORT 60 gateway "$WORK/gateway.log"
until curl -fs "http://127.0.0.1:$((GATEWAY_PORT + 1000))/q/health/ready" >/dev/null; do sleep 0.3; done
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
ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $t; }
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8; exit}' /proc/stat; }
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# the processes whose CPU each target costs besides the load generator
UPSTREAM_PIDS=$(pgrep -P "$(cat "$WORK/upstream/nginx.pid")" | tr '\n' ' ')
declare -A PROXY_PIDS=([direct]="" [nginx]="$(pgrep -P "$(cat "$WORK/nginx-proxy/nginx.pid")" | tr '\n' ' ')"
                       [vertx]="$(cat "$WORK/vertx.pid")" [gateway]="$(cat "$WORK/gateway.pid")")

log "warming up each target for 10 s"
for target in "${TARGETS[@]}"; do hey_run -z 10s -c 32 "${URL[$target]}" >/dev/null; done

# Rounds interleave the targets, so drift of a shared virtual machine spreads over all of them; medians are printed.
declare -A P50 P99 SAT ERR MACHINE_US PROXY_US
for round in $(seq "$ROUNDS"); do
  for target in "${TARGETS[@]}"; do
    log "round $round/$ROUNDS, $target: ${SECS}s at 2,000 req/s, then ${SECS}s at saturation (64 connections)"
    out=$(hey_run -z "${SECS}s" -c 40 -q 50 "${URL[$target]}")
    P50[$target]+=" $(echo "$out" | field "50% in")"; P99[$target]+=" $(echo "$out" | field "99% in")"
    ERR[$target]=$(( ${ERR[$target]:-0} + $(echo "$out" | non200) ))
    machine0=$(busy_ticks); proxy0=$(ticks ${PROXY_PIDS[$target]})
    out=$(hey_run -z "${SECS}s" -c 64 "${URL[$target]}")
    machine1=$(busy_ticks); proxy1=$(ticks ${PROXY_PIDS[$target]})
    rate=$(echo "$out" | rps); SAT[$target]+=" $rate"; ERR[$target]=$(( ${ERR[$target]} + $(echo "$out" | non200) ))
    # CPU per request: 1 tick = 10 ms; the machine's figure covers load generator, upstream, proxy and kernel
    MACHINE_US[$target]+=" $(awk -v t=$((machine1 - machine0)) -v r="$rate" -v s="$SECS" 'BEGIN {printf "%.1f", t * 10000 / (r * s)}')"
    PROXY_US[$target]+=" $(awk -v t=$((proxy1 - proxy0)) -v r="$rate" -v s="$SECS" 'BEGIN {printf "%.1f", t * 10000 / (r * s)}')"
  done
done

ms() { awk -v s="$1" 'BEGIN {printf "%.2f", s * 1000}'; }
printf '\nper round (saturation rps; proxy us/request):\n'
for target in "${TARGETS[@]}"; do printf '%-8s %s;%s\n' "$target" "${SAT[$target]}" "${PROXY_US[$target]}"; done
for target in "${TARGETS[@]}"; do
  for metric in P50 P99 SAT MACHINE_US PROXY_US; do
    declare -n values=$metric; values[$target]=$(median ${values[$target]}); unset -n values
  done
done
printf '\nmedians of %s rounds of %ss\n' "$ROUNDS" "$SECS"
printf '%-8s %8s %8s %13s %15s %9s %16s %14s %7s\n' target "p50 ms" "p99 ms" "p99 added ms" "saturation rps" "% direct" \
  "machine us/req" "proxy us/req" errors
for target in "${TARGETS[@]}"; do
  added=$(awk -v a="${P99[$target]}" -v b="${P99[direct]}" 'BEGIN {printf "%.2f", (a - b) * 1000}')
  share=$(awk -v a="${SAT[$target]}" -v b="${SAT[direct]}" 'BEGIN {printf "%.0f", 100 * a / b}')
  printf '%-8s %8s %8s %13s %15.0f %8s%% %16s %14s %7s\n' "$target" "$(ms "${P50[$target]}")" "$(ms "${P99[$target]}")" \
    "$added" "${SAT[$target]}" "$share" "${MACHINE_US[$target]}" "${PROXY_US[$target]}" "${ERR[$target]}"
done
echo
echo "goal: gateway adds <= 1 ms at p99 at 2,000 req/s and keeps >= 70% of direct throughput at saturation"
# Throughput on a saturated machine is the inverse of the CPU a request costs all processes together, so keeping
# 70% of direct leaves a proxy at most (1/0.7 - 1) of direct's per-request cost.
awk -v d="${MACHINE_US[direct]}" 'BEGIN {printf "to keep 70%%, a proxy may add at most %.1f us of CPU per request here (direct costs %.1f)\n", d * (1 / 0.7 - 1), d}'
