#!/usr/bin/env bash
# Vote benchmark: community's POST /api/battles/{id}/vote (every rule: account age, judges, the shared rate limit,
# the hold checks, the upsert) on this machine's cores, next to its floor measured in the same run: the same unique
# upsert into battle_votes done by pgbench on the same Postgres with as many connections as the service's pool. Then
# the leaderboard page of a 10,000-entry battle. The service, Postgres and the load generator share the cores.
# Usage: services/community/bench/run.sh [seconds-per-phase] [fixed-rate]   (default 10, 2000)
# WARMUP=seconds (20) of saturating votes first; COMMUNITY_JAVA_OPTS for the service (a profiler, say).
set -euo pipefail
SECS="${1:-10}"
RATE="${2:-2000}"
PORT=19085 POOL=20 ENTRIES=10000 VOTERS=20000 SCHEMA=community_bench BATTLE=bench-open
source "$(dirname "$0")/service.sh"

log "a battle in open voting with $ENTRIES entries and $VOTERS voters first seen two months ago"
psql_bench <<SQL
SET search_path = $SCHEMA;
INSERT INTO battles (id, title, status, format, voting, starts_at, entries_end_at, voting_end_at, community_weight,
  judges_weight, criteria, prizes, created_by, created_at, updated_at)
VALUES ('$BATTLE', 'Benchmark', 'voting', 'open', 'open', now() - interval '2 days', now() - interval '1 day',
  now() + interval '1 day', 1, 0, '["overall"]', '[]', 'bench', now(), now());
INSERT INTO battle_entries (id, battle_id, user_id, mashup_id, submitted_at)
SELECT 'bench-entry-' || i, '$BATTLE', 'entrant-' || i, 'bench-mashup-' || i, now() - interval '1 day' - i * interval '1 s'
FROM generate_series(0, $ENTRIES - 1) AS i;
INSERT INTO profiles (user_id, name, first_seen, updated_at)
SELECT 'voter-' || i, 'voter-' || i, now() - interval '60 days', now() FROM generate_series(0, $VOTERS - 1) AS i;
ANALYZE battles; ANALYZE battle_entries; ANALYZE profiles;
SQL

rm -f "$WORK/tokens.txt"
java -Dtokens="$WORK/tokens.txt" -cp "$(dirname "$JAR")/lib/main/*" "$(dirname "$0")/VoteLoad.java" $PORT "$KEY" bench $BATTLE $VOTERS $ENTRIES "-get:/q/health/ready:1" # signs the tokens once
LOAD=(java -Dtokens="$WORK/tokens.txt" -cp "$(dirname "$JAR")/lib/main/*" "$(dirname "$0")/VoteLoad.java" $PORT "$KEY" bench $BATTLE $VOTERS $ENTRIES)
# CPU ticks (1/100 s) of processes: the service, Postgres's backends, everything
ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $t; }
postgres_pids() { pgrep -x postgres || pgrep -f "postgres:" ; }
all_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
echo "== community votes (after ${WARMUP:-20} s of warm-up: the JIT compiles the service's and the generator's hot paths)"
"${LOAD[@]}" "-saturate:$POOL:${WARMUP:-20},fixed:$RATE:$SECS,saturate:$((POOL * 2)):$SECS"
with_cpu() { # runs a saturating phase (its line's second field: the votes cast), then the CPU they took
  local service0 pg0 all0
  service0=$(ticks "$(cat "$WORK/service.pid")") pg0=$(ticks $(postgres_pids)) all0=$(all_ticks)
  "$@" | tee "$WORK/votes.txt"
  awk -v n="$(awk '{print $2}' "$WORK/votes.txt")" -v s=$(($(ticks "$(cat "$WORK/service.pid")") - service0)) \
    -v p=$(($(ticks $(postgres_pids)) - pg0)) -v a=$(($(all_ticks) - all0)) 'BEGIN {
    printf "CPU per vote: %.2f ms in all = service %.2f + Postgres %.2f + the rest (load generator, Kafka, OS) %.2f\n",
      a * 10 / n, s * 10 / n, p * 10 / n, (a - s - p) * 10 / n }'
}
echo "-- again, saturating, with the CPU it takes (the generator starts cold this time)"
with_cpu "${LOAD[@]}" "saturate:$((POOL * 2)):$SECS"
# the floor's client is pgbench, in C: the same votes from wrk, a client in C too, show what the Java generator costs
command -v wrk >/dev/null || { log "installing wrk"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
wrk_votes() { # [votes/s, fixed; saturating without]: only the script's line of figures
  wrk -t 2 -c $((POOL * 2)) -d "${SECS}s" -s "$(dirname "$0")/votes.lua" "http://127.0.0.1:$PORT" \
    -- $BATTLE $ENTRIES "$WORK/tokens.txt" 2 ${1:-} | grep "^wrk-"
}
echo "-- $RATE/s on a fixed schedule from wrk ($((POOL * 2)) connections)"
wrk_votes "$RATE"
echo "-- saturating from wrk ($((POOL * 2)) connections), with the CPU it takes"
with_cpu wrk_votes

echo "== floor: the same upsert by pgbench, $POOL connections"
cat >"$WORK/floor.sql" <<SQL
\\set u random(0, $VOTERS - 1)
\\set e random(0, $ENTRIES - 1)
INSERT INTO $SCHEMA.battle_votes (battle_id, match_id, user_id, entry_id, cast_at, address, held, held_reason) VALUES ('$BATTLE', '', 'floor-' || :u, 'bench-entry-' || :e, now(), md5(:u::text), false, NULL) ON CONFLICT (battle_id, match_id, user_id) DO UPDATE SET entry_id = excluded.entry_id, cast_at = excluded.cast_at, address = excluded.address, held = excluded.held, held_reason = excluded.held_reason;
SQL
floor_run() { # label, extra pgbench args
  rm -f "$WORK"/pgbench_log.*
  local all0 out; all0=$(all_ticks)
  out=$(pgbench "${PG[@]}" -n -c $POOL -j 2 -T "$SECS" -f "$WORK/floor.sql" -l --log-prefix="$WORK/pgbench_log" "${@:2}" 2>/dev/null)
  echo "$out" | awk -v l="$1" -v a=$(( $(all_ticks) - all0 )) -v secs="$SECS" \
    '/^tps/ {tps=$3} END {printf "%s: %.0f/s (CPU %.2f ms each)", l, tps, a * 10 / (tps * secs)}'
  # each log line: client, transaction, latency (us), script, epoch s, us (with -R the latency includes the schedule lag)
  # pgbench opens its connections inside the measured time: its first second is shown apart
  cat "$WORK"/pgbench_log.* | awk '{printf "%d.%06d %d\n", $5, $6, $3}' | sort -n >"$WORK/floor-latencies.txt"
  percentiles() { sort -n | awk -v l="$1" '{a[NR]=$1} END {printf "%s p50 %.1f ms, p99 %.1f ms, max %.1f ms", l, a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000, a[NR]/1000}'; }
  awk '{print $2}' "$WORK/floor-latencies.txt" | percentiles ";"
  awk 'NR == 1 {t0 = $1} $1 > t0 + 1 {print $2}' "$WORK/floor-latencies.txt" | percentiles "; after its first second"
  echo
}
floor_run "floor fixed $RATE/s" -R "$RATE"
floor_run "floor saturate"

echo "== leaderboard of the $ENTRIES-entry battle ($(psql_bench -t -A -c "SELECT count(*) FROM $SCHEMA.battle_votes WHERE battle_id = '$BATTLE'") votes), 20 a page"
"${LOAD[@]}" "-get:/api/battles/$BATTLE/leaderboard?page=1&size=20:100,get:/api/battles/$BATTLE/leaderboard?page=1&size=20:200,get:/api/battles/$BATTLE/leaderboard?page=400&size=20:200"
