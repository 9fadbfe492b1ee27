# Shared by start-broker.sh, stop-broker.sh and kafka. Sourced, not run.
# shellcheck shell=bash disable=SC2034  # (variables are used by the scripts that source this)
KAFKA_DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KAFKA_CONF_DIR="$KAFKA_DEPLOY_DIR/conf"
KAFKA_LIB_DIR="$KAFKA_DEPLOY_DIR/lib"
KAFKA_VERSION=3.9.1
# server.properties, pid and port files, data (data/) and logs (log/). TAGPIPE_KAFKA_RUN_DIR or
# --run-dir lets tests run a broker of their own; set_run_dir makes it absolute.
KAFKA_RUN_DIR="${TAGPIPE_KAFKA_RUN_DIR:-$KAFKA_DEPLOY_DIR/run}"

set_run_dir() { # DIR; creates it
  mkdir -p "$1" || { echo "$(basename "$0"): cannot create the run folder $1" >&2; exit 1; }
  KAFKA_RUN_DIR="$(cd "$1" && pwd)"
}

ensure_kafka_lib() {
  if ! ls "$KAFKA_LIB_DIR/kafka_2.13-$KAFKA_VERSION.jar" "$KAFKA_LIB_DIR/kafka-tools-$KAFKA_VERSION.jar" \
      "$KAFKA_LIB_DIR"/slf4j-reload4j-*.jar >/dev/null 2>&1; then
    echo "kafka: laying out $KAFKA_LIB_DIR from Maven Central ..." >&2
    mvn -B -q -f "$KAFKA_DEPLOY_DIR/pom.xml" package >&2 \
      || { echo "kafka: could not lay out $KAFKA_LIB_DIR (mvn -f $KAFKA_DEPLOY_DIR/pom.xml package failed)" >&2; exit 1; }
  fi
}

# A java -cp wildcard: the JVM expands it to every jar of lib/.
kafka_classpath() {
  echo "$KAFKA_LIB_DIR/*"
}

# True if $1 is the pid of a live broker we started for this run folder: its command line runs
# kafka.Kafka with exactly this run folder's server.properties.
is_our_broker() {
  [[ "$1" =~ ^[0-9]+$ && -r "/proc/$1/cmdline" ]] || return 1
  local args
  args="$(tr '\0' '\n' < "/proc/$1/cmdline" 2>/dev/null)" || return 1
  grep -qxF "kafka.Kafka" <<< "$args" && grep -qxF "$KAFKA_RUN_DIR/server.properties" <<< "$args"
}

# True while process $1 exists and is not a zombie. Its command line reads empty before it has
# closed its files and sockets; a zombie holds none.
process_alive() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ -n "$stat" && "${stat:0:1}" != [ZX] ]]
}

# True if something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The java command line for Kafka's command-line tools (append the main class and its
# arguments): warnings to stderr, a small heap and a quick-starting JVM, they run for seconds.
KAFKA_TOOL_JAVA=(java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1
  "-Dlog4j.configuration=file:$KAFKA_CONF_DIR/tools-log4j.properties" -cp "$KAFKA_LIB_DIR/*")
