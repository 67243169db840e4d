"""A published case's planned measures become activities in the plan."""

import datetime

import pytest

from cases import services as case_services
from cases.models import CasePage, CasePlannedMeasure
from intranet.planning import services
from intranet.planning.models import ActivityStatus, CommunicationActivity
from tests.factories.cases import CaseUpdatePageFactory
from tests.factories.core import UnitFactory, UserFactory
from tests.factories.planning import ActivityFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2027, 3, 10)


def measure(title, day=DAY, channel="website", audience="citizens"):
    return {
        "title": title,
        "planned_date": day,
        "channel": channel,
        "audience": audience,
    }


@pytest.fixture
def case(case_index, owner):
    co_owner = UserFactory(username="medeier")
    return case_services.case_create(
        index=case_index,
        title="Ny barnehage på Haugen",
        owners=[owner, co_owner],
        summary="Vi bygger en ny barnehage.",
        unit=UnitFactory(),
        communication_need="none",
        planned_measures=[
            measure("Nyhet på nettsidene"),
            measure("Folkemøte", DAY + datetime.timedelta(days=7), "meeting"),
        ],
    )


def republish(case, measures):
    case = CasePage.objects.get(pk=case.pk)
    case.planned_measures = measures
    case.save_revision().publish()
    return case


def test_publishing_a_case_puts_its_measures_in_the_plan(case, owner):
    activities = CommunicationActivity.objects.order_by("start_date")

    assert [(a.title, a.start_date, a.channels) for a in activities] == [
        ("Nyhet på nettsidene", DAY, ["website"]),
        ("Folkemøte", DAY + datetime.timedelta(days=7), ["meeting"]),
    ]
    first = activities[0]
    assert first.case_id == case.pk
    assert first.unit_id == case.unit_id
    assert first.audiences == ["citizens"]
    assert {u.username for u in first.owners.all()} == {"eier", "medeier"}


def test_republishing_updates_the_same_activities_without_duplicates(case):
    measures = list(CasePlannedMeasure.objects.filter(case=case).order_by("sort_order"))
    before = dict(CommunicationActivity.objects.values_list("measure_id", "pk"))
    measures[0].title = "Nyhet og video på nettsidene"
    measures[0].planned_date = DAY + datetime.timedelta(days=1)

    republish(case, measures)
    republish(case, measures)

    assert CommunicationActivity.objects.count() == 2
    assert dict(CommunicationActivity.objects.values_list("measure_id", "pk")) == before
    moved = CommunicationActivity.objects.get(measure=measures[0])
    assert moved.title == "Nyhet og video på nettsidene"
    assert moved.start_date == moved.end_date == DAY + datetime.timedelta(days=1)


def test_a_removed_measure_cancels_its_activity_and_a_new_one_is_added(case):
    first, second = CasePlannedMeasure.objects.filter(case=case).order_by("sort_order")
    folkemote = CommunicationActivity.objects.get(measure=second)

    republish(case, [first, CasePlannedMeasure(**measure("Brev til naboene"))])

    folkemote.refresh_from_db()
    assert folkemote.status == ActivityStatus.CANCELLED
    assert folkemote.measure_id is None
    titles = set(
        CommunicationActivity.objects.visible_in_plan().values_list("title", flat=True)
    )
    assert titles == {"Nyhet på nettsidene", "Brev til naboene"}


def test_a_done_activity_stays_done_when_its_measure_goes(case, owner):
    first, second = CasePlannedMeasure.objects.filter(case=case).order_by("sort_order")
    activity = CommunicationActivity.objects.get(measure=second)
    story = CaseUpdatePageFactory(parent=case)

    services.activity_mark_done(activity=activity, story=story, user=owner)

    republish(case, [first])

    activity.refresh_from_db()
    assert activity.status == ActivityStatus.DONE


def test_a_change_of_case_owners_changes_who_is_responsible(case, owner):
    from cases.models import CaseOwner

    new_owner = UserFactory(username="ny.eier")
    case = CasePage.objects.get(pk=case.pk)
    case.case_owners = [CaseOwner(user=new_owner)]
    case.save_revision().publish()

    for activity in CommunicationActivity.objects.all():
        assert [u.username for u in activity.owners.all()] == ["ny.eier"]


def test_a_draft_of_the_case_changes_nothing_in_the_plan(case):
    measures = list(CasePlannedMeasure.objects.filter(case=case))
    draft = CasePage.objects.get(pk=case.pk)
    measures[0].title = "Utkast"
    draft.planned_measures = measures
    draft.save_revision()

    assert "Utkast" not in CommunicationActivity.objects.values_list("title", flat=True)


def statuses(case_pk) -> dict[str, str]:
    return dict(
        CommunicationActivity.objects.filter(case_id=case_pk).values_list(
            "title", "status"
        )
    )


def test_unpublishing_a_case_cancels_its_planned_measures_until_it_returns(case, owner):
    first, second = CasePlannedMeasure.objects.filter(case=case).order_by("sort_order")
    story = CaseUpdatePageFactory(parent=case)
    services.activity_mark_done(
        activity=CommunicationActivity.objects.get(measure=second),
        story=story,
        user=owner,
    )
    own = ActivityFactory(title="Eget innlegg om saken", case=case, owners=[owner])

    CasePage.objects.get(pk=case.pk).unpublish()

    assert statuses(case.pk) == {
        "Nyhet på nettsidene": ActivityStatus.CANCELLED,
        "Folkemøte": ActivityStatus.DONE,
        "Eget innlegg om saken": ActivityStatus.PLANNED,
    }
    # Nobody is reminded of a measure the case no longer plans.
    assert services.activity_reminders_send(today=DAY, days=[0]) == 0

    republish(case, [first, second])

    assert statuses(case.pk)["Nyhet på nettsidene"] == ActivityStatus.PLANNED
    assert statuses(case.pk)["Folkemøte"] == ActivityStatus.DONE
    assert own.pk in CommunicationActivity.objects.values_list("pk", flat=True)


def test_deleting_a_case_cancels_its_planned_measures(case):
    case_pk = case.pk
    activities = list(CommunicationActivity.objects.filter(case_id=case_pk))

    CasePage.objects.get(pk=case_pk).delete()

    for activity in activities:
        activity.refresh_from_db()
        assert activity.status == ActivityStatus.CANCELLED
        assert activity.case_id is None
    assert services.activity_reminders_send(today=DAY, days=[0]) == 0
