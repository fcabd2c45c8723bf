#!/usr/bin/env bash
# Builds one service's image with Quarkus' Jib integration (no Docker daemon needed).
#   deploy/images/build-image.sh <service>
# Skaffold sets $IMAGE (full name with tag) and $PUSH_IMAGE; without them the image goes to a local tarball name.
set -euo pipefail
service="${1:?usage: build-image.sh <service>}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
[[ -d $root/services/$service ]] || { echo "no service named $service" >&2; exit 1; }
image="${IMAGE:-mashups/$service:dev}"
push="${PUSH_IMAGE:-false}"
cd "$root"
mvn -B -q -pl "services/$service" -am package -DskipTests \
  -Dquarkus.container-image.build=true \
  -Dquarkus.container-image.image="$image" \
  -Dquarkus.container-image.push="$push"
