"""Soak: `sahifa serve` (page cache on, 2 workers, the job worker) under a realistic mix at
a fixed rate for N minutes; memory, errors and latency every minute, and a summary.

    .venv/bin/python bench/soak.py --var-dir /tmp/sahifa-bench-100k               # 30 minutes
    .venv/bin/python bench/soak.py --var-dir /tmp/sahifa-bench-100k --minutes 3   # a short look
    .venv/bin/python bench/soak.py --quick                                        # 10,000, 2 min

The mix (of `--rate` requests/s, 40 by default, from `--clients` threads with keep-alive
connections, as browsers asking for gzip or Brotli): 85% page reads (article pages of
2,000 in four languages, a few read far more than others as news is; home, category
first and deep pages, latest), 12% view beacons as the article page's script sends them
(from distinct readers behind a trusted proxy), 3% headline edits published through
`sahifa.articles.actions` by this process, each followed by reading the article's page
until the new headline shows (the 3-second promise). Edited headlines are put back at
the end. Exits non-zero on an error (a status other than 2xx and expected 404s, or a
connection error), a publish not visible within 3 s, an exception in the server's log
(web or job worker), or memory of the server's process tree growing faster than
`--max-growth-mb` after `--warm-up-minutes` (fitted line: the processes' bounded caches,
per-process blocks and fragments and the similar-news index, fill in the first minutes).
The memory of each process is printed at the warm-up's end and at the end."""

from __future__ import annotations

import argparse
import http.client
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import pages  # noqa: E402
from bench.serving import free_port, start_site, stop_server  # noqa: E402

PROMISE_SECONDS = 3.0
# Page kinds and their share of all requests (reads 85%); beacons 12%, publishes 3%.
READ_SHARES = {"article": 60, "home": 12, "category": 6, "latest": 5, "category deep": 2}
BEACON_SHARE, PUBLISH_SHARE = 12, 3
AGENT = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36"
)
READERS = 20_000  # simulated reader addresses for beacons


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--rate", type=float, default=40.0, help="requests/s in total")
    parser.add_argument("--clients", type=int, default=8, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="server workers")
    pages.add_site_arguments(parser, quick="10,000 articles, 2 minutes")
    parser.add_argument(
        "--max-growth-mb",
        type=float,
        default=64.0,
        help="allowed memory growth after the warm-up (fitted line)",
    )
    parser.add_argument(
        "--warm-up-minutes",
        type=float,
        default=10.0,
        help="minutes in which the processes' bounded caches fill (at most a third of the run)",
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.quick:
        args.articles, args.minutes = min(args.articles, 10_000), min(args.minutes, 2.0)
    return args


# Measurements ---------------------------------------------------------------------------


@dataclass
class Window:
    """What happened in one minute (and, merged, in the whole run)."""

    requests: int = 0
    errors: int = 0
    not_found: int = 0
    late: int = 0  # times a client fell over 1 s behind its schedule (missed sends skipped)
    read_ms: list[float] = field(default_factory=list)
    beacon_ms: list[float] = field(default_factory=list)
    cache: dict[str, int] = field(default_factory=dict)
    publishes: int = 0
    visible: int = 0
    visible_s: list[float] = field(default_factory=list)
    error_samples: list[str] = field(default_factory=list)


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.window = Window()
        self.total = Window()

    def add(self, **what) -> None:
        with self.lock:
            for target in (self.window, self.total):
                for name, value in what.items():
                    if name in ("read_ms", "beacon_ms", "visible_s"):
                        getattr(target, name).append(value)
                    elif name == "cache":
                        target.cache[value] = target.cache.get(value, 0) + 1
                    elif name == "error_sample":
                        if len(target.error_samples) < 20:
                            target.error_samples.append(value)
                    else:
                        setattr(target, name, getattr(target, name) + value)

    def take_window(self) -> Window:
        with self.lock:
            window, self.window = self.window, Window()
            return window


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def tree_rss(root_pid: int) -> dict[str, float]:
    """Resident memory (MB) of a process and each of its descendants (/proc), by role:
    the command line's last words name it (the job worker, a server worker)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry))
    found: dict[str, float] = {}
    todo = [root_pid]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    role = f"{' '.join(command.split()[-2:])[:40]} ({pid})"
                    found[role] = int(line.split()[1]) / 1024
        except OSError:
            continue
    return found


def tree_rss_mb(root_pid: int) -> float:
    return sum(tree_rss(root_pid).values())


# Load ----------------------------------------------------------------------------------


class Client:
    """One keep-alive connection, reopened after an error."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, headers: dict[str, str]
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            self.conn.request(method, path, headers=headers)
            response = self.conn.getresponse()
            body = response.read()
            return response.status, response.headers, body  # names in any case
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            raise


@dataclass
class Targets:
    reads: dict[str, list[str]]
    article_ids: list[int]  # same order as reads["article"]
    weights: list[float]  # how often each article is read: a few stories lead


def pick_article(rng: random.Random, targets: Targets) -> int:
    return rng.choices(range(len(targets.article_ids)), targets.weights)[0]


def one_request(client: Client, rng: random.Random, targets: Targets, stats: Stats) -> None:
    shares = {**READ_SHARES, "beacon": BEACON_SHARE}
    kind = rng.choices(list(shares), list(shares.values()))[0]
    if kind == "beacon":
        index = pick_article(rng, targets)
        reader = rng.randrange(READERS)
        path = f"/api/views/{targets.article_ids[index]}/"
        headers = {
            "User-Agent": AGENT,
            "Accept": "application/json",
            "X-Forwarded-For": f"10.{reader // 65536}.{reader // 256 % 256}.{reader % 256}",
        }
        method = "POST"
    else:
        if kind == "article":
            path = targets.reads["article"][pick_article(rng, targets)]
        else:
            path = rng.choice(targets.reads[kind])
        headers = {"User-Agent": AGENT, "Accept-Encoding": "gzip, deflate, br"}
        method = "GET"
    started = time.perf_counter()
    try:
        status, response_headers, _ = client.request(method, path, headers)
    except (OSError, http.client.HTTPException) as exc:
        stats.add(requests=1, errors=1, error_sample=f"{method} {path}: {exc!r}")
        return
    ms = (time.perf_counter() - started) * 1000
    if status == 404:
        stats.add(requests=1, not_found=1)
    elif not 200 <= status < 300:
        stats.add(requests=1, errors=1, error_sample=f"{method} {path}: {status}")
    elif kind == "beacon":
        stats.add(requests=1, beacon_ms=ms)
    else:
        stats.add(requests=1, read_ms=ms, cache=response_headers.get("X-Sahifa-Cache", "none"))


def paced(rate: float, stop: threading.Event, stats: Stats, action) -> None:
    """Call action() `rate` times a second on a fixed schedule, whatever it takes."""
    interval, next_at = 1.0 / rate, time.monotonic()
    while not stop.is_set():
        next_at += interval
        action()
        wait = next_at - time.monotonic()
        if wait > 0:
            stop.wait(wait)
        elif wait < -1.0:  # fell behind by more than a second: start the schedule again
            stats.add(late=1)
            next_at = time.monotonic()


def reader_thread(port: int, rate: float, seed: int, targets: Targets, stats, stop) -> None:
    client, rng = Client(port), random.Random(seed)
    paced(rate, stop, stats, lambda: one_request(client, rng, targets, stats))


# Publishes -----------------------------------------------------------------------------


class Publisher:
    """Headline edits through the write path, each read back until it shows."""

    def __init__(self, port: int, targets: Targets, seed: int) -> None:
        from sahifa.articles.models import Article

        hot = targets.article_ids[:20]  # the most read stories are the ones updated
        self.articles = {a.pk: a for a in Article.objects.filter(pk__in=hot)}
        self.originals = {pk: a.headline for pk, a in self.articles.items()}
        self.order = [pk for pk in hot if pk in self.articles]
        self.paths = dict(zip(targets.article_ids, targets.reads["article"], strict=True))
        self.client, self.count, self.rng = Client(port), 0, random.Random(seed)

    def publish(self, pk: int, headline: str) -> None:
        from sahifa.articles import actions
        from sahifa.articles.models import Article

        article = Article.objects.get(pk=pk)
        article.headline = headline
        actions.publish(article.save_revision(), via=actions.ADMIN)

    def shows(self, path: str, text: str) -> bool:
        try:
            status, _, body = self.client.request("GET", path, {"User-Agent": AGENT})
        except (OSError, http.client.HTTPException):
            return False
        return status == 200 and text.encode() in body

    def edit_once(self, stats: Stats) -> None:
        self.count += 1
        pk = self.order[self.count % len(self.order)]
        token = f"(update {self.count}-{self.rng.randrange(10**6)})"  # nothing to escape
        headline = f"{self.originals[pk][:60]} {token}"
        try:
            self.publish(pk, headline)
        except Exception as exc:  # a failed publish is an error of the run, not its end
            stats.add(publishes=1, errors=1, error_sample=f"publish {pk}: {exc!r}")
            return
        published = time.monotonic()
        while time.monotonic() - published < 10.0:
            if self.shows(self.paths[pk], token):
                seconds = time.monotonic() - published
                stats.add(publishes=1, visible=int(seconds <= PROMISE_SECONDS), visible_s=seconds)
                return
            time.sleep(0.1)
        stats.add(publishes=1, error_sample=f"publish {pk}: not visible within 10 s")

    def restore(self) -> None:
        for pk, headline in self.originals.items():
            self.publish(pk, headline)


# Set-up --------------------------------------------------------------------------------


def choose_targets(seed: int, sample: int = 2000) -> Targets:
    from sahifa.articles.models import Article

    reads = pages.page_paths(sample=1, seed=seed)  # list pages; articles chosen here
    ids = list(Article.objects.filter(live=True).values_list("pk", flat=True))
    chosen = random.Random(seed).sample(ids, min(sample, len(ids)))
    articles = Article.objects.filter(pk__in=chosen).select_related("locale", "category")
    pairs = [(a.pk, a.get_url()) for a in articles]
    random.Random(seed).shuffle(pairs)
    reads["article"] = [url for _, url in pairs]
    # Zipf-like: the article of rank r is read about 1/r^0.9 as often as the lead story.
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(pairs))]
    return Targets(reads, [pk for pk, _ in pairs], weights)


def warm_up(port: int, targets: Targets) -> None:
    """Keep list pages and the most read articles first, as a live site has them."""
    client = Client(port)
    paths = [p for kind, urls in targets.reads.items() if kind != "article" for p in urls]
    for path in paths + targets.reads["article"][:100]:
        client.request("GET", path, {"User-Agent": AGENT})


# Report --------------------------------------------------------------------------------


def slope_per_minute(samples: list[tuple[float, float]]) -> float:
    """Least-squares slope of (minute, MB)."""
    if len(samples) < 2:
        return 0.0
    xs, ys = [x for x, _ in samples], [y for _, y in samples]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else 0.0


def kept_share(w: Window) -> float:
    """Percent of the page reads served from the page cache (hit or stale)."""
    return 100 * (w.cache.get("hit", 0) + w.cache.get("stale", 0)) / max(len(w.read_ms), 1)


def minute_line(minute: int, w: Window, rss: float) -> str:
    return (
        f"{minute:>4} {w.requests:>6} {w.errors:>4} {w.not_found:>4} "
        f"{percentile(w.read_ms, 0.5):>7.1f} {percentile(w.read_ms, 0.99):>7.1f} "
        f"{percentile(w.beacon_ms, 0.99):>8.1f} {kept_share(w):>5.0f}% "
        f"{w.visible:>3}/{w.publishes:<3} {rss:>8.1f} {os.getloadavg()[0]:>5.1f}"
    )


HEADER = (
    "  min   reqs  err  404 p50 ms  p99 ms beacon99  kept pub ok  RSS MB  load\n"
    "  (reads: page latency; kept = hit or stale; pub ok = visible within 3 s / published)"
)


def server_failures(log: Path) -> dict[str, int]:
    """Exceptions the server's processes logged (web and job worker), by their last line:
    a failed background job never shows in an HTTP status."""
    failures: dict[str, int] = {}
    lines, tasks = log.read_text(errors="replace").splitlines(), set()
    for n, line in enumerate(lines):
        if line.startswith("Traceback"):
            # huey writes a failed task twice (its logger and the root one): count it once.
            task = re.search(r"in task ([0-9a-f-]{36})", lines[n - 1] if n else "")
            if task and task[1] in tasks:
                continue
            tasks.add(task[1] if task else "")
            end = next((m for m in range(n + 1, len(lines)) if not lines[m][:1].isspace()), n)
            last = lines[end][:160] if end < len(lines) else "?"
            failures[last] = failures.get(last, 0) + 1
    return failures


def warm_up_minutes(args: argparse.Namespace) -> float:
    return min(args.warm_up_minutes, args.minutes / 3)


def summary(
    total: Window, memory: list[tuple[float, float]], failures: dict[str, int], args, label: str
) -> bool:
    warm_up = warm_up_minutes(args)
    steady = [s for s in memory if s[0] >= warm_up] or memory
    slope = slope_per_minute(steady)
    growth = slope * (args.minutes - warm_up)
    rss = [mb for _, mb in memory]
    ratio = total.visible / max(total.publishes, 1)
    reads = len(total.read_ms)
    print(
        f"\nSoak summary: {args.minutes:g} min at {args.rate:g} requests/s, {args.workers} "
        f"workers + job worker, page cache on, {label}, load average now "
        f"{os.getloadavg()[0]:.1f}"
    )
    print(
        f"  requests {total.requests:,} (reads {reads:,}, beacons {len(total.beacon_ms):,}), "
        f"errors {total.errors}, expected 404s {total.not_found}, "
        f"times a client fell 1 s behind {total.late}; "
        f"{total.requests / (args.minutes * 60):.1f} requests/s achieved"
    )
    print(
        f"  reads p50 {percentile(total.read_ms, 0.5):.1f} ms, "
        f"p99 {percentile(total.read_ms, 0.99):.1f} ms, "
        f"p99.9 {percentile(total.read_ms, 0.999):.1f} ms; kept {kept_share(total):.0f}%; "
        f"beacons p99 {percentile(total.beacon_ms, 0.99):.1f} ms"
    )
    print(
        f"  memory (server process tree RSS): start {rss[0]:.0f} MB, end {rss[-1]:.0f} MB, "
        f"max {max(rss):.0f} MB; after the {warm_up:g}-minute warm-up (caches filling): "
        f"slope {slope * 10:+.1f} MB per 10 min, fitted growth {growth:+.1f} MB "
        f"(bound {args.max_growth_mb:g}); from the first minute: "
        f"{slope_per_minute([m for m in memory if m[0] >= 1.0] or memory) * 10:+.1f} MB per 10 min"
    )
    shown = total.visible_s
    print(
        f"  publishes {total.publishes}: visible within {PROMISE_SECONDS:g} s "
        f"{total.visible}/{total.publishes} ({100 * ratio:.1f}%), median "
        f"{percentile(shown, 0.5):.2f} s, worst {max(shown, default=float('nan')):.2f} s"
    )
    for sample in total.error_samples:
        print(f"  error: {sample}")
    print(f"  exceptions in the server's log (web and job worker): {sum(failures.values())}")
    for last, count in failures.items():
        print(f"    {count} x {last}")
    ok = total.errors == 0 and not failures and growth <= args.max_growth_mb and ratio == 1.0
    print(f"  verdict: {'PASS' if ok else 'FAIL'}")
    return ok


# Main ----------------------------------------------------------------------------------


def run(port: int, server: subprocess.Popen, targets: Targets, log: Path, args) -> bool:
    stats, stop = Stats(), threading.Event()
    publisher = Publisher(port, targets, args.seed)
    share = sum(READ_SHARES.values()) + BEACON_SHARE
    total_share = share + PUBLISH_SHARE
    per_client = args.rate * share / total_share / args.clients
    threads = [
        threading.Thread(
            target=reader_thread,
            args=(port, per_client, args.seed + n, targets, stats, stop),
            daemon=True,
        )
        for n in range(args.clients)
    ]
    publish_rate = args.rate * PUBLISH_SHARE / total_share
    threads.append(
        threading.Thread(
            target=paced,
            args=(publish_rate, stop, stats, lambda: publisher.edit_once(stats)),
            daemon=True,
        )
    )
    started = time.monotonic()
    memory = [(0.0, tree_rss_mb(server.pid))]
    first_processes = tree_rss(server.pid)
    for thread in threads:
        thread.start()
    print(HEADER, flush=True)
    try:
        for minute in range(1, int(round(args.minutes)) + 1):
            while time.monotonic() - started < minute * 60:
                time.sleep(min(10.0, max(0.1, started + minute * 60 - time.monotonic())))
                if server.poll() is not None:
                    sys.exit("The server stopped during the soak; see soak-server.log")
            rss = tree_rss_mb(server.pid)
            memory.append(((time.monotonic() - started) / 60, rss))
            if minute == math.ceil(warm_up_minutes(args)):
                first_processes = tree_rss(server.pid)
            print(minute_line(minute, stats.take_window(), rss), flush=True)
    finally:
        stop.set()
        for thread in threads:
            thread.join(40)
    last_processes = tree_rss(server.pid)
    print("  memory per process (MB after the warm-up -> at the end):")
    for role in sorted(set(first_processes) | set(last_processes)):
        start, end = first_processes.get(role), last_processes.get(role)
        print(f"    {role:<50} {start or 0:>7.1f} -> {end or 0:>7.1f}")
    try:
        publisher.restore()
    except Exception as exc:  # reported, not fatal: the figures stand
        print(f"  could not put the edited headlines back: {exc!r}")
    label = "PostgreSQL" if args.database_url else "SQLite"
    failures = server_failures(log)
    return summary(stats.total, memory, failures, args, f"{args.articles:,} articles, {label}")


def main() -> int:
    args = parse_args()
    os.environ["SAHIFA_PAGE_CACHE"] = "1"
    # Beacons come from many readers behind one proxy, as on a site behind Varnish or a CDN.
    os.environ["SAHIFA_TRUSTED_PROXIES"] = "127.0.0.1"
    var_dir = pages.prepare_environment(args)
    server = None
    try:
        pages.set_up_database(args.articles)
        targets = choose_targets(args.seed)
        port = free_port()
        print(f"Serving on port {port} (log: soak-server.log in the var dir)…", flush=True)
        server = start_site(
            var_dir,
            port,
            args.workers,
            extra=["--with-worker"],
            log_name="soak-server.log",
            timeout=180,
        )
        warm_up(port, targets)
        log = var_dir / "soak-server.log"
        return 0 if run(port, server, targets, log, args) else 1
    finally:
        if server is not None:
            stop_server(server)
        if not args.var_dir:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
