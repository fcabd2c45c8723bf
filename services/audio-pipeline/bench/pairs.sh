#!/usr/bin/env bash
# Generator benchmark (figures, not a test): random pairs of synthesised songs (60-200 BPM, every key, standard and
# varied arrangements) mixed with no tempo asked for: mashups made, tempo range, loudness, true peak, reported tempo
# against ours and aubio's measurement, decoded duration; and how many the planner before the tempo band would have
# refused. See src/test/java/io/mashups/audio/bench/GeneratorBenchmark.java.
# Usage: services/audio-pipeline/bench/pairs.sh [pairs (40)] [seed (2026)]
set -euo pipefail
source "$(dirname "$0")/../../../deploy/local/lib.sh"
"$MASHUPS_ROOT/deploy/local/install-deps.sh"
command -v aubio >/dev/null || { log "installing aubio-tools"; apt-get install -y -qq aubio-tools >/dev/null; }
run_test_main services/audio-pipeline io.mashups.audio.bench.GeneratorBenchmark 2g "$@"
