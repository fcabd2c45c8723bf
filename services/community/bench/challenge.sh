#!/usr/bin/env bash
# Challenge leaderboard benchmark: pages of a 10,000-entry challenge's leaderboard (the top page and a deep one), first
# with nothing else running (the reference), then while analytics.engagement events for its entries stream in at a
# fixed rate (EngagementLoad.java) and both of the service's consumers of them (challenge scores, in batches, and XP)
# apply them. Prints each phase's latencies, the rate at which the scores took the events in, and how long the backlog
# took to drain once the stream stopped. Service, Postgres, Kafka and load generators share this machine's cores.
# The pages are read in turn with two floors, so all see the same moments of the load: /q/health/live (the cheapest
# request the service answers: no token, no table) and a bare JDK HTTP server in a JVM of its own (BareServer.java):
# what the load alone costs a request of this service, and of any server on this machine.
# Usage: services/community/bench/challenge.sh [stream-seconds] [events-per-second]   (default 30, 5000)
STREAM_SECS="${1:-30}"
RATE="${2:-5000}"
PORT=19086 POOL=20 ENTRIES=10000 SCHEMA=community_bench_challenge CHALLENGE=bench-challenge
source "$(dirname "$0")/service.sh"

log "an active challenge with $ENTRIES entries"
psql_bench <<SQL
SET search_path = $SCHEMA;
INSERT INTO challenges (id, title, type, starts_at, ends_at, freezes_at, early_until, status, created_by, created_at,
  updated_at)
VALUES ('$CHALLENGE', 'Benchmark', 'special', now() - interval '1 day', now() + interval '1 day',
  now() + interval '23 hours', now() - interval '20 hours', 'active', 'bench', now(), now());
INSERT INTO challenge_entries (id, challenge_id, user_id, mashup_id, submitted_at, early)
SELECT 'bench-entry-' || i, '$CHALLENGE', 'entrant-' || i, 'bench-mashup-' || i,
  now() - interval '2 hours' + i * interval '1 ms', i % 7 = 0
FROM generate_series(0, $ENTRIES - 1) AS i;
ANALYZE challenges; ANALYZE challenge_entries;
SQL

CP="$(dirname "$JAR")/lib/main/*"
LOAD=(java -Dtokens="$WORK/challenge-tokens.txt" -cp "$CP" "$(dirname "$0")/VoteLoad.java" $PORT "$KEY" bench x 50 1)
rm -f "$WORK/challenge-tokens.txt"
"${LOAD[@]}" "-get:/q/health/ready:1" # signs the tokens once
TOP="/api/challenges/$CHALLENGE/leaderboard?page=1&size=20"
DEEP="/api/challenges/$CHALLENGE/leaderboard?page=400&size=20"
FLOOR="/q/health/live"
BARE="http://127.0.0.1:$((PORT + 1))/"
java -Dsun.net.httpserver.nodelay=true "$(dirname "$0")/BareServer.java" $((PORT + 1)) &
bare=$!
trap 'kill $bare 2>/dev/null; cleanup' EXIT
wait_for_port 127.0.0.1 $((PORT + 1)) 30 bare-server /dev/null
applied() { psql_bench -t -A -c "SELECT count(*) FROM $SCHEMA.inbox WHERE consumer = '$1'"; }

echo "== leaderboard alone (the reference; after a warm-up)"
"${LOAD[@]}" "-get:$TOP:300,-get:$DEEP:300,-get:$FLOOR:300,rotate:$TOP|$DEEP|$FLOOR|$BARE:8"

echo "== leaderboard while $RATE engagement events a second stream in for $STREAM_SECS s"
sleep 3 # the consumers have their partitions (they start at the end of the topic)
before=$(applied challenge-scores) xp_before=$(applied engagement-xp)
java -cp "$CP" "$(dirname "$0")/EngagementLoad.java" "$MASHUPS_KAFKA_BOOTSTRAP" "$RATE" "$STREAM_SECS" $ENTRIES &
stream=$!
started=$(date +%s.%N)
sleep 3 # past the stream's start
# for as long as the stream runs: the top page, a deep one and the floor in turn (after a quiet warm-up of this client)
"${LOAD[@]}" "-get:$TOP:100,rotate:$TOP|$DEEP|$FLOOR|$BARE:$((STREAM_SECS - 6))"
wait $stream
ended=$(date +%s.%N)
during=$(applied challenge-scores) xp_during=$(applied engagement-xp)
awk -v n=$((during - before)) -v x=$((xp_during - xp_before)) -v s="$(echo "$ended - $started" | bc)" -v r="$RATE" 'BEGIN {
  printf "taken in while streaming: scores %.0f/s, XP %.0f/s (sent %d/s)\n", n / s, x / s, r }'
sent=$((RATE * STREAM_SECS))
drain_start=$(date +%s.%N)
deadline=$((SECONDS + 300))
until (( $(applied challenge-scores) - before >= sent )) || (( SECONDS > deadline )); do sleep 0.5; done
echo "scores backlog drained $(echo "$(date +%s.%N) - $drain_start" | bc | cut -c1-5) s after the stream ended ($(( $(applied challenge-scores) - before )) of $sent applied)"
psql_bench -t -A -c "SELECT 'score sum ' || sum(score) || ' over ' || count(*) || ' entries' FROM $SCHEMA.challenge_entries"
java -cp "$CP" "$(dirname "$0")/EngagementLoad.java" "$MASHUPS_KAFKA_BOOTSTRAP" truncate 2>/dev/null
