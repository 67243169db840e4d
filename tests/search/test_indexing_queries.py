"""Indexing costs a bounded number of queries, whatever the amount of content.

Publishing a case used to re-index every update under it one by one (about 12
queries each, inside the publish transaction), and a full rebuild read each
page's unit, owners, case and restrictions separately. Later a renamed case
rebuilt its updates from their pages (114 queries with 60 updates, 99 for a
publish its updates did not copy anything from).
"""

from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import CaseUpdatePage
from news.models import NewsPage
from search import services
from search.backends import database_backend
from search.documents import document_for_page
from search.query import SearchQuery

# Publishing a case with two owners: about 85 of these are Wagtail's own (the
# page and its owners saved, revision, reference and admin search index, log
# entries) and the planning sync and the count of the
# case's stored facts; search's share is about ten, fixed.
PUBLISH_MAX_QUERIES = 100


def add_updates(case, count: int) -> list[CaseUpdatePage]:
    """Live updates under a case, added without publishing, then indexed."""
    for n in range(count):
        case.add_child(
            instance=CaseUpdatePage(
                title=f"Oppdatering {n}",
                slug=f"oppdatering-{n}",
                intro="Dette har skjedd siden sist.",
                publication_date=timezone.now(),
                live=True,
                first_published_at=timezone.now(),
            )
        )
    services.index_subtree(case)
    return list(CaseUpdatePage.objects.child_of(case))


def publish_queries(page) -> int:
    revision = page.save_revision()
    with CaptureQueriesContext(connection) as queries:
        revision.publish()
    return len(queries.captured_queries)


def found(user, text: str) -> list[str]:
    results = database_backend().search(SearchQuery(text=text), user, per_page=100)
    return sorted(hit.document.title for hit in results.hits)


def test_renaming_a_case_costs_the_same_queries_with_5_or_60_updates(
    make_case, staff_user
):
    counts = {}
    for count in (5, 60):
        case = make_case(f"Skolestruktur {count}", slug=f"skole-{count}")
        add_updates(case, count)
        case.title = f"Barnehagestruktur {count}"
        counts[count] = publish_queries(case)
        # Every update now carries the case's new title.
        assert len(found(staff_user, f"barnehagestruktur {count}")) == count + 1
    assert counts[5] == counts[60] <= PUBLISH_MAX_QUERIES
    # Nothing is found by the old title any more.
    assert found(staff_user, "skolestruktur") == []


def test_a_renamed_case_gives_its_updates_and_news_what_rebuilding_them_would(
    make_case, make_article, communication_group, topic
):
    """The documents about a renamed case are given its new title, not rebuilt
    from their pages: they must come out as rebuilding them would."""
    from wagtail.models import PageViewRestriction

    from search.backends.database import document_of
    from search.documents import documents_for_pages
    from search.models import IndexEntry

    case = make_case("Skolestruktur", topics=[topic], tags=["skole"])
    private_case = make_case("Lukket sak", slug="lukket")
    restriction = PageViewRestriction.objects.create(
        page=private_case, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(communication_group)
    add_updates(case, 3)
    add_updates(private_case, 2)
    articles = [
        make_article("Om skolene", related_case=case, tags=["budsjett"]),
        make_article("Om den lukkede", related_case=private_case),
    ]
    for renamed in (case, private_case):
        renamed.title = f"Ny {renamed.title.lower()}"
        renamed.save_revision().publish()

    page_ids = [
        case.pk,
        private_case.pk,
        *CaseUpdatePage.objects.values_list("pk", flat=True),
        *(article.pk for article in articles),
    ]
    stored = {
        entry.page_id: document_of(entry)
        for entry in IndexEntry.objects.filter(page_id__in=page_ids)
    }
    assert stored == dict(documents_for_pages(page_ids))
    titles = {document.case_title for document in stored.values()}
    assert titles == {"", "Ny skolestruktur", "Ny lukket sak"}


def test_publishing_a_case_unchanged_for_its_updates_does_not_reindex_them(
    make_case,
):
    counts = {}
    for count in (5, 60):
        case = make_case(f"Skolestruktur {count}", slug=f"skole-{count}")
        add_updates(case, count)
        case.summary = "Oppsummeringen er skrevet om."
        counts[count] = publish_queries(case)
    assert counts[5] == counts[60] <= PUBLISH_MAX_QUERIES


def test_publishing_an_update_costs_the_same_queries_with_5_or_60_siblings(
    make_case,
):
    counts = {}
    for count in (5, 60):
        case = make_case(f"Skolestruktur {count}", slug=f"skole-{count}")
        update = add_updates(case, count)[0]
        update.title = "Nytt fra skolen"
        counts[count] = publish_queries(update)
    assert counts[5] == counts[60] <= PUBLISH_MAX_QUERIES


def rebuild_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        call_command("search_rebuild", stdout=StringIO())
    return len(queries.captured_queries)


def test_search_rebuild_queries_do_not_grow_with_the_pages(
    make_case, make_article, staff_user
):
    case = make_case("Skolestruktur")
    add_updates(case, 5)
    for n in range(5):
        make_article(f"Nyhet {n}", related_case=case)
    small = rebuild_queries()
    add_updates(make_case("Barnehager", slug="barnehager"), 20)
    for n in range(20):
        make_article(f"Flere nyheter {n}", related_case=case)
    large = rebuild_queries()
    assert large <= small + 3
    assert len(found(staff_user, "skolestruktur")) == 1 + 5 + 25


def test_documents_built_in_bulk_equal_those_built_one_by_one(
    make_case, make_article, communication_group, topic
):
    from wagtail.models import PageViewRestriction

    from search.documents import documents_for_pages

    open_case = make_case("Åpen sak", topics=[topic], tags=["skole"])
    private_case = make_case("Lukket sak", slug="lukket")
    restriction = PageViewRestriction.objects.create(
        page=private_case, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(communication_group)
    add_updates(open_case, 3)
    pages = [open_case, private_case, *CaseUpdatePage.objects.all()]
    pages += [
        make_article("Om den åpne", related_case=open_case, topics=[topic]),
        make_article("Om den lukkede", related_case=private_case, tags=["budsjett"]),
    ]
    bulk = dict(documents_for_pages([page.pk for page in pages]))
    one_by_one = {
        page.pk: document_for_page(type(page.specific).objects.get(pk=page.pk))
        for page in pages
    }
    assert bulk == one_by_one
    assert bulk[private_case.pk].restriction == "groups"
    assert NewsPage.objects.count() == 2
