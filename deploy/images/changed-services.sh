#!/usr/bin/env bash
# Prints, as a JSON array, the services whose image must be rebuilt between two commits: those whose folder changed,
# or all of them when libs/ or the root pom changed; audio-pipeline brings its GPU worker image (audio-worker). The service list is $SERVICES (the image workflow's list).
#   deploy/images/changed-services.sh <base-commit> <head-commit>
set -euo pipefail
base="${1:?base commit}" head="${2:?head commit}"
read -r -a services <<<"${SERVICES:?SERVICES lists every service}"
if ! git cat-file -e "$base^{commit}" 2>/dev/null; then
  changed=$(git ls-files)                      # first push or unknown base: build everything
else
  changed=$(git diff --name-only "$base" "$head")
fi
picked=()
if grep -qE '^(libs/|pom\.xml$)' <<<"$changed"; then
  picked=("${services[@]}")
else
  for s in "${services[@]}"; do grep -q "^services/$s/" <<<"$changed" && picked+=("$s"); done
fi
# the GPU workers run audio-pipeline on another base image (deploy/images/audio-worker.Dockerfile)
for s in "${picked[@]}"; do [[ $s == audio-pipeline ]] && picked+=(audio-worker) && break; done
printf 'services=['; first=1
for s in "${picked[@]}"; do [[ $first == 1 ]] || printf ','; printf '"%s"' "$s"; first=0; done
printf ']\n'
