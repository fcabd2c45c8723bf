#!/usr/bin/env bash
# Brings the local infrastructure up or down: PostgreSQL, Kafka, S3-compatible store.
# 'up' installs missing native tools first and reuses anything already running; 'down' stops what these scripts started.
# Usage: infra.sh up|down|status
source "$(dirname "$0")/lib.sh"
here="$(dirname "$0")"
case "${1:-up}" in
  up)
    "$here/install-deps.sh"
    "$here/postgres.sh" start
    "$here/kafka.sh" start
    "$here/s3.sh" start
    ;;
  down)
    "$here/s3.sh" stop
    "$here/kafka.sh" stop
    "$here/postgres.sh" stop
    ;;
  status) for s in postgres kafka s3; do "$here/$s.sh" status; done ;;
  *) die "usage: $0 up|down|status" ;;
esac
