#!/usr/bin/env bash
# Attribution benchmark (figures, not a test): ingest speed, index size per hour, query p50/p99 over an index of
# generated tracks, and identification beside fpcalc (Chromaprint) on the same transformed excerpts.
# See src/test/java/io/mashups/attribution/bench/AttributionBenchmark.java.
# Run it with nothing else busy (deploy/local/infra.sh down): a query uses both cores, and what other processes took
# during the queries is printed under their figures.
# Usage: services/attribution/bench/run.sh [tracks] [seconds per track] [queries]   (default 10000 30 300)
set -euo pipefail
source "$(dirname "$0")/../../../deploy/local/lib.sh"
"$MASHUPS_ROOT/deploy/local/install-deps.sh"
run_test_main services/attribution io.mashups.attribution.bench.AttributionBenchmark 6g "$@"
