#!/usr/bin/env bash
# Stops exactly the processes start-cluster.sh started (from their pid files), nothing else.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

stopped=0
pids=()
for pidfile in "$FLINK_RUN_DIR"/*.pid; do
  [[ -e "$pidfile" ]] || continue
  pid="$(cat "$pidfile")"
  if is_our_process "$pid"; then
    kill "$pid" 2>/dev/null || true
    pids+=("$pid")
    stopped=$((stopped + 1))
  fi
  rm -f "$pidfile"
done
for pid in "${pids[@]+"${pids[@]}"}"; do
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null || true
  fi
done
rm -f "$FLINK_RUN_DIR/rest.port"
echo "Flink session cluster stopped ($stopped process(es))"
