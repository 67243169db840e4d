"""The nightly reminder: two days before the deadline, caught up after a
missed night, once per person and deadline, never to those who have read."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from intranet.reach import services
from intranet.reach.models import Acknowledgement
from intranet.subscriptions.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db


def reminded() -> list[str]:
    return sorted(
        Notification.objects.filter(
            kind=NotificationKind.MUST_READ, key__startswith="must-read-reminder:"
        ).values_list("user__username", flat=True)
    )


def day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


def test_reminded_two_days_before_once_however_often_it_runs(
    make_must_read, home_care, nurse, carer, teacher
):
    article = make_must_read(units=[home_care], until=day(5))
    Acknowledgement.objects.create(user=carer, page=article)  # other unit anyway

    assert services.mustread_remind(today=day(2)) == 0  # three days before
    assert services.mustread_remind(today=day(3)) == 1
    assert services.mustread_remind(today=day(3)) == 0
    assert services.mustread_remind(today=day(4)) == 0
    assert reminded() == ["sykepleier"]


def test_a_missed_night_is_caught_up_until_the_deadline(make_must_read, nurse):
    make_must_read(everyone=True, until=day(5))

    assert services.mustread_remind(today=day(4)) == 2  # the day before
    assert reminded() == ["redaktor", "sykepleier"]  # the author is staff too


def test_nobody_is_reminded_after_the_deadline(make_must_read, nurse):
    make_must_read(everyone=True, until=day(5))

    assert services.mustread_remind(today=day(6)) == 0
    assert reminded() == []


def test_those_who_have_read_it_are_not_reminded(make_must_read, nurse, teacher):
    article = make_must_read(everyone=True, until=day(2))
    Acknowledgement.objects.create(user=nurse, page=article)

    services.mustread_remind(today=day(0))

    assert "sykepleier" not in reminded()
    assert "laerer" in reminded()


def test_moving_the_deadline_reminds_again(make_must_read, nurse):
    article = make_must_read(everyone=True, until=day(2))
    services.mustread_remind(today=day(0))
    assert reminded().count("sykepleier") == 1

    article.must_read_until = day(9)
    article.save_revision().publish()
    services.mustread_remind(today=day(7))

    assert reminded().count("sykepleier") == 2


def test_the_command_runs(make_must_read, nurse, capsys):
    make_must_read(everyone=True, until=day(1))

    call_command("mustread_remind")
    call_command("mustread_remind")

    assert reminded().count("sykepleier") == 1
    assert "reminder(s) queued" in capsys.readouterr().out
