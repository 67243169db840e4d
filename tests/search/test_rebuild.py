"""``search_rebuild`` lets other writers in while it runs.

The database index used to be rebuilt in one transaction: on SQLite, which has
one writer at a time, publishing and even logging in failed with "database is
locked" until the rebuild ended. Now each batch of pages is its own short
transaction that replaces the batch's documents in place.
"""

import dataclasses
import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import PageViewRestriction

from news.models import NewsPage
from search import services
from search.backends import database_backend
from search.backends.database import document_of
from search.documents import RESTRICTION_LOGIN
from search.models import IndexEntry, IndexTerm, IndexWord
from search.query import SearchQuery


def found(user, text: str) -> list[str]:
    results = database_backend().search(SearchQuery(text=text), user, per_page=100)
    return sorted(hit.document.title for hit in results.hits)


def index_contents() -> tuple[dict, list]:
    documents = {
        entry.page_id: document_of(entry) for entry in IndexEntry.objects.all()
    }
    terms = sorted(IndexTerm.objects.values_list("entry_id", "kind", "value"))
    return documents, terms


def write_from_another_connection(n: int) -> None:
    """What a login or a publish does meanwhile: a write on its own connection."""
    errors = []

    def write() -> None:
        try:
            get_user_model().objects.create(username=f"ny.ansatt.{n}")
        except Exception as exc:  # noqa: BLE001 - reported to the test below
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=write)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert errors == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_other_connections_can_write_between_the_batches_of_a_rebuild(
    make_article, staff_user
):
    for n in range(7):
        make_article(f"Nyhet {n}")
    batches = []

    def between_batches(done: int) -> None:
        # Each batch has committed: no transaction holds the database.
        assert not connection.in_atomic_block
        batches.append(done)
        write_from_another_connection(len(batches))

    written = services.database_rebuild(
        batch_size=3, progress=between_batches, workers=1
    )

    assert written == 7
    assert batches == [3, 3, 1]
    assert (
        get_user_model().objects.filter(username__startswith="ny.ansatt").count() == 3
    )
    assert len(found(staff_user, "nyhet")) == 7


@pytest.mark.django_db
def test_a_rebuild_in_batches_gives_the_index_a_rebuild_in_one_batch_gives(
    make_case, make_update, make_article, topic, unit, staff_user
):
    case = make_case("Nye barnehageplasser", topics=[topic], tags=["bygg"])
    for n in range(4):
        make_update(case, f"Oppdatering {n}")
    for n in range(4):
        make_article(f"Nyhet {n}", unit=unit, related_case=case, topics=[topic])
    make_article("Utkast", publish=False)

    services.database_rebuild(batch_size=1000)
    in_one_go = index_contents()
    IndexEntry.objects.filter(page_id=case.pk).update(title="Gammel tittel")
    services.database_rebuild(batch_size=2)

    assert index_contents() == in_one_go
    assert len(in_one_go[0]) == 9
    # The updates and the news carry the case's title.
    assert len(found(staff_user, "barnehageplasser")) == 9
    assert found(staff_user, "gammel") == []


def dictionary_contents() -> list[tuple[str, int]]:
    return sorted(IndexWord.objects.values_list("word", "documents"))


@pytest.mark.django_db
def test_rebuilding_over_an_index_counts_the_words_a_rebuild_from_nothing_counts(
    make_article, communication_group
):
    """A rebuild leaves the words of unchanged pages alone and corrects the
    others: the dictionary behind "Mente du …?" ends as if counted afresh."""
    make_article("Brannøvelse på rådhuset")
    make_article("Nytt parkeringsreglement")
    secret = make_article("Lønnsforhandlinger for ledere")
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([communication_group])
    services.database_rebuild(batch_size=2)
    counted_afresh = dictionary_contents()
    assert ("brannøvelse", 1) in counted_afresh
    assert "lønnsforhandlinger" not in dict(counted_afresh)  # read by all, or none

    # The index went stale (as written by an older version of the pages): one
    # page's words, another's restriction.
    entries = {entry.title: document_of(entry) for entry in IndexEntry.objects.all()}
    database_backend().index(
        [
            dataclasses.replace(
                entries["Nytt parkeringsreglement"], title="Gammelt reglement"
            ),
            dataclasses.replace(
                entries["Lønnsforhandlinger for ledere"],
                restriction=RESTRICTION_LOGIN,
                group_ids=[],
            ),
        ]
    )
    assert {"gammelt", "lønnsforhandlinger"} <= set(dict(dictionary_contents()))
    services.database_rebuild(batch_size=2)

    assert dictionary_contents() == counted_afresh


@pytest.mark.django_db
def test_a_rebuild_takes_out_what_must_not_be_found_any_more(make_article, staff_user):
    first = make_article("Nyhet om kantina")
    make_article("Nyhet om parkering")
    last = make_article("Nyhet om brøyting")
    # Offline without Wagtail's signals: the index still holds both.
    NewsPage.objects.filter(pk__in=[first.pk, last.pk]).update(live=False)
    assert len(found(staff_user, "nyhet")) == 3

    services.database_rebuild(batch_size=1)

    assert found(staff_user, "nyhet") == ["Nyhet om parkering"]


@pytest.mark.django_db
def test_an_interrupted_rebuild_leaves_every_page_findable(make_article, staff_user):
    for n in range(5):
        make_article(f"Nyhet {n}")
    NewsPage.objects.update(title="Melding")  # the index still says "Nyhet"

    def fail_after_the_first_batch(done: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        services.database_rebuild(batch_size=2, progress=fail_after_the_first_batch)

    # The first batch is new, the rest still old; nothing is missing.
    assert len(found(staff_user, "melding")) == 2
    assert len(found(staff_user, "nyhet")) == 3
    assert IndexEntry.objects.count() == 5


@pytest.mark.django_db
def test_pages_published_or_unpublished_during_a_rebuild_end_up_right(
    make_article, staff_user
):
    early = make_article("Nyhet om kantina")
    for n in range(4):
        make_article(f"Nyhet {n}")
    published_meanwhile = []

    def between_batches(done: int) -> None:
        if not published_meanwhile:
            published_meanwhile.append(make_article("Nyhet om brøyting"))
            UnpublishPageAction(early).execute(skip_permission_checks=True)

    services.database_rebuild(batch_size=2, progress=between_batches)

    titles = found(staff_user, "nyhet")
    assert "Nyhet om brøyting" in titles
    assert "Nyhet om kantina" not in titles
    assert len(titles) == 5


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rebuild_in_two_processes_gives_the_index_one_process_gives(
    make_case, make_update, make_article, topic, unit, staff_user, communication_group
):
    """The batches are shared among processes (on PostgreSQL each writes its
    own; on SQLite they build and this process writes); the index, its terms
    and its dictionary of words end the same as from one process."""
    case = make_case("Nye barnehageplasser", topics=[topic], tags=["bygg"])
    for n in range(3):
        make_update(case, f"Oppdatering om sandkassen {n}")
    for n in range(3):
        make_article(f"Brannøvelse {n}", unit=unit, related_case=case, topics=[topic])
    secret = make_article("Lønnsforhandlinger for ledere")
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([communication_group])
    gone = make_article("Nyhet om kantina")
    # Taken offline without Wagtail's signals: the index still holds it.
    NewsPage.objects.filter(pk=gone.pk).update(live=False)
    left_behind = document_of(IndexEntry.objects.get(page_id=gone.pk))
    services.database_rebuild(batch_size=1000, workers=1)
    one_process = (index_contents(), dictionary_contents())
    # Stale again (as an older version of the pages wrote it): an old title
    # and the offline page.
    written_before = document_of(IndexEntry.objects.get(page_id=case.pk))
    database_backend().index(
        [dataclasses.replace(written_before, title="Gammel tittel"), left_behind]
    )
    assert found(staff_user, "kantina") == ["Nyhet om kantina"]
    batches = []

    written = services.database_rebuild(
        batch_size=2, workers=2, progress=batches.append
    )

    assert written == 8
    assert sorted(batches) == [0, 2, 2, 2, 2]
    assert (index_contents(), dictionary_contents()) == one_process
    assert found(staff_user, "gammel") == []
    assert found(staff_user, "kantina") == []
    assert len(found(staff_user, "barnehageplasser")) == 7


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_page_made_private_while_other_processes_build_stays_private(
    make_article, communication_group
):
    """On SQLite the children build the documents and this process writes
    them: a page made private after a child read it must not get its older,
    open document back. (In this test the children read the database as it
    was when they started, so every range they built is older.)"""
    for n in range(6):
        make_article(f"Budsjettnytt {n}")
    IndexEntry.objects.update(title="Ikke skrevet ennå")
    made_private = []

    def between_batches(done: int) -> None:
        if made_private:
            return
        waiting = IndexEntry.objects.filter(title="Ikke skrevet ennå").first()
        page = NewsPage.objects.get(pk=waiting.page_id)
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        ).groups.set([communication_group])
        made_private.append(page.title)

    services.database_rebuild(batch_size=2, workers=2, progress=between_batches)

    outsider = get_user_model().objects.create(username="utenfor")
    titles = found(outsider, "budsjettnytt")
    assert made_private
    assert made_private[0] not in titles
    assert len(titles) == 5
    assert not IndexEntry.objects.filter(title="Ikke skrevet ennå").exists()
