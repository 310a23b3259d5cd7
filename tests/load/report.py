"""The report of tests/load/run.sh: prints the tables, and with --docs writes docs/performance.md, docs/performance.svg
and the README's table from the measurements run.sh left in --work (results.tsv, memory.tsv, login-cpu.tsv).

Standard library only: the chart is SVG text written by hand, so the script runs wherever python3 does.
"""

import argparse
import os
import platform
import re
import statistics
import subprocess
from collections import defaultdict
from html import escape
from pathlib import Path

TARGETS = {
    "authapi-cookie": ("AuthApi, cookie sessions", "#2b6cb0"),
    "authapi-redis": ("AuthApi, Redis store", "#dd6b20"),
    "authapi-redis-cluster": ("AuthApi, Redis store on a cluster", "#2f855a"),
    "authapi-cookie-redis": ("AuthApi, cookie sessions + Auth:Redis", "#805ad5"),
    "baseline": ("ASP.NET Core cookie auth", "#718096"),
}
ENDPOINTS = {
    "bare": "bare `/healthz`",
    "me": "`/me` logged in",
    "me-anonymous": "`/me` anonymous",
    "me-tokens": "`/me/tokens`",
    "login": "full login",
}
# Issue 13's API proxy: the same upstream endpoint called directly, through a bare YARP route and through AuthApi's proxy
# routes; each upstream as (name, its rows' prefix, its rows).
PROXY_CALLS = {
    "direct": "direct to the upstream, with the bearer token",
    "yarp": "YARP alone (a bare route, another process), with the bearer token",
    "none": "through AuthApi, a `Token=None` route",
    "user": "through AuthApi, a `Token=User` route",
}
UPSTREAMS = [
    ("`/upstream/hello`, answers at once", "proxy", ["direct", "yarp", "none", "user"]),
    ("`/upstream/work`, answers after 2 ms", "work", ["direct", "yarp", "user"]),
]
# Issue 13's target: a proxied call's p50 at most 1.25× the direct call's.
PROXY_TARGET = 1.25
# The chart leaves logins out: at a few thousandths of the bare endpoint their bars would not show.
CHARTED = ["me", "me-anonymous", "me-tokens"]
# Issue 11's goals for logged-in /me, as a share of the bare endpoint of the same process.
GOALS = [("authapi-cookie", 0.8, "goal, cookie sessions"), ("authapi-redis", 0.6, "goal, Redis store")]
# The Redis store on a Redis Cluster (issue 22) is held to the Redis store's goal, and compared with it on one server.
CLUSTER, SINGLE_NODE = "authapi-redis-cluster", "authapi-redis"
# How far figures move between runs on this machine; a difference within it is not one the run can show.
NOISE = 0.15
README_BEGIN = "<!-- performance: written by tests/load/run.sh from docs/performance.md -->"
README_END = "<!-- end of performance -->"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True, type=Path)
    parser.add_argument("--command", required=True)
    parser.add_argument("--duration", required=True)
    parser.add_argument("--rounds", required=True, type=int)
    parser.add_argument("--logins", required=True, type=int)
    parser.add_argument("--login-concurrency", required=True, type=int)
    parser.add_argument("--memory-requests", required=True, type=int)
    parser.add_argument("--date", required=True)
    parser.add_argument("--seconds", required=True, type=int)
    parser.add_argument("--load", required=True)
    parser.add_argument("--docs", type=Path)
    parser.add_argument("--readme", type=Path)
    args = parser.parse_args()

    results = read_tsv(args.work / "results.tsv")
    figures = summarize(results)
    proxy = summarize_proxy(results)
    memory = {row[0]: (int(row[1]), int(row[2]), int(row[3])) for row in read_tsv(args.work / "memory.tsv")}
    login_cpu = summarize_login_cpu(read_tsv(args.work / "login-cpu.tsv"))
    machine = describe_machine()

    print()
    print(console_table(figures, memory, login_cpu))
    print()
    print(proxy_console_table(proxy))
    if cluster_line(figures, proxy):
        print()
        print(cluster_line(figures, proxy))
    if args.docs:
        chart = svg_chart(figures, args, machine)
        (args.docs / "performance.svg").write_text(chart, encoding="utf-8")
        markdown = performance_markdown(figures, proxy, memory, login_cpu, machine, args)
        (args.docs / "performance.md").write_text(markdown, encoding="utf-8")
        print(f"\nWrote {args.docs / 'performance.md'} and {args.docs / 'performance.svg'}.")
    if args.readme:
        update_readme(args.readme, figures, proxy, memory, args, machine)


def read_tsv(path):
    if not path.exists():
        return []
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line]


def summarize(rows):
    """Per target and endpoint: the median requests/s, p50 and p99 over the rounds, and the median of the per-round ratios
    to the bare endpoint (paired within a round, so both sides of a ratio saw the same moment of a shared machine)."""
    return paired_medians(rows, ENDPOINTS, "bare", lambda sample, bare: sample[0] / bare[0])


def summarize_proxy(rows):
    """Per target and proxy endpoint: the same medians, the ratio being its p50 over the direct call's p50 of the same
    upstream in that round, and yarp_ratio its p50 over YARP alone's."""
    p50_ratio = lambda sample, reference: sample[1] / reference[1]
    figures = defaultdict(dict)
    for _, prefix, calls in UPSTREAMS:
        names = {f"{prefix}-{call}": PROXY_CALLS[call] for call in calls}
        over_yarp = paired_medians(rows, names, f"{prefix}-yarp", p50_ratio)
        for target, endpoints in paired_medians(rows, names, f"{prefix}-direct", p50_ratio).items():
            for endpoint, f in endpoints.items():
                f["yarp_ratio"] = over_yarp[target][endpoint]["ratio"]
                figures[target][endpoint] = f
    return dict(figures)


def paired_medians(rows, names, reference, ratio_of):
    """The medians over the rounds of the endpoints in names, each round's ratio_of(sample, the reference's sample) with
    samples as (requests/s, p50, p99, requests)."""
    by_round = defaultdict(dict)
    for target, round_, endpoint, rate, p50, p99, requests in rows:
        if endpoint in names:
            by_round[(target, round_)][endpoint] = (float(rate), float(p50), float(p99), int(requests))
    samples = defaultdict(lambda: defaultdict(list))
    for (target, _), endpoints in by_round.items():
        for endpoint, sample in endpoints.items():
            samples[target][endpoint].append((*sample, ratio_of(sample, endpoints[reference])))
    figures = {}
    for target in sorted(samples, key=list(TARGETS).index):
        figures[target] = {}
        for endpoint in [e for e in names if e in samples[target]]:
            columns = list(zip(*samples[target][endpoint]))
            figures[target][endpoint] = {
                "rate": statistics.median(columns[0]),
                "p50": statistics.median(columns[1]),
                "p99": statistics.median(columns[2]),
                "requests": sum(columns[3]),
                "ratio": statistics.median(columns[4]),
                "ratio_range": (min(columns[4]), max(columns[4])),
            }
    return figures


def summarize_login_cpu(rows):
    by_target = defaultdict(list)
    for target, _, api_ms, provider_ms in rows:
        by_target[target].append((float(api_ms), float(provider_ms)))
    return {target: tuple(statistics.median(column) for column in zip(*values)) for target, values in by_target.items()}


def describe_machine():
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        if match:
            cpu = re.sub(r"\s+", " ", match.group(1).strip())
    ram_gb = None
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        match = re.search(r"^MemTotal:\s*(\d+) kB", meminfo.read_text(), re.MULTILINE)
        if match:
            ram_gb = int(match.group(1)) / 1024 / 1024
    os_name = platform.system()
    os_release = Path("/etc/os-release")
    if os_release.exists():
        match = re.search(r'^PRETTY_NAME="?([^"\n]+)"?$', os_release.read_text(), re.MULTILINE)
        if match:
            os_name = match.group(1)
    runtimes = run(["dotnet", "--list-runtimes"])
    aspnet = re.findall(r"Microsoft\.AspNetCore\.App (\S+)", runtimes)
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "ram": f"{ram_gb:.0f} GB" if ram_gb else "unknown",
        "os": f"{os_name}, Linux {platform.release()}" if platform.system() == "Linux" else os_name,
        "sdk": run(["dotnet", "--version"]).strip(),
        "aspnet": aspnet[-1] if aspnet else "unknown",
        "wrk": (re.search(r"wrk (\S+)", run(["wrk", "-v"])) or re.search("(.*)", "unknown")).group(1),
        "redis": (re.search(r"v=(\S+)", run(["redis-server", "--version"])) or re.search("(.*)", "unknown")).group(1),
    }


def run(command):
    try:
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
        return completed.stdout + completed.stderr
    except OSError:
        return ""


def label(target):
    return TARGETS[target][0]


def megabytes(kb):
    return f"{kb / 1024:.0f} MB"


def memory_change(before, after):
    return f"{(after - before) / 1024:+.1f} MB ({(after - before) / before:+.1%})"


def share(value):
    """A ratio to the bare endpoint; a login's is a few ten-thousandths, so small ones get more digits."""
    return f"{value:.3f}" if value >= 0.01 else f"{value:.5f}"


def console_table(figures, memory, login_cpu):
    lines = [f"{'':38} {'endpoint':20} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'× bare':>7}"]
    for target, endpoints in figures.items():
        for endpoint, f in endpoints.items():
            name = ENDPOINTS[endpoint].replace("`", "")
            lines.append(f"{label(target):38} {name:20} {f['rate']:9.0f} {f['p50']:8.2f} {f['p99']:8.2f} {share(f['ratio']):>7}×")
    lines.append("")
    lines.append(f"{'':38} {'RSS before':>10} {'RSS after':>10} {'change':>16} {'/me requests':>13}")
    for target, (before, after, requests) in memory.items():
        lines.append(f"{label(target):38} {megabytes(before):>10} {megabytes(after):>10} {memory_change(before, after):>16} {requests:>13,}")
    for target, (api_ms, provider_ms) in login_cpu.items():
        lines.append(f"{label(target)}: a login costs AuthApi {api_ms:.1f} ms of CPU, the dev provider {provider_ms:.1f} ms")
    return "\n".join(lines)


def holds(ratio):
    return "holds" if ratio <= PROXY_TARGET else "does not hold"


def proxy_verdict(proxy, target, upstream, prefix):
    """One sentence on issue 13's target for a target's Token=User route to one upstream, beside YARP alone."""
    user, yarp, direct = (proxy[target][f"{prefix}-{call}"] for call in ("user", "yarp", "direct"))
    return (
        f"{label(target)}, {upstream}: a `Token=User` call's p50 is {user['ratio']:.2f}× the direct call's ({user['p50']:.2f} ms "
        f"against {direct['p50']:.2f} ms, {user['p50'] - direct['p50']:+.2f} ms); the target of at most {PROXY_TARGET}× "
        f"{holds(user['ratio'])}. YARP alone is {yarp['ratio']:.2f}× ({yarp['p50']:.2f} ms), so AuthApi's own work makes its "
        f"call {user['yarp_ratio']:.2f}× YARP alone's."
    )


def proxy_summary_line(proxy):
    """The README's line: per upstream, each target's Token=User p50 as a multiple of the direct call's, YARP alone's beside it."""
    parts, held, cases = [], [], 0
    for upstream, prefix, _ in UPSTREAMS:
        figures = []
        for target, e in proxy.items():
            user = e[f"{prefix}-user"]["ratio"]
            figures.append(f"{label(target)} {user:.2f}× ({e[f'{prefix}-yarp']['ratio']:.2f}×)")
            cases += 1
            if user <= PROXY_TARGET:
                held.append(f"{label(target)} against {upstream.split(',')[0]}")
        parts.append(f"{upstream}: " + " and ".join(figures))
    verdict = "in every case" if len(held) == cases else "in none" if not held else "only for " + "; ".join(held)
    return (
        "API proxy, a `Token=User` call's p50 as a multiple of the same call made directly (YARP alone, the bare hop, in "
        "brackets): " + "; ".join(parts) + f". Issue 13's target of at most {PROXY_TARGET}× holds {verdict}."
    )


def proxy_console_table(proxy):
    lines = [f"{'':38} {'API proxy':33} {'call':66} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'× direct':>9} {'× YARP':>7}"]
    for target, endpoints in proxy.items():
        for upstream, prefix, calls in UPSTREAMS:
            for call in calls:
                f = endpoints[f"{prefix}-{call}"]
                lines.append(
                    f"{label(target):38} {upstream.replace('`', ''):33} {PROXY_CALLS[call].replace('`', ''):66} {f['rate']:9.0f} "
                    f"{f['p50']:8.2f} {f['p99']:8.2f} {f['ratio']:8.2f}× {f['yarp_ratio']:6.2f}×"
                )
    lines.extend(proxy_verdict(proxy, target, upstream.replace("`", ""), prefix) for target in proxy for upstream, prefix, _ in UPSTREAMS)
    return "\n".join(lines)


def proxy_table(proxy):
    lines = [
        "| | upstream | call | req/s | p50 | p99 | p50 × direct | p50 × direct, lowest–highest round | p50 × YARP alone |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for target, endpoints in proxy.items():
        for upstream, prefix, calls in UPSTREAMS:
            for call in calls:
                f = endpoints[f"{prefix}-{call}"]
                low, high = f["ratio_range"]
                over_yarp = f"{f['yarp_ratio']:.2f}×" if call in ("none", "user") else "—"
                lines.append(
                    f"| {label(target)} | {upstream} | {PROXY_CALLS[call]} | {f['rate']:,.0f} | {f['p50']:.2f} ms | {f['p99']:.2f} ms "
                    f"| {f['ratio']:.2f}× | {low:.2f}–{high:.2f} | {over_yarp} |"
                )
    return "\n".join(lines)


def ratio(figures, target, endpoint):
    f = figures.get(target, {}).get(endpoint)
    return f"{f['ratio']:.2f}×" if f else "—"


def summary_table(figures, memory, memory_requests):
    """The README's table: one row per target."""
    lines = [
        f"| | `/me` logged in req/s | `/me` logged in × bare | `/me` anonymous × bare | `/me/tokens` × bare | logins/s | RSS before → after {memory_requests:,}+ `/me` |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for target, endpoints in figures.items():
        login = endpoints.get("login")
        logins = f"{login['rate']:.0f}" if login else "—"
        before, after, _ = memory.get(target, (0, 0, 0))
        rss = f"{megabytes(before)} → {megabytes(after)}" if before else "—"
        lines.append(
            f"| {label(target)} | {endpoints['me']['rate']:,.0f} | {ratio(figures, target, 'me')} "
            f"| {ratio(figures, target, 'me-anonymous')} | {ratio(figures, target, 'me-tokens')} | {logins} | {rss} |"
        )
    return "\n".join(lines)


def full_table(figures):
    lines = ["| | endpoint | req/s | p50 | p99 | × bare | × bare, lowest–highest round |", "|---|---|---:|---:|---:|---:|---:|"]
    for target, endpoints in figures.items():
        for endpoint, f in endpoints.items():
            low, high = f["ratio_range"]
            lines.append(
                f"| {label(target)} | {ENDPOINTS[endpoint]} | {f['rate']:,.0f} | {f['p50']:.2f} ms | {f['p99']:.2f} ms "
                f"| {share(f['ratio'])}× | {share(low)}–{share(high)} |"
            )
    return "\n".join(lines)


def memory_table(memory):
    lines = ["| | RSS before | RSS after | change | logged-in `/me` requests |", "|---|---:|---:|---:|---:|"]
    for target, (before, after, requests) in memory.items():
        lines.append(f"| {label(target)} | {megabytes(before)} | {megabytes(after)} | {memory_change(before, after)} | {requests:,} |")
    return "\n".join(lines)


def machine_line(machine):
    return f"{machine['cores']} cores ({machine['cpu']}), {machine['ram']} RAM, {machine['os']}, .NET {machine['aspnet']}"


def headline(figures):
    goals = {target: goal for target, goal, _ in GOALS}
    goals[CLUSTER] = goals[SINGLE_NODE]
    parts = [f"{label(target)} {ratio(figures, target, 'me')} (goal {goals[target]}×)" for target in figures if target in goals]
    if "baseline" in figures:
        parts.append(f"{label('baseline')} {ratio(figures, 'baseline', 'me')}")
    return "Logged-in `/me` as a share of the bare endpoint of the same process: " + "; ".join(parts) + "."


def cluster_line(figures, proxy):
    """One sentence: /me and a Token=User call on the cluster beside the single node. The two modes run minutes apart, so
    each is taken as a ratio paired within its own rounds (to the bare endpoint, to the direct call), and those compared."""
    if CLUSTER not in figures or SINGLE_NODE not in figures:
        return ""
    me = [figures[target]["me"]["ratio"] for target in (CLUSTER, SINGLE_NODE)]
    quotients = [me[0] / me[1]]
    calls = []
    for upstream, prefix, _ in UPSTREAMS:
        user = [proxy[target][f"{prefix}-user"]["ratio"] for target in (CLUSTER, SINGLE_NODE)]
        quotients.append(user[0] / user[1])
        calls.append(f"{user[0]:.2f}× against {user[1]:.2f}× to {upstream.split(',')[0]} ({quotients[-1]:.2f}× as long)")
    within = all(abs(quotient - 1) <= NOISE for quotient in quotients)
    return (
        f"{label(CLUSTER)} against the single `redis-server`, each mode's figures paired within its own rounds: logged-in "
        f"`/me` reaches {me[0]:.2f}× its bare endpoint's requests/s against {me[1]:.2f}× on the single node "
        f"({quotients[0]:.2f}× as much); a `Token=User` call's p50, as a multiple of the direct call's, is "
        + " and ".join(calls) + "."
        + (f" Each difference is within the ±{NOISE * 100:.0f} % that figures move between runs." if within else "")
    )


def performance_markdown(figures, proxy, memory, login_cpu, machine, args):
    cpu_lines = "\n".join(
        f"- {label(target)}: AuthApi spent {api_ms:.1f} ms of CPU per login, the development provider {provider_ms:.1f} ms."
        for target, (api_ms, provider_ms) in login_cpu.items()
    )
    return f"""# Performance

Written by `tests/load/run.sh` on {args.date}; do not edit by hand, run the script again.

{headline(figures)}

{cluster_line(figures, proxy)}

![Requests/s of each endpoint as a share of the bare endpoint of the same process](performance.svg)

Figures vary by about ±15 % between runs on this machine ({machine['cores']} cores, shared with other work): compare the ratios, which
pair each endpoint with the bare endpoint measured beside it, rather than absolute requests/s, and compare within one run.

## Summary

{summary_table(figures, memory, args.memory_requests)}

## Every endpoint

{full_table(figures)}

- **req/s, p50, p99**: wrk (`-t1 -c32 --latency`, {args.duration} a run), the median over {args.rounds} rounds. For the
  login, logins/s and each login's wall time.
- **× bare**: the endpoint's requests/s over the bare endpoint's (`/healthz`, a constant JSON answer of the same
  process) in the same round, the median over the rounds; the last column shows how far the rounds spread.
- Each round visits every endpoint in turn (round robin), each round starting one endpoint further along, after one
  discarded warm-up pass.

## Memory

The process's resident memory (`VmRSS` in `/proc/<pid>/status`) after the rounds, then after at least
{args.memory_requests:,} more logged-in `/me` requests (wrk runs until their count reaches it). Flat means no
per-request leak; the heap has already grown to its working size during the rounds.

{memory_table(memory)}

## Logins

A full login is the whole browser chain, driven by curl: `GET /login?provider=dev&login_hint=ada` → the development
provider's authorize endpoint (which signs Ada in at once for that hint) → `GET /oauth2callback` (code exchange, ID token
validation, userinfo, the session written) → the return URL. {args.logins} logins a round, {args.login_concurrency} at a
time, each curl process logging in again and again over its kept connections. The provider runs on the same machine,
and it, not AuthApi, bounds the rate:

{cpu_lines}

## API proxy

Issue 13's target: a call through AuthApi's proxy (backend for frontend) takes at most {PROXY_TARGET}× the time of the same
call made directly to the upstream, at p50. Measured against two upstream endpoints, and beside **YARP alone**, a bare
YARP route without anything of AuthApi, which tells the cost of any proxy hop from AuthApi's own.

{proxy_table(proxy)}

{chr(10).join(f"- {proxy_verdict(proxy, target, upstream, prefix)}" for target in proxy for upstream, prefix, _ in UPSTREAMS)}

- **The upstream** is a second `tests/load/Baseline` process. `GET /upstream/hello` answers a small JSON object at once
  (some 20 µs of CPU); `GET /upstream/work` answers the same after waiting 2 ms without using a core, a stand-in for an
  API that queries a database (one thread ends the waits with `usleep`: `Task.Delay`'s timer advances by the kernel's
  4 ms tick here). Both answer 401 without a bearer token and check only its presence. Every call of a table section
  reaches this same process and endpoint.
- **Direct**: wrk with `Authorization: Bearer <access token>` (the session's, read once from `/me/tokens`).
- **YARP alone**: the same header to a third Baseline process, whose one route `/yarp/{{**catch-all}}` forwards to the
  upstream with YARP's defaults (`AddReverseProxy().LoadFromMemory(...)`: pooled connections, `X-Forwarded-*`) and a
  `PathRemovePrefix` transform, nothing else. A process of its own, as AuthApi is, so that it shares no runtime with the
  upstream; **p50 × YARP alone** is AuthApi's call over this bare hop, in the same round.
- **`Token=User`**: wrk with the session cookie and `X-CSRF: 1` on `/proxy/user/upstream/...`; AuthApi reads the
  session, sets the bearer token, drops its own cookies and `X-CSRF`, and forwards through YARP. **`Token=None`**: the same
  headers plus the bearer token on `/proxy/none/upstream/hello`, forwarded without a session: AuthApi's hop, so between
  it and YARP alone lie AuthApi's middleware and header rewriting, between it and `Token=User` the session's work.
  The waiting upstream has no `Token=None` row, to keep the run short.
- The routes are set as environment variables, as the README configures them
  (`Auth__Proxy__Routes__user__Path=/proxy/user/{{**rest}}`, `..._Destination=http://127.0.0.1:<upstream port>/`,
  `..._Token=User`, and likewise `none` with `Token=None`).
- Before any figure the script checks, for both upstream endpoints, that each answers 401 without a token and 200 with
  it, directly and through YARP alone, and that the `Token=User` route answers 403 without `X-CSRF`, 401 without the
  session and the upstream's 200 with both; wrk's runs stop the script on any answer that is not 2xx. So no figure here
  counts a refusal.
- The calls are endpoints of the same round robin as the rest (wrk `-t1 -c32 --latency`, {args.duration} a run, the
  median over {args.rounds} rounds); **p50 × direct** is the median of the per-round ratios to the direct call of the same
  upstream endpoint. wrk, the upstream, YARP alone and AuthApi share {machine['cores']} cores: at 32 connections a p50 is
  mostly time spent waiting for a core, so against `/upstream/hello` it reflects each call's CPU cost, of which a proxy
  adds a second HTTP exchange. Against `/upstream/work` the 2 ms pass without CPU, and a proxy's CPU shows only as far as
  it makes calls queue for a core.

## How it was measured

- AuthApi (`src/AuthApi`, Release) runs as its own process in the Production environment, configured on the command line
  for the development provider (`src/AuthApi.DevIdentityProvider`, Release, another process). Cookie sessions keep their
  Data Protection keys in a folder; the Redis store (`Auth:Session:Store=Redis`) and cookie sessions + `Auth:Redis` use a
  local `redis-server` on a free port with persistence off.
- **{label(CLUSTER)}** is the Redis store on a local Redis Cluster that the script builds as an operator would: six
  `redis-server --cluster-enabled yes` on free ports, persistence off, Redis's default node timeout, joined by
  `redis-cli --cluster create --cluster-replicas 1` into three primaries with a replica each; AuthApi starts once every
  node reports `cluster_state:ok` and every replica's link is up. `Auth:Redis` names three nodes as seeds;
  StackExchange.Redis learns the rest and sends each command to the primary of its key's slot (replicas serve no reads,
  its default). A session's own keys share its hash tag, so one primary; the session indexes are keys of their own,
  which may live on another. Every write is also replicated.
- `Auth:Session:IdleTimeout` is 30 minutes in every mode, as in the dev stack; the login rate limit is off.
- ASP.NET Core cookie auth is `tests/load/Baseline`: `AddAuthentication().AddCookie()` with default options and file keys,
  a `/login` signing in Ada's claims, a `/me` serializing the claims to JSON, a bare `/healthz`. It has no provider, so
  its row has no login and no `/me/tokens`.
- wrk and the server share the machine: with one wrk thread on 2 cores, the server gets about one core.

## Machine and command

- CPU: {machine['cpu']}, {machine['cores']} cores (`nproc`)
- RAM: {machine['ram']}
- OS: {machine['os']}
- .NET: SDK {machine['sdk']}, ASP.NET Core runtime {machine['aspnet']}
- wrk {machine['wrk']}, redis-server {machine['redis']}
- Date: {args.date}; the run took {args.seconds // 60} min {args.seconds % 60} s, builds included.
- Load average (1, 5, 15 minutes) when it started: {args.load}, on {machine['cores']} cores.

```bash
{args.command}
```
"""


def readme_cluster_line(figures, proxy):
    line = cluster_line(figures, proxy)
    return f"\n{line}\n" if line else ""


def update_readme(path, figures, proxy, memory, args, machine):
    text = path.read_text(encoding="utf-8")
    if README_BEGIN not in text or README_END not in text:
        print(f"{path} has no performance markers ({README_BEGIN}); its table was not updated.")
        return
    block = f"""{README_BEGIN}
![Requests/s of each endpoint as a share of the bare endpoint of the same process](docs/performance.svg)

{summary_table(figures, memory, args.memory_requests)}

{proxy_summary_line(proxy)}
{readme_cluster_line(figures, proxy)}
Measured {args.date} on {machine_line(machine)}.
Figures move by about ±15 % between runs; logins/s is bounded by the development provider running on the same machine.
Every figure, latencies and the method: [docs/performance.md](docs/performance.md).
{README_END}"""
    start = text.index(README_BEGIN)
    end = text.index(README_END) + len(README_END)
    path.write_text(text[:start] + block + text[end:], encoding="utf-8")
    print(f"Updated the table in {path}.")


def svg_chart(figures, args, machine):
    """A grouped bar chart: one group per endpoint, one bar per target, dashed lines at the goals."""
    width, height = 920, 430
    left, right, top, bottom = 56, 200, 92, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    targets = list(figures)
    highest = max([f[e]["ratio"] for f in figures.values() for e in CHARTED if e in f] + [1.0])
    y_max = (int(highest * 5) + 1) / 5  # the next step of 0.2 above the highest bar
    def y(value):
        return top + plot_h - value / y_max * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">',
        "<title>Requests/s of each endpoint as a share of the bare endpoint of the same process</title>",
        f"<desc>{escape(headline(figures).replace('`', ''))}</desc>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{left}" y="24" font-size="15" font-weight="600">Requests/s as a share of a bare endpoint of the same process</text>',
        f'<text x="{left}" y="43" fill="#4a5568">1.0× = as fast as its own /healthz. wrk -t1 -c32, median of {args.rounds} rounds of '
        f'{escape(args.duration)}; {machine["cores"]} cores; {escape(args.date)}</text>',
    ]
    # Legend
    x, row = left, 0
    for target in targets:
        name, color = TARGETS[target]
        if x + 17 + 7.2 * len(name) > width and x > left:
            x, row = left, row + 1
        out.append(f'<rect x="{x}" y="{58 + 16 * row}" width="12" height="12" fill="{color}"/>')
        out.append(f'<text x="{x + 17}" y="{68.5 + 16 * row}">{escape(name)}</text>')
        x += 34 + 7.2 * len(name)
    # Grid and axis
    step = 0.2
    value = 0.0
    while value <= y_max + 1e-9:
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="#e2e8f0"/>')
        out.append(f'<text x="{left - 8}" y="{y(value) + 4:.1f}" text-anchor="end" fill="#4a5568">{value:.1f}×</text>')
        value += step
    out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="#4a5568"/>')
    out.append(f'<line x1="{left}" x2="{left + plot_w + 8}" y1="{y(1):.1f}" y2="{y(1):.1f}" stroke="#4a5568" stroke-width="1.5"/>')
    out.append(f'<text x="{left + plot_w + 12}" y="{y(1) + 4:.1f}" fill="#4a5568">bare endpoint: 1.0×</text>')
    # Bars
    group_w = plot_w / len(CHARTED)
    bar_w = min(40.0, group_w * 0.8 / len(targets))
    for g, endpoint in enumerate(CHARTED):
        group_x = left + g * group_w + (group_w - bar_w * len(targets)) / 2
        for t, target in enumerate(targets):
            bar_x = group_x + t * bar_w
            f = figures[target].get(endpoint)
            if f is None:
                out.append(f'<text x="{bar_x + bar_w / 2:.1f}" y="{y(0) - 5:.1f}" text-anchor="middle" fill="#a0aec0" font-size="10">n/a</text>')
                continue
            color = TARGETS[target][1]
            out.append(
                f'<rect x="{bar_x + 2:.1f}" y="{y(f["ratio"]):.1f}" width="{bar_w - 4:.1f}" height="{y(0) - y(f["ratio"]):.1f}" fill="{color}">'
                f'<title>{escape(TARGETS[target][0])}, {escape(ENDPOINTS[endpoint].replace("`", ""))}: {f["ratio"]:.2f}× ({f["rate"]:,.0f} req/s)</title></rect>'
            )
            out.append(f'<text x="{bar_x + bar_w / 2:.1f}" y="{y(f["ratio"]) - 4:.1f}" text-anchor="middle" font-size="10">{f["ratio"]:.2f}</text>')
        out.append(
            f'<text x="{left + g * group_w + group_w / 2:.1f}" y="{y(0) + 20:.1f}" text-anchor="middle" font-weight="600">'
            f'{escape(ENDPOINTS[endpoint].replace("`", ""))}</text>'
        )
    # Goals
    for target, goal, text in GOALS:
        color = TARGETS[target][1]
        out.append(f'<line x1="{left}" x2="{left + plot_w + 8}" y1="{y(goal):.1f}" y2="{y(goal):.1f}" stroke="{color}" stroke-width="1.5" stroke-dasharray="6 4"/>')
        out.append(f'<text x="{left + plot_w + 12}" y="{y(goal) + 4:.1f}" fill="{color}">{escape(text)}: {goal}×</text>')
    lowest_goal = min(goal for _, goal, _ in GOALS)
    out.append(f'<text x="{left + plot_w + 12}" y="{y(lowest_goal) + 20:.1f}" fill="#718096" font-size="10">(goals for logged-in /me)</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
