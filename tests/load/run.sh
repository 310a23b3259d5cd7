#!/usr/bin/env bash
# The load test of issue 11: AuthApi's /me against a bare endpoint of the same process, in cookie and Redis mode, beside
# ASP.NET Core's own cookie authentication (tests/load/Baseline), all in one run; and issue 13's API proxy: a call through
# AuthApi's proxy against the same call made directly to the upstream (a second Baseline process) and through a bare YARP
# route (a third), to an upstream that answers at once and to one that waits 2 ms; and issue 22's Redis Cluster: the Redis
# store on a local cluster of three primaries and a replica of each, beside the single redis-server. One command from a
# fresh clone:
#
#   tests/load/run.sh
#
# Settings, from the environment (defaults in brackets):
#   DURATION [2s]            length of each wrk run
#   ROUNDS [5]               round-robin passes over the endpoints; the report takes the median
#   WARMUP [2s]              length of each wrk run of the discarded warm-up pass
#   LOGINS [48]              full logins per round, LOGIN_CONCURRENCY [8] of them at a time
#   MEMORY_REQUESTS [100000] logged-in /me requests between the two memory readings
#   MODES ["cookie redis redis-cluster"]
#                            AuthApi's modes, in order: cookie sessions, the Redis store on one redis-server, the Redis
#                            store on a Redis Cluster; add cookie-redis (cookie sessions + Auth:Redis) for a fourth
#   WRITE_DOCS [1]           0 prints the table only; 1 also writes docs/performance.md, docs/performance.svg and the
#                            README's table
#   CONNECTIONS [32]         wrk's connections; 1 shows latency without queueing for a core, with WRITE_DOCS=0 only
#
# Needs the .NET SDK, curl, python3, wrk and redis-server 7 or later with its redis-cli (Debian packages wrk and
# redis-server). Builds what it runs (Release), starts every process on free loopback ports with its files in a temporary
# folder, and stops them on exit.
set -euo pipefail
# Without it, a failure inside $(...) would not stop the script.
shopt -s inherit_errexit

root=$(cd "$(dirname "$0")/../.." && pwd)
DURATION=${DURATION:-2s}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-2s}
LOGINS=${LOGINS:-48}
LOGIN_CONCURRENCY=${LOGIN_CONCURRENCY:-8}
MEMORY_REQUESTS=${MEMORY_REQUESTS:-100000}
MODES=${MODES:-cookie redis redis-cluster}
WRITE_DOCS=${WRITE_DOCS:-1}
CONNECTIONS=${CONNECTIONS:-32}

# wrk's shape is fixed by the issue: one client thread, 32 connections, so every figure compares like with like (the
# docs are written only at 32; CONNECTIONS=1 is for a look at latency by hand).
WRK=(wrk -t1 "-c$CONNECTIONS" --latency)
# The dev provider's client and its seeded user (src/AuthApi.DevIdentityProvider/devidentityprovider.json).
CLIENT_ID=authapi-dev
CLIENT_SECRET=authapi-dev-secret-not-for-production
LOGIN_PATH="/login?provider=dev&login_hint=ada&returnUrl=/healthz"
# The proxy measurement's upstream endpoints (tests/load/Baseline), the same process and paths direct and proxied: one
# answers at once, the other after waiting 2 ms, as an API that queries a database would.
UPSTREAM_PATH=/upstream/hello
WORK_PATH=/upstream/work

work=""
started=()
interrupted=0

die() {
  echo "tests/load/run.sh: $*" >&2
  exit 1
}

# Stops every process this script started; keeps the temporary folder after a failure (not after Ctrl-C), for its logs.
cleanup() {
  local status=$? pid
  for pid in "${started[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ -n $work && ($status == 0 || $interrupted == 1) ]]; then
    rm -rf "$work"
  elif [[ -n $work ]]; then
    echo "tests/load/run.sh: the processes' logs are in $work" >&2
  fi
}

require_tools() {
  local tool
  for tool in dotnet curl python3; do
    command -v "$tool" >/dev/null || die "$tool is not on the PATH."
  done
  command -v wrk >/dev/null || die "wrk is not on the PATH; install it (Debian/Ubuntu: sudo apt-get install wrk)."
  command -v redis-server >/dev/null || die "redis-server is not on the PATH; install it (Debian/Ubuntu: sudo apt-get install redis-server)."
  local mode
  for mode in $MODES; do
    [[ $mode =~ ^(cookie|redis|redis-cluster|cookie-redis)$ ]] || die "MODES: '$mode' is not a mode; use cookie, redis, redis-cluster or cookie-redis."
  done
  if [[ " $MODES " == *" redis-cluster "* ]]; then
    command -v redis-cli >/dev/null || die "redis-cli is not on the PATH; it creates the cluster of MODES=redis-cluster (Debian/Ubuntu: sudo apt-get install redis-tools)."
  fi
  [[ $CONNECTIONS =~ ^[1-9][0-9]*$ ]] || die "CONNECTIONS: '$CONNECTIONS' is not a count of connections."
  # The docs describe the issue's 32 connections; another count is a look by hand.
  [[ $CONNECTIONS == 32 || $WRITE_DOCS == 0 ]] || die "CONNECTIONS=$CONNECTIONS needs WRITE_DOCS=0: the docs are written at 32 connections."
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The given number of free ports, one a line, all different: each socket stays bound until every port is chosen.
free_ports() {
  python3 -c '
import socket, sys
sockets = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print("\n".join(str(s.getsockname()[1]) for s in sockets))' "$1"
}

build() {
  echo "Building (Release)..."
  local project
  # The provider references AuthApi, so its build also builds src/AuthApi/bin/Release, which the script runs.
  for project in src/AuthApi.DevIdentityProvider tests/load/Baseline; do
    dotnet build "$root/$project" -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log"; die "building $project failed."; }
  done
}

# Runs a built app with its output folder as content root (where its appsettings.json is) in the background; the process
# ID lands in the named variable, the output in $work/<name>.log.
start_app() {
  local -n pid_out=$1
  local name=$2 folder=$3 dll=$4
  shift 4
  local output="$root/$folder/bin/Release/net10.0"
  # Started directly (not in a subshell) so that $! is the app's own process: its memory is read and it is stopped by it.
  dotnet "$output/$dll" --contentRoot "$output" "$@" >"$work/$name.log" 2>&1 &
  pid_out=$!
  started+=("$pid_out")
}

wait_for() {
  local name=$1 pid=$2 url=$3
  for _ in $(seq 120); do
    curl -sf -o /dev/null "$url" && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$work/$name.log" >&2; die "$name stopped while starting."; }
    sleep 0.5
  done
  cat "$work/$name.log" >&2
  die "$name did not answer $url within a minute."
}

# Something outside this script may end a process (a cleanup by name elsewhere on a shared machine): say so, rather than
# leave wrk's "connection refused".
expect_running() {
  local name=$1 pid=$2
  kill -0 "$pid" 2>/dev/null || die "$name (process $pid) stopped during the run, not by this script; its log is $work/$name.log."
}

stop_app() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# One development provider for the whole run, with a redirect URI for each AuthApi port; AuthApi runs as its own process,
# in Production as deployed, so its memory and CPU are its own and not the provider's.
start_provider() {
  local args=(--urls "http://127.0.0.1:$provider_port" --DevIdentityProvider:AuthApiUrl=)
  local i=0 mode
  for mode in $MODES; do
    args+=("--DevIdentityProvider:RedirectUris:$i" "http://127.0.0.1:${api_ports[$mode]}/oauth2callback")
    i=$((i + 1))
  done
  start_app provider_pid provider src/AuthApi.DevIdentityProvider AuthApi.DevIdentityProvider.dll "${args[@]}"
  wait_for provider "$provider_pid" "http://127.0.0.1:$provider_port/.well-known/openid-configuration"
}

# One redis-server on a free port, persistence off; its process ID is added to the named array, and the named variable gets
# its address for Auth:Redis.
start_redis() {
  local -n redis_pids_out=$1 redis_address_out=$2
  local port
  port=$(free_port)
  mkdir -p "$work/redis-$port"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$work/redis-$port" --save "" --appendonly no >"$work/redis-$port.log" 2>&1 &
  redis_pids_out+=("$!")
  started+=("$!")
  redis_address_out="127.0.0.1:$port"
}

wait_for_redis() {
  local port=$1 pid=$2
  for _ in $(seq 120); do
    [[ $(redis-cli -p "$port" ping 2>/dev/null) == PONG ]] && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$work/redis-$port.log" >&2; die "redis-server on port $port stopped while starting."; }
    sleep 0.5
  done
  cat "$work/redis-$port.log" >&2
  die "redis-server on port $port did not answer within a minute."
}

# Issue 22's Redis Cluster as tests/AuthApi.Tests/Infrastructure/RedisCluster.cs starts it: six nodes joined by
# redis-cli into three primaries and a replica of each, persistence off like the single server. The process IDs are added
# to the named array; the named variable gets the Auth:Redis seeds.
start_redis_cluster() {
  local -n cluster_pids_out=$1 cluster_address_out=$2
  local ports node_pids=() addresses=() node port
  mapfile -t ports < <(free_ports 12)
  for ((node = 0; node < 6; node++)); do
    port=${ports[node]}
    mkdir -p "$work/redis-$port"
    # An explicit bus port: the default, 10000 above the client port, does not exist for a free port above 55535. Redis's
    # default node timeout (15 s), not the tests' 1 s: nothing fails over here, and a node slow to answer on a busy machine
    # must not be voted out in the middle of a measurement.
    redis-server --port "$port" --bind 127.0.0.1 --dir "$work/redis-$port" --save "" --appendonly no \
      --cluster-enabled yes --cluster-config-file nodes.conf --cluster-port "${ports[node + 6]}" >"$work/redis-$port.log" 2>&1 &
    node_pids+=("$!")
    started+=("$!")
    addresses+=("127.0.0.1:$port")
  done
  cluster_pids_out+=("${node_pids[@]}")
  for ((node = 0; node < 6; node++)); do wait_for_redis "${ports[node]}" "${node_pids[node]}"; done
  redis-cli --cluster create "${addresses[@]}" --cluster-replicas 1 --cluster-yes >"$work/redis-cluster.log" 2>&1 ||
    { cat "$work/redis-cluster.log" >&2; die "redis-cli --cluster create failed."; }
  wait_for_cluster "${ports[@]:0:6}"
  # Seeds only: the client learns every node, and which of them are primaries, from the cluster itself.
  cluster_address_out=$(IFS=,; echo "${addresses[*]:0:3}")
}

# Whether every node says cluster_state:ok (before it, a node may answer CLUSTERDOWN for slots it has not heard of) and
# half of them are replicas whose link to their primary is up, so the measurement sees three primaries each replicating.
cluster_ready() {
  local port replicas=0
  for port in "$@"; do
    [[ $(redis-cli -p "$port" cluster info 2>&1) == *cluster_state:ok* ]] || return 1
    if [[ $(redis-cli -p "$port" info replication 2>&1) == *master_link_status:up* ]]; then replicas=$((replicas + 1)); fi
  done
  ((replicas * 2 == $#))
}

wait_for_cluster() {
  local port state
  for _ in $(seq 60); do
    cluster_ready "$@" && return 0
    sleep 0.5
  done
  for port in "$@"; do
    state=$( (redis-cli -p "$port" cluster info; redis-cli -p "$port" info replication) 2>&1 |
      grep -E '^(cluster_state|role|master_link_status):' | tr -d '\r' | paste -sd ' ' || true)
    echo "127.0.0.1:$port: $state" >&2
  done
  die "the Redis Cluster did not settle (cluster_state:ok everywhere, three replicas linked) within 30 s; its nodes' logs are $work/redis-*.log."
}

start_authapi() {
  local -n api_pid_out=$1
  local mode=$2 port=$3 redis=${4:-}
  local args=(
    --urls "http://127.0.0.1:$port"
    --Auth:RedirectUri "http://127.0.0.1:$port/oauth2callback"
    --Auth:Providers:dev:ServerMetadataUrl "http://127.0.0.1:$provider_port/.well-known/openid-configuration"
    --Auth:Providers:dev:ClientId "$CLIENT_ID"
    --Auth:Providers:dev:ClientSecret "$CLIENT_SECRET"
    --Auth:Providers:dev:Scope "openid profile email offline_access"
    --Auth:ExposeTokens "id,access"
    # As the dev stack: an idle timeout is what deployments set, and it is checked on every read.
    --Auth:Session:IdleTimeout 00:30:00
    --Auth:DataProtection:KeysPath "$work/keys-$mode"
    # Every login comes from 127.0.0.1: the per-IP limit would cap the login figure at 30 a minute.
    --Auth:RateLimit:PermitsPerMinute 0
    # Every login is Ada's: with the default cap of 50 sessions a user keeps, the login rounds would end the session the
    # other measurements use.
    --Auth:Session:MaxPerUser 10000
  )
  # The proxy's routes as the README configures them; exported to AuthApi only, they end with this function.
  local -x Auth__Proxy__Routes__user__Path="/proxy/user/{**rest}" Auth__Proxy__Routes__user__Token=User
  local -x Auth__Proxy__Routes__user__Destination="http://127.0.0.1:$upstream_port/"
  local -x Auth__Proxy__Routes__none__Path="/proxy/none/{**rest}" Auth__Proxy__Routes__none__Token=None
  local -x Auth__Proxy__Routes__none__Destination="http://127.0.0.1:$upstream_port/"
  case $mode in
    cookie-redis) args+=(--Auth:Redis "$redis") ;;
    redis | redis-cluster) args+=(--Auth:Redis "$redis" --Auth:Session:Store Redis) ;;
  esac
  start_app api_pid_out "authapi-$mode" src/AuthApi AuthApi.dll "${args[@]}"
  wait_for "authapi-$mode" "$api_pid_out" "http://127.0.0.1:$port/readyz"
}

start_baseline() {
  local -n baseline_pid_out=$1
  start_app baseline_pid_out baseline tests/load/Baseline Baseline.dll --urls "http://127.0.0.1:$2" --Baseline:KeysPath "$work/keys-baseline"
  wait_for baseline "$baseline_pid_out" "http://127.0.0.1:$2/healthz"
}

# The upstream of the proxy measurement: Baseline's /upstream/hello and /upstream/work, which answer 401 without a bearer
# token.
start_upstream() {
  start_app upstream_pid upstream tests/load/Baseline Baseline.dll --urls "http://127.0.0.1:$upstream_port" --Baseline:KeysPath "$work/keys-upstream"
  wait_for upstream "$upstream_pid" "http://127.0.0.1:$upstream_port/healthz"
}

# YARP alone: a Baseline process of its own (not the upstream, whose CPU it would share in one process, and not the cookie
# auth yardstick, which runs after AuthApi) whose /yarp/ route forwards to the upstream with YARP's defaults, so the same
# hop as AuthApi's proxy without AuthApi's work. Idle while AuthApi's other endpoints are measured.
start_yarp() {
  start_app yarp_pid yarp tests/load/Baseline Baseline.dll --urls "http://127.0.0.1:$yarp_port" --Baseline:KeysPath "$work/keys-yarp" \
    --Baseline:ProxyDestination "http://127.0.0.1:$upstream_port/"
  wait_for yarp "$yarp_pid" "http://127.0.0.1:$yarp_port/healthz"
}

# Logs in with curl (for AuthApi through the provider: /login, the provider's authorize endpoint, which signs Ada in at
# once for login_hint=ada, /oauth2callback) and prints the Cookie header that carries the session.
log_in() {
  local url=$1 jar="$work/jar-$RANDOM"
  curl -sf -L -c "$jar" -b "$jar" -o /dev/null "$url" || die "logging in at $url failed."
  awk -F'\t' 'NF == 7 { printf "%s=%s; ", $6, $7 }' "$jar"
}

# Checks a 2xx answer whose body contains the expected text; the headers after it go as they are ("Name: value").
expect_body() {
  local url=$1 expected=$2 body header
  local args=()
  for header in "${@:3}"; do args+=(-H "$header"); done
  body=$(curl -sf "${args[@]}" "$url") || die "GET $url failed."
  [[ $body == *"$expected"* ]] || die "GET $url answered $body, expected it to contain $expected."
}

# Checks the status code alone, for the refusals that show a 200 elsewhere is not an accident.
expect_status() {
  local url=$1 expected=$2 status header
  local args=()
  for header in "${@:3}"; do args+=(-H "$header"); done
  status=$(curl -s -o /dev/null -w '%{http_code}' "${args[@]}" "$url")
  [[ $status == "$expected" ]] || die "GET $url answered $status, expected $expected."
}

cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

rss_kb() {
  awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

# One wrk run with the given headers ("Name: value"); prints "requests/s p50-ms p99-ms requests" and stops the script if
# any answer was not 2xx, since then it would measure an error path.
wrk_run() {
  local duration=$1 url=$2 output header
  local headers=()
  for header in "${@:3}"; do headers+=(-H "$header"); done
  output=$("${WRK[@]}" -d"$duration" "${headers[@]}" "$url" 2>&1) || die "wrk failed on $url: $output"
  if grep -q "Non-2xx" <<<"$output"; then
    echo "$output" >&2
    die "GET $url answered errors under load."
  fi
  awk '
    function ms(value) {
      if (value ~ /us$/) return value / 1000
      if (value ~ /ms$/) return value + 0
      if (value ~ /m$/) return value * 60000
      return value * 1000
    }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    $2 == "requests" && $3 == "in" { requests = $1 }
    $1 == "Requests/sec:" { rate = $2 }
    END { printf "%s %.3f %.3f %s\n", rate, p50, p99, requests }' <<<"$output"
}

# LOGINS full logins, LOGIN_CONCURRENCY at a time; prints "logins/s p50-ms p99-ms count api-cpu-ms provider-cpu-ms" (the
# CPU each process spent per login). Each worker is one curl that logs in again and again, keeping its connections and
# cookies as a browser would; wrk cannot follow a redirect chain across two hosts, so curl drives logins.
login_run() {
  local port=$1 api_pid=$2
  local per_worker=$(((LOGINS + LOGIN_CONCURRENCY - 1) / LOGIN_CONCURRENCY))
  local url="http://127.0.0.1:$port$LOGIN_PATH" times="$work/login-times" worker i
  local api_before provider_before started_at ended_at
  expect_running provider "$provider_pid"
  api_before=$(cpu_ticks "$api_pid")
  provider_before=$(cpu_ticks "$provider_pid")
  started_at=$(date +%s.%N)
  for ((worker = 0; worker < LOGIN_CONCURRENCY; worker++)); do
    local urls=()
    for ((i = 0; i < per_worker; i++)); do urls+=(-o /dev/null "$url"); done
    curl -s -L -c /dev/null -w '%{http_code} %{time_total} %{url_effective}\n' "${urls[@]}" >"$times.$worker" &
  done
  wait
  ended_at=$(date +%s.%N)
  cat "$times".* >"$times"
  rm -f "$times".*
  # A completed login ends on returnUrl; one that failed ends on returnUrl?auth_error=...
  if grep -qv '^200 [0-9.]* http://[^ ]*/healthz$' "$times"; then
    grep -v '^200 [0-9.]* http://[^ ]*/healthz$' "$times" | head -3 >&2
    die "a login failed; see the lines above and $work/authapi-*.log."
  fi
  local count
  count=$(wc -l <"$times")
  sort -n -k2 "$times" | awk -v count="$count" -v elapsed="$ended_at - $started_at" \
    -v api="$(($(cpu_ticks "$api_pid") - api_before))" -v provider="$(($(cpu_ticks "$provider_pid") - provider_before))" \
    -v hz="$(getconf CLK_TCK)" '
    { seconds[NR] = $2 }
    END {
      split(elapsed, times, " - "); elapsed = times[1] - times[2]
      p50 = seconds[int((count * 50 + 99) / 100)]; p99 = seconds[int((count * 99 + 99) / 100)]
      printf "%.1f %.1f %.1f %d %.2f %.2f\n", count / elapsed, p50 * 1000, p99 * 1000, count,
        api * 1000 / hz / count, provider * 1000 / hz / count
    }'
}

# The endpoints of one target, each as "name path-or-URL credentials" (see headers_of). For AuthApi they include issue
# 13's proxy: the upstream called directly with the access token, through the bare YARP route with the same header,
# through AuthApi's Token=User route (session and X-CSRF) and its Token=None route (the same headers and the bearer token:
# AuthApi's hop without the session's work); the waiting upstream without Token=None, to keep the run short.
endpoints_of() {
  if [[ $1 == baseline ]]; then
    printf '%s\n' "bare /healthz none" "me /me session" "me-anonymous /me none"
  else
    printf '%s\n' "bare /healthz none" "me /me session" "me-anonymous /me none" "me-tokens /me/tokens session" "login $LOGIN_PATH none" \
      "proxy-direct http://127.0.0.1:$upstream_port$UPSTREAM_PATH bearer" "proxy-yarp http://127.0.0.1:$yarp_port/yarp$UPSTREAM_PATH bearer" \
      "proxy-user /proxy/user$UPSTREAM_PATH proxy" "proxy-none /proxy/none$UPSTREAM_PATH proxy-bearer" \
      "work-direct http://127.0.0.1:$upstream_port$WORK_PATH bearer" "work-yarp http://127.0.0.1:$yarp_port/yarp$WORK_PATH bearer" \
      "work-user /proxy/user$WORK_PATH proxy"
  fi
}

# The request headers of a kind of credentials, one a line; the cookie and token come from the arguments.
headers_of() {
  local kind=$1 cookie=$2 token=$3
  case $kind in
    session) echo "Cookie: $cookie" ;;
    bearer) echo "Authorization: Bearer $token" ;;
    proxy) printf '%s\n' "Cookie: $cookie" "X-CSRF: 1" ;;
    proxy-bearer) printf '%s\n' "Cookie: $cookie" "X-CSRF: 1" "Authorization: Bearer $token" ;;
  esac
}

# Round robin over the endpoints, ROUNDS times, after one discarded warm-up pass (tiered JIT, connection pools, caches);
# each round starts one endpoint further along, so that no endpoint always runs right after the logins.
# The report takes each figure's median over the rounds, and each ratio as the median of the per-round ratios (an
# endpoint's requests/s over the bare endpoint's in the same round): next to each other in time, both see the same
# machine, and the median drops a round that other work on this shared 2-core machine disturbed. It is not the last round
# because a single round has no defence against such a disturbance; many short rounds rather than a few long ones, for
# the same reason.
measure_target() {
  local target=$1 port=$2 pid=$3 cookie=$4 token=${5:-}
  local endpoints round i name path kind duration line headers url rate p50 p99 requests api_ms provider_ms
  mapfile -t endpoints < <(endpoints_of "$target")
  echo "  $target: warm-up, then $ROUNDS rounds..."
  for round in $(seq 0 "$ROUNDS"); do
    duration=$DURATION
    if ((round == 0)); then duration=$WARMUP; fi
    for ((i = 0; i < ${#endpoints[@]}; i++)); do
      read -r name path kind <<<"${endpoints[(i + round) % ${#endpoints[@]}]}"
      expect_running "$target" "$pid"
      if [[ $name == login ]]; then
        line=$(login_run "$port" "$pid")
        read -r rate p50 p99 requests api_ms provider_ms <<<"$line"
        if ((round > 0)); then printf '%s\t%s\t%s\t%s\n' "$target" "$round" "$api_ms" "$provider_ms" >>"$work/login-cpu.tsv"; fi
      else
        mapfile -t headers < <(headers_of "$kind" "$cookie" "$token")
        url=$path
        if [[ $url == /* ]]; then url="http://127.0.0.1:$port$path"; fi
        if [[ $name == proxy-* || $name == work-* ]]; then
          expect_running upstream "$upstream_pid"
          expect_running yarp "$yarp_pid"
        fi
        line=$(wrk_run "$duration" "$url" "${headers[@]}")
        read -r rate p50 p99 requests <<<"$line"
      fi
      if ((round > 0)); then
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "$round" "$name" "$rate" "$p50" "$p99" "$requests" >>"$work/results.tsv"
      fi
    done
  done
}

# Memory before and after at least MEMORY_REQUESTS logged-in /me requests, after the rounds so that the heap has
# already grown to what the load needs: a leak shows as growth here, warm-up does not.
measure_memory() {
  local target=$1 port=$2 pid=$3 cookie=$4
  local before after total=0 line
  before=$(rss_kb "$pid")
  while ((total < MEMORY_REQUESTS)); do
    line=$(wrk_run "$DURATION" "http://127.0.0.1:$port/me" "Cookie: $cookie")
    total=$((total + ${line##* }))
  done
  after=$(rss_kb "$pid")
  printf '%s\t%s\t%s\t%s\n' "$target" "$before" "$after" "$total" >>"$work/memory.tsv"
  echo "  $target: RSS $((before / 1024)) MB before, $((after / 1024)) MB after $total logged-in /me requests"
}

# The session's access token, for the direct calls to the upstream; kept in variables, never printed.
access_token() {
  curl -sf -H "Cookie: $2" "http://127.0.0.1:$1/me/tokens" | python3 -c 'import json, sys; print(json.load(sys.stdin)["access"])' ||
    die "reading the access token from /me/tokens failed."
}

# Before any proxy figure: each upstream endpoint refuses a call without a token and answers one with it, directly and
# through the bare YARP route (whose 401 without a token is the upstream's: the route reaches it), and through AuthApi the
# Token=User route answers the upstream's 200 only with the session and X-CSRF, so a measurement cannot count refusals.
expect_proxy() {
  local port=$1 cookie=$2 token=$3 path url
  for path in "$UPSTREAM_PATH" "$WORK_PATH"; do
    for url in "http://127.0.0.1:$upstream_port$path" "http://127.0.0.1:$yarp_port/yarp$path"; do
      expect_status "$url" 401
      expect_body "$url" '"bearer":true' "Authorization: Bearer $token"
    done
    expect_status "http://127.0.0.1:$port/proxy/user$path" 403 "Cookie: $cookie"
    expect_status "http://127.0.0.1:$port/proxy/user$path" 401 "X-CSRF: 1"
    expect_body "http://127.0.0.1:$port/proxy/user$path" '"bearer":true' "Cookie: $cookie" "X-CSRF: 1"
  done
  expect_body "http://127.0.0.1:$port/proxy/none$UPSTREAM_PATH" '"bearer":true' "Cookie: $cookie" "X-CSRF: 1" "Authorization: Bearer $token"
}

run_authapi() {
  local mode=$1 port=${api_ports[$1]} redis="" redis_pids=() api_pid cookie token pid
  case $mode in
    redis | cookie-redis) start_redis redis_pids redis ;;
    redis-cluster) start_redis_cluster redis_pids redis ;;
  esac
  start_authapi api_pid "$mode" "$port" "$redis"
  cookie=$(log_in "http://127.0.0.1:$port$LOGIN_PATH")
  expect_body "http://127.0.0.1:$port/me" '"isLoggedIn":true' "Cookie: $cookie"
  expect_body "http://127.0.0.1:$port/me" '"isLoggedIn":false'
  expect_body "http://127.0.0.1:$port/me/tokens" '"access":' "Cookie: $cookie"
  token=$(access_token "$port" "$cookie")
  expect_proxy "$port" "$cookie" "$token"
  measure_target "authapi-$mode" "$port" "$api_pid" "$cookie" "$token"
  measure_memory "authapi-$mode" "$port" "$api_pid" "$cookie"
  stop_app "$api_pid"
  for pid in "${redis_pids[@]}"; do stop_app "$pid"; done
}

run_baseline() {
  local port pid cookie
  port=$(free_port)
  start_baseline pid "$port"
  cookie=$(log_in "http://127.0.0.1:$port/login")
  expect_body "http://127.0.0.1:$port/me" '"isLoggedIn":true' "Cookie: $cookie"
  measure_target baseline "$port" "$pid" "$cookie"
  measure_memory baseline "$port" "$pid" "$cookie"
  stop_app "$pid"
}

report() {
  local command="DURATION=$DURATION ROUNDS=$ROUNDS WARMUP=$WARMUP LOGINS=$LOGINS LOGIN_CONCURRENCY=$LOGIN_CONCURRENCY"
  command+=" MEMORY_REQUESTS=$MEMORY_REQUESTS MODES=\"$MODES\" tests/load/run.sh"
  local write=()
  if [[ $WRITE_DOCS == 1 ]]; then write=(--docs "$root/docs" --readme "$root/README.md"); fi
  python3 "$root/tests/load/report.py" --work "$work" --command "$command" --duration "$DURATION" --rounds "$ROUNDS" \
    --logins "$LOGINS" --login-concurrency "$LOGIN_CONCURRENCY" --memory-requests "$MEMORY_REQUESTS" --date "$run_date" --load "$load_at_start" --seconds "$SECONDS" \
    "${write[@]}"
}

main() {
  require_tools
  trap cleanup EXIT
  trap 'interrupted=1; exit 130' INT TERM
  work=$(mktemp -d)
  run_date=$(date -u "+%Y-%m-%d %H:%M UTC")
  # Other work on the machine moves every figure; the report says how busy it was.
  load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
  build
  provider_port=$(free_port)
  declare -gA api_ports=()
  local mode
  for mode in $MODES; do api_ports[$mode]=$(free_port); done
  start_provider
  upstream_port=$(free_port)
  start_upstream
  yarp_port=$(free_port)
  start_yarp
  for mode in $MODES; do
    echo "AuthApi, $mode mode:"
    run_authapi "$mode"
  done
  echo "ASP.NET Core cookie authentication (tests/load/Baseline):"
  run_baseline
  report
}

main "$@"
