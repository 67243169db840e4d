"""Publishing a case or an update costs the same queries however many people
follow it and however many updates the case has, and tells each follower once.

The fan-out to followers is one statement in the publish's transaction
(issue 19: it used to choose and build each person's notification in Python,
about two thirds of publishing an update in a municipality of 3,000).
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases import services
from cases.models import CasePage, CaseUpdatePage
from intranet.subscriptions.models import Delivery, Notification
from tests.factories.core import UserFactory
from tests.factories.subscriptions import follow

pytestmark = pytest.mark.django_db

# The bound for publishing a case or an update.
PUBLISH_MAX_QUERIES = 100
# Creating and publishing an update in one call (case_update_create): the
# publish plus Wagtail's page creation and first revision (the tree, the log
# entry, its admin search index at each save): about 45 more, and the unit's
# review rule (`cases.review`), asked by the composer's service and by the
# owner's publish right; and one read of what the page's row held before the
# publish (was it an example story: which front page lists it moves).
CREATE_AND_PUBLISH_MAX_QUERIES = 119


def followers(count: int, *, prefix: str) -> list:
    """People following the unit of the cases, each twice (the unit, and a
    text search with a more urgent delivery), so that choosing one
    notification per person is tested too."""
    people = []
    for number in range(count):
        person = UserFactory(username=f"{prefix}-{number}")
        follow(person, unit="barnehagene", delivery=Delivery.WEEKLY)
        follow(person, q="skolebussen", delivery=Delivery.IMMEDIATE)
        people.append(person)
    return people


def add_updates(case: CasePage, count: int) -> None:
    """Earlier live updates under the case, added without publishing."""
    for number in range(count):
        case.add_child(
            instance=CaseUpdatePage(
                title=f"Tidligere oppdatering {number}",
                slug=f"tidligere-{number}",
                intro="Dette har skjedd.",
                publication_date=timezone.now() - datetime.timedelta(days=1),
                live=True,
                first_published_at=timezone.now() - datetime.timedelta(days=1),
            )
        )


def told(people) -> dict[int, list[str]]:
    notified = {person.pk: [] for person in people}
    for user_id, delivery in Notification.objects.filter(user__in=people).values_list(
        "user_id", "delivery"
    ):
        notified[user_id].append(delivery)
    return notified


def test_publishing_an_update_costs_the_same_with_1_or_40_followers_and_2_or_60_updates(
    make_case, owner, unit
):
    counts = {}
    for size, (people_count, earlier) in {"small": (1, 2), "large": (40, 60)}.items():
        people = followers(people_count, prefix=size)
        case = make_case(f"Skolebuss {size}", slug=f"skolebuss-{size}")
        add_updates(case, earlier)

        draft = services.case_update_create(
            case=case,
            title="Ny rute for skolebussen",
            intro="Skolebussen kjører ny rute fra mandag.",
            author=owner,
            publication_date=timezone.now(),
            publish=False,
            unit=unit,
            slug="ny-rute",
        )
        revision = draft.latest_revision
        with CaptureQueriesContext(connection) as publish:
            revision.publish(user=owner)
        with CaptureQueriesContext(connection) as create_and_publish:
            services.case_update_create(
                case=case,
                title="Skolebussen er i rute",
                intro="Skolebussen holder ruten.",
                author=owner,
                publication_date=timezone.now(),
                unit=unit,
                slug="i-rute",
            )
        counts[size] = (
            len(publish.captured_queries),
            len(create_and_publish.captured_queries),
        )

        # Each follower is told of each update once, by the more urgent of
        # their two matching subscriptions; the author is told nothing.
        assert told(people) == {
            person.pk: [Delivery.IMMEDIATE, Delivery.IMMEDIATE] for person in people
        }
        assert not Notification.objects.filter(user=owner).exists()

    assert counts["small"] == counts["large"], counts
    assert counts["large"][0] <= PUBLISH_MAX_QUERIES, counts
    assert counts["large"][1] <= CREATE_AND_PUBLISH_MAX_QUERIES, counts


def test_publishing_a_case_costs_the_same_with_2_or_60_updates(make_case, owner):
    counts = {}
    for earlier in (2, 60):
        followers(3, prefix=f"case-{earlier}")
        case = make_case(f"Skolebuss {earlier}", slug=f"skolebuss-{earlier}")
        add_updates(case, earlier)
        case = CasePage.objects.get(pk=case.pk)
        case.summary = "Ny rute for skolebussen fra høsten."
        with CaptureQueriesContext(connection) as queries:
            services.case_publish(case=case, user=owner)
        counts[earlier] = len(queries.captured_queries)
        assert CasePage.objects.get(pk=case.pk).summary == case.summary

    assert counts[2] == counts[60] <= PUBLISH_MAX_QUERIES, counts


def test_a_publish_that_is_rolled_back_notifies_nobody(make_case, owner, unit):
    people = followers(5, prefix="rollback")
    case = make_case("Skolebuss", slug="skolebuss")

    with pytest.raises(RuntimeError), transaction.atomic():
        services.case_update_create(
            case=case,
            title="Ny rute for skolebussen",
            intro="Skolebussen kjører ny rute fra mandag.",
            author=owner,
            publication_date=timezone.now(),
            unit=unit,
        )
        # Told inside the transaction, as the publish commits...
        assert len(Notification.objects.filter(user__in=people)) == 5
        raise RuntimeError("the request failed after publishing")

    # ...and taken back with it.
    assert not Notification.objects.exists()
    assert not CaseUpdatePage.objects.exists()


def test_a_case_that_fails_validation_is_neither_published_nor_announced(
    make_case, owner
):
    """The revision is saved unvalidated and validated by the publish: an
    invalid case leaves no revision behind and notifies nobody."""
    followers(2, prefix="invalid")
    case = make_case("Skolebuss", slug="skolebuss")
    Notification.objects.all().delete()
    case = CasePage.objects.get(pk=case.pk)
    revisions = case.revisions.count()
    case.start_date = timezone.localdate()
    case.expected_end_date = timezone.localdate() - datetime.timedelta(days=1)

    with pytest.raises(ValidationError):
        services.case_publish(case=case, user=owner)

    assert case.revisions.count() == revisions
    assert CasePage.objects.get(pk=case.pk).expected_end_date is None
    assert not Notification.objects.exists()


def test_a_draft_update_is_not_announced(make_case, owner, unit):
    people = followers(2, prefix="draft")
    case = make_case("Skolebuss", slug="skolebuss")

    services.case_update_create(
        case=case,
        title="Ny rute for skolebussen",
        intro="Skolebussen kjører ny rute fra mandag.",
        author=owner,
        publication_date=timezone.now(),
        publish=False,
        unit=unit,
    )

    assert told(people) == {person.pk: [] for person in people}
