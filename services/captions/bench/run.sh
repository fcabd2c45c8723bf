#!/usr/bin/env bash
# Captioning benchmark (figures, not a test): alignment error and real-time factor, the local fallback's word error
# rate, and throughput, on speech espeak-ng generates. See src/test/java/io/mashups/captions/bench/CaptionBenchmark.java.
# Usage: services/captions/bench/run.sh [rounds]   (default 3)
set -euo pipefail
source "$(dirname "$0")/../../../deploy/local/lib.sh"
"$MASHUPS_ROOT/deploy/local/install-deps.sh"
run_test_main services/captions io.mashups.captions.bench.CaptionBenchmark 6g "$@"
