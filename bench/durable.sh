#!/usr/bin/env bash
# Durable store benchmarks: persistent QoS 1 throughput in each durability mode, and the time a
# restart takes to recover a store full of queued messages.
#
#   bench/durable.sh [--duration SECONDS] [--messages N] [--record]
#
# Throughput: `petrel bench pairs -q 1 -c 8 --persistent` (persistent sessions, so every message is
# written to the store before its PUBACK) against a fresh broker with durability sync, periodic
# and memory; broker CPU per delivered message from /proc. Recovery: a persistent QoS 1 subscriber
# goes offline, N messages are queued for it, the broker is stopped and started again on the same
# data directory, and the script reports how long the restart took until the port accepted
# connections, and the broker's RSS then. --record appends the results to bench/RESULTS.md.
# Everything listens on 127.0.0.1 only, in a data directory under bench/out, and stops by itself.
set -euo pipefail

duration=10
messages=1000000
record=false
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --messages) messages="$2"; shift 2 ;;
    --record) record=true; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "durable.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$root/bench/out/durable-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"

echo "Building Petrel..." >&2
./mvnw -q -B -Dmaven.test.skip=true -Dspotless.check.skip=true -Dcheckstyle.skip=true -pl petrel-cli -am install
classpath="$root/petrel-cli/target/petrel-cli.jar:$root/petrel-cli/target/lib/*"
java_opts="${PETREL_JAVA_OPTS:--Xmx2g}"
petrel() { java -cp "$classpath" io.petrel.cli.Petrel "$@"; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_for_port() {
  for _ in $(seq 1 600); do
    if python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),0.2).close()" 2>/dev/null; then
      return 0
    fi
    sleep 0.05
  done
  echo "durable.sh: nothing listens on port $port" >&2
  exit 1
}

# start_broker MODE DATA_DIR: starts Petrel in the background; sets $pid.
start_broker() {
  printf 'listener %s 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\ndurability %s\npersistence_location %s\n' \
    "$port" "$1" "$2" >"$out/petrel-$1.conf"
  # shellcheck disable=SC2086
  java $java_opts -cp "$classpath" io.petrel.cli.Petrel broker --config "$out/petrel-$1.conf" \
    >>"$out/petrel.log" 2>&1 &
  pid=$!
  wait_for_port
}

stop_broker() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

results="$out/summary.md"
{
  echo "| durability | msg/s delivered | p50 ms | p99 ms | broker CPU µs/msg |"
  echo "|---|---:|---:|---:|---:|"
} >"$results"
ticks=$(getconf CLK_TCK)
for mode in sync periodic memory; do
  start_broker "$mode" "$out/data-$mode"
  petrel bench pairs -q 1 -c 4 -d 3 --warmup 0 --persistent -p "$port" --no-progress >/dev/null 2>&1 || true
  cpu0=$(cpu_ticks "$pid")
  petrel bench pairs -q 1 -c 8 -d "$duration" --persistent -p "$port" --no-progress \
    --json "$out/pairs-$mode.json" >"$out/pairs-$mode.txt" 2>&1
  cpu1=$(cpu_ticks "$pid")
  stop_broker
  python3 - "$out/pairs-$mode.json" "$mode" "$((cpu1 - cpu0))" "$ticks" >>"$results" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
mode, cpu, hz = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
received = r["received"]
rate = r["receiveRate"]
lat = r["latencyMs"]
per_msg = cpu / hz / max(received, 1) * 1e6
print(f"| {mode} | {rate:,.0f} | {lat['p50']:.3g} | {lat['p99']:.3g} | {per_msg:.3g} |")
EOF
done

# Recovery of a store with $messages queued messages for one offline persistent subscriber.
topic="bench/durable/$(date +%s)"
start_broker sync "$out/data-recovery"
petrel bench sub -q 1 --persistent --topic "$topic" -d 1 -p "$port" --no-progress >/dev/null 2>&1 || true
per_publisher=$((messages / 8))
petrel bench pub -q 1 -c 8 -n "$per_publisher" --topic "$topic" -p "$port" --no-progress \
  >"$out/fill.txt" 2>&1
stop_broker
store_mb=$(du -sm "$out/data-recovery" | awk '{print $1}')
t0=$(date +%s.%N)
start_broker sync "$out/data-recovery"
t1=$(date +%s.%N)
rss_mb=$(awk '/^VmRSS:/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
stop_broker
recovery=$(python3 -c "print(f'{$t1 - $t0:.2f}')")
{
  echo
  echo "Recovery: $((per_publisher * 8)) queued QoS 1 messages (64 B) for one offline persistent"
  echo "subscriber, store ${store_mb} MB: restart to accepting connections in ${recovery} s (JVM start"
  echo "included), RSS ${rss_mb} MB after recovery."
} >>"$results"

cat "$results"
if $record; then
  {
    echo
    echo "## Durable store, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)"
    echo
    echo "Command: \`bench/durable.sh --duration $duration --messages $messages\`; $(nproc) cores,"
    echo "$(java -version 2>&1 | head -1), load generator \`petrel bench\` on the same machine."
    echo
    cat "$results"
  } >>"$root/bench/RESULTS.md"
  echo "Recorded in bench/RESULTS.md" >&2
fi
