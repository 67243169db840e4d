"""Owners are reminded before their activities; the team hears of overdue ones."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from intranet.core.roles import COMMUNICATION, STAFF
from intranet.planning.models import ActivityStatus
from intranet.subscriptions.models import Notification, NotificationKind
from tests.factories.core import UserFactory
from tests.factories.planning import ActivityFactory

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")


def run():
    call_command("send_activity_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115


def reminders(user):
    return list(
        Notification.objects.filter(user=user, kind=NotificationKind.REMINDER)
        .order_by("pk")
        .values_list("title", flat=True)
    )


def test_seven_and_one_day_before_and_running_twice_notifies_once(owner):
    ActivityFactory(
        title="Budsjettmøtet", start_date=datetime.date(2027, 5, 20), owners=[owner]
    )

    with time_machine.travel(datetime.datetime(2027, 5, 12, 9, tzinfo=OSLO)):
        run()
    assert reminders(owner) == []

    with time_machine.travel(datetime.datetime(2027, 5, 13, 9, tzinfo=OSLO)):
        run()
        run()
    assert reminders(owner) == ["Om 7 dager: Budsjettmøtet"]

    for day in (14, 15, 16, 17, 18):
        with time_machine.travel(datetime.datetime(2027, 5, day, 9, tzinfo=OSLO)):
            run()
    assert len(reminders(owner)) == 1

    with time_machine.travel(datetime.datetime(2027, 5, 19, 9, tzinfo=OSLO)):
        run()
        run()
    assert reminders(owner) == ["Om 7 dager: Budsjettmøtet", "Om 1 dag: Budsjettmøtet"]
    notification = Notification.objects.filter(user=owner).last()
    assert notification.url.startswith("/arshjul/tiltak/")


@pytest.mark.parametrize(
    ("activity_day", "just_after_midnight"),
    [
        # Summer time starts on the last Sunday of March (28 March 2027) ...
        (datetime.date(2027, 3, 29), datetime.datetime(2027, 3, 22, 0, 30)),
        # ... and ends on the last Sunday of October (31 October 2027).
        (datetime.date(2027, 11, 1), datetime.datetime(2027, 10, 25, 0, 30)),
    ],
)
def test_days_are_counted_in_norwegian_dates_across_summer_time(
    owner, activity_day, just_after_midnight
):
    ActivityFactory(title="Valgdagen", start_date=activity_day, owners=[owner])

    # Half past midnight in Oslo is still the day before in UTC.
    with time_machine.travel(just_after_midnight.replace(tzinfo=OSLO)):
        run()
    assert reminders(owner) == ["Om 7 dager: Valgdagen"]

    day_before = datetime.datetime.combine(
        activity_day - datetime.timedelta(days=1), datetime.time(0, 30), tzinfo=OSLO
    )
    with time_machine.travel(day_before):
        run()
    assert reminders(owner) == ["Om 7 dager: Valgdagen", "Om 1 dag: Valgdagen"]


def test_moving_the_activity_arms_its_reminders_again(owner):
    activity = ActivityFactory(
        title="Folkemøte", start_date=datetime.date(2027, 6, 10), owners=[owner]
    )
    with time_machine.travel(datetime.datetime(2027, 6, 3, 9, tzinfo=OSLO)):
        run()
    activity.start_date = activity.end_date = datetime.date(2027, 6, 12)
    activity.save()
    with time_machine.travel(datetime.datetime(2027, 6, 5, 9, tzinfo=OSLO)):
        run()

    assert reminders(owner) == ["Om 7 dager: Folkemøte", "Om 7 dager: Folkemøte"]


def test_done_and_cancelled_activities_are_not_reminded(owner):
    day = datetime.date(2027, 6, 10)
    ActivityFactory(start_date=day, owners=[owner], status=ActivityStatus.DONE)
    ActivityFactory(start_date=day, owners=[owner], status=ActivityStatus.CANCELLED)

    with time_machine.travel(datetime.datetime(2027, 6, 3, 9, tzinfo=OSLO)):
        run()

    assert reminders(owner) == []


def test_reminder_days_come_from_the_setting(owner, settings):
    settings.PLANNING_REMINDER_DAYS = [3]
    ActivityFactory(
        title="Pressemelding", start_date=datetime.date(2027, 6, 10), owners=[owner]
    )

    with time_machine.travel(datetime.datetime(2027, 6, 3, 9, tzinfo=OSLO)):
        run()
    assert reminders(owner) == []
    with time_machine.travel(datetime.datetime(2027, 6, 7, 9, tzinfo=OSLO)):
        run()
    assert reminders(owner) == ["Om 3 dager: Pressemelding"]


def test_overdue_activities_are_reported_to_the_team_once_each(owner):
    team = [
        UserFactory(username=f"team{n}", groups=[STAFF, COMMUNICATION])
        for n in range(2)
    ]
    ActivityFactory(
        title="Årsmelding", start_date=datetime.date(2027, 3, 1), owners=[owner]
    )
    ActivityFactory(
        title="Ferdig",
        start_date=datetime.date(2027, 3, 1),
        owners=[owner],
        status=ActivityStatus.DONE,
    )

    with time_machine.travel(datetime.datetime(2027, 3, 5, 9, tzinfo=OSLO)):
        run()
        run()

    overdue = Notification.objects.filter(kind=NotificationKind.OVERDUE)
    assert sorted(overdue.values_list("user__username", flat=True)) == [
        "team0",
        "team1",
    ]
    assert set(overdue.values_list("title", flat=True)) == {"Forfalt: Årsmelding"}
    assert not Notification.objects.filter(user=owner).exists()
    assert team
