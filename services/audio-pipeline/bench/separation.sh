#!/usr/bin/env bash
# Separation benchmark (figures, not a test): the built-in separator's SDR per stem on mixes made unlike the tests'
# own (centred keys, a backing voice, reverb, other levels), stereo and downmixed to mono, next to the tests' own
# mixes in the same run. See src/test/java/io/mashups/audio/stems/SeparationBenchmark.java.
# Usage: services/audio-pipeline/bench/separation.sh [mixes]   (default 12)
set -euo pipefail
source "$(dirname "$0")/../../../deploy/local/lib.sh"
"$MASHUPS_ROOT/deploy/local/install-deps.sh"
run_test_main services/audio-pipeline io.mashups.audio.stems.SeparationBenchmark 3g "$@"
