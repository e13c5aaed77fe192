#!/usr/bin/env bash
# Side-by-side comparison of Petrel and Mosquitto on this machine, with the same load generator
# (petrel bench) against each broker, alternating brokers over several rounds.
#
#   bench/compare.sh [--rounds N] [--duration SECONDS] [--only SCENARIO[,SCENARIO...]]
#                    [--petrel-set 'KEY VALUE']... [--tls] [--record]
#
# Mosquitto (Debian's package, installed if missing) runs twice: as shipped and with
# set_tcp_nodelay true (the fair baseline for latency). Every broker gets max_queued_messages 0
# (no queue limit) and max_inflight_messages 64 so that none drops QoS 1/2 messages. Per scenario
# the script prints the medians over the rounds and Petrel's ratio to the better Mosquitto:
# delivered throughput, latency percentiles, broker CPU time per delivered message (utime+stime
# from /proc over the run) and peak RSS. --record appends the table to bench/RESULTS.md with the
# date and commit. --petrel-set adds a line to Petrel's config (for example 'io_threads 1').
# --tls puts every broker behind TLS the same way: a throwaway CA and a server certificate for
# 127.0.0.1 are made with openssl in the run's directory under bench/out (never committed), each
# broker's listener gets certfile, keyfile and cafile, and the bench trusts the CA (--cafile).
# (WebSocket is not compared: Debian's Mosquitto is built without it.)
# Everything listens on 127.0.0.1 only and stops by itself.
set -euo pipefail

rounds=3
duration=10
only=""
record=false
tls=false
petrel_extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --petrel-set) petrel_extra+=("$2"); shift 2 ;;
    --record) record=true; shift ;;
    --tls) tls=true; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$root/bench/out/compare-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

if ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then
  echo "Installing Debian's mosquitto..." >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq mosquitto >/dev/null
fi
mosquitto_bin="$(command -v mosquitto || echo /usr/sbin/mosquitto)"

echo "Building Petrel..." >&2
./mvnw -q -B -DskipTests -Dspotless.check.skip=true -Dcheckstyle.skip=true -pl petrel-cli -am install
classpath="$root/petrel-cli/target/petrel-cli.jar:$root/petrel-cli/target/lib/*"
java_opts="${PETREL_JAVA_OPTS:--Xmx2g}"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# --tls: a CA and a server certificate (RSA 2048, as most deployments) valid for a day. Mosquitto
# drops root for its own user, so the files must be world-readable: they are throwaway.
bench_tls=()
if $tls; then
  tls_dir="$out/tls"
  mkdir -p "$tls_dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=petrel compare CA" \
    -keyout "$tls_dir/ca.key" -out "$tls_dir/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$tls_dir/server.key" -out "$tls_dir/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$tls_dir/server.ext"
  openssl x509 -req -in "$tls_dir/server.csr" -CA "$tls_dir/ca.pem" -CAkey "$tls_dir/ca.key" \
    -CAcreateserial -days 1 -extfile "$tls_dir/server.ext" -out "$tls_dir/server.pem" 2>/dev/null
  chmod 755 "$tls_dir"
  chmod 644 "$tls_dir"/*
  bench_tls=(--cafile "$tls_dir/ca.pem")
fi

declare -A port pid
common_conf() {
  cat <<EOF
listener $1 127.0.0.1
allow_anonymous true
max_queued_messages 0
max_inflight_messages 64
EOF
  if $tls; then
    cat <<EOF
cafile $tls_dir/ca.pem
certfile $tls_dir/server.pem
keyfile $tls_dir/server.key
EOF
  fi
}

port[mosquitto]=$(free_port)
{ common_conf "${port[mosquitto]}"; echo "persistence false"; echo "log_dest none"; } >"$out/mosquitto.conf"
port[mosquitto-nodelay]=$(free_port)
{ common_conf "${port[mosquitto-nodelay]}"; echo "persistence false"; echo "log_dest none";
  echo "set_tcp_nodelay true"; } >"$out/mosquitto-nodelay.conf"
port[petrel]=$(free_port)
# Petrel keeps nothing on disk here either, like Mosquitto's persistence false.
{ common_conf "${port[petrel]}"; echo "persistence false";
  for line in "${petrel_extra[@]}"; do echo "$line"; done; } >"$out/petrel.conf"

wait_for_port() {
  for _ in $(seq 1 100); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$1),0.2).close()" 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "compare.sh: nothing listens on port $1" >&2
  exit 1
}

# Each run gets a freshly started broker, so that memory figures and queues do not carry over.
start_broker() {
  local b="$1" scenario="$2"
  if [ "$b" = petrel ]; then
    # shellcheck disable=SC2086
    java $java_opts -cp "$classpath" io.petrel.cli.Petrel broker --config "$out/petrel.conf" \
      >>"$out/petrel.log" 2>&1 &
  else
    "$mosquitto_bin" -c "$out/$b.conf" >>"$out/$b.log" 2>&1 &
  fi
  pid[$b]=$!
  pids+=("$!")
  wait_for_port "${port[$b]}"
  # A broker in service is warm: run a short unmeasured load of the same kind first, so that the
  # JVM's JIT compilation is not billed to the measured run (done for every broker alike). The
  # connection run warms up with connections only, so that its memory baseline is not a heap
  # already grown by a throughput run.
  if [ "$scenario" = conn-10k ]; then
    # Three rounds: after one, the JIT is still compiling the connect path, and its compiler
    # threads' CPU and memory (C2's arenas) would be billed to the measured run.
    for _ in 1 2 3; do
      java -cp "$classpath" io.petrel.cli.Petrel bench conn -c 10000 --connect-rate 50000 --hold 0 \
        -p "${port[$b]}" "${bench_tls[@]}" --no-progress >/dev/null 2>&1 || true
    done
  else
    java -cp "$classpath" io.petrel.cli.Petrel bench pairs -q 1 -c 4 -d 3 --warmup 0 \
      -p "${port[$b]}" "${bench_tls[@]}" --no-progress >/dev/null 2>&1 || true
  fi
  sleep 1
}

stop_broker() {
  kill "${pid[$1]}" 2>/dev/null || true
  wait "${pid[$1]}" 2>/dev/null || true
}

# name|petrel bench arguments
scenarios=(
  "fan-in-q0|fan-in -q 0 -c 8 -d $duration"
  "fan-in-q1|fan-in -q 1 -c 8 -d $duration"
  "fan-out-q0|fan-out -q 0 -c 50 -d $duration"
  "pairs-q1|pairs -q 1 -c 8 -d $duration"
  "pairs-q2|pairs -q 2 -c 2 -d $duration"
  "latency-q1|latency -q 1 -r 10000 -d $duration"
  "conn-10k|conn -c 10000 --connect-rate 50000 --hold 3"
)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }

brokers=(mosquitto mosquitto-nodelay petrel)
results="$out/results.tsv"
printf 'round\tscenario\tbroker\tcpu_ticks\trss_before_kb\trss_max_kb\thwm_kb\tjson\n' >"$results"
for round in $(seq 1 "$rounds"); do
  for entry in "${scenarios[@]}"; do
    name="${entry%%|*}"
    args="${entry#*|}"
    if [ -n "$only" ] && [[ ",$only," != *",$name,"* ]]; then continue; fi
    # Rotate the broker order each round so that none always runs on a warmer machine.
    for i in 0 1 2; do
      b="${brokers[$(( (i + round) % 3 ))]}"
      start_broker "$b" "$name"
      p="${pid[$b]}"
      json="$out/$name-$b-$round.json"
      echo 5 >"/proc/$p/clear_refs" 2>/dev/null || true   # reset the peak RSS
      rss0=$(rss_kb "$p")
      cpu0=$(cpu_ticks "$p")
      rss_max_file="$out/.rssmax"
      echo "$rss0" >"$rss_max_file"
      ( while kill -0 "$p" 2>/dev/null; do
          r=$(rss_kb "$p"); m=$(cat "$rss_max_file"); [ "$r" -gt "$m" ] && echo "$r" >"$rss_max_file"
          sleep 0.2
        done ) &
      sampler=$!
      echo "round $round  $name  $b" >&2
      # shellcheck disable=SC2086
      java -cp "$classpath" io.petrel.cli.Petrel bench $args -p "${port[$b]}" "${bench_tls[@]}" \
        --no-progress --json "$json" >"$out/$name-$b-$round.txt" 2>&1 || echo "  (bench exited $?)" >&2
      kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
      cpu1=$(cpu_ticks "$p")
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$b" "$((cpu1 - cpu0))" \
        "$rss0" "$(cat "$rss_max_file")" "$(hwm_kb "$p")" "$json" >>"$results"
      stop_broker "$b"
    done
  done
done

summary="$out/summary.md"
python3 "$root/bench/compare_summary.py" "$results" "$(getconf CLK_TCK)" >"$summary"
cat "$summary"
if $record; then
  {
    echo
    echo "## Comparison with Mosquitto, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)"
    echo
    extra=""
    for line in "${petrel_extra[@]}"; do extra+=" --petrel-set '$line'"; done
    $tls && extra+=" --tls"
    echo "Command: \`bench/compare.sh --rounds $rounds --duration $duration${only:+ --only $only}$extra\`;" \
      "Mosquitto $("$mosquitto_bin" -h 2>/dev/null | head -1 | awk '{print $3}'), $(java -version 2>&1 | head -1)," \
      "$(nproc) cores, load generator \`petrel bench\` on the same machine."
    echo
    cat "$summary"
  } >>"$root/bench/RESULTS.md"
  echo "Recorded in bench/RESULTS.md" >&2
fi
