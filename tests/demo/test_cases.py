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
