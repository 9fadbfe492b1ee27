# Shared by start-cluster.sh, stop-cluster.sh and flink. Sourced, not run.
FLINK_DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
FLINK_CONF_DIR="${FLINK_CONF_DIR:-$FLINK_DEPLOY_DIR/conf}"
FLINK_LIB_DIR="$FLINK_DEPLOY_DIR/lib"
# Pid files and logs; TAGPIPE_FLINK_RUN_DIR lets tests run a cluster of their own.
FLINK_RUN_DIR="${TAGPIPE_FLINK_RUN_DIR:-$FLINK_DEPLOY_DIR/run}"

ensure_flink_lib() {
  if ! ls "$FLINK_LIB_DIR"/flink-runtime-1.19*.jar >/dev/null 2>&1; then
    echo "flink: laying out $FLINK_LIB_DIR from Maven Central ..." >&2
    mvn -B -q -f "$FLINK_DEPLOY_DIR/pom.xml" package >&2
  fi
}

flink_classpath() {
  local cp
  cp="$(printf '%s:' "$FLINK_LIB_DIR"/*.jar)"
  echo "${cp%:}"
}

# Prints the BASH_JAVA_UTILS_EXEC_RESULT lines Flink's own scripts use: JVM flags, then -D flags.
flink_resource_params() { # GET_TM_RESOURCE_PARAMS | GET_JM_RESOURCE_PARAMS
  java -cp "$(flink_classpath)" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" \
    --configDir "$FLINK_CONF_DIR" "${@:2}" 2>/dev/null | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' \
    | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://'
}

# True if $1 is the pid of a live process we started (its command line names our conf dir).
is_our_process() {
  [[ -r "/proc/$1/cmdline" ]] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q -- "--configDir $FLINK_CONF_DIR"
}
