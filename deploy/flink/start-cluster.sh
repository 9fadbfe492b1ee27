#!/usr/bin/env bash
# Starts a local Flink 1.19 session cluster: one JobManager and N TaskManagers, each its own JVM,
# all bound to 127.0.0.1. Returns once the REST API reports N TaskManagers.
#   deploy/flink/start-cluster.sh [--taskmanagers N] [--rest-port PORT]
# Stop it with deploy/flink/stop-cluster.sh. Logs and pid files: deploy/flink/run/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

TASKMANAGERS=1
REST_PORT=8081
while [[ $# -gt 0 ]]; do
  case "$1" in
    --taskmanagers) TASKMANAGERS="$2"; shift 2 ;;
    --taskmanagers=*) TASKMANAGERS="${1#*=}"; shift ;;
    --rest-port) REST_PORT="$2"; shift 2 ;;
    --rest-port=*) REST_PORT="${1#*=}"; shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "start-cluster.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ "$TASKMANAGERS" =~ ^[1-9][0-9]*$ ]] || { echo "start-cluster.sh: --taskmanagers must be a positive number" >&2; exit 2; }

mkdir -p "$FLINK_RUN_DIR/log"
for pidfile in "$FLINK_RUN_DIR"/*.pid; do
  [[ -e "$pidfile" ]] || continue
  if is_our_process "$(cat "$pidfile")"; then
    echo "start-cluster.sh: a cluster is already running ($pidfile); run stop-cluster.sh first" >&2
    exit 1
  fi
  rm -f "$pidfile"
done
if (exec 3<>"/dev/tcp/127.0.0.1/$REST_PORT") 2>/dev/null; then
  echo "start-cluster.sh: port $REST_PORT is already in use; pass --rest-port" >&2
  exit 1
fi

ensure_flink_lib
CP="$(flink_classpath)"
# Each cluster gets its own JobManager RPC port so that several can coexist (tests).
RPC_PORT=$((REST_PORT + 10000 > 65000 ? 6123 : REST_PORT + 10000))
# Checkpoints go to files under the run folder: a streaming job's state holds the model side
# input (13.5 MB), over the 5 MB a checkpoint may keep in the JobManager's memory.
mkdir -p "$FLINK_RUN_DIR/checkpoints"
DYN=(-Drest.port="$REST_PORT" -Djobmanager.rpc.port="$RPC_PORT"
     -Dstate.checkpoints.dir="file://$(cd "$FLINK_RUN_DIR" && pwd)/checkpoints")

mapfile -t JM < <(flink_resource_params GET_JM_RESOURCE_PARAMS "${DYN[@]}")
mapfile -t TM < <(flink_resource_params GET_TM_RESOURCE_PARAMS "${DYN[@]}")
[[ ${#TM[@]} -ge 2 && ${#JM[@]} -ge 1 ]] || { echo "start-cluster.sh: could not compute Flink's memory settings (BashJavaUtils)" >&2; exit 1; }

start() { # name, main class, jvm flags, dynamic properties
  local name="$1" main="$2" jvm="$3" dyn="$4" log="$FLINK_RUN_DIR/log/$1.log"
  # Flink's Kryo reflects into java.util when it snapshots operator state (Java 17 needs it opened).
  # shellcheck disable=SC2086
  nohup java $jvm --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED -Dlog.file="$log" -Dlog4j.configurationFile="file:$FLINK_CONF_DIR/log4j.properties" \
    -cp "$CP" "$main" --configDir "$FLINK_CONF_DIR" "${DYN[@]}" $dyn \
    > "$FLINK_RUN_DIR/log/$name.out" 2>&1 < /dev/null &
  echo $! > "$FLINK_RUN_DIR/$name.pid"
}

start jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint "${JM[0]}" "${JM[1]:-}"
for i in $(seq 1 "$TASKMANAGERS"); do
  start "taskmanager-$i" org.apache.flink.runtime.taskexecutor.TaskManagerRunner "${TM[0]}" "${TM[1]}"
done
echo "$REST_PORT" > "$FLINK_RUN_DIR/rest.port"

for _ in $(seq 1 120); do
  n=$(curl -s "http://127.0.0.1:$REST_PORT/taskmanagers" 2>/dev/null | grep -o '"id"' | wc -l || true)
  if [[ "$n" -ge "$TASKMANAGERS" ]]; then
    echo "Flink session cluster up: $TASKMANAGERS TaskManager(s), web UI and REST at http://127.0.0.1:$REST_PORT"
    echo "Submit with: pipelines/tag --runner=FlinkRunner --flinkMaster=localhost:$REST_PORT --parallelism=2"
    exit 0
  fi
  for pidfile in "$FLINK_RUN_DIR"/*.pid; do
    if ! is_our_process "$(cat "$pidfile")"; then
      echo "start-cluster.sh: $(basename "$pidfile" .pid) died; see $FLINK_RUN_DIR/log/" >&2
      tail -n 20 "$FLINK_RUN_DIR/log/$(basename "$pidfile" .pid).out" >&2 || true
      "$FLINK_DEPLOY_DIR/stop-cluster.sh" >&2 || true
      exit 1
    fi
  done
  sleep 1
done
echo "start-cluster.sh: the REST API did not report $TASKMANAGERS TaskManagers within 120 s; see $FLINK_RUN_DIR/log/" >&2
"$FLINK_DEPLOY_DIR/stop-cluster.sh" >&2 || true
exit 1
