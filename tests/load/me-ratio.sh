#!/usr/bin/env bash
# Logged-in GET /me against a bare endpoint of the same process (/healthz), with wrk, in each session mode:
#   tests/load/me-ratio.sh [cookie|cookie-redis|redis ...]     (default: all three)
# Needs wrk and redis-server (Debian packages). Starts the development stack (Release build) on free ports, logs in as
# Ada through the dev provider, then runs wrk (1 thread, 32 connections, 8 s) on each path twice and prints the second
# round, which runs warm.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
modes=("${@:-cookie cookie-redis redis}")
read -ra modes <<<"${modes[*]}"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

dotnet build "$root/src/AuthApi.DevIdentityProvider" -c Release -v quiet -nologo >/dev/null
bin="$root/src/AuthApi.DevIdentityProvider/bin/Release/net10.0"

printf '%-13s %12s %12s %7s\n' mode "healthz r/s" "me r/s" ratio
for mode in "${modes[@]}"; do
  work=$(mktemp -d)
  redis_port=$(free_port); provider_port=$(free_port); api_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work" --save "" --daemonize yes --pidfile "$work/redis.pid" >/dev/null
  args=(--urls "http://127.0.0.1:$provider_port" --DevIdentityProvider:AuthApiUrl "http://127.0.0.1:$api_port" --AuthApi:Auth:RateLimit:PermitsPerMinute 0)
  case $mode in
    cookie-redis) args+=(--AuthApi:Auth:Redis "127.0.0.1:$redis_port") ;;
    redis) args+=(--AuthApi:Auth:Redis "127.0.0.1:$redis_port" --AuthApi:Auth:Session:Store Redis) ;;
  esac
  (cd "$bin" && Logging__LogLevel__Default=Warning exec dotnet AuthApi.DevIdentityProvider.dll "${args[@]}" >"$work/stack.log" 2>&1) &
  stack=$!
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$api_port/readyz" >/dev/null && break; sleep 0.5; done
  curl -sf -c "$work/jar" -b "$work/jar" -L -o /dev/null "http://127.0.0.1:$api_port/login?provider=dev&login_hint=ada&returnUrl=/"
  cookie=$(awk '$6 ~ /authapi\./ {printf "%s=%s; ", $6, $7}' "$work/jar")
  curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$api_port/me" | grep -q '"isLoggedIn":true' || { echo "$mode: login failed"; cat "$work/stack.log"; exit 1; }
  declare -A rate=()
  for round in 1 2; do
    for path in /healthz /me; do
      rate[$path]=$(wrk -t1 -c32 -d8s -H "Cookie: $cookie" "http://127.0.0.1:$api_port$path" | awk '/Requests\/sec/ {print $2}')
    done
  done
  printf '%-13s %12.0f %12.0f %6.2fx\n' "$mode" "${rate[/healthz]}" "${rate[/me]}" "$(echo "${rate[/me]} / ${rate[/healthz]}" | bc -l)"
  kill "$stack"; wait "$stack" 2>/dev/null || true
  kill "$(cat "$work/redis.pid")"; rm -rf "$work"
done
