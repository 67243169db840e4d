"""The nightly job tells the owners of quiet cases, once per quiet spell."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases import services as case_services
from cases.models import CasePage
from intranet.freshness import services
from intranet.subscriptions.models import Notification, NotificationKind
from tests.freshness.conftest import days_ago

pytestmark = pytest.mark.django_db


def told(case) -> list[int]:
    return sorted(
        Notification.objects.filter(
            page_id=case.pk, kind=NotificationKind.FRESHNESS
        ).values_list("user_id", flat=True)
    )


def test_each_owner_of_a_quiet_case_is_told_once_however_often_the_job_runs(
    make_case, owner, co_owner
):
    case = make_case("Digital hjemmetjeneste", quiet_days=60)

    call_command("freshness_check", stdout=None)
    call_command("freshness_check")
    assert services.case_nudges_send(now=timezone.now()) == 0

    assert told(case) == sorted([owner.pk, co_owner.pk])
    notification = Notification.objects.filter(page_id=case.pk).first()
    assert notification.url == f"/aktualitet/sak/{case.pk}/"
    assert "Digital hjemmetjeneste" in notification.title
    assert notification.title.startswith("Ingen oppdatering")


def test_a_completed_case_is_never_nagged(make_case, settings):
    # Even when a setting names the completed status.
    settings.FRESHNESS_CASE_DAYS = {"completed": 1, "ongoing": 1}
    case = make_case("Ferdig prosjekt", quiet_days=2000, status="completed")

    call_command("freshness_check")

    assert told(case) == []


def test_a_fresh_case_is_left_alone(make_case):
    case = make_case("Ny sak", quiet_days=3)

    call_command("freshness_check")

    assert told(case) == []


def test_the_threshold_depends_on_the_status(make_case, settings):
    settings.FRESHNESS_CASE_DAYS = {"ongoing": 10, "paused": 100}
    ongoing = make_case("Pågår", quiet_days=20)
    paused = make_case("Satt på vent", quiet_days=20, status="paused")
    long_paused = make_case("Lenge på vent", quiet_days=120, status="paused")

    call_command("freshness_check")

    assert told(ongoing) and told(long_paused)
    assert told(paused) == []


def test_a_new_update_rearms_the_reminder(make_case, owner, co_owner):
    case = make_case("Digital hjemmetjeneste", quiet_days=60)
    assert services.case_nudges_send(now=timezone.now()) == 2

    case_services.case_update_create(
        case=case,
        title="Vi er i gang",
        intro="Nytt om saken.",
        author=owner,
        publication_date=days_ago(50),
    )
    case.refresh_from_db()
    assert case.last_update_at is not None
    # Quiet again since that update: told again, once.
    assert services.case_nudges_send(now=timezone.now()) == 2
    assert services.case_nudges_send(now=timezone.now()) == 0
    assert len(told(case)) == 4


def test_owners_of_a_case_made_unpublished_or_without_owners_are_not_told(
    make_case, owner
):
    case = make_case("Avpublisert", quiet_days=90)
    case.unpublish()
    alone = make_case("Uten eiere", quiet_days=90)
    alone.case_owners.all().delete()

    assert services.case_nudges_send(now=timezone.now()) == 0
    assert CasePage.objects.count() == 2
