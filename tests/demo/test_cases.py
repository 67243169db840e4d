"""The demo cases: dated, owned, illustrated and spread over the units."""

import pytest
from django.utils import timezone

from cases import services
from cases.models import CaseIndexPage, CasePage, CaseUpdatePage
from intranet.core.models import Unit

pytestmark = pytest.mark.usefixtures("demo")


def test_the_demo_cases_are_realistic_and_dated_when_they_started(client):
    cases = CasePage.objects.all()
    updates = CaseUpdatePage.objects.all()

    assert CaseIndexPage.objects.count() == 1
    assert cases.count() >= 20
    assert updates.exclude(positioning_themes=[]).count() >= 5
    assert updates.filter(hero_image__isnull=False).count() == cases.count()
    for case in cases:
        assert 2 <= CaseUpdatePage.objects.child_of(case).count() <= 6
        assert case.case_owners.exists()
    assert Unit.objects.filter(cases__isnull=False).distinct().count() >= 8
    for case in CasePage.objects.live():
        assert timezone.localdate(case.first_published_at) == case.start_date
    oldest = CasePage.objects.live().order_by("start_date").first()
    assert oldest.start_date < timezone.localdate()
    # The lists' stored facts agree with the updates.
    assert services.case_facts_recount() == 0
    # A couple are drafts, not yet shared.
    assert cases.not_live().exists()


def test_the_case_list_is_open_to_staff_and_kari_has_cases_of_her_own(client):
    assert client.login(username="kari.nordmann", password="demo1234")

    assert client.get(CaseIndexPage.objects.get().url).status_code == 200
    assert "Digital hjemmetjeneste" in client.get("/mine-saker/").content.decode()


def test_one_demo_unit_asks_for_review_and_an_update_waits_for_its_leader(client):
    from wagtail.models import WorkflowState

    from cases.models import UnitReview
    from intranet.subscriptions.models import Notification, NotificationKind

    rule = UnitReview.objects.select_related("unit").get()
    waiting = CaseUpdatePage.objects.get(title="Klimaregnskapet for 2025 er klart")
    assert waiting.unit == rule.unit
    assert not waiting.live
    state = WorkflowState.objects.for_instance(waiting).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert Notification.objects.filter(
        user__username="thomas.vik", kind=NotificationKind.REVIEW, page=waiting
    ).exists()
    # The unit's other demo updates were published before the rule.
    assert CaseUpdatePage.objects.live().filter(unit=rule.unit).count() >= 5
    assert client.login(username="thomas.vik", password="demo1234")
    assert waiting.title in client.get("/admin/").content.decode()
