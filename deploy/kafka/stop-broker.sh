#!/usr/bin/env bash
# Stops exactly the broker start-broker.sh started in a run folder (its pid file, checked
# against the process's command line), nothing else: SIGTERM, then SIGKILL after 30 s.
#   deploy/kafka/stop-broker.sh [--run-dir DIR]
# DIR defaults to $TAGPIPE_KAFKA_RUN_DIR or deploy/kafka/run. No broker there: says so, exit 0.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

RUN_DIR="$KAFKA_RUN_DIR"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --run-dir) [[ $# -ge 2 ]] || { echo "stop-broker.sh: --run-dir needs a value" >&2; exit 2; }
      RUN_DIR="$2"; shift 2 ;;
    --run-dir=*) RUN_DIR="${1#*=}"; shift ;;
    -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "stop-broker.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
if [[ ! -d "$RUN_DIR" ]]; then
  echo "No Kafka broker running in $RUN_DIR (no such folder)"
  exit 0
fi
KAFKA_RUN_DIR="$(cd "$RUN_DIR" && pwd)"
RUN_DIR="$KAFKA_RUN_DIR"
PID_FILE="$RUN_DIR/broker.pid"

pid="$(cat "$PID_FILE" 2>/dev/null || true)"
if [[ -z "$pid" ]] || ! is_our_broker "$pid"; then
  rm -f "$PID_FILE" "$RUN_DIR/broker.port"
  echo "No Kafka broker running in $RUN_DIR"
  exit 0
fi

kill -TERM "$pid" 2>/dev/null || true
how="SIGTERM"
for _ in $(seq 1 150); do
  process_alive "$pid" || break
  sleep 0.2
done
if is_our_broker "$pid"; then
  kill -KILL "$pid" 2>/dev/null || true
  how="SIGKILL, it ignored SIGTERM for 30 s"
fi
for _ in $(seq 1 50); do
  process_alive "$pid" || break
  sleep 0.2
done
if process_alive "$pid"; then
  echo "stop-broker.sh: broker pid $pid is still alive after SIGKILL" >&2
  exit 1
fi
rm -f "$PID_FILE" "$RUN_DIR/broker.port"
echo "Kafka broker stopped (pid $pid, $how); data kept in $RUN_DIR/data"
