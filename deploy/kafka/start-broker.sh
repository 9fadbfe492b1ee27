#!/usr/bin/env bash
# Starts a single-node Apache Kafka 3.9.1 broker in KRaft mode (broker and controller in one
# JVM) on 127.0.0.1, from the Maven Central jars of deploy/kafka/lib. Returns once it answers.
#   deploy/kafka/start-broker.sh [--port PORT] [--run-dir DIR]
# PORT defaults to 9092; DIR (server.properties, data/, log/, pid) to $TAGPIPE_KAFKA_RUN_DIR or
# deploy/kafka/run. Stopping and starting the same DIR keeps its topics and data. The last
# line printed is "bootstrap: 127.0.0.1:PORT". Stop it with deploy/kafka/stop-broker.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PORT=9092
RUN_DIR="$KAFKA_RUN_DIR"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) [[ $# -ge 2 ]] || { echo "start-broker.sh: --port needs a value" >&2; exit 2; }
      PORT="$2"; shift 2 ;;
    --port=*) PORT="${1#*=}"; shift ;;
    --run-dir) [[ $# -ge 2 ]] || { echo "start-broker.sh: --run-dir needs a value" >&2; exit 2; }
      RUN_DIR="$2"; shift 2 ;;
    --run-dir=*) RUN_DIR="${1#*=}"; shift ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "start-broker.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
if ! [[ "$PORT" =~ ^[1-9][0-9]{0,4}$ ]] || (( PORT > 65535 )); then
  echo "start-broker.sh: --port must be a number from 1 to 65535, not '$PORT'" >&2; exit 2
fi
set_run_dir "$RUN_DIR"
RUN_DIR="$KAFKA_RUN_DIR"
[[ "$RUN_DIR" != *[[:space:],]* ]] || { echo "start-broker.sh: the run folder must not contain spaces or commas: $RUN_DIR" >&2; exit 2; }
PID_FILE="$RUN_DIR/broker.pid"
LOG_DIR="$RUN_DIR/log"
DATA_DIR="$RUN_DIR/data"

if [[ -f "$PID_FILE" ]]; then
  if is_our_broker "$(cat "$PID_FILE")"; then
    echo "start-broker.sh: a broker is already running in $RUN_DIR (pid $(cat "$PID_FILE"), port $(cat "$RUN_DIR/broker.port" 2>/dev/null || echo '?')); run stop-broker.sh --run-dir $RUN_DIR first" >&2
    exit 1
  fi
  rm -f "$PID_FILE"
fi
if port_open "$PORT"; then
  echo "start-broker.sh: port $PORT is already in use on 127.0.0.1; pass --port" >&2
  exit 1
fi

ensure_kafka_lib

# The controller listener gets a port of its own: the last one if it is still free, else a free
# one below Linux's ephemeral range (32768-60999), where outgoing connections take theirs.
CONTROLLER_PORT="$(cat "$RUN_DIR/controller.port" 2>/dev/null || true)"
if ! [[ "$CONTROLLER_PORT" =~ ^[0-9]+$ ]] || [[ "$CONTROLLER_PORT" == "$PORT" ]] || port_open "$CONTROLLER_PORT"; then
  CONTROLLER_PORT=""
  for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 12000))
    if [[ "$candidate" != "$PORT" ]] && ! port_open "$candidate"; then CONTROLLER_PORT="$candidate"; break; fi
  done
  [[ -n "$CONTROLLER_PORT" ]] || { echo "start-broker.sh: found no free port for the controller listener" >&2; exit 1; }
fi

mkdir -p "$LOG_DIR" "$DATA_DIR"
cat > "$RUN_DIR/server.properties" <<PROPERTIES
# Written by deploy/kafka/start-broker.sh on every start; edits are lost.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA_DIR

# One broker: every replication factor is 1.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# Fewer internal partitions than the default 50: they are created on a consumer group's or a
# transactional producer's first request, quicker with 4.
offsets.topic.num.partitions=4
transaction.state.log.num.partitions=4

# Topics are created explicitly (deploy/kafka/kafka topics --create ...).
auto.create.topics.enable=false
num.partitions=2
group.initial.rebalance.delay.ms=0

# A small machine: fewer threads than the defaults (3 network, 8 I/O).
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
PROPERTIES
echo "$PORT" > "$RUN_DIR/broker.port"
echo "$CONTROLLER_PORT" > "$RUN_DIR/controller.port"

# Format the storage the first time only: later starts of this run folder keep its data.
if [[ ! -f "$DATA_DIR/meta.properties" ]]; then
  if [[ ! -s "$RUN_DIR/cluster.id" ]]; then
    # A Kafka Uuid: 16 random bytes, URL-safe base64 without padding, not starting with '-'.
    while :; do
      id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
      [[ "$id" != -* ]] && break
    done
    echo "$id" > "$RUN_DIR/cluster.id"
  fi
  if ! "${KAFKA_TOOL_JAVA[@]}" kafka.tools.StorageTool format --cluster-id "$(cat "$RUN_DIR/cluster.id")" \
      --config "$RUN_DIR/server.properties" > "$LOG_DIR/format.out" 2>&1; then
    echo "start-broker.sh: formatting $DATA_DIR failed (kafka.tools.StorageTool):" >&2
    tail -n 20 "$LOG_DIR/format.out" >&2
    exit 1
  fi
fi

started=$(date +%s%N)
nohup java -Xmx512m -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
  -Dtagpipe.kafka.log.file="$LOG_DIR/server.log" -Dlog4j.configuration="file:$KAFKA_CONF_DIR/log4j.properties" \
  -cp "$(kafka_classpath)" kafka.Kafka "$RUN_DIR/server.properties" \
  >> "$LOG_DIR/broker.out" 2>&1 < /dev/null &
echo $! > "$PID_FILE"

fail() { # message
  echo "start-broker.sh: $1; the log ($LOG_DIR/server.log) ends:" >&2
  tail -n 30 "$LOG_DIR/server.log" >&2 2>/dev/null || true
  if [[ -s "$LOG_DIR/broker.out" ]]; then tail -n 10 "$LOG_DIR/broker.out" >&2; fi
  "$KAFKA_DEPLOY_DIR/stop-broker.sh" --run-dir "$RUN_DIR" >&2 || true
  exit 1
}

# Ready once Kafka's own admin client lists the topics (the broker serves metadata requests);
# a TCP connect alone is not enough, the listener accepts connections before the broker is up.
deadline=$((SECONDS + 60))
while (( SECONDS < deadline )); do
  is_our_broker "$(cat "$PID_FILE")" || fail "the broker exited while starting"
  if port_open "$PORT" && timeout $((deadline - SECONDS + 5)) "${KAFKA_TOOL_JAVA[@]}" org.apache.kafka.tools.TopicCommand \
      --bootstrap-server "127.0.0.1:$PORT" --list > "$LOG_DIR/ready-check.out" 2>&1; then
    elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
    printf 'Kafka %s broker up (KRaft, broker+controller, node 1) in %d.%d s; data and logs in %s\n' \
      "$KAFKA_VERSION" $((elapsed / 1000)) $((elapsed % 1000 / 100)) "$RUN_DIR"
    [[ "$RUN_DIR" == "$KAFKA_DEPLOY_DIR/run" ]] && opt="" || opt=" --run-dir $RUN_DIR"
    echo "Create a topic: deploy/kafka/kafka$opt topics --create --topic NAME --partitions 2; stop: deploy/kafka/stop-broker.sh$opt"
    echo "bootstrap: 127.0.0.1:$PORT"
    exit 0
  fi
  sleep 1
done
fail "the broker did not answer on 127.0.0.1:$PORT within 60 s"
