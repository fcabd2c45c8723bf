#!/usr/bin/env bash
# Runs every test of the repository: installs missing native tools, starts the local infrastructure (reusing what
# already runs), runs 'mvn -B verify' over every module, then stops the infrastructure it started.
# Extra arguments go to Maven, e.g. deploy/local/test.sh -pl services/gateway -am
source "$(dirname "$0")/lib.sh"
here="$(dirname "$0")"

started=()
for s in postgres kafka s3; do "$here/$s.sh" status | grep -q up || started+=("$s"); done
cleanup() {
  for s in "${started[@]}"; do "$here/$s.sh" stop || true; done
}
trap cleanup EXIT

"$here/infra.sh" up
cd "$MASHUPS_ROOT"
mvn -B verify "$@"
