#!/usr/bin/env bash
# The one command for the channels4j benchmarks: build, JMH microbenchmarks (-prof gc), request
# verification, the end-to-end load rounds against nginx on 127.0.0.1, and BENCHMARKS.md with its
# chart. The full run takes under 10 minutes on the 2-core machine.
#
#   benchmarks/run.sh              full run: results in benchmarks/results/, BENCHMARKS.md at the repo root
#                                  (then the hand-measured sections of benchmarks/sections/ appended)
#   benchmarks/run.sh --smoke      about a second of everything (the build's BenchmarkSmokeIT runs it):
#                                  results in benchmarks/target/smoke/
#   options: --jdk-sink   use the JDK fallback sink instead of nginx (smoke runs only: not a measurement)
#            --skip-build reuse benchmarks/target/benchmarks.jar
#            --no-jmh / --no-load   run only one half (the report covers what exists)
#
# Needs nginx for the load part: apt-get install nginx (Debian). Everything listens on and talks to
# 127.0.0.1 only; every loop is bounded in time; the nginx it starts is stopped by its pid.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

smoke=0
sink=nginx
build=1
jmh=1
load=1
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=1 ;;
    --jdk-sink) sink=jdk ;;
    --skip-build) build=0 ;;
    --no-jmh) jmh=0 ;;
    --no-load) load=0 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg (see --help)" >&2; exit 64 ;;
  esac
done
if [[ $sink == jdk && $smoke == 0 ]]; then
  echo "--jdk-sink is for smoke runs only (it is not the measurement sink); add --smoke" >&2
  exit 64
fi

start=$(date +%s)
# BENCH_POM lets a developer build from another pom (e.g. a copy without unreleased modules).
if [[ -n "${BENCH_POM:-}" ]]; then
  jar="$(dirname "$BENCH_POM")/target/benchmarks.jar"
  build_cmd=("$root/mvnw" -q -f "$BENCH_POM" -DskipTests package)
else
  jar="$here/target/benchmarks.jar"
  build_cmd=("$root/mvnw" -q -f "$root/pom.xml" -pl benchmarks -am -DskipTests package)
fi
if [[ $build == 1 ]]; then
  echo "== Building: ${build_cmd[*]}"
  "${build_cmd[@]}"
fi
[[ -f "$jar" ]] || { echo "no $jar: build first" >&2; exit 1; }

notes=()
if [[ $smoke == 1 ]]; then
  out="$here/target/smoke"
  markdown="$out/BENCHMARKS.md"
  # In-process JMH (-f 0): the smoke checks that every benchmark runs and passes its @Setup checks.
  jmh_opts=(-f 0 -wi 1 -w 100ms -i 1 -r 200ms)
  load_opts=(--rounds 1 --prewarm 200ms --prewarm-max 200ms --warmup 200ms --warmup-max 200ms
    --measure 400ms)
else
  out="$here/results"
  markdown="$root/BENCHMARKS.md"
  # The JIT compiler shares 2 cores with everything else: 6 warm-up seconds per benchmark.
  jmh_opts=(-f 1 -wi 6 -w 1s -i 5 -r 1s)
  # Warm-ups run on while the JIT compiler is busy (up to the max), but only as long as the load
  # budget allows: the whole run stays under 10 minutes.
  load_opts=(--rounds 5 --prewarm 2s --prewarm-max 10s --warmup 1s --warmup-max 3s --measure 2s)
  # The hand-written analysis of missed targets (profiles, causes) goes into the report.
  if [[ -f "$here/ANALYSIS.md" ]]; then
    notes=(--notes "$here/ANALYSIS.md")
  fi
fi
mkdir -p "$out"
rm -f "$out"/jmh.json "$out"/jmh.log "$out"/jmh-machine.properties "$out"/load.csv \
  "$out"/load.log "$out"/verify.csv "$out"/machine.properties

status=0
if [[ $jmh == 1 ]]; then
  echo "== JMH microbenchmarks (-prof gc)"
  echo "loadavg_before=$(cat /proc/loadavg 2>/dev/null || echo n/a)" > "$out/jmh-machine.properties"
  java -jar "$jar" jmh "${jmh_opts[@]}" -bm thrpt -tu s -prof gc -jvmArgs "-Xms1g -Xmx1g" \
    -rf json -rff "$out/jmh.json" 'io\.channels4j\.benchmarks\.micro\.(Channels4j|PusherHttpJava)Benchmark\..*' 2>&1 | tee "$out/jmh.log"
  echo "loadavg_after=$(cat /proc/loadavg 2>/dev/null || echo n/a)" >> "$out/jmh-machine.properties"
  [[ -s "$out/jmh.json" ]] || { echo "JMH wrote no results" >&2; status=1; }
fi

if [[ $load == 1 ]]; then
  echo "== Load: verification, then interleaved rounds against $sink on 127.0.0.1"
  set +e
  budget=$(( 560 - ($(date +%s) - start) ))
  (( budget > 60 )) || budget=60
  java -Xms1g -Xmx1g -XX:+UseG1GC -jar "$jar" load "${load_opts[@]}" --budget "${budget}s" \
    --sink "$sink" --out "$out" \
    2>&1 | tee "$out/load.log"
  load_status=${PIPESTATUS[0]}
  set -e
  if [[ $load_status != 0 ]]; then
    echo "load driver failed with status $load_status (1: invalid request, 2: failed requests)" >&2
    status=$load_status
  fi
fi

if [[ $smoke == 1 ]]; then
  # The fan-out benchmark (hand-run for BENCHMARKS.md) in miniature: every contender and the heap
  # run once, with no warm-up to speak of.
  echo "== Fan-out (smoke)"
  fanout_sink=()
  [[ $sink == jdk ]] && fanout_sink=(--jdk-sink)
  java -jar "$jar" fanout --events 2000 --rounds 1 --measured 2 --warmup-min-ms 0 \
    --warmup-max-ms 0 --heap-events 20000 "${fanout_sink[@]}" 2>&1 | tee "$out/fanout.txt"
  [[ ${PIPESTATUS[0]} == 0 ]] || { echo "fan-out smoke failed" >&2; status=1; }
fi

echo "== Report"
java -jar "$jar" report --results "$out" --markdown "$markdown" "${notes[@]}"
# Sections measured by hand with other commands of the jar (fanout, blocking, JMH passes), each
# saying how: kept in benchmarks/sections/ and appended, so that a new run does not drop them.
if [[ $smoke == 0 ]]; then
  for section in "$here"/sections/*.md; do
    [[ -f "$section" ]] || continue
    printf '\n' >> "$markdown"
    cat "$section" >> "$markdown"
  done
fi
echo "== Done in $(( $(date +%s) - start )) s: $markdown"
exit $status
