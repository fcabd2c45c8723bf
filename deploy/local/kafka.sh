#!/usr/bin/env bash
# Starts (or reuses) a single-node KRaft Kafka broker on 127.0.0.1:9092 from Apache Kafka's own jars,
# which Maven resolves from deploy/local/kafka/pom.xml. Usage: kafka.sh start|stop|status
source "$(dirname "$0")/lib.sh"
HOME_DIR="$MASHUPS_LOCAL/kafka"
LIBS="$HOME_DIR/libs"
PIDFILE="$MASHUPS_LOCAL/run/kafka.pid"
LOGFILE="$MASHUPS_LOCAL/logs/kafka.log"
PORT=9092
CONTROLLER_PORT=9093

write_config() {
  mkdir -p "$HOME_DIR/data"
  cat >"$HOME_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$HOME_DIR/data
num.partitions=3
auto.create.topics.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=24
PROPS
  cat >"$HOME_DIR/log4j2.properties" <<'PROPS'
rootLogger.level=WARN
rootLogger.appenderRef.console.ref=console
appender.console.type=Console
appender.console.name=console
appender.console.layout.type=PatternLayout
appender.console.layout.pattern=%d %p %c{1} %m%n
PROPS
}

case "${1:-start}" in
  start)
    # resolved even when a broker already runs: tests start brokers of their own from these jars
    resolve_jars "$MASHUPS_ROOT/deploy/local/kafka/pom.xml" "$LIBS"
    if port_open 127.0.0.1 $PORT; then
      log "Kafka already running on 127.0.0.1:$PORT (reused)"; exit 0
    fi
    write_config
    if [[ ! -f $HOME_DIR/data/meta.properties ]]; then
      cluster_id=$(java -cp "$LIBS/*" kafka.tools.StorageTool random-uuid)
      java -cp "$LIBS/*" -Dlog4j2.configurationFile="$HOME_DIR/log4j2.properties" kafka.tools.StorageTool format \
        -t "$cluster_id" -c "$HOME_DIR/server.properties" --standalone >"$MASHUPS_LOCAL/logs/kafka-format.log" 2>&1 \
        || die "formatting Kafka storage failed (see $MASHUPS_LOCAL/logs/kafka-format.log)"
    fi
    nohup java -Xms256m -Xmx512m -cp "$LIBS/*" -Dlog4j2.configurationFile="$HOME_DIR/log4j2.properties" \
      kafka.Kafka "$HOME_DIR/server.properties" >"$LOGFILE" 2>&1 &
    echo $! >"$PIDFILE"
    wait_for_port 127.0.0.1 $PORT 60 Kafka "$LOGFILE"
    log "Kafka started on 127.0.0.1:$PORT"
    ;;
  stop) stop_pidfile "$PIDFILE" Kafka ;;
  status) port_open 127.0.0.1 $PORT && echo "kafka up" || echo "kafka down" ;;
  *) die "usage: $0 start|stop|status" ;;
esac
