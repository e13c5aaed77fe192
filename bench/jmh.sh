#!/usr/bin/env bash
# Builds the benchmarks and what they depend on, then runs JMH with any arguments given, e.g.
#   bench/jmh.sh SubscriptionMatch -f 1 -wi 3 -i 5
#   bench/jmh.sh -h                      # JMH's own options
# MVN_ARGS adds Maven options (e.g. MVN_ARGS=-o to build offline); JAVA_OPTS adds JVM options for
# the JMH launcher (each benchmark fork gets its own JVM; use -jvmArgs for those).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck disable=SC2086 # MVN_ARGS is a list of options
./mvnw -q -B -DskipTests ${MVN_ARGS:-} -pl bench -am package
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -cp "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main "$@"
