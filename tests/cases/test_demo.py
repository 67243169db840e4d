import pytest
from django.core.management import call_command
from django.utils import timezone

from cases import services
from cases.models import CaseIndexPage, CasePage, CaseUpdatePage
from intranet.core.models import Unit

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "indexes": CaseIndexPage.objects.count(),
        "cases": CasePage.objects.count(),
        "live_cases": CasePage.objects.live().count(),
        "updates": CaseUpdatePage.objects.count(),
        "positioning": CaseUpdatePage.objects.exclude(positioning_themes=[]).count(),
        "with_image": CaseUpdatePage.objects.filter(hero_image__isnull=False).count(),
    }


# Each full seed takes about a minute: the checks share the runs.
def test_seed_demo_makes_realistic_dated_cases_and_a_second_run_adds_nothing(client):
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")

    assert counts() == first
    assert first["indexes"] == 1
    assert first["cases"] >= 20
    assert first["positioning"] >= 5
    assert first["with_image"] == first["cases"]
    for case in CasePage.objects.all():
        assert 2 <= CaseUpdatePage.objects.child_of(case).count() <= 6
        assert case.case_owners.exists()
    units_with_cases = Unit.objects.filter(cases__isnull=False).distinct().count()
    assert units_with_cases >= 8
    # Dated when they started.
    for case in CasePage.objects.live():
        assert timezone.localdate(case.first_published_at) == case.start_date
    oldest = CasePage.objects.live().order_by("start_date").first()
    assert oldest.start_date < timezone.localdate()
    # The lists' stored facts agree with the updates.
    assert services.case_facts_recount() == 0
    # Open to staff, and Kari has cases of her own.
    assert client.login(username="kari.nordmann", password="demo1234")
    index = CaseIndexPage.objects.get()
    assert client.get(index.url).status_code == 200
    assert "Digital hjemmetjeneste" in client.get("/mine-saker/").content.decode()


def test_demo_reset_recreates_the_cases():
    call_command("seed_demo")
    CasePage.objects.first().delete()

    call_command("seed_demo", "--reset")

    assert CasePage.objects.count() >= 20
