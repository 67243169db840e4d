"""SSO behaviour that needs no running provider: off by default, bad set-ups, a
provider that is down, and the local-login switch."""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import checks
from django.core.cache import cache

from intranet.sso.conf import ConfigError, parse_mapping, sso_config

pytestmark = pytest.mark.django_db


@pytest.fixture
def configured(settings):
    settings.SSO_ISSUER = "http://127.0.0.1:9"
    settings.SSO_DISCOVERY_URL = ""
    settings.SSO_CLIENT_ID = "intranett"
    settings.SSO_CLIENT_SECRET = "hemmelig"
    settings.SSO_HIDE_LOCAL_LOGIN = False
    settings.SSO_TIMEOUT = 2
    cache.clear()
    yield settings
    cache.clear()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_without_configuration_the_login_page_is_as_before(client):
    html = client.get("/logg-inn/").content.decode()
    assert "kommunens konto" not in html
    assert 'name="password"' in html
    assert client.get("/sso/logg-inn/").status_code == 404
    assert client.get("/sso/callback/?code=x&state=y").status_code == 404


def test_local_login_works_while_sso_is_off(client, staff_user):
    response = client.post("/logg-inn/", {"username": "kari", "password": "passord"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)


def test_provider_that_is_down_gives_a_norwegian_page_and_local_login_still_works(
    client, configured, staff_user
):
    configured.SSO_ISSUER = f"http://127.0.0.1:{closed_port()}"
    response = client.get("/sso/logg-inn/")
    assert response.status_code == 503
    html = response.content.decode()
    assert "svarer ikke akkurat nå" in html
    assert 'href="/logg-inn/"' in html

    login = client.post("/logg-inn/", {"username": "kari", "password": "passord"})
    assert login.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)


class DiscoveryServer:
    """Serves a discovery document of the test's choosing."""

    def __init__(self, document):
        server_self = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802
                body = json.dumps(server_self.document).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

        self.document = document
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize(
    "document",
    [
        {"issuer": "https://someone-else.example", "authorization_endpoint": "x"},
        {"issuer": "SELF"},
        ["not", "an", "object"],
    ],
    ids=["other issuer", "no endpoints", "not an object"],
)
def test_misconfigured_provider_gives_a_norwegian_page(client, configured, document):
    server = DiscoveryServer(document)
    try:
        if isinstance(document, dict) and document["issuer"] == "SELF":
            document["issuer"] = server.url
        configured.SSO_ISSUER = server.url
        response = client.get("/sso/logg-inn/")
    finally:
        server.close()
    assert response.status_code == 503
    assert "ikke satt opp riktig" in response.content.decode()


def test_callback_without_a_started_sign_in_is_refused(client, configured):
    response = client.get("/sso/callback/", {"code": "abc", "state": "made-up"})
    assert response.status_code == 400
    assert "kunne ikke knyttes til en innlogging" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_local_form_can_be_hidden_with_a_break_glass_door(
    client, configured, staff_user
):
    configured.SSO_HIDE_LOCAL_LOGIN = True
    html = client.get("/logg-inn/").content.decode()
    assert "Logg inn med kommunens konto" in html
    assert 'name="password"' not in html

    assert 'name="password"' in client.get("/logg-inn/?lokal=1").content.decode()
    response = client.post("/logg-inn/", {"username": "kari", "password": "passord"})
    assert response.status_code == 302


def test_logout_without_sso_session_is_local_only(staff_client, configured):
    response = staff_client.post("/logg-ut/")
    assert response["Location"] == "/logg-inn/"
    assert "_auth_user_id" not in staff_client.session


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", {}),
        (
            "Skole=oppvekst; Helse og omsorg = helse;",
            {"Skole": "oppvekst", "Helse og omsorg": "helse"},
        ),
        ('{"a1b2-guid": "Redaktører"}', {"a1b2-guid": "Redaktører"}),
    ],
)
def test_mappings_are_read_from_either_form(value, expected):
    assert parse_mapping(value, setting="X") == expected


@pytest.mark.parametrize("value", ["Skole", "=oppvekst", "{not json", "[1, 2]"])
def test_unreadable_mappings_are_reported(value, settings):
    with pytest.raises(ConfigError):
        parse_mapping(value, setting="OIDC_DEPARTMENT_MAP")
    settings.SSO_DEPARTMENT_MAP = value
    errors = checks.run_checks()
    assert any(error.id == "sso.E001" for error in errors)


def test_claims_cannot_grant_admin_groups(configured):
    configured.SSO_GROUP_MAP = "it-admins=Administratorer;red=Redaktører"
    errors = [e for e in checks.run_checks() if e.id.startswith("sso.")]
    assert [e.id for e in errors] == ["sso.E003"]
    assert "Administratorer" in errors[0].msg
    assert sso_config().managed_groups == {"Redaktører", "Ansatte"}


def test_plain_http_issuer_is_refused_except_on_this_machine(configured):
    configured.SSO_ISSUER = "http://login.kommune.example"
    assert "sso.E002" in [e.id for e in checks.run_checks()]
