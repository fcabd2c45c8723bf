#!/usr/bin/env bash
# Builds one service's image with Quarkus' Jib integration (no Docker daemon needed).
#   deploy/images/build-image.sh <service>
#   deploy/images/build-image.sh audio-worker   audio-pipeline on the GPU base image (deploy/images/audio-worker.Dockerfile)
# Skaffold sets $IMAGE (full name with tag) and $PUSH_IMAGE; without them the image goes to a local tarball name.
set -euo pipefail
service="${1:?usage: build-image.sh <service>}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
module="$service"
extra=()
if [[ $service == audio-worker ]]; then
  module=audio-pipeline
  extra+=("-Dquarkus.jib.base-jvm-image=${MASHUPS_AUDIO_WORKER_BASE_IMAGE:-ghcr.io/mashups/audio-worker-base:3}")
fi
[[ -d $root/services/$module ]] || { echo "no service named $service" >&2; exit 1; }
image="${IMAGE:-mashups/$service:dev}"
push="${PUSH_IMAGE:-false}"
cd "$root"
mvn -B -q -pl "services/$module" -am package -DskipTests \
  -Dquarkus.container-image.build=true \
  -Dquarkus.container-image.image="$image" \
  -Dquarkus.container-image.push="$push" "${extra[@]}"
