"""Typo tolerance: a word with a wrong, missing or swapped letter still finds
the pages, with "Viser treff for …" or "Mente du …?"."""

import pytest

from search.backends import database_backend
from search.query import SearchQuery
from tests.factories.search import make_document

pytestmark = pytest.mark.django_db


def index(*documents):
    database_backend().index(documents)


def search(text, user):
    return database_backend().search(SearchQuery(text=text), user)


def test_smoke(superuser):
    index(
        make_document(id=1, title="Barnehage i sentrum", body="Åpningstider for barnehagen"),
        make_document(id=2, title="Skole", body="Skolen har ferie"),
    )
    results = search("barnehgae", superuser)
    print(results)
    assert results.total == 1
    assert results.corrected
