"""The intranet is closed: everything but login and health needs a logged-in person."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/", "/forsiden/", "/sok/?q=barnehage", "/en-side-som-ikke-finnes/", "/admin/"],
)
def test_anonymous_visitor_is_sent_to_login(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert "next=" in response.url


def test_healthz_answers_without_login_and_checks_the_database(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_login_page_is_norwegian(client):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    assert response["Content-Language"] == "nb"
    content = response.content.decode()
    assert '<html lang="nb">' in content
    assert "Logg inn" in content
    assert "Brukernavn" in content


def test_login_takes_the_person_back_to_where_they_were_going(client, staff_user):
    response = client.post(
        reverse("login"), {"username": "kari", "password": "passord", "next": "/"}
    )

    assert response.status_code == 302
    assert response.url == "/"
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    ("username", "password"), [("kari", "feil"), ("finnes-ikke", "passord")]
)
def test_wrong_login_gives_the_same_norwegian_message(
    client, staff_user, username, password
):
    response = client.post(
        reverse("login"), {"username": username, "password": password}
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Feil brukernavn eller passord" in content
    assert "_auth_user_id" not in client.session


def test_logged_in_person_sees_the_norwegian_front_page(staff_client):
    response = staff_client.get("/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Hei, Kari" in content
    assert "Logg ut" in content
    assert 'href="#main"' in content  # skip link for keyboard users
    for link in ['href="/nyheter/">Nyheter<', 'href="/saker/">Saker<', ">Mine saker<"]:
        assert link in content


def test_logout_ends_the_session(staff_client):
    response = staff_client.post(reverse("logout"))

    assert response.status_code == 302
    assert staff_client.get("/").status_code == 302


def test_unknown_page_is_a_norwegian_404(staff_client):
    response = staff_client.get("/finnes-ikke/")

    assert response.status_code == 404
    assert "Fant ikke siden" in response.content.decode()


def test_an_english_browser_still_gets_norwegian(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response["Content-Language"] == "nb"
    assert "Brukernavn" in response.content.decode()


def test_a_person_can_choose_english(staff_client):
    staff_client.post(reverse("set_language"), {"language": "en", "next": "/"})

    response = staff_client.get("/")

    assert response["Content-Language"] == "en"
    assert "Log out" in response.content.decode()
