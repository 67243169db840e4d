"""The site-wide alert banner: shown on every page for its time, put away per
person (never when critical), changed at once from the admin."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from intranet.core.selectors import content_version
from intranet.notices.models import Alert, AlertLevel
from tests.factories.core import UserFactory
from tests.factories.notices import AlertFactory

pytestmark = pytest.mark.django_db
SNIPPETS = "/admin/snippets/notices/alert/"


def banner(response) -> str:
    """The alerts region of a page ("" when there is none)."""
    html = response.content.decode()
    found = re.search(r'<section class="site-alerts".*?</section>', html, re.S)
    return found.group(0) if found else ""


def dismiss(client, alert, *, next_path="/"):
    return client.post(f"/driftsmelding/{alert.pk}/skjul/", {"next": next_path})


def test_the_banner_shows_on_a_normal_page_the_404_page_and_a_news_page(
    colleague_client, article
):
    AlertFactory(
        message="E-posten er nede til kl. 14", link_url="/status/", link_text="Les mer"
    )

    front = colleague_client.get("/")
    missing = colleague_client.get("/finnes-ikke/")
    news = colleague_client.get(article.url)

    assert missing.status_code == 404
    for response in (front, missing, news):
        shown = banner(response)
        assert "E-posten er nede til kl. 14" in shown
        assert "Informasjon:" in shown
        assert '<a class="site-alert__link" href="/status/">Les mer</a>' in shown


def test_no_banner_for_people_not_logged_in(client):
    AlertFactory(message="Bare for innloggede")

    response = client.get("/logg-inn/")

    assert "Bare for innloggede" not in response.content.decode()


def test_an_ended_or_not_yet_started_alert_is_not_shown(colleague_client):
    now = timezone.now()
    AlertFactory(
        message="Over",
        starts_at=now - datetime.timedelta(days=2),
        ends_at=now - datetime.timedelta(minutes=1),
    )
    AlertFactory(
        message="Kommer",
        starts_at=now + datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=2),
    )

    assert banner(colleague_client.get("/")) == ""


def test_a_cached_alert_appears_and_disappears_at_its_own_times(colleague_client):
    now = timezone.now()
    AlertFactory(
        message="Planlagt vedlikehold",
        starts_at=now + datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=2),
    )
    assert banner(colleague_client.get("/")) == ""  # the list is cached now
    version = content_version()

    with time_machine.travel(now + datetime.timedelta(minutes=61)):
        shown = banner(colleague_client.get("/"))
    with time_machine.travel(now + datetime.timedelta(minutes=121)):
        after = banner(colleague_client.get("/"))

    assert "Planlagt vedlikehold" in shown
    assert after == ""
    assert content_version() == version  # nothing was saved in between


def test_critical_is_an_alert_and_cannot_be_dismissed(colleague_client):
    critical = AlertFactory(message="Brann i rådhuset", level=AlertLevel.CRITICAL)

    shown = banner(colleague_client.get("/"))
    response = dismiss(colleague_client, critical)
    again = colleague_client.get("/")

    assert 'role="alert"' in shown
    assert "Skjul" not in shown
    assert response.status_code == 302
    assert "Brann i rådhuset" in banner(again)
    assert "En kritisk driftsmelding kan ikke skjules." in again.content.decode()


def test_info_dismissed_stays_hidden_for_that_person_but_not_for_others(
    client, colleague, other
):
    info = AlertFactory(message="Nytt telefonsystem fra mandag")
    client.force_login(colleague)
    shown = banner(client.get("/saker/"))
    assert 'role="alert"' not in shown
    assert "Skjul" in shown

    response = dismiss(client, info, next_path="/saker/?side=2")

    assert response.status_code == 302
    assert response["Location"] == "/saker/?side=2"
    assert "Nytt telefonsystem" not in client.get("/").content.decode()
    client.force_login(other)
    assert "Nytt telefonsystem" in banner(client.get("/"))


def test_a_warning_can_be_dismissed_and_shows_again_when_changed(colleague_client):
    warning = AlertFactory(message="Treg nettverk i dag", level=AlertLevel.WARNING)
    dismiss(colleague_client, warning)
    assert banner(colleague_client.get("/")) == ""

    warning.message = "Nettverket er nede på Frogner"
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5)):
        warning.save()
        shown = banner(colleague_client.get("/"))

    assert "Nettverket er nede på Frogner" in shown


def test_dismiss_needs_a_post_and_a_csrf_token(colleague, article):
    from django.test import Client

    info = AlertFactory(message="Husk CSRF")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(colleague)

    assert strict.get(f"/driftsmelding/{info.pk}/skjul/").status_code == 405
    assert dismiss(strict, info).status_code == 403
    assert "Husk CSRF" in banner(strict.get("/"))


def test_dismiss_never_sends_a_person_to_another_site(colleague_client):
    info = AlertFactory()

    response = dismiss(colleague_client, info, next_path="https://evil.example/")

    assert response["Location"] == "/"


def test_dismissing_an_alert_that_is_gone_just_goes_back(colleague_client):
    response = dismiss(colleague_client, AlertFactory.build(pk=99999))

    assert response.status_code == 302


@pytest.fixture
def admin_client(client, communication):
    client.force_login(communication)
    return client


def _form(**changes) -> dict:
    now = timezone.localtime()
    data = {
        "message": "Lønnssystemet er stengt",
        "level": "warning",
        "link_url": "",
        "link_text": "",
        "starts_at": now.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (now + datetime.timedelta(hours=3)).strftime("%Y-%m-%d %H:%M"),
    }
    data.update(changes)
    return data


def test_the_team_edits_an_alert_and_the_new_text_shows_at_once(
    admin_client, colleague
):
    alert = AlertFactory(message="Gammel tekst")
    from django.test import Client

    reader = Client()
    reader.force_login(colleague)
    assert "Gammel tekst" in banner(reader.get("/"))  # now cached
    version = content_version()

    response = admin_client.post(
        f"{SNIPPETS}edit/{alert.pk}/", _form(message="Ny tekst", level="info")
    )

    assert response.status_code == 302, response.context["form"].errors
    assert content_version() > version
    shown = banner(reader.get("/"))
    assert "Ny tekst" in shown
    assert "Gammel tekst" not in shown


def test_deleting_an_alert_removes_it_at_once(admin_client, colleague):
    alert = AlertFactory(message="Snart borte")
    from django.test import Client

    reader = Client()
    reader.force_login(colleague)
    assert "Snart borte" in banner(reader.get("/"))

    admin_client.post(f"{SNIPPETS}delete/{alert.pk}/")

    assert not Alert.objects.exists()
    assert banner(reader.get("/")) == ""


def test_the_team_adds_an_alert_and_the_listing_shows_its_status(admin_client):
    response = admin_client.post(f"{SNIPPETS}add/", _form())
    listing = admin_client.get(SNIPPETS).content.decode()

    assert response.status_code == 302
    assert "Lønnssystemet er stengt" in listing
    assert "Advarsel" in listing
    assert "Vises nå" in listing


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"ends_at": "2020-01-01 10:00", "starts_at": "2020-01-01 12:00"},
            "ends_at",
            "Slutten må være etter starten.",
        ),
        (
            {"ends_at": "2020-01-01 12:00", "starts_at": "2020-01-01 12:00"},
            "ends_at",
            "Slutten må være etter starten.",
        ),
        ({"message": "x" * 201}, "message", "200"),
        (
            {"link_url": "javascript:alert(1)", "link_text": "Klikk"},
            "link_url",
            "https://",
        ),
        ({"link_url": "//evil.example/", "link_text": "Klikk"}, "link_url", "https://"),
        ({"link_url": "/status/", "link_text": ""}, "link_text", "lenketeksten"),
    ],
)
def test_bad_input_in_the_admin_gets_a_norwegian_error(
    admin_client, changes, field, message
):
    response = admin_client.post(f"{SNIPPETS}add/", _form(**changes))

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert not Alert.objects.exists()


@pytest.mark.parametrize("link", ["https://status.kommune.no/", "/driftsstatus/"])
def test_a_web_address_or_a_site_path_is_a_valid_link(admin_client, link):
    response = admin_client.post(
        f"{SNIPPETS}add/", _form(link_url=link, link_text="Les mer")
    )

    assert response.status_code == 302
    assert Alert.objects.get().link_url == link


def test_staff_outside_the_team_cannot_reach_the_alerts(client, colleague):
    alert = AlertFactory()
    client.force_login(colleague)

    for url in (SNIPPETS, f"{SNIPPETS}add/", f"{SNIPPETS}edit/{alert.pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert response.status_code == 403 or "/admin/" in response["Location"]
    client.post(f"{SNIPPETS}delete/{alert.pk}/")
    assert Alert.objects.filter(pk=alert.pk).exists()


def test_a_superuser_reaches_the_alerts(client):
    client.force_login(UserFactory(username="rot", is_superuser=True, is_staff=True))

    assert client.get(SNIPPETS).status_code == 200


def test_a_link_written_around_the_form_is_not_shown(colleague_client):
    AlertFactory(message="Rar lenke", link_url="javascript:alert(1)", link_text="Klikk")

    shown = banner(colleague_client.get("/"))

    assert "Rar lenke" in shown
    assert "javascript:" not in shown
