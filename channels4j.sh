#!/usr/bin/env bash
# channels4j.sh: the channels4j command-line tool. (Named .sh because channels4j/ is the core
# module's folder.) Builds channels4j-cli/target/channels4j-cli.jar on first use, or when a source
# is newer than the jar, with the Maven wrapper, then runs it.
#   ./channels4j.sh demo      # the whole story against an embedded test server, no account needed
#   ./channels4j.sh --help    # every command
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$root/channels4j-cli/target/channels4j-cli.jar"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  java="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1; then
  java="java"
else
  echo "channels4j: no Java found; install a JDK 17 or newer (or set JAVA_HOME)" >&2
  exit 1
fi

# True when the jar is missing or older than any source, resource or pom it is built from.
stale() {
  [[ ! -f "$jar" ]] && return 0
  local newer
  newer="$(find "$root/pom.xml" "$root/channels4j" "$root/channels4j-testkit" "$root/channels4j-cli" \
    -path '*/target' -prune -o -path '*/src/test' -prune -o \
    -type f \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
    -newer "$jar" -print 2>/dev/null | head -n 1)"
  [[ -n "$newer" ]]
}

if stale; then
  echo "channels4j: building the command-line tool (first use or changed sources)..." >&2
  # Build output goes to stderr so that stdout carries only the command's result (--json).
  if ! (cd "$root" && ./mvnw -B -q -pl channels4j-cli -am package -DskipTests) >&2; then
    echo "channels4j: the build failed; see the messages above" >&2
    exit 1
  fi
fi

exec "$java" -jar "$jar" "$@"
