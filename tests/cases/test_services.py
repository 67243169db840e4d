"""Creating cases and updates in code (the demo data and other apps use this)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases import services
from cases.models import CasePage, CaseUpdatePage
from search.searchable import Searchable
from tests.factories.cases import CaseUpdatePageFactory
from tests.factories.core import TopicFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_case_create_publishes_an_assessed_case_with_its_owners(case_index, owner):
    colleague = UserFactory(username="kollega")
    topic = TopicFactory(name="Klima og miljø", slug="klima-og-miljo")

    case = services.case_create(
        index=case_index,
        title="Klimaplan 2030",
        owners=[owner, colleague],
        summary="Ny klimaplan.",
        unit=UnitFactory(),
        communication_need="high",
        communication_audiences=["citizens"],
        communication_channels=["website"],
        communication_key_messages="Vi halverer utslippene.",
        planned_measures=[
            {
                "title": "Folkemøte",
                "planned_date": timezone.localdate(),
                "channel": "meeting",
                "audience": "citizens",
            }
        ],
        topics=[topic],
        tags=["klimaplan"],
    )

    case = CasePage.objects.get(pk=case.pk)
    assert case.live
    assert case.owner_users == [owner, colleague]
    assert [measure.title for measure in case.planned_measures.all()] == ["Folkemøte"]
    assert list(case.topics.all()) == [topic]
    assert [tag.name for tag in case.tags.all()] == ["klimaplan"]
    # The owners' permissions see the new case at once.
    assert case.permissions_for_user(owner).can_publish()


def test_case_create_refuses_to_publish_without_an_assessment(case_index, owner):
    with pytest.raises(services.CaseNotPublishable):
        services.case_create(
            index=case_index, title="Uvurdert", owners=[owner], summary="Sak."
        )

    assert not CasePage.objects.filter(title="Uvurdert").exists()


def test_case_create_may_leave_a_draft_without_an_assessment(case_index, owner):
    case = services.case_create(
        index=case_index,
        title="Utkast",
        owners=[owner],
        summary="Sak.",
        publish=False,
    )

    assert not CasePage.objects.get(pk=case.pk).live


def test_a_case_needs_an_owner(case_index):
    with pytest.raises(ValueError, match="owner"):
        services.case_create(index=case_index, title="Ingen", owners=[], summary="x")


def test_case_update_create_adds_a_dated_update(case, owner):
    when = timezone.now() - timezone.timedelta(days=3)

    update = services.case_update_create(
        case=case,
        title="Oppstart",
        intro="Vi har startet.",
        author=owner,
        publication_date=when,
    )

    update = CaseUpdatePage.objects.get(pk=update.pk)
    assert update.live
    assert update.get_parent().pk == case.pk
    assert update.publication_date == when
    assert update.owner == owner


def test_search_names_point_at_the_case_its_owners_and_a_date(case, owner, co_owner):
    update = CaseUpdatePageFactory(parent=case)
    # Republished after a correction: search still dates the case when it
    # was first shared.
    case.last_published_at = case.first_published_at + datetime.timedelta(days=3)

    assert isinstance(case, Searchable) and issubclass(CaseUpdatePage, Searchable)
    assert case.search_case() == case
    assert update.search_case() == case
    assert case.search_people() == [owner, co_owner]
    assert update.search_people() == [owner, co_owner]
    assert update.search_date() == update.publication_date
    assert case.search_date() == case.first_published_at


def test_publishing_a_case_costs_two_queries_more_per_owner_at_most(case_index):
    """Each owner row is checked (its person exists) when the revision is
    loaded to be published, and saved again on publish (Wagtail saves a
    page's child rows). It must not index the whole case again in Wagtail's
    reference index, as it did (nine more queries per owner), nor look up the
    case itself once per owner row, as modelcluster does."""
    counts = {}
    for number in (1, 6):
        owners = [UserFactory(username=f"eier-{number}-{n}") for n in range(number)]
        case = services.case_create(
            index=case_index,
            title=f"Sak med {number} eiere",
            owners=owners,
            summary="Om eierne.",
            unit=UnitFactory(),
            communication_need="none",
        )
        case = CasePage.objects.get(pk=case.pk)
        case.summary = "Endret."
        with CaptureQueriesContext(connection) as queries:
            services.case_publish(case=case, user=owners[0])
        counts[number] = len(queries.captured_queries)
    assert counts[6] - counts[1] <= 2 * 5, counts
