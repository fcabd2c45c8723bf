#!/usr/bin/env bash
# AI vocal benchmark (figures, not a test): the local engine's pitch, timing and duration against each plan on
# lyrics, tempi, keys, voices and styles (measured with aubio; raps on verses the engine was not tuned on apart), its real-time factor for 30 s of
# singing (goal: at most 0.5), Festival's singing mode on the same plans in the same run, and the captions engine
# aligning the given lyrics to every vocal (words recovered in order; goal 90% for spoken and rap).
# See src/test/java/io/mashups/audio/vocals/VocalBenchmark.java and captions' IntelligibilityBenchmark.
# Usage: services/audio-pipeline/bench/vocals.sh [output dir]
set -euo pipefail
source "$(dirname "$0")/../../../deploy/local/lib.sh"
"$MASHUPS_ROOT/deploy/local/install-deps.sh"
# Festival is only the reference here, not a dependency of the service
sudo=""; [[ $(id -u) == 0 ]] || sudo="sudo"
command -v text2wave >/dev/null || $sudo apt-get install -y -qq --no-install-recommends \
  festival festvox-us-slt-hts festvox-kallpc16k >/dev/null
out="$(realpath -m "${1:-$MASHUPS_ROOT/services/audio-pipeline/target/vocal-bench}")"
(run_test_main services/audio-pipeline io.mashups.audio.vocals.VocalBenchmark 1g "$out")
run_test_main services/captions io.mashups.captions.engine.IntelligibilityBenchmark 1g "$out"
