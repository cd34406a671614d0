# Sourced by the project's scripts: selects a JDK 21+ for Maven and the services.
# The machines' default java is 17; a newer JDK usually sits under /usr/lib/jvm.
# An explicit JAVA_HOME that is new enough wins.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = //p' | head -n1 | cut -d. -f1
}

select_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      # Maven 3.8's Guice uses sun.misc.Unsafe; JDK 24+ warns about it on every run.
      if [ "$major" -ge 24 ]; then
        export MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}"
      fi
      return 0
    fi
  done
  echo "No JDK 21+ found (looked at JAVA_HOME and /usr/lib/jvm). Install one, e.g. Temurin 21 or 25, or point JAVA_HOME at it." >&2
  return 1
}

require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "Maven not found; installing Debian's maven package" >&2
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq maven >/dev/null; else sudo apt-get update -qq && sudo apt-get install -y -qq maven >/dev/null; fi
  fi
}

select_jdk
require_maven
