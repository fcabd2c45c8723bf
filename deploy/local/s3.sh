#!/usr/bin/env bash
# Starts (or reuses) an S3-compatible object store (S3Proxy, filesystem backend) on 127.0.0.1:9000 and creates
# the bucket. Maven resolves S3Proxy from deploy/local/s3proxy/pom.xml. Usage: s3.sh start|stop|status
source "$(dirname "$0")/lib.sh"
HOME_DIR="$MASHUPS_LOCAL/s3proxy"
LIBS="$HOME_DIR/libs"
PIDFILE="$MASHUPS_LOCAL/run/s3proxy.pid"
LOGFILE="$MASHUPS_LOCAL/logs/s3proxy.log"
PORT=9000

case "${1:-start}" in
  start)
    if port_open 127.0.0.1 $PORT; then
      log "object store already running on 127.0.0.1:$PORT (reused)"
    else
      resolve_jars "$MASHUPS_ROOT/deploy/local/s3proxy/pom.xml" "$LIBS"
      mkdir -p "$HOME_DIR/data/$MASHUPS_S3_BUCKET"   # a directory under basedir is a bucket
      # the filesystem backend reads a directory others may read as a public bucket: anyone could list its keys
      chmod 750 "$HOME_DIR/data/$MASHUPS_S3_BUCKET"
      cat >"$HOME_DIR/s3proxy.conf" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$MASHUPS_S3_ACCESS_KEY
s3proxy.credential=$MASHUPS_S3_SECRET_KEY
s3proxy.cors-allow-all=true
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$HOME_DIR/data
PROPS
      cat >"$HOME_DIR/logback.xml" <<'XML'
<configuration>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d %level %logger{20} %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="STDOUT"/></root>
</configuration>
XML
      nohup java -Xmx256m -Dlogback.configurationFile="$HOME_DIR/logback.xml" -cp "$LIBS/*" org.gaul.s3proxy.Main \
        --properties "$HOME_DIR/s3proxy.conf" >"$LOGFILE" 2>&1 &
      echo $! >"$PIDFILE"
      wait_for_port 127.0.0.1 $PORT 60 "object store (S3Proxy)" "$LOGFILE"
      log "object store started on 127.0.0.1:$PORT (bucket $MASHUPS_S3_BUCKET)"
    fi
    ;;
  stop) stop_pidfile "$PIDFILE" "object store" ;;
  status) port_open 127.0.0.1 $PORT && echo "s3 up" || echo "s3 down" ;;
  *) die "usage: $0 start|stop|status" ;;
esac
