"""Behaviour only Elasticsearch has, on a live server (`make test-elasticsearch`)."""

import datetime

import pytest
from django.utils import timezone

from search.query import SearchQuery
from tests.factories.search import make_document
from tests.search.conftest import elasticsearch_or_skip

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


@pytest.fixture
def es():
    backend = elasticsearch_or_skip()
    yield backend
    backend.drop()


def titles(results) -> list[str]:
    return [hit.document.title for hit in results.hits]


def test_rebuild_swaps_the_alias_without_downtime(es, staff_user):
    es.index([make_document(id=1, title="Gammel melding")])
    es.refresh()
    (old_index,) = es._indices_with(es.alias)
    seen_during_rebuild = []

    def during(done: int) -> None:
        # The old index still answers while the new one is being filled ...
        seen_during_rebuild.extend(
            titles(es.search(SearchQuery(text="melding"), staff_user))
        )
        # ... and writes made now reach the new index as well.
        es.index([make_document(id=3, title="Skrevet under ombyggingen")])

    es.rebuild([make_document(id=2, title="Ny melding")], progress=during)
    es.refresh()

    (new_index,) = es._indices_with(es.alias)
    assert new_index != old_index
    assert not es.client.indices.exists(index=old_index)
    assert not es._indices_with(es.building_alias)
    assert seen_during_rebuild == ["Gammel melding"]
    assert titles(es.search(SearchQuery(text="melding"), staff_user)) == ["Ny melding"]
    assert titles(es.search(SearchQuery(text="ombyggingen"), staff_user)) == [
        "Skrevet under ombyggingen"
    ]


def test_ascii_spellings_find_norwegian_letters(es, staff_user):
    es.index([make_document(id=1, title="Ny førskole på Sørumsand")])
    es.refresh()

    assert titles(es.search(SearchQuery(text="sorumsand"), staff_user)) == [
        "Ny førskole på Sørumsand"
    ]


def test_a_misspelling_gets_a_did_you_mean_suggestion(es, staff_user):
    es.index(
        [
            make_document(id=n, title="Barnehagen får nye leker", body="barnehagen")
            for n in range(1, 6)
        ]
    )
    es.refresh()

    results = es.search(SearchQuery(text="barnehagne"), staff_user)

    assert results.suggestion is not None
    assert "barnehagen" in results.suggestion


def test_did_you_mean_never_comes_from_a_page_the_searcher_may_not_see(es, staff_user):
    from django.contrib.auth.models import Group

    from tests.factories.core import UserFactory

    secret = Group.objects.create(name="Omstilling")
    member = UserFactory(username="omstilling.medlem")
    member.groups.add(secret)
    es.index(
        [
            make_document(
                id=n,
                title="Nedbemanning ved rådhuset",
                body="nedbemanning",
                restriction="groups",
                group_ids=[secret.pk],
            )
            for n in range(1, 6)
        ]
    )
    es.refresh()

    assert es.search(SearchQuery(text="nedbemaning"), staff_user).suggestion is None
    suggestion = es.search(SearchQuery(text="nedbemaning"), member).suggestion
    assert suggestion is not None
    assert "nedbemanning" in suggestion


def test_recent_news_ranks_above_old_news(es, staff_user):
    now = timezone.now()
    es.index(
        [
            make_document(
                id=1, title="Brannøvelse", published=now - datetime.timedelta(days=700)
            ),
            make_document(id=2, title="Brannøvelse", published=now),
        ]
    )
    es.refresh()

    results = es.search(SearchQuery(text="brannøvelse"), staff_user)

    assert [hit.document.id for hit in results.hits] == [2, 1]
