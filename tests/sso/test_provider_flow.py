"""Sign-in against a real OpenID Connect provider (oidc-provider on 127.0.0.1).

The whole flow runs over HTTP: the intranet's redirect, the provider's login and
consent pages, the callback, and the intranet's back-channel calls (discovery,
token with PKCE, JWKS, userinfo).
"""

import json
import time
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from intranet.core import roles
from intranet.sso.models import OidcIdentity
from tests.factories.core import UnitFactory, UserFactory
from tests.sso.conftest import drive_provider, local_path

pytestmark = [pytest.mark.sso, pytest.mark.django_db]

User = get_user_model()


@pytest.fixture
def units(db):
    return {
        "oppvekst": UnitFactory(slug="oppvekst", name="Oppvekst og utdanning"),
        "helse": UnitFactory(slug="helse", name="Helse og omsorg"),
    }


@pytest.fixture
def kari(oidc_provider):
    oidc_provider.set_account(
        "kari-oid-1",
        name="Kari Nordmann",
        given_name="Kari",
        family_name="Nordmann",
        email="kari.nordmann@kommune.example",
        preferred_username="kari.nordmann@kommune.example",
        department="Skole",
        groups=["intranett-redaktorer", "alle-ansatte", "Domain Admins"],
    )
    return "kari-oid-1"


def start(client, next_url=None):
    response = client.get("/sso/logg-inn/", {"next": next_url} if next_url else {})
    assert response.status_code == 302
    return response["Location"]


def sign_in(client, account):
    callback = drive_provider(start(client), login=account)
    return client.get(local_path(callback))


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_login_page_offers_the_municipality_account(client, sso_settings):
    response = client.get("/logg-inn/")
    assert "Logg inn med kommunens konto" in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_redirect_asks_for_pkce_state_and_nonce(client, sso_settings, oidc_provider):
    query = parse_qs(urlsplit(start(client)).query)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert query["state"] and query["nonce"]
    assert query["client_id"] == ["intranett"]
    assert query["redirect_uri"] == ["http://testserver/sso/callback/"]


def test_first_sign_in_creates_the_person_with_unit_and_groups(
    client, sso_settings, units, kari
):
    response = sign_in(client, kari)

    assert response.status_code == 302
    assert response["Location"] == "/"
    user = signed_in_user(client)
    assert user is not None
    assert user.get_full_name() == "Kari Nordmann"
    assert user.email == "kari.nordmann@kommune.example"
    assert not user.has_usable_password()
    assert not user.is_staff and not user.is_superuser
    assert user.profile.unit == units["oppvekst"]
    assert set(user.groups.values_list("name", flat=True)) == {
        roles.STAFF,
        roles.EDITORS,
    }
    identity = OidcIdentity.objects.get(user=user)
    assert (identity.issuer, identity.subject) == (sso_settings.SSO_ISSUER, kari)
    # The session is a real one: the front page answers without a new login.
    assert client.get("/").status_code == 200


def test_sign_in_returns_to_the_page_the_person_asked_for(
    client, sso_settings, units, kari
):
    callback = drive_provider(start(client, next_url="/saker/"), login=kari)
    assert client.get(local_path(callback))["Location"] == "/saker/"


def test_second_sign_in_updates_name_unit_and_groups(
    client, sso_settings, units, kari, oidc_provider
):
    sign_in(client, kari)
    user = signed_in_user(client)
    # Someone gave Kari a group by hand that the mapping does not manage.
    sso_settings.SSO_GROUP_MAP = "intranett-redaktorer=Redaktører"
    user.groups.add(Group.objects.get(name=roles.COMMUNICATION))
    client.post("/logg-ut/")

    oidc_provider.set_account(
        kari,
        name="Kari Nordmann Berg",
        given_name="Kari",
        family_name="Nordmann Berg",
        email="kari.berg@kommune.example",
        department="Helse og omsorg",
        groups=["alle-ansatte"],
    )
    sign_in(client, kari)

    again = signed_in_user(client)
    assert again.pk == user.pk
    assert User.objects.count() == 1
    assert again.get_full_name() == "Kari Nordmann Berg"
    assert again.email == "kari.berg@kommune.example"
    assert again.profile.unit == units["helse"]
    assert set(again.groups.values_list("name", flat=True)) == {
        roles.STAFF,
        roles.COMMUNICATION,
    }


def test_unknown_department_is_logged_and_left_empty(
    client, sso_settings, units, oidc_provider, caplog
):
    oidc_provider.set_account("ola-oid", name="Ola Nordmann", department="Brannvesen")
    sign_in(client, "ola-oid")
    user = signed_in_user(client)
    assert user.profile.unit is None
    assert "Brannvesen" in caplog.text


def test_same_email_as_a_local_account_makes_a_separate_person(
    client, sso_settings, units, kari
):
    local = UserFactory(username="kari.nordmann", email="kari.nordmann@kommune.example")
    sign_in(client, kari)
    user = signed_in_user(client)
    assert user.pk != local.pk
    assert not OidcIdentity.objects.filter(user=local).exists()


def test_logout_ends_the_session_here_and_at_the_provider(
    client, sso_settings, units, kari, oidc_provider
):
    sign_in(client, kari)
    response = client.post("/logg-ut/")

    assert signed_in_user(client) is None
    end_session = response["Location"]
    assert end_session.startswith(f"{oidc_provider.issuer}/session/end?")
    query = parse_qs(urlsplit(end_session).query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/logg-inn/"]
    # The provider accepts our id_token_hint and asks the person to confirm.
    page = requests.get(end_session, timeout=10)
    assert page.status_code == 200, page.text
    assert "logout" in page.text.lower()


def test_cancelled_sign_in_at_the_provider_is_explained(client, sso_settings):
    query = parse_qs(urlsplit(start(client)).query)
    response = client.get(
        "/sso/callback/", {"error": "access_denied", "state": query["state"][0]}
    )
    assert response.status_code == 400
    assert "avbrutt eller avvist" in response.content.decode()
    assert User.objects.count() == 0


# Refusals. Each shows a Norwegian message, logs nobody in and creates no account.


def assert_refused(response, words: str) -> None:
    assert response.status_code == 400
    assert words in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session
    assert User.objects.count() == 0
    assert OidcIdentity.objects.count() == 0


def test_wrong_state_is_refused(client, sso_settings, units, kari):
    callback = drive_provider(start(client), login=kari)
    parts = urlsplit(callback)
    query = parse_qs(parts.query)
    query["state"] = ["a-state-this-browser-never-started"]
    response = client.get(parts.path, {k: v[0] for k, v in query.items()})
    assert_refused(response, "kunne ikke knyttes til en innlogging")


def test_callback_from_another_issuer_is_refused(client, sso_settings, units, kari):
    callback = drive_provider(start(client), login=kari)
    parts = urlsplit(callback)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query["iss"] = "https://login.example.invalid"
    assert_refused(client.get(parts.path, query), "identitetsleverandør")


def payload_of(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def resign(provider, **changes):
    def change(token: str) -> str:
        return provider.sign({**payload_of(token), **changes})

    return change


def test_tampered_id_token_is_refused(client, tamperer, units, kari):
    def tamper(token: str) -> str:
        header, payload, signature = token.split(".")
        forged = jwt.utils.base64url_encode(
            json.dumps({**payload_of(token), "sub": "someone-else"}).encode()
        ).decode()
        return f"{header}.{forged}.{signature}"

    tamperer.change = tamper
    assert_refused(sign_in(client, kari), "kunne ikke bekreftes")


def test_id_token_signed_by_another_key_is_refused(client, tamperer, units, kari):
    from cryptography.hazmat.primitives.asymmetric import rsa

    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tamperer.change = lambda token: jwt.encode(
        payload_of(token), other, algorithm="RS256", headers={"kid": "other"}
    )
    assert_refused(sign_in(client, kari), "kunne ikke bekreftes")


def test_wrong_nonce_is_refused(client, tamperer, oidc_provider, units, kari):
    tamperer.change = resign(oidc_provider, nonce="a-nonce-from-another-sign-in")
    assert_refused(sign_in(client, kari), "hørte ikke til denne innloggingen")


def test_expired_id_token_is_refused(client, tamperer, oidc_provider, units, kari):
    now = int(time.time())
    tamperer.change = resign(oidc_provider, iat=now - 7200, exp=now - 3600)
    assert_refused(sign_in(client, kari), "er utløpt")


def test_unknown_issuer_is_refused(client, tamperer, oidc_provider, units, kari):
    tamperer.change = resign(oidc_provider, iss="https://login.example.invalid/other")
    assert_refused(sign_in(client, kari), "ikke stoler på")


def test_id_token_for_another_client_is_refused(
    client, tamperer, oidc_provider, units, kari
):
    tamperer.change = resign(oidc_provider, aud="another-app")
    assert_refused(sign_in(client, kari), "ment for en annen tjeneste")


def test_untouched_token_through_the_middle_still_signs_in(
    client, tamperer, units, kari
):
    """The man in the middle itself changes nothing unless told to."""
    sign_in(client, kari)
    assert signed_in_user(client) is not None


def without_azp(provider, **changes):
    def change(token: str) -> str:
        claims = {**payload_of(token), **changes}
        claims.pop("azp", None)
        return provider.sign(claims)

    return change


def test_id_token_for_several_audiences_without_azp_is_refused(
    client, tamperer, oidc_provider, units, kari
):
    tamperer.change = without_azp(oidc_provider, aud=["intranett", "another-app"])
    assert_refused(sign_in(client, kari), "ment for en annen tjeneste")


def test_id_token_issued_to_another_party_is_refused(
    client, tamperer, oidc_provider, units, kari
):
    tamperer.change = resign(
        oidc_provider, aud=["intranett", "another-app"], azp="another-app"
    )
    assert_refused(sign_in(client, kari), "ment for en annen tjeneste")


def test_id_token_for_several_audiences_issued_to_us_signs_in(
    client, tamperer, oidc_provider, units, kari
):
    tamperer.change = resign(
        oidc_provider, aud=["intranett", "another-app"], azp="intranett"
    )
    sign_in(client, kari)
    assert signed_in_user(client) is not None
