"""Brute-force protection on every password login form (django-axes)."""

import pytest

from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

LOGIN_FORMS = ["/logg-inn/", "/admin/login/", "/_util/login/"]
LOCKED_OUT = "For mange mislykkede innlogginger"


@pytest.fixture
def people(settings):
    settings.AXES_FAILURE_LIMIT = 5
    kari = UserFactory(username="kari")
    kari.set_password("riktig-passord")
    kari.save()
    ola = UserFactory(username="ola")
    ola.set_password("olas-passord")
    ola.save()
    return kari, ola


def attempt(client, url, username, password, address="10.0.0.7"):
    return client.post(
        url,
        {"username": username, "password": password},
        HTTP_X_FORWARDED_FOR=address,
    )


def logged_in_as(client) -> str | None:
    from django.contrib.auth import get_user

    user = get_user(client)
    return user.username if user.is_authenticated else None


@pytest.mark.parametrize("url", LOGIN_FORMS)
def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, people, url):
    for number in range(4):
        response = attempt(client, url, "kari", f"gjett-{number}")
        assert response.status_code == 200
        assert LOCKED_OUT not in response.content.decode()
    # The fifth wrong password is the one that locks.
    assert attempt(client, url, "kari", "gjett-5").status_code == 429

    response = attempt(client, url, "kari", "riktig-passord")

    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED_OUT in html
    assert "Prøv igjen om 15 minutter" in html
    assert logged_in_as(client) is None


@pytest.mark.parametrize("url", LOGIN_FORMS)
def test_a_locked_out_username_does_not_lock_out_a_colleague(client, people, url):
    for number in range(6):
        attempt(client, url, "kari", f"gjett-{number}")

    response = attempt(client, url, "ola", "olas-passord")

    assert response.status_code == 302
    assert logged_in_as(client) == "ola"


def test_the_same_username_from_another_address_can_still_log_in(client, people):
    for number in range(6):
        attempt(client, "/logg-inn/", "kari", f"gjett-{number}", address="10.6.6.6")

    response = attempt(client, "/logg-inn/", "kari", "riktig-passord")

    assert response.status_code == 302
    assert logged_in_as(client) == "kari"


def test_a_successful_login_clears_the_count(client, people):
    for number in range(4):
        attempt(client, "/logg-inn/", "kari", f"gjett-{number}")
    assert attempt(client, "/logg-inn/", "kari", "riktig-passord").status_code == 302
    client.logout()

    for number in range(4):
        attempt(client, "/logg-inn/", "kari", f"igjen-{number}")
    response = attempt(client, "/logg-inn/", "kari", "riktig-passord")

    assert response.status_code == 302
    assert logged_in_as(client) == "kari"


def test_the_lockout_ends_after_the_cool_off(client, people):
    import datetime

    import time_machine

    for number in range(6):
        attempt(client, "/logg-inn/", "kari", f"gjett-{number}")
    assert attempt(client, "/logg-inn/", "kari", "riktig-passord").status_code == 429

    with time_machine.travel(
        datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(minutes=16)
    ):
        response = attempt(client, "/logg-inn/", "kari", "riktig-passord")

    assert response.status_code == 302


def test_a_forwarded_address_is_believed_only_from_the_proxy(client, people):
    """Someone talking to the app directly cannot dodge the lockout by writing
    a new X-Forwarded-For on every attempt."""
    for number in range(6):
        client.post(
            "/logg-inn/",
            {"username": "kari", "password": f"gjett-{number}"},
            REMOTE_ADDR="192.0.2.10",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}",
        )

    response = client.post(
        "/logg-inn/",
        {"username": "kari", "password": "riktig-passord"},
        REMOTE_ADDR="192.0.2.10",
        HTTP_X_FORWARDED_FOR="10.0.0.99",
    )

    assert response.status_code == 429
