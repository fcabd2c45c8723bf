#!/usr/bin/env bash
# Cover art benchmark (figures, not a test): each template drawn and encoded at 1080x1080, PNG and JPEG, next to
# ffmpeg's showwavespic making a plain waveform picture of the same size in the same run. Goal: under 150 ms a cover.
# See src/test/java/io/mashups/audio/cover/CoverBenchmark.java.
# Usage: services/audio-pipeline/bench/covers.sh
set -euo pipefail
source "$(dirname "$0")/../../../deploy/local/lib.sh"
"$MASHUPS_ROOT/deploy/local/install-deps.sh"
run_test_main services/audio-pipeline io.mashups.audio.cover.CoverBenchmark 1g "$@"
