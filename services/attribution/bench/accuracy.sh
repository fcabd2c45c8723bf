#!/usr/bin/env bash
# Fingerprint accuracy on a larger set than the suite's: FingerprintAccuracyTest's checks and thresholds (clean, MP3,
# noise, tempo, pitch, mashups' two sources, unknown songs) over more catalogue songs and unknown excerpts. It prints
# the `accuracy: ...` lines and fails as the test would. Plain JUnit: no infrastructure needed.
# Usage: services/attribution/bench/accuracy.sh [songs] [unknown excerpts]   (default 100 400; the suite runs 30 120)
set -euo pipefail
source "$(dirname "$0")/../../../deploy/local/lib.sh"
"$MASHUPS_ROOT/deploy/local/install-deps.sh"
cd "$MASHUPS_ROOT"
mvn -B -q install -DskipTests -pl services/attribution -am
# the catalogue's songs stay in memory (their mixes and stems): 6 GB held 50, not 100
mvn -B test -pl services/attribution -Dtest=FingerprintAccuracyTest -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine=-Xmx14g -Daccuracy.songs="${1:-100}" -Daccuracy.unknown="${2:-400}" | grep -E "^accuracy:|Tests run:|FAIL|ERROR\]"
