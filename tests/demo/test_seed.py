"""The seed_demo command: people in every role, idempotent runs, --if-empty, --reset."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.models import Page

from cases.models import CasePage
from intranet.core.models import Competence, StaffProfile, Topic, Unit
from intranet.demo.steps import people as demo_people
from intranet.dialogue.models import Comment, Reaction
from intranet.insights.models import PulseTally, StoryReadDay
from intranet.planning.models import CommunicationActivity
from intranet.promotion.models import Promotion
from intranet.subscriptions.models import Notification, Subscription
from news.models import NewsPage
from search.models import BestBet, SynonymGroup

pytestmark = pytest.mark.usefixtures("demo")


def counts() -> dict[str, int]:
    return {
        "sectors": Unit.objects.sectors().count(),
        "units": Unit.objects.filter(parent__isnull=False).count(),
        "topics": Topic.objects.count(),
        "users": get_user_model().objects.count(),
        "profiles_with_unit": StaffProfile.objects.filter(unit__isnull=False).count(),
        "pages": Page.objects.count(),
        "images": Image.objects.count(),
        "comments": Comment.objects.count(),
        "reactions": Reaction.objects.count(),
        "promotions": Promotion.objects.count(),
        "subscriptions": Subscription.objects.count(),
        "notifications": Notification.objects.count(),
        "activities": CommunicationActivity.objects.count(),
        "read_days": StoryReadDay.objects.count(),
        "pulse_tallies": PulseTally.objects.count(),
        "competences": Competence.objects.count(),
        "units_with_leaders": Unit.objects.filter(leaders__isnull=False).count(),
        "confirmed_profiles": StaffProfile.objects.filter(
            confirmed_at__isnull=False
        ).count(),
        "synonyms": SynonymGroup.objects.count(),
        "best_bets": BestBet.objects.count(),
    }


def news_snapshot() -> list[tuple]:
    return list(
        NewsPage.objects.order_by("slug").values_list(
            "slug", "date", "owner__username", "hero_image__title", "important_until"
        )
    )


def test_the_demo_has_people_in_every_role_and_each_role_logs_in(client):
    seeded = counts()

    assert seeded["sectors"] == 3
    assert seeded["units"] >= 8
    assert seeded["topics"] >= 12
    assert seeded["users"] >= 15
    assert seeded["profiles_with_unit"] == seeded["users"]
    for group in ["Ansatte", "Redaktører", "Kommunikasjon"]:
        assert get_user_model().objects.filter(groups__name=group).exists()
    assert get_user_model().objects.get(username="admin").is_superuser
    # Every best bet of the demo found its page.
    assert seeded["synonyms"] == 7
    assert seeded["best_bets"] == 5
    for username in ["kari.nordmann", "hilde.strand", "silje.aas", "admin"]:
        assert client.login(username=username, password="demo1234")
        assert client.get("/").status_code == 200


def test_a_second_run_changes_nothing():
    before, news_before = counts(), news_snapshot()

    call_command("seed_demo", stdout=io.StringIO())

    assert counts() == before
    assert news_snapshot() == news_before


def test_if_empty_leaves_a_database_with_units_alone():
    Topic.objects.all().delete()
    output = io.StringIO()

    call_command("seed_demo", "--if-empty", stdout=output)

    assert "skipping" in output.getvalue()
    assert not Topic.objects.exists()
    # The logins are printed either way, for make run.
    assert "kari.nordmann" in output.getvalue()


def test_reset_recreates_the_demo_data():
    full = counts()
    Topic.objects.filter(slug="kultur").update(name="Endret")
    CasePage.objects.first().delete()
    NewsPage.objects.first().delete()

    call_command("seed_demo", "--reset", stdout=io.StringIO())

    assert Topic.objects.get(slug="kultur").name == "Kultur"
    assert counts() == full


def test_every_demo_person_has_a_profile_to_find_them_by(client):
    profiles = StaffProfile.objects.filter(user__username__in=demo_people.usernames())
    assert profiles.count() == len(demo_people.usernames())
    assert all(profile.phone and profile.competences.exists() for profile in profiles)

    client.force_login(get_user_model().objects.get(username="kari.nordmann"))
    html = client.get("/personer/?kompetanse=klarsprak").content.decode()
    assert "Hilde Strand" in html and "Silje Aas" in html and "Ola Hansen" not in html
    page = client.get("/personer/silje.aas/").content.decode()
    assert "Krisekommunikasjon" in page and "912 34 513" in page
    unit_page = client.get("/enhet/barnehagene/").content.decode()
    assert "Leder" in unit_page and 'href="/personer/ingrid.berg/"' in unit_page
    # Ola shows his mobile; Kari keeps hers to herself.
    assert "912 34 502" in client.get("/personer/ola.hansen/").content.decode()
    client.force_login(get_user_model().objects.get(username="ola.hansen"))
    assert "912 34 501" not in client.get("/personer/kari.nordmann/").content.decode()
