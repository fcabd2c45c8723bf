#!/usr/bin/env bash
# Captioning benchmark (figures, not a test): alignment error and real-time factor, the local fallback's word error
# rate, and throughput, on speech espeak-ng generates. See src/test/java/io/mashups/captions/bench/CaptionBenchmark.java.
# Usage: services/captions/bench/run.sh [rounds]   (default 3)
set -euo pipefail
source "$(dirname "$0")/../../../deploy/local/lib.sh"
"$MASHUPS_ROOT/deploy/local/install-deps.sh"
cd "$MASHUPS_ROOT"
mvn -B -q install -DskipTests -pl services/captions -am
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test \
  -pl services/captions
cd services/captions
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.mashups.captions.bench.CaptionBenchmark "$@"
