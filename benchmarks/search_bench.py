"""Search benchmark: index N synthetic Norwegian documents and time searches.

    .venv/bin/python benchmarks/search_bench.py            # 10,000 documents
    .venv/bin/python benchmarks/search_bench.py --n 100000

Prints, per backend, indexing throughput and p50/p95 of (a) the raw engine
query and (b) the full /sok/ request through Django's test client, logged in.
The database backend runs on a throwaway SQLite file unless DATABASE_URL is set
(then that database is used: point it at an empty one). Elasticsearch is
measured too when ELASTICSEARCH_URL is set (on a throwaway index).
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NOUNS = (
    "skole barnehage hjemmetjeneste sykehjem kommune budsjett prosjekt tiltak "
    "rådhus bibliotek vei vann avløp helsestasjon lege fastlege eldre barn elev "
    "lærer ansatt leder enhet sektor plan vedtak sak søknad tilskudd økonomi "
    "bygg idrettshall svømmehall kultur frivillighet innbygger tjeneste "
    "velferdsteknologi sensor kamera nettbrett opplæring kurs kompetanse "
    "nyskaping innovasjon samarbeid møte kantine brann beredskap miljø klima "
    "avfall renovasjon park friområde sti turvei lekeplass ungdom fritid "
    "boligfelt regulering byggesak kart oppmåling skatt gebyr faktura "
    "digitalisering journal system pilot evaluering rapport undersøkelse"
).split()
SUFFIXES = ["", "", "en", "er", "ene", "enes", "et"]
# Norwegian builds new nouns by compounding: skole + bygg = skolebygg.
TAILS = (
    "bygg plass plan leder tilbud tjeneste prosjekt avdeling område rapport "
    "system ordning tilsyn kontor budsjett møte tilskudd gruppe nettverk strategi "
    "rutine satsing senter utvalg arbeid"
).split()
WORDS = (
    "og i på til for med som det er har skal vil kan blir ble nye gode flere "
    "viktig digital digitale lokal lokale trygg trygge rask raske enkel enkle "
    "starter åpner tester prøver fullfører planlegger vurderer utvider forbedrer "
    "sammen allerede nå neste denne høsten våren året uken måneden"
).split()
PLACES = "Sørum Frogner Blaker Sørumsand Lørenfallet Rånåsfoss Fjellsrud".split()
TOPICS = [f"emne-{n}" for n in range(30)]
SECTORS = [f"sektor-{n}" for n in range(8)]
UNITS = [(f"enhet-{s}-{n}", f"sektor-{s}") for s in range(8) for n in range(6)]

QUERIES = [
    {"q": "skole"},
    {"q": "barnehagene"},
    {"q": "digital hjemmetjeneste"},
    {"q": '"digital hjemmetjeneste"'},
    {"q": "velferdsteknologi sensor"},
    {"q": "budsjett OR økonomi"},
    {"q": "sykehjemmet -kantine"},
    {"q": "Sørumsand"},
    {"q": "prosjekt", "type": "case"},
    {"q": "tiltak", "unit": "sektor-3"},
    {"q": "kompetanse", "theme": "competence"},
    {"q": "søknad", "year": "2024", "sort": "newest"},
    {"q": "plan", "page": "3"},
    {"q": "lekeplass ungdom", "topic": "emne-4"},
    {"topic": "emne-7"},
    {"q": "finnesikkeiteksten"},
]


def vocabulary(seed: int) -> list[str]:
    """About 2,100 nouns in a fixed random order: rank decides how common."""
    words = NOUNS + [base + tail for base in NOUNS for tail in TAILS if base != tail]
    random.Random(seed).shuffle(words)
    return words


def sentence(rng: random.Random, length: int, about: list[str], words: list[str]):
    def word() -> str:
        roll = rng.random()
        if roll < 0.30:
            return rng.choice(about) + rng.choice(SUFFIXES)
        if roll < 0.38:
            return rng.choice(words) + rng.choice(SUFFIXES)
        return rng.choice(WORDS)

    words = [word() for _ in range(length)]
    if rng.random() < 0.03:
        words.insert(rng.randrange(len(words)), rng.choice(PLACES))
    return " ".join(words).capitalize() + "."


def documents(n: int, seed: int):
    import datetime

    from django.utils import timezone

    from search.documents import SearchDocument

    rng = random.Random(seed)
    words = vocabulary(seed)
    weights = [1 / (rank + 10) for rank in range(len(words))]
    now = timezone.now()
    kinds = ["news", "case", "case_update", "case_update"]
    for page_id in range(1, n + 1):
        unit, sector = rng.choice(UNITS)
        restricted = rng.random() < 0.05
        about = rng.choices(words, weights=weights, k=3)

        def text(length: int, about=about) -> str:
            return sentence(rng, length, about, words)

        yield SearchDocument(
            id=page_id,
            url=f"/side-{page_id}/",
            content_type=rng.choice(kinds),
            title=text(rng.randint(4, 8)).rstrip("."),
            intro=text(rng.randint(12, 22)),
            body=" ".join(text(rng.randint(8, 16)) for _ in range(15)),
            unit=unit,
            sector=sector,
            topics=rng.sample(TOPICS, rng.randint(0, 3)),
            tags=rng.sample(NOUNS, rng.randint(0, 2)),
            themes=rng.sample(["innovation", "competence"], rng.randint(0, 1)),
            case_id=rng.randint(1, 2000) if rng.random() < 0.5 else None,
            people=[f"ansatt{rng.randint(1, 500)}"],
            people_names=[f"Ansatt {rng.randint(1, 500)}"],
            published=now - datetime.timedelta(minutes=rng.randint(0, 5 * 525_600)),
            restriction="groups" if restricted else "none",
            group_ids=[rng.randint(1, 3)] if restricted else [],
        )


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(function, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def report(label: str, samples: list[float]) -> tuple[float, float]:
    p50, p95 = percentile(samples, 0.50), percentile(samples, 0.95)
    print(f"  {label:<28} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   (n={len(samples)})")
    return p50, p95


def bench_backend(backend, args, user, client) -> None:
    from django.conf import settings

    from search.query import SearchQuery

    print(f"\n== {backend.name} ({args.n} documents) ==")
    start = time.perf_counter()
    written = backend.rebuild(documents(args.n, args.seed))
    backend.refresh()
    elapsed = time.perf_counter() - start
    print(
        f"  indexing: {written} documents in {elapsed:.1f} s = "
        f"{written / elapsed:,.0f} documents/s"
    )

    queries = [SearchQuery.from_querydict(params) for params in QUERIES]
    urls = [f"/sok/?{query.urlencode()}" for query in queries]
    for query in queries:  # warm caches
        backend.search(query, user)

    if backend.name == "elasticsearch":
        settings.ELASTICSEARCH_INDEX = backend.alias
    else:
        settings.ELASTICSEARCH_URL = ""

    raw, view = [], []
    for _ in range(args.rounds):
        for query, url in zip(queries, urls, strict=True):
            raw += timed(lambda query=query: backend.search(query, user), 1)
            response_time = timed(lambda url=url: client.get(url), 1)
            view += response_time
    response = client.get(urls[0])
    assert response.status_code == 200, response.status_code
    _, raw95 = report("raw engine query", raw)
    _, view95 = report("full /sok/ request", view)
    print(f"  view overhead at p95: {view95 / raw95:.2f}x the raw query")
    for query in queries:
        started = time.perf_counter()
        results = backend.search(query, user)
        took = (time.perf_counter() - started) * 1000
        print(
            f"    {query.urlencode()[:44]:<44} {results.total:>7} hits {took:6.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="documents to index")
    parser.add_argument("--rounds", type=int, default=10, help="passes over queries")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="search-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings.test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    elasticsearch_url = os.environ.pop("ELASTICSEARCH_URL", "")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from search.backends.database import DatabaseBackend
    from tests.factories.core import UserFactory

    setup_test_environment()
    call_command("migrate", verbosity=0)
    user = UserFactory(username="benk")
    client = Client()
    client.force_login(user)
    print(
        f"Search benchmark: {args.n} documents, {len(QUERIES)} queries x "
        f"{args.rounds} rounds, database {connection.vendor}, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
    )

    bench_backend(DatabaseBackend(), args, user, client)

    if elasticsearch_url:
        from django.conf import settings

        from search.backends.elasticsearch import ElasticsearchBackend

        settings.ELASTICSEARCH_URL = elasticsearch_url
        backend = ElasticsearchBackend(
            url=elasticsearch_url, index="intranet-bench", timeout=60
        )
        try:
            bench_backend(backend, args, user, client)
        finally:
            backend.drop()
    else:
        print("\n(Elasticsearch skipped: set ELASTICSEARCH_URL to measure it too.)")


if __name__ == "__main__":
    main()
