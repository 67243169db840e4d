"""Load test of the production server: requests/s and p95 per page under load.

Run: .venv/bin/python benchmarks/load_bench.py [--seconds 60] [--connections 20]
     (or `make bench-load`)

Builds a throwaway PostgreSQL database (scripts/postgres-url.sh), migrates it,
collects the static files and loads the demo data, then starts gunicorn with the
production settings and 2 workers on 127.0.0.1 (tests/deploy/harness.py). `wrk`
(Debian package `wrk`) logs in as a member of staff and, from a second process on
loopback, keeps 20 connections busy for 60 seconds on each of `/`, a news article
and `/sok/?q=skole` after a 5-second warm-up. Any connection error, timeout or a
response other than 200 counts as an error. Figures go in benchmarks/README.md.

`--base-url http://127.0.0.1:8000 --username kari.nordmann` measures a server that
is already running (e.g. `make run-prod-local`) instead.

`--database-url postgres://…/intranet_scale100` serves an existing database instead
of a throwaway demo: the municipality `benchmarks/scale_bench.py --keep` builds
(migrate and collectstatic run; no demo data is loaded). The pages are then the
front page, the news listing and an article, the case list, a case, search, the
inbox and the annual plan, the article and the case found in that database.
`--pages /saker/ /` picks some of them.

A client still waiting for its answer when a run ends got none, which wrk does not
count: fewer answers than clients is reported as failures ("unanswered"). When the
server is still busy with such requests before the next page (no /healthz answer
within 10 s), gunicorn is restarted so that the next page is measured on its own.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NEWS_ARTICLE = "/nyheter/digitalt-tilsyn-proves-ut-i-tre-soner-i-hjemmetjenesten/"
PAGES = {"/": "/", "news article": NEWS_ARTICLE, "/sok/?q=skole": "/sok/?q=skole"}
# On an existing (scale) database; the article and the case are looked up there.
SCALE_PAGES = {
    "/": "/",
    "/nyheter/": "/nyheter/",
    "news article": None,
    "case": None,
    "/sok/?q=skole": "/sok/?q=skole",
    "/varsler/": "/varsler/",
    "/arshjul/": "/arshjul/",
    "/saker/": "/saker/",
}
FIND_PAGES = """
import json
from cases.models import CasePage
from news.models import NewsPage
from wagtail.models import PageViewRestriction
open_pages = lambda qs: qs.live().public().order_by("-first_published_at", "-pk")
article = open_pages(NewsPage.objects).first()
case = open_pages(CasePage.objects).filter(numchild__gte=10).first()
print(json.dumps({"news article": article.get_url(), "case": case.get_url()}))
"""

WRK_SCRIPT = """
local paths = {%(paths)s}
local threads = {}
wrk.headers["Cookie"] = "sessionid=%(session)s"
wrk.headers["X-Forwarded-Proto"] = "https"

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  not_ok = 0
end

function request()
  counter = counter + 1
  return wrk.format(nil, paths[(counter %% #paths) + 1])
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("not_ok")
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "seconds": %%.2f, "errors": %%d, "non_2xx": %%d, '
    .. '"p50_ms": %%.2f, "p95_ms": %%.2f, "p99_ms": %%.2f, "max_ms": %%.2f}\\n',
    summary.requests, summary.duration / 1e6,
    e.connect + e.read + e.write + e.timeout, bad,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def run_wrk(
    base: str,
    paths: list[str],
    *,
    session: str,
    connections: int = 20,
    seconds: int = 60,
    threads: int = 2,
    timeout: int = 30,
) -> dict:
    """Runs wrk against `paths` in turn; requests, rate, errors and latencies."""
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is missing: apt-get install wrk")
    lua = WRK_SCRIPT % {
        "paths": ", ".join(json.dumps(path) for path in paths),
        "session": session,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(lua)
    try:
        result = subprocess.run(  # noqa: S603 - fixed program, no shell
            [  # noqa: S607 - found on PATH like the shell would
                "wrk",
                f"--threads={threads}",
                f"--connections={connections}",
                f"--duration={seconds}s",
                f"--timeout={timeout}s",
                f"--script={handle.name}",
                base,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(handle.name)
    line = next(
        line for line in result.stdout.splitlines() if line.startswith("RESULT ")
    )
    figures = json.loads(line.removeprefix("RESULT "))
    figures["requests_per_second"] = round(figures["requests"] / figures["seconds"], 1)
    return figures


def answers(server, *, within: float = 10) -> bool:
    """Whether the server answers /healthz within `within` seconds."""
    import requests

    try:
        return requests.get(server.base + "/healthz", timeout=within).ok
    except requests.RequestException:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--base-url", help="Measure a server that is already running.")
    parser.add_argument("--username", default="kari.nordmann")
    parser.add_argument("--password", default="demo1234")
    parser.add_argument(
        "--database-url",
        help="Serve this existing PostgreSQL database (e.g. a scale_bench.py one).",
    )
    parser.add_argument(
        "--pages", nargs="+", metavar="LABEL", help="Only these pages (labels)."
    )
    args = parser.parse_args()

    from tests.deploy.harness import (
        Server,
        create_database,
        drop_database,
        manage,
        postgres_server_url,
        prepare_site,
        production_env,
    )

    folder = Path(tempfile.mkdtemp(prefix="intranet-load-"))
    server = database = pg = None
    pages = dict(PAGES)
    try:
        if args.base_url:
            server = Server({}, folder)
            server.port = int(args.base_url.rsplit(":", 1)[1].strip("/"))
        elif args.database_url:
            env = production_env(
                database_url=args.database_url,
                media_root=folder / "media",
                static_root=folder / "static",
            )
            print("Preparing the site (migrate, collectstatic) ...")
            manage(env, "migrate", "--no-input", "-v", "0")
            manage(env, "collectstatic", "--no-input", "-v", "0")
            found = json.loads(
                manage(env, "shell", "-v", "0", "-c", FIND_PAGES).stdout.splitlines()[
                    -1
                ]
            )
            pages = {label: path or found[label] for label, path in SCALE_PAGES.items()}
            server = Server(env, folder, workers=args.workers).start()
        else:
            pg = postgres_server_url()
            database = f"intranet_load_{os.getpid()}"
            env = production_env(
                database_url=create_database(pg, database),
                media_root=folder / "media",
                static_root=folder / "static",
            )
            print("Preparing the site (migrate, collectstatic, demo data) ...")
            prepare_site(env)
            server = Server(env, folder, workers=args.workers).start()
        session = server.login(args.username, args.password)
        print(
            f"{platform.python_version()}, {os.cpu_count()} CPUs, load "
            f"{os.getloadavg()[0]:.1f}; gunicorn {args.workers} sync workers; "
            f"wrk {args.connections} connections, {args.seconds} s per page"
        )
        print(
            f"{'page':<16} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
            f"{'requests':>9} {'failed':>7}"
        )
        if args.pages:
            pages = {label: pages[label] for label in args.pages}
        results = {}
        for label, path in pages.items():
            if server.process is not None and not answers(server):
                # Still busy with the previous page's unanswered requests (wrk
                # stops waiting, the queued requests stay): start afresh, so one
                # page's slowness is not counted against the next.
                print(f"(gunicorn restarted before {label}: still busy)")
                server.stop()
                server = Server(server.env, folder, workers=args.workers).start()
                session = server.login(args.username, args.password)
            run_wrk(
                server.base,
                [path],
                session=session,
                seconds=5,
                connections=args.connections,
            )  # warm-up
            figures = run_wrk(
                server.base,
                [path],
                session=session,
                seconds=args.seconds,
                connections=args.connections,
            )
            # A client whose request was still waiting when the run ended got no
            # answer; wrk does not count it. Fewer answers than clients is a
            # failure however few errors wrk saw.
            figures["unanswered"] = max(0, args.connections - figures["requests"])
            results[label] = figures
            failures = figures["errors"] + figures["non_2xx"] + figures["unanswered"]
            print(
                f"{label:<16} {figures['requests_per_second']:>8} "
                f"{figures['p50_ms']:>8} {figures['p95_ms']:>8} {figures['p99_ms']:>8} "
                f"{figures['requests']:>9} {failures:>7}"
            )
        print(json.dumps(results))
        if any(
            f["errors"] or f["non_2xx"] or f["unanswered"] for f in results.values()
        ):
            sys.exit("Errors under load.")
    finally:
        if server is not None and server.process is not None:
            code = server.stop()
            print(f"gunicorn stopped with exit code {code}")
        if database:
            drop_database(pg, database)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
