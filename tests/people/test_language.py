"""A person chooses the language of the intranet once; it follows them to every
login, on any browser, and into the publishing tool, and nobody else gets it."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from intranet.core.roles import EDITORS, STAFF
from tests.factories.core import UserFactory

# The main menu's first link: "Forside" in Bokmål, "Framside" in Nynorsk.
BOKMAL_FRONT_PAGE = ">Forside</a>"
NYNORSK_FRONT_PAGE = ">Framside</a>"


def choose(client: Client, language: str):
    return client.post(reverse("people:language"), {"language": language, "next": "/"})


def log_in(client: Client, username: str):
    response = client.post(
        reverse("login"), {"username": username, "password": "passord", "next": "/"}
    )
    assert response.status_code == 302, "the login was refused"
    return response


def front_page(client: Client) -> tuple[str, str]:
    response = client.get("/")
    assert response.status_code == 200
    return response["Content-Language"], response.content.decode()


@pytest.fixture
def ola(db):
    return UserFactory(username="ola", first_name="Ola")


def test_a_person_who_chooses_nynorsk_sees_the_intranet_in_nynorsk(staff_client):
    response = choose(staff_client, "nn")

    assert response.status_code == 302
    language, page = front_page(staff_client)
    assert language == "nn"
    assert '<html lang="nn">' in page
    assert NYNORSK_FRONT_PAGE in page
    assert "Søk på intranettet" in page
    # The footer's switch offers Nynorsk, and shows it as chosen.
    assert '<option value="nn" selected>' in page


def test_nynorsk_stays_after_logging_out_and_in_again(client, staff_user):
    log_in(client, "kari")
    choose(client, "nn")
    client.post(reverse("logout"))

    log_in(client, "kari")

    language, page = front_page(client)
    assert language == "nn"
    assert NYNORSK_FRONT_PAGE in page


def test_the_choice_follows_the_person_to_another_browser(client, staff_user):
    log_in(client, "kari")
    choose(client, "nn")

    other_browser = Client()
    response = log_in(other_browser, "kari")

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nn"
    language, page = front_page(other_browser)
    assert language == "nn"
    assert NYNORSK_FRONT_PAGE in page


def test_another_person_is_not_affected(client, staff_user, ola):
    log_in(client, "kari")
    choose(client, "nn")
    client.post(reverse("logout"))
    own_browser = Client()

    # Ola, at the browser Kari used, and at his own: Bokmål, the default.
    log_in(client, "ola")
    log_in(own_browser, "ola")

    for browser in (client, own_browser):
        language, page = front_page(browser)
        assert language == "nb"
        assert BOKMAL_FRONT_PAGE in page


def test_switching_back_to_bokmal_is_kept_too(client, staff_user):
    log_in(client, "kari")
    choose(client, "nn")
    choose(client, "nb")

    other_browser = Client()
    log_in(other_browser, "kari")

    language, page = front_page(other_browser)
    assert language == "nb"
    assert BOKMAL_FRONT_PAGE in page


def test_a_language_the_intranet_does_not_offer_changes_nothing(client, staff_user):
    log_in(client, "kari")
    choose(client, "nn")

    response = choose(client, "de")

    assert response.status_code == 400
    other_browser = Client()
    log_in(other_browser, "kari")
    assert front_page(other_browser)[0] == "nn"
    assert front_page(client)[0] == "nn"


def test_the_publishing_tool_follows_the_same_choice(client, db):
    UserFactory(username="hilde", groups=[STAFF, EDITORS])
    log_in(client, "hilde")
    choose(client, "nn")

    # A browser without the language cookie: Wagtail reads the person's choice.
    other_browser = Client()
    log_in(other_browser, "hilde")
    other_browser.cookies.pop(settings.LANGUAGE_COOKIE_NAME)
    response = other_browser.get("/admin/")

    assert response.status_code == 200
    assert '<html lang="nn"' in response.content.decode()
