"""The index stays true when the vocabulary its documents copy changes.

Documents store a unit's slug and its sector's, topic slugs, and the usernames
and names of the people a page is by or about. Moving a unit to another sector,
changing a slug or renaming a person used to leave every document stale until
``search_rebuild``: the sector filter missed the unit's pages, the topic filter
found nothing, the new name was not found.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from intranet.core.models import Topic, Unit
from search.backends import database_backend
from search.models import IndexEntry
from search.query import SearchQuery

pytestmark = pytest.mark.django_db


def found(user, **query) -> list[str]:
    results = database_backend().search(SearchQuery(**query), user, per_page=100)
    return sorted(hit.document.title for hit in results.hits)


def search_queries(queries) -> list[str]:
    """The queries that read or wrote our search index (not Wagtail's)."""
    tables = ('"search_indexentry"', '"search_indexterm"', "search_entry_fts")
    return [
        query["sql"]
        for query in queries.captured_queries
        if any(table in query["sql"] for table in tables)
    ]


@pytest.fixture
def other_sector(db):
    return Unit.objects.create(name="Helse og omsorg", slug="helse")


def test_a_unit_moved_to_another_sector_is_found_under_the_new_sector(
    make_case, make_update, make_article, unit, sector, other_sector, staff_user
):
    case = make_case("Nye barnehageplasser", unit=unit)
    make_update(case, "Byggestart i mai")
    make_article("Åpen barnehage", unit=unit)
    make_article("Skolefrukt", unit=sector)
    assert found(staff_user, units=("helse",)) == []

    unit.parent = other_sector
    unit.save()

    assert found(staff_user, units=("helse",)) == [
        "Nye barnehageplasser",
        "Åpen barnehage",
    ]
    # The sector keeps its own article only.
    assert found(staff_user, units=("oppvekst",)) == ["Skolefrukt"]
    assert found(staff_user, units=("barnehagene",)) == [
        "Nye barnehageplasser",
        "Åpen barnehage",
    ]


def test_a_unit_with_a_new_slug_is_found_by_it_and_its_new_name_is_shown(
    make_case, make_article, unit, staff_user, staff_client
):
    make_case("Nye barnehageplasser", unit=unit)
    make_article("Åpen barnehage", unit=unit)

    unit.name = "Barnehager i kommunen"
    unit.slug = "barnehager"
    unit.save()

    assert found(staff_user, units=("barnehager",)) == [
        "Nye barnehageplasser",
        "Åpen barnehage",
    ]
    assert found(staff_user, units=("barnehagene",)) == []
    # The sector filter still holds them.
    assert len(found(staff_user, units=("oppvekst",))) == 2
    page = staff_client.get("/sok/", {"unit": "barnehager"}).content.decode()
    assert "Barnehager i kommunen" in page
    assert "Åpen barnehage" in page


def test_a_sector_with_a_new_slug_finds_the_pages_of_its_units(
    make_article, unit, sector, staff_user
):
    make_article("Åpen barnehage", unit=unit)
    make_article("Skolefrukt", unit=sector)

    sector.slug = "oppvekst-og-utdanning"
    sector.save()

    assert found(staff_user, units=("oppvekst-og-utdanning",)) == [
        "Skolefrukt",
        "Åpen barnehage",
    ]
    assert found(staff_user, units=("oppvekst",)) == []


def test_a_topic_with_a_new_slug_is_found_by_it_and_not_by_the_old(
    make_case, make_article, topic, staff_user
):
    other = Topic.objects.create(name="Skole", slug="skole")
    make_case("Nye barnehageplasser", topics=[topic])
    make_article("Åpen barnehage", topics=[topic, other])
    make_article("Skolefrukt", topics=[other])

    topic.slug = "barnehager"
    topic.save()

    assert found(staff_user, topics=("barnehager",)) == [
        "Nye barnehageplasser",
        "Åpen barnehage",
    ]
    assert found(staff_user, topics=("barnehage",)) == []
    assert found(staff_user, topics=("skole",)) == ["Skolefrukt", "Åpen barnehage"]


def test_a_renamed_person_is_found_by_the_new_name_on_their_case_and_updates(
    make_case, make_update, make_article, owner, author, staff_user
):
    case = make_case("Nye barnehageplasser")
    make_update(case, "Byggestart i mai")
    make_article("Åpen barnehage")  # by the author, not the owner
    # The whole name: "Eier" alone also finds the co-owner "Medeier", a
    # compound of it.
    assert found(staff_user, text='"Eva Eier"') == [
        "Byggestart i mai",
        "Nye barnehageplasser",
    ]

    # As the sign-in (intranet/sso) saves a changed name: in a transaction,
    # with the fields that changed.
    with transaction.atomic():
        owner.last_name = "Fjellheim"
        owner.save(update_fields=["last_name"])

    assert found(staff_user, text="Fjellheim") == [
        "Byggestart i mai",
        "Nye barnehageplasser",
    ]
    assert found(staff_user, text='"Eva Eier"') == []

    author.first_name = "Hildegunn"
    author.save()
    assert found(staff_user, text="Hildegunn") == ["Åpen barnehage"]


def test_a_person_with_a_new_username_is_found_by_the_person_filter(
    make_case, owner, staff_user
):
    make_case("Nye barnehageplasser")

    owner.username = "eva.fjellheim"
    owner.save()

    assert found(staff_user, person="eva.fjellheim") == ["Nye barnehageplasser"]
    assert found(staff_user, person="eva.eier") == []


def test_a_deleted_topic_is_no_longer_in_the_documents(make_article, topic, staff_user):
    make_article("Åpen barnehage", topics=[topic])

    topic.delete()

    entry = IndexEntry.objects.get()
    assert entry.document["topics"] == []
    assert entry.terms.filter(kind="topic").count() == 0


def test_a_failed_rename_leaves_the_index_as_it_was(make_article, unit, staff_user):
    """The documents are rebuilt in the save's transaction: rolled back with it."""
    make_article("Åpen barnehage", unit=unit)

    with pytest.raises(RuntimeError), transaction.atomic():
        unit.slug = "barnehager"
        unit.save()
        assert found(staff_user, units=("barnehager",)) == ["Åpen barnehage"]
        raise RuntimeError("the rest of the edit failed")

    assert found(staff_user, units=("barnehager",)) == []
    assert found(staff_user, units=("barnehagene",)) == ["Åpen barnehage"]


def test_a_save_that_changes_nothing_documents_copy_reindexes_nothing(
    make_case, make_article, unit, topic, owner, staff_user
):
    make_case("Nye barnehageplasser", topics=[topic])
    make_article("Åpen barnehage", unit=unit, topics=[topic])

    with CaptureQueriesContext(connection) as queries:
        unit.save()
        unit.description = "Alle kommunens barnehager."
        unit.name = "Barnehager"  # names are read when shown, never copied
        unit.save()
        topic.name = "Barnehager"
        topic.save()
        owner.email = "eva@kommune.invalid"
        owner.save()
    assert search_queries(queries) == []

    # A login saves the user's last_login only: not even the user is read.
    with CaptureQueriesContext(connection) as queries:
        owner.save(update_fields=["last_login"])
    assert len(queries.captured_queries) == 1


def test_reindexing_a_moved_unit_costs_the_same_queries_with_5_or_40_pages(
    make_article, sector, other_sector, staff_user
):
    counts = {}
    for count in (5, 40):
        unit = Unit.objects.create(name=f"Enhet {count}", slug=f"enhet-{count}")
        unit.parent = sector
        unit.save()
        for n in range(count):
            make_article(f"Nyhet {n} fra enhet {count}", unit=unit)
        unit.parent = other_sector
        with CaptureQueriesContext(connection) as queries:
            unit.save()
        counts[count] = len(queries.captured_queries)
        assert len(found(staff_user, units=(f"enhet-{count}",))) == count
    # About 24: the unit read and saved, the pages and what they copy read in
    # bulk, the entries, terms and text written, the notifications checked.
    assert counts[5] == counts[40] <= 30
    assert len(found(staff_user, units=("helse",))) == 45
    assert found(staff_user, units=("oppvekst",)) == []
