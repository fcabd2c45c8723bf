#!/usr/bin/env bash
# Audio pipeline benchmark (figures, not a test): tempo accuracy and run time against aubio and bpm-tools on the same
# 24 synthesised songs, key accuracy, and the wall time of an AI generation from two 3-minute songs next to the
# ffmpeg-only floor. See src/test/java/io/mashups/audio/bench/AudioBenchmark.java.
# Usage: services/audio-pipeline/bench/run.sh [bars-per-tempo-fixture]   (default 32)
set -euo pipefail
source "$(dirname "$0")/../../../deploy/local/lib.sh"
"$MASHUPS_ROOT/deploy/local/install-deps.sh"
for pair in aubio:aubio-tools bpm:bpm-tools; do
  command -v "${pair%%:*}" >/dev/null || { log "installing ${pair#*:}"; apt-get install -y -qq "${pair#*:}" >/dev/null; }
done
run_test_main services/audio-pipeline io.mashups.audio.bench.AudioBenchmark 2g "$@"
