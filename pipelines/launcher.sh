# Shared by pipelines/tag and pipelines/benchmark (sourced, not run): the bundled jar, built when
# missing or older than the sources, and the JVM flags every launch uses.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/target/tagpipe-bundled.jar"

if [[ ! -f "$JAR" ]] || [[ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]]; then
  echo "tagpipe: building $JAR (mvn package) ..." >&2
  # </dev/null: the build must not take standard input, which may be the sentences (--input=-)
  (cd "$ROOT" && mvn -B -q -DskipTests package) </dev/null >&2
fi

# The build's class data sharing archive (pom.xml): classes mapped, not loaded from the 250 MB
# jar, which saves seconds per start. Used only when it belongs to this jar.
CLASS_ARCHIVE_FLAGS=()
ARCHIVE="$ROOT/target/tagpipe.jsa"
if [[ -f "$ARCHIVE" && ! "$ARCHIVE" -ot "$JAR" ]]; then
  CLASS_ARCHIVE_FLAGS=("-XX:SharedArchiveFile=$ARCHIVE" "-Xlog:cds=off" "-Xlog:cds+dynamic=off")
fi
