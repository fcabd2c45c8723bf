#!/usr/bin/env bash
# The chaos run (issue 26), on loopback and bounded: builds the fleet, then ChaosRun drives uploads, generations,
# studio edits and Stripe webhooks for MINUTES (5) while a random service is SIGKILLed and restarted every 20 s,
# Kafka is restarted once and PostgreSQL once; it prints its figures and fails if a write was lost, an event applied
# twice, a job left stuck or the studio replicas disagree. Not part of the test command (it takes ~10 minutes).
# Usage: system-tests/chaos.sh [MINUTES]
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/local/lib.sh
deploy/local/install-deps.sh
deploy/local/infra.sh up
mvn -B -q -DskipTests install
mvn -B verify -pl system-tests -Dit.test=ChaosRun -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dchaos.minutes="${1:-5}"
