"""The relevance suite: judged Norwegian queries, ours against Wagtail's search.

tests/search/relevance/ holds the corpus, the judgements and the runner;
``benchmarks/relevance_bench.py`` prints the full table (benchmarks/README.md,
"Relevance").
"""

import re

import pytest

from tests.factories.core import UserFactory
from tests.search.relevance import runner

# Issue 22's targets: an overall MRR of at least 0.85 and at least 0.7 in every
# category, and twice Wagtail's built-in search. Measured with
# benchmarks/relevance_bench.py (benchmarks/README.md, "Relevance"): 0.965 on
# SQLite (2.45x Wagtail's) and 0.962 on PostgreSQL (2.03x: Wagtail's own
# PostgreSQL backend stems and matches prefixes), every category 0.8 or more.
# The pages and queries are fixed; only the recency boost moves with the date.
OURS_MRR_FLOOR = 0.85
CATEGORY_MRR_FLOOR = 0.7
RATIO_TO_WAGTAIL_FLOOR = 2.0

MIN_DOCUMENTS = 60
MIN_QUERIES = 80
MIN_QUERIES_PER_CATEGORY = 6


def test_the_judged_queries_cover_every_category_over_a_realistic_corpus():
    corpus = runner.load_corpus()
    documents = corpus["documents"]
    judgements = runner.load_queries()
    keys = [document["key"] for document in documents]

    assert len(documents) >= MIN_DOCUMENTS
    assert len(set(keys)) == len(keys), "document keys repeat"
    cases = {d["key"] for d in documents if d["kind"] == "case"}
    for document in documents:
        assert document["title"] and document["intro"], document["key"]
        assert 2 <= len(document["body"]) <= 5, document["key"]
        assert document["unit"] in {unit["slug"] for unit in corpus["units"]}
        if document["kind"] == "case_update":
            assert document["case"] in cases, document["key"]

    assert len(judgements) >= MIN_QUERIES
    texts = [judgement.text for judgement in judgements]
    assert len(set(texts)) == len(texts), "a query is judged twice"
    for category in runner.CATEGORIES:
        count = sum(judgement.category == category for judgement in judgements)
        assert count >= MIN_QUERIES_PER_CATEGORY, category
    for group in runner.load_synonyms():
        assert len(set(group)) >= 2, group
    for judgement in judgements:
        assert judgement.category in runner.CATEGORIES, judgement
        assert judgement.relevant, judgement
        assert judgement.relevant <= set(keys), judgement.relevant - set(keys)


def test_a_quoted_phrase_is_judged_answered_only_by_documents_that_contain_it():
    documents = {d["key"]: d for d in runner.load_corpus()["documents"]}

    def text(key: str) -> str:
        document = documents[key]
        return " ".join([document["title"], document["intro"], *document["body"]])

    for judgement in runner.load_queries():
        if judgement.category != "phrase":
            continue
        (phrase,) = re.findall(r'"([^"]+)"', judgement.text)
        for key in judgement.relevant:
            assert phrase.lower() in text(key).lower(), (judgement.text, key)


def test_scores_of_a_ranking():
    relevant = frozenset({"a", "b"})

    assert runner.score(["a", "x", "b"], relevant) == (0.4, 1.0, 1.0)
    assert runner.score(["x", "y", "z", "b"], relevant) == (0.2, 0.5, 0.25)
    assert runner.score([], relevant) == (0.0, 0.0, 0.0)


@pytest.mark.django_db
def test_our_search_ranks_the_judged_pages_better_than_wagtails(client):
    pages = runner.build_pages()
    runner.synonyms_create()
    client.force_login(UserFactory(username="relevans"))
    judgements = runner.load_queries()

    results = {
        "ours": runner.evaluate(runner.ours(client), judgements, pages),
        "Wagtail": runner.evaluate(runner.wagtail(), judgements, pages),
    }

    ours, theirs = results["ours"].mrr(), results["Wagtail"].mrr()
    report = "\n" + runner.table(results, judgements)
    assert ours >= OURS_MRR_FLOOR, report
    for category in runner.CATEGORIES:
        assert results["ours"].mrr(category) >= CATEGORY_MRR_FLOOR, (category, report)
    assert ours >= RATIO_TO_WAGTAIL_FLOOR * theirs, report
    # Both engines found something: the pages were indexed by both.
    assert theirs > 0, report
