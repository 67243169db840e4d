"""Relevance: our /sok/ against Wagtail's built-in search on the same pages.

    .venv/bin/python benchmarks/relevance_bench.py             # SQLite, throwaway
    .venv/bin/python benchmarks/relevance_bench.py --misses    # and the misses
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/intranet_relevance_bench \\
      .venv/bin/python benchmarks/relevance_bench.py           # an empty PostgreSQL

Publishes the corpus of tests/search/relevance/corpus.json (news articles,
cases and case updates) through the news and cases services after all
migrations, then runs every judged query of queries.json through /sok/ (a
logged-in member of staff, Django's test client) and through Wagtail's
``Page.objects.live().search()`` on its default database backend (the text
parsed by ``parse_query_string`` as in Wagtail's admin page search), both
indexed by the publish signals, and prints P@5, R@10 and MRR per category and
overall as a Markdown table (tests/search/relevance/runner.py explains them).
"""

import argparse
import logging
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def configure(folder: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "intranet.settings.test"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    # Our search on its database backend, whatever the developer's .env says.
    os.environ.pop("ELASTICSEARCH_URL", None)
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = folder / "media"
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_BACKEND = ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--misses",
        action="store_true",
        help="also list the queries whose first result is not relevant",
    )
    args = parser.parse_args()
    configure(Path(tempfile.mkdtemp(prefix="relevance-bench-")))
    logging.disable(logging.INFO)  # Wagtail logs every page it publishes

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from tests.factories.core import UserFactory
    from tests.search.relevance import runner

    setup_test_environment()
    call_command("migrate", verbosity=0)
    corpus = runner.load_corpus()
    judgements = runner.load_queries()

    started, cpu = time.perf_counter(), time.process_time()
    pages = runner.build_pages(corpus)
    synonyms = runner.synonyms_create()
    built = time.perf_counter() - started
    built_cpu = time.process_time() - cpu

    client = Client()
    client.force_login(UserFactory(username="relevans"))
    results = {}
    timings = {}
    for name, engine in (("ours", runner.ours(client)), ("Wagtail", runner.wagtail())):
        started, cpu = time.perf_counter(), time.process_time()
        results[name] = runner.evaluate(engine, judgements, pages)
        timings[name] = (time.perf_counter() - started, time.process_time() - cpu)

    print(
        f"Relevance: {len(pages)} documents, {len(judgements)} judged queries, "
        f"database {connection.vendor}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs; {synonyms} synonym groups.\n"
        f"Pages built in {built:.1f} s ({built_cpu:.1f} s CPU in this process); "
        "queries run in "
        + ", ".join(
            f"{wall:.1f} s ({cpu:.1f} s CPU) on {name}"
            for name, (wall, cpu) in timings.items()
        )
    )
    print()
    print(runner.table(results, judgements))
    ours, theirs = results["ours"].mrr(), results["Wagtail"].mrr()
    ratio = f"{ours / theirs:.2f}x" if theirs else "n/a"
    print(f"\nMRR: ours {ours:.3f}, Wagtail {theirs:.3f} ({ratio} Wagtail's)")
    if args.misses:
        for name, scores in results.items():
            print(f"\nQueries where {name} does not rank a relevant page first:")
            print(runner.misses(scores))


if __name__ == "__main__":
    main()
